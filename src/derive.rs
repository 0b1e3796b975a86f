//! Compute: what the records imply but never state — repair and finding status on a
//! given day, where each purchase waits, which records name which, and the records
//! grouped by location and by month. Built once; the site only reads it.

use crate::amount::Amount;
use crate::model::{Inspection, Month, Purchase, Records, RepairStatus};
use chrono::NaiveDate;
use std::collections::{BTreeMap, HashMap};

/// Where a finding stands on the day in question.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FindingStatus {
    /// Rectified on or before the day.
    Rectified,
    /// Not rectified, not yet due.
    Open,
    /// Not rectified and past its due date.
    Overdue,
}

/// The steps of a purchase (申请 → 报批 → 购买 → 入库 → 领取).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Stage {
    /// Requested, waiting for approval.
    Requested,
    /// Approved, waiting to be bought.
    Approved,
    /// Bought, waiting to be received.
    Purchased,
    /// Received into stock, waiting to be issued.
    Received,
    /// Issued: done.
    Issued,
}

impl Stage {
    /// The last step a purchase has reached.
    pub fn of(p: &Purchase) -> Stage {
        match (&p.approved, &p.purchased, &p.received, &p.issued) {
            (_, _, _, Some(_)) => Stage::Issued,
            (_, _, Some(_), None) => Stage::Received,
            (_, Some(_), None, None) => Stage::Purchased,
            (Some(_), None, None, None) => Stage::Approved,
            _ => Stage::Requested,
        }
    }
}

/// The due date of a finding: its own, or the inspection's date plus the default.
pub fn finding_due(x: &Inspection, n: usize, default_days: u32) -> NaiveDate {
    let finding = &x.findings[n];
    finding
        .due
        .as_ref()
        .map_or_else(|| *x.date + chrono::Days::new(default_days.into()), |d| **d)
}

/// Indexes into the record vectors of [`Records`].
pub type Idx = usize;

/// The records that name one place.
#[derive(Clone, Debug, Default)]
pub struct AtLocation {
    /// Assets kept there.
    pub assets: Vec<Idx>,
    /// Repairs reported there.
    pub repairs: Vec<Idx>,
    /// Inspections held there.
    pub inspections: Vec<Idx>,
}

/// What happened in one calendar month.
#[derive(Clone, Debug, Default)]
pub struct InMonth {
    /// The month's budget, if one was written.
    pub budget: Option<Idx>,
    /// Actual spending per category (purchases by `purchased`, repairs by `fixed`).
    pub actual: BTreeMap<String, Amount>,
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

/// Actual spending per month and category: purchase totals by `purchased` date and
/// category, plus repair costs by `fixed` date under `rules.repair_category`.
pub fn actual_spending(records: &Records) -> BTreeMap<Month, BTreeMap<String, Amount>> {
    let mut out: BTreeMap<Month, BTreeMap<String, Amount>> = BTreeMap::new();
    for p in &records.purchases {
        if let Some(day) = &p.purchased {
            *out.entry(Month::of(**day))
                .or_default()
                .entry(p.category.clone())
                .or_default() += p.total();
        }
    }
    let repair_category = &records.config.rules.repair_category;
    for r in &records.repairs {
        if let (Some(day), Some(cost)) = (&r.fixed, r.cost) {
            *out.entry(Month::of(**day))
                .or_default()
                .entry(repair_category.clone())
                .or_default() += cost;
        }
    }
    out
}

/// Everything derived from the records, as of one day.
#[derive(Clone, Debug)]
pub struct Derived {
    /// The day statuses are computed for.
    pub today: NaiveDate,
    /// Status of each repair, by index.
    pub repair_status: Vec<RepairStatus>,
    /// Whether each repair is overdue, by index.
    pub repair_overdue: Vec<bool>,
    /// Status of each finding, by inspection index then finding index.
    pub finding_status: Vec<Vec<FindingStatus>>,
    /// The stage of each purchase, by index.
    pub stage: Vec<Stage>,
    /// Assets per purchase id.
    pub assets_of_purchase: HashMap<String, Vec<Idx>>,
    /// Repairs per asset id.
    pub repairs_of_asset: HashMap<String, Vec<Idx>>,
    /// Audit lines `(inspection, line)` per asset id.
    pub audits_of_asset: HashMap<String, Vec<(Idx, Idx)>>,
    /// Findings `(inspection, finding)` per repair id.
    pub findings_of_repair: HashMap<String, Vec<(Idx, Idx)>>,
    /// Records per location name.
    pub locations: BTreeMap<String, AtLocation>,
    /// Records per month.
    pub months: BTreeMap<Month, InMonth>,
}

impl Derived {
    /// Derives everything for the records, as of `today`.
    pub fn new(records: &Records, today: NaiveDate) -> Derived {
        let rules = &records.config.rules;
        let mut d = Derived {
            today,
            repair_status: records.repairs.iter().map(|r| r.status_on(today)).collect(),
            repair_overdue: records
                .repairs
                .iter()
                .map(|r| r.overdue_on(today, rules.repair_overdue_days))
                .collect(),
            finding_status: records
                .inspections
                .iter()
                .map(|x| {
                    (0..x.findings.len())
                        .map(|n| match &x.findings[n].rectified {
                            Some(day) if **day <= today => FindingStatus::Rectified,
                            _ if finding_due(x, n, rules.rectify_default_days) < today => {
                                FindingStatus::Overdue
                            }
                            _ => FindingStatus::Open,
                        })
                        .collect()
                })
                .collect(),
            stage: records.purchases.iter().map(Stage::of).collect(),
            assets_of_purchase: HashMap::new(),
            repairs_of_asset: HashMap::new(),
            audits_of_asset: HashMap::new(),
            findings_of_repair: HashMap::new(),
            locations: BTreeMap::new(),
            months: BTreeMap::new(),
        };
        for (i, a) in records.assets.iter().enumerate() {
            if let Some(p) = &a.purchase {
                d.assets_of_purchase
                    .entry(p.to_string())
                    .or_default()
                    .push(i);
            }
            d.locations
                .entry(a.location.clone())
                .or_default()
                .assets
                .push(i);
        }
        for (i, r) in records.repairs.iter().enumerate() {
            if let Some(a) = &r.asset {
                d.repairs_of_asset.entry(a.to_string()).or_default().push(i);
            }
            d.locations
                .entry(r.location.clone())
                .or_default()
                .repairs
                .push(i);
            d.months
                .entry(Month::of(*r.reported))
                .or_default()
                .reported
                .push(i);
            if let Some(fixed) = &r.fixed {
                d.months
                    .entry(Month::of(**fixed))
                    .or_default()
                    .fixed
                    .push(i);
            }
        }
        for (i, x) in records.inspections.iter().enumerate() {
            for (n, entry) in x.audit.iter().flat_map(|a| a.iter()).enumerate() {
                d.audits_of_asset
                    .entry(entry.asset.to_string())
                    .or_default()
                    .push((i, n));
            }
            for (n, f) in x.findings.iter().enumerate() {
                if let Some(r) = &f.repair {
                    d.findings_of_repair
                        .entry(r.to_string())
                        .or_default()
                        .push((i, n));
                }
            }
            if let Some(location) = &x.location {
                d.locations
                    .entry(location.clone())
                    .or_default()
                    .inspections
                    .push(i);
            }
            d.months
                .entry(Month::of(*x.date))
                .or_default()
                .inspections
                .push(i);
        }
        for (i, p) in records.purchases.iter().enumerate() {
            d.months
                .entry(Month::of(*p.requested))
                .or_default()
                .requested
                .push(i);
            if let Some(day) = &p.purchased {
                d.months
                    .entry(Month::of(**day))
                    .or_default()
                    .purchased
                    .push(i);
            }
        }
        for (i, b) in records.budgets.iter().enumerate() {
            d.months.entry(b.month).or_default().budget = Some(i);
        }
        for (month, actual) in actual_spending(records) {
            d.months.entry(month).or_default().actual = actual;
        }
        d
    }
}
