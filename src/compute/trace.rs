//! The records behind a semester's counts and sums: for each set a figure counts or
//! sums (the assets on the books, the repairs fixed within it, the spending in its
//! months …), the records in it, worked out once with the rules of [`crate::status`].
//! The semester's figures are counted and summed from these lists
//! ([`super::stats`]), and the site lists them on a page per figure, so that every
//! figure can be read back to its records.

use super::audit::{AuditLine, Cards};
use super::{Idx, Spent};
use crate::model::{Kind, Month, Records};
use crate::status;
use chrono::NaiveDate;

/// The records behind one semester's figures (indexes into the records of the day in
/// question), each list in record order.
#[derive(Clone, Debug, Default)]
pub struct Traced {
    /// Assets on the books on the semester's day: `stats.assets`.
    pub books: Vec<Idx>,
    /// Assets acquired within it: `stats.assets.added`.
    pub added: Vec<Idx>,
    /// Assets disposed within it: `stats.assets.disposed`.
    pub disposed: Vec<Idx>,
    /// Repairs reported within it: `stats.repairs.reported`, `by_class`.
    pub reported: Vec<Idx>,
    /// Repairs fixed within it: `stats.repairs.fixed`, `cost`, `median_days`.
    pub fixed: Vec<Idx>,
    /// Repairs verified within it: `stats.repairs.verified`.
    pub verified: Vec<Idx>,
    /// Purchases requested within it: `stats.purchases`.
    pub purchases: Vec<Idx>,
    /// Inspections dated within it: `stats.inspections.count`, `by_type`.
    pub inspections: Vec<Idx>,
    /// Incidents dated within it: `stats.incidents`.
    pub incidents: Vec<Idx>,
    /// Events dated within it: `stats.events`.
    pub events: Vec<Idx>,
    /// Works projects started within it: `stats.projects.started`.
    pub started: Vec<Idx>,
    /// Works projects completed within it: `stats.projects.completed`.
    pub completed: Vec<Idx>,
    /// Works projects accepted within it: `stats.projects.accepted`.
    pub accepted: Vec<Idx>,
    /// Contracts active on its day: `stats.contracts.active`, `.active_amount`.
    pub active: Vec<Idx>,
    /// Contracts signed within it: `stats.contracts.signed`.
    pub signed: Vec<Idx>,
    /// Rules in force on its day: `stats.rules.in_force`, `.in_force_by_area`.
    pub in_force: Vec<Idx>,
    /// Rules adopted within it: `stats.rules.adopted`.
    pub adopted: Vec<Idx>,
    /// Rules revised at least once within it: `stats.rules.revised`.
    pub revised: Vec<Idx>,
    /// The audit lines of the asset audits dated within it, with what each says:
    /// `stats.inspections.audit` (`checked`, and `missing`, `moved`, `short` of those
    /// that say so).
    pub audit: Vec<AuditLine>,
    /// Spending dated in its months, by the day in question, as `(kind, record)` in
    /// the order of its dates: `stats.budget.actual` ([`Spent::of`]).
    pub spending: Vec<(Kind, Idx)>,
    /// Budget lines of its months begun by its budget day, as `(budget, category)`:
    /// `stats.budget.planned`.
    pub planned: Vec<(Idx, String)>,
}

impl Traced {
    /// The lists of a semester from `start` to its `day`, holding `months` (its budget
    /// figures taken on `budget_day`); `cards` are the assets of `records` by id.
    pub fn of(
        records: &Records,
        cards: &Cards,
        start: NaiveDate,
        day: NaiveDate,
        months: &[Month],
        budget_day: NaiveDate,
    ) -> Traced {
        let within = |date: NaiveDate| status::in_window(date, start, day);
        let (assets, repairs) = (&records.assets, &records.repairs);
        let (projects, contracts, rules) = (&records.projects, &records.contracts, &records.rules);
        let mut spending: Vec<Spent> = super::spending(records)
            .filter(|s| months.contains(&Month::of(s.date)))
            .collect();
        spending.sort_by_key(|s| (s.date, s.kind, s.idx));
        let spending = spending.iter().map(|s| (s.kind, s.idx)).collect();
        let inspections = indexes(records.inspections.len(), |i| {
            within(*records.inspections[i].date)
        });
        let audit = cards.lines(records, inspections.iter().copied());
        Traced {
            books: indexes(assets.len(), |i| status::on_books(&assets[i], day)),
            added: indexes(assets.len(), |i| within(*assets[i].acquired)),
            disposed: indexes(assets.len(), |i| {
                status::disposed_within(&assets[i], start, day)
            }),
            reported: indexes(repairs.len(), |i| within(*repairs[i].reported)),
            fixed: indexes(repairs.len(), |i| {
                status::fixed_within(&repairs[i], start, day)
            }),
            verified: indexes(repairs.len(), |i| {
                status::verified_within(&repairs[i], start, day)
            }),
            purchases: indexes(records.purchases.len(), |i| {
                within(*records.purchases[i].requested)
            }),
            inspections,
            audit,
            incidents: indexes(records.incidents.len(), |i| {
                within(*records.incidents[i].date)
            }),
            events: indexes(records.events.len(), |i| within(*records.events[i].date)),
            started: indexes(projects.len(), |i| within(*projects[i].started)),
            completed: indexes(projects.len(), |i| {
                status::completed_within(&projects[i], start, day)
            }),
            accepted: indexes(projects.len(), |i| {
                status::accepted_within(&projects[i], start, day)
            }),
            active: indexes(contracts.len(), |i| {
                status::contract_active(&contracts[i], day)
            }),
            signed: indexes(contracts.len(), |i| within(*contracts[i].signed)),
            in_force: indexes(rules.len(), |i| status::in_force(&rules[i], day)),
            adopted: indexes(rules.len(), |i| within(*rules[i].adopted)),
            revised: indexes(rules.len(), |i| {
                status::revised_within(&rules[i], start, day)
            }),
            spending,
            planned: records
                .budgets
                .iter()
                .enumerate()
                .filter(|(_, b)| {
                    months.contains(&b.month) && status::month_begun(b.month, budget_day)
                })
                .flat_map(|(i, b)| b.lines.keys().map(move |c| (i, c.clone())))
                .collect(),
        }
    }
}

/// The indexes below `n` that `keep` keeps, in order.
fn indexes(n: usize, keep: impl Fn(Idx) -> bool) -> Vec<Idx> {
    (0..n).filter(|&i| keep(i)).collect()
}
