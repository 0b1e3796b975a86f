//! Which records name which, both ways, and the records gathered by location and by
//! calendar month (with each month's budget against its spending per category).

use super::Idx;
use crate::amount::Amount;
use crate::kinds::{Record, dispatch};
use crate::model::{Kind, Month, Records};
use std::collections::{BTreeMap, HashMap};

/// Links between records, the other way round from how they are written.
#[derive(Clone, Debug, Default)]
pub struct Links {
    /// Assets per purchase id.
    pub assets_of_purchase: HashMap<String, Vec<Idx>>,
    /// Repairs per asset id.
    pub repairs_of_asset: HashMap<String, Vec<Idx>>,
    /// Audit lines `(inspection, line)` per asset id.
    pub audits_of_asset: HashMap<String, Vec<(Idx, Idx)>>,
    /// Findings `(inspection, finding)` per repair id.
    pub findings_of_repair: HashMap<String, Vec<(Idx, Idx)>>,
    /// The records of kinds that are listed on the pages of what they name
    /// ([`crate::kinds::KindInfo::listed_where_named`]), per kind and id named.
    pub named_by: HashMap<(Kind, String), Vec<(Kind, Idx)>>,
}

/// The records that name one place, per kind (of the kinds whose records have places).
pub type AtLocation = BTreeMap<Kind, Vec<Idx>>;

/// A budget line against its spending.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Planned {
    /// Budget lines.
    pub planned: Amount,
    /// Actual spending.
    pub actual: Amount,
}

impl Planned {
    /// What is left of the budget: planned − actual (negative when overspent).
    pub fn left(self) -> Amount {
        self.planned - self.actual
    }
}

/// What happened in one calendar month.
#[derive(Clone, Debug, Default)]
pub struct InMonth {
    /// The month's budget, if one was written.
    pub budget: Option<Idx>,
    /// Budget against spending per category (purchases by `purchased`, repairs by
    /// `fixed` under `rules.repair_category`).
    pub lines: BTreeMap<String, Planned>,
    /// The same over all categories.
    pub total: Planned,
    /// Repairs reported in the month.
    pub reported: Vec<Idx>,
    /// Repairs fixed in the month.
    pub fixed: Vec<Idx>,
    /// Purchases requested in the month.
    pub requested: Vec<Idx>,
    /// Purchases bought in the month.
    pub purchased: Vec<Idx>,
    /// Inspections held in the month.
    pub inspections: Vec<Idx>,
}

/// Links both ways, by location and by month.
#[derive(Clone, Debug, Default)]
pub struct Gathered {
    /// Links both ways.
    pub links: Links,
    /// Records per location name.
    pub locations: BTreeMap<String, AtLocation>,
    /// Records per month.
    pub months: BTreeMap<Month, InMonth>,
}

/// Gathers the records (as of the day in question).
pub fn gather(records: &Records) -> Gathered {
    let mut g = Gathered::default();
    // Every room and building of the register has its page, with records or not.
    for name in records.register.iter().flat_map(|r| r.names()) {
        g.locations.entry(name.to_owned()).or_default();
    }
    for kind in Kind::ALL {
        let listed = kind.info().listed_where_named;
        dispatch!(kind, K => for (i, r) in K::all(records).iter().enumerate() {
            for location in r.locations() {
                let at = g.locations.entry(location.name.value.clone()).or_default();
                at.entry(kind).or_default().push(i);
            }
            for named in listed.then(|| r.references()).into_iter().flatten() {
                let at = g.links.named_by.entry((named.kind, named.id.to_string()));
                at.or_default().push((kind, i));
            }
        });
    }
    let (links, months) = (&mut g.links, &mut g.months);
    for (i, a) in records.assets.iter().enumerate() {
        if let Some(p) = &a.purchase {
            let at = links.assets_of_purchase.entry(p.to_string());
            at.or_default().push(i);
        }
    }
    for (i, r) in records.repairs.iter().enumerate() {
        if let Some(a) = &r.asset {
            links
                .repairs_of_asset
                .entry(a.to_string())
                .or_default()
                .push(i);
        }
        months
            .entry(Month::of(*r.reported))
            .or_default()
            .reported
            .push(i);
        if let Some(fixed) = &r.fixed {
            months.entry(Month::of(**fixed)).or_default().fixed.push(i);
        }
    }
    for (i, x) in records.inspections.iter().enumerate() {
        for (n, entry) in x.audit.iter().flat_map(|a| a.iter()).enumerate() {
            let at = links.audits_of_asset.entry(entry.asset.to_string());
            at.or_default().push((i, n));
        }
        for (n, f) in x.findings.iter().enumerate() {
            if let Some(r) = &f.repair {
                let at = links.findings_of_repair.entry(r.to_string());
                at.or_default().push((i, n));
            }
        }
        months
            .entry(Month::of(*x.date))
            .or_default()
            .inspections
            .push(i);
    }
    for (i, p) in records.purchases.iter().enumerate() {
        months
            .entry(Month::of(*p.requested))
            .or_default()
            .requested
            .push(i);
        if let Some(day) = &p.purchased {
            months
                .entry(Month::of(**day))
                .or_default()
                .purchased
                .push(i);
        }
    }
    for (i, b) in records.budgets.iter().enumerate() {
        let m = months.entry(b.month).or_default();
        m.budget = Some(i);
        for (category, amount) in &b.lines {
            m.lines.entry(category.clone()).or_default().planned += *amount;
            m.total.planned += *amount;
        }
    }
    for spent in super::spending(records) {
        let m = months.entry(Month::of(spent.date)).or_default();
        m.lines.entry(spent.category.to_owned()).or_default().actual += spent.amount;
        m.total.actual += spent.amount;
    }
    g
}
