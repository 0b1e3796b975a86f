//! Compute: a semester's figures, the `stats` object that summaries and pages show.
//!
//! Every name of FORMAT.md's stats table is here with exactly its meaning; the rest
//! (`by_class`, `tenders`, `by_month` …) are additions. Every `by_*` table has a key for
//! every value seen in the records (and every method and inspection type), so that a
//! narrative can name a figure that happens to be zero this semester.

use crate::amount::Amount;
use crate::derive::actual_spending;
use crate::model::{InspectionType, Method, Month, Records, Semester};
use std::collections::BTreeMap;

/// Cards, items and value of some assets.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Tally {
    /// Cards (records).
    pub count: usize,
    /// Items (the sum of quantities).
    pub quantity: u64,
    /// Quantity × unit price, summed.
    pub value: Amount,
}

impl Tally {
    fn add(&mut self, quantity: u32, value: Amount) {
        self.count += 1;
        self.quantity += u64::from(quantity);
        self.value += value;
    }
}

/// Assets acquired within the semester, in all and per category.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize)]
pub struct Added {
    /// Cards acquired.
    pub count: usize,
    /// Items acquired.
    pub quantity: u64,
    /// Their value.
    pub value: Amount,
    /// The same per category.
    pub by_category: BTreeMap<String, Tally>,
}

/// `stats.assets`.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize)]
pub struct AssetStats {
    /// Cards on the books at the semester's end.
    pub count: usize,
    /// Items on the books at the semester's end.
    pub quantity: u64,
    /// Their value.
    pub value: Amount,
    /// On the books at the end, per category.
    pub by_category: BTreeMap<String, Tally>,
    /// Acquired within the semester.
    pub added: Added,
    /// Disposed within the semester.
    pub disposed: Tally,
}

/// `stats.repairs`.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize)]
pub struct RepairStats {
    /// Tickets reported within the semester.
    pub reported: usize,
    /// Tickets fixed within the semester.
    pub fixed: usize,
    /// Tickets verified within the semester.
    pub verified: usize,
    /// Tickets reported by the end and not fixed by then.
    pub open: usize,
    /// Of the open ones, those older than `repair_overdue_days` at the end.
    pub overdue: usize,
    /// Cost of the tickets fixed within the semester.
    pub cost: Amount,
    /// Median days from reported to fixed, over tickets fixed within; `null` if none.
    pub median_days: Option<f64>,
    /// Tickets reported within the semester per responsible class.
    pub by_class: BTreeMap<String, usize>,
}

/// Count and total of some purchases.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct PurchaseTally {
    /// How many.
    pub count: usize,
    /// Their total.
    pub total: Amount,
}

/// A tender of the semester, for the summary's list.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Tender {
    /// The purchase id.
    pub id: String,
    /// What was bought.
    pub title: String,
    /// The total.
    pub total: Amount,
    /// The supplier, once bought.
    pub vendor: Option<String>,
    /// How many bids there were.
    pub bids: usize,
}

/// `stats.purchases`.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize)]
pub struct PurchaseStats {
    /// Purchases requested within the semester.
    pub count: usize,
    /// Their total.
    pub total: Amount,
    /// The same per method (every method present).
    pub by_method: BTreeMap<String, PurchaseTally>,
    /// The same per category.
    pub by_category: BTreeMap<String, PurchaseTally>,
    /// The tenders among them, by id.
    pub tenders: Vec<Tender>,
}

/// Findings of the semester's inspections.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct FindingStats {
    /// All findings.
    pub total: usize,
    /// Rectified by the semester's end.
    pub rectified: usize,
    /// Not rectified by the end.
    pub open: usize,
}

/// `stats.inspections`.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize)]
pub struct InspectionStats {
    /// Inspections dated within the semester.
    pub count: usize,
    /// Per type (every type present).
    pub by_type: BTreeMap<String, usize>,
    /// Their findings.
    pub findings: FindingStats,
}

/// Budget and actual spending of a month or a category.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Planned {
    /// Budget lines.
    pub planned: Amount,
    /// Actual spending.
    pub actual: Amount,
}

/// `stats.budget`.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize)]
pub struct BudgetStats {
    /// Budget lines over the semester's months.
    pub planned: Amount,
    /// Actual spending over the semester's months.
    pub actual: Amount,
    /// Per month (`YYYY-MM`).
    pub by_month: BTreeMap<String, Planned>,
    /// Per category.
    pub by_category: BTreeMap<String, Planned>,
}

/// The `stats` object of one semester.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize)]
pub struct Stats {
    /// Fixed assets.
    pub assets: AssetStats,
    /// Repairs.
    pub repairs: RepairStats,
    /// Purchases.
    pub purchases: PurchaseStats,
    /// Inspections.
    pub inspections: InspectionStats,
    /// Budget against actual.
    pub budget: BudgetStats,
}

/// The semester with this id.
pub fn find<'r>(records: &'r Records, id: &str) -> Option<&'r Semester> {
    records.config.semesters.iter().find(|s| *s.id == id)
}

/// The latest semester: the one that starts last.
pub fn latest(records: &Records) -> Option<&Semester> {
    records.config.semesters.iter().max_by_key(|s| *s.start)
}

/// The semester that holds a month: the one that holds its 15th day.
pub fn holds_month(semester: &Semester, month: Month) -> bool {
    month.day(15).is_some_and(|d| semester.contains(d))
}

/// The median of some day counts; `None` when there are none.
fn median(mut days: Vec<i64>) -> Option<f64> {
    days.sort_unstable();
    let n = days.len();
    match n {
        0 => None,
        _ if n % 2 == 1 => Some(days[n / 2] as f64),
        _ => Some((days[n / 2 - 1] + days[n / 2]) as f64 / 2.0),
    }
}

/// The figures of every semester of `zongwu.toml`, in its order, computed in parallel.
pub fn all(records: &Records) -> Vec<Stats> {
    use rayon::prelude::*;
    records
        .config
        .semesters
        .par_iter()
        .map(|s| semester_stats(records, s))
        .collect()
}

/// Computes the figures of one semester.
pub fn semester_stats(records: &Records, semester: &Semester) -> Stats {
    Stats {
        assets: assets(records, semester),
        repairs: repairs(records, semester),
        purchases: purchases(records, semester),
        inspections: inspections(records, semester),
        budget: budget(records, semester),
    }
}

fn assets(records: &Records, s: &Semester) -> AssetStats {
    let end = *s.end;
    let mut out = AssetStats::default();
    for category in records.assets.iter().map(|a| &a.category) {
        out.by_category.entry(category.clone()).or_default();
        out.added.by_category.entry(category.clone()).or_default();
    }
    for a in &records.assets {
        let value = a.value();
        if a.on_books(end) {
            out.count += 1;
            out.quantity += u64::from(a.quantity);
            out.value += value;
            out.by_category
                .entry(a.category.clone())
                .or_default()
                .add(a.quantity, value);
        }
        if s.contains(*a.acquired) {
            out.added.count += 1;
            out.added.quantity += u64::from(a.quantity);
            out.added.value += value;
            out.added
                .by_category
                .entry(a.category.clone())
                .or_default()
                .add(a.quantity, value);
        }
        if a.disposed.as_ref().is_some_and(|d| s.contains(**d)) {
            out.disposed.add(a.quantity, value);
        }
    }
    out
}

fn repairs(records: &Records, s: &Semester) -> RepairStats {
    let end = *s.end;
    let overdue_days = records.config.rules.repair_overdue_days;
    let mut out = RepairStats::default();
    for class in records
        .repairs
        .iter()
        .filter_map(|r| r.responsible_class.as_ref())
    {
        out.by_class.entry(class.clone()).or_default();
    }
    let mut days = Vec::new();
    for r in &records.repairs {
        let within = |d: &Option<crate::model::Field<chrono::NaiveDate>>| {
            d.as_ref().is_some_and(|d| s.contains(**d))
        };
        if s.contains(*r.reported) {
            out.reported += 1;
            if let Some(class) = &r.responsible_class {
                *out.by_class.entry(class.clone()).or_default() += 1;
            }
        }
        if within(&r.fixed) {
            out.fixed += 1;
            out.cost += r.cost.unwrap_or_default();
            if let Some(fixed) = &r.fixed {
                days.push((**fixed - *r.reported).num_days());
            }
        }
        if within(&r.verified) {
            out.verified += 1;
        }
        if *r.reported <= end && r.fixed.as_ref().is_none_or(|f| **f > end) {
            out.open += 1;
            if (end - *r.reported).num_days() > i64::from(overdue_days) {
                out.overdue += 1;
            }
        }
    }
    out.median_days = median(days);
    out
}

fn purchases(records: &Records, s: &Semester) -> PurchaseStats {
    let mut out = PurchaseStats::default();
    for method in Method::NAMES {
        out.by_method
            .insert((*method).to_owned(), PurchaseTally::default());
    }
    for category in records.purchases.iter().map(|p| &p.category) {
        out.by_category.entry(category.clone()).or_default();
    }
    for p in records
        .purchases
        .iter()
        .filter(|p| s.contains(*p.requested))
    {
        let total = p.total();
        out.count += 1;
        out.total += total;
        for tally in [
            out.by_method
                .entry(p.method.as_str().to_owned())
                .or_default(),
            out.by_category.entry(p.category.clone()).or_default(),
        ] {
            tally.count += 1;
            tally.total += total;
        }
        if *p.method == Method::Tender {
            out.tenders.push(Tender {
                id: p.origin.id.to_string(),
                title: p.title.clone(),
                total,
                vendor: p.vendor.as_ref().map(|v| v.to_string()),
                bids: p.bids.as_ref().map_or(0, |b| b.len()),
            });
        }
    }
    out.tenders.sort_by(|a, b| a.id.cmp(&b.id));
    out
}

fn inspections(records: &Records, s: &Semester) -> InspectionStats {
    let end = *s.end;
    let mut out = InspectionStats::default();
    for t in InspectionType::NAMES {
        out.by_type.insert((*t).to_owned(), 0);
    }
    for x in records.inspections.iter().filter(|x| s.contains(*x.date)) {
        out.count += 1;
        *out.by_type.entry(x.kind.as_str().to_owned()).or_default() += 1;
        for f in &x.findings {
            out.findings.total += 1;
            if f.rectified.as_ref().is_some_and(|d| **d <= end) {
                out.findings.rectified += 1;
            } else {
                out.findings.open += 1;
            }
        }
    }
    out
}

fn budget(records: &Records, s: &Semester) -> BudgetStats {
    let mut out = BudgetStats::default();
    let mut months: BTreeMap<Month, Planned> = BTreeMap::new();
    for b in records.budgets.iter().filter(|b| holds_month(s, b.month)) {
        for (category, amount) in &b.lines {
            months.entry(b.month).or_default().planned += *amount;
            out.by_category.entry(category.clone()).or_default().planned += *amount;
        }
        months.entry(b.month).or_default();
    }
    for (month, spent) in actual_spending(records)
        .into_iter()
        .filter(|(m, _)| holds_month(s, *m))
    {
        for (category, amount) in spent {
            months.entry(month).or_default().actual += amount;
            out.by_category.entry(category).or_default().actual += amount;
        }
    }
    for (month, planned) in months {
        out.planned += planned.planned;
        out.actual += planned.actual;
        out.by_month.insert(month.to_string(), planned);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::median;

    #[test]
    fn median_of_odd_even_and_none() {
        assert_eq!(median(vec![]), None);
        assert_eq!(median(vec![5, 1, 3]), Some(3.0));
        assert_eq!(median(vec![4, 1, 3, 2]), Some(2.5));
    }
}
