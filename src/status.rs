//! The rules of the day in question: where each record stands on a given day. Every
//! status and every "has it happened yet" in zongwu is decided here, with the day as
//! an argument, so that one question has one answer on every page.
//!
//! - A record whose first date (`acquired`, `reported`, `requested`, an inspection's
//!   `date`) is after the day does not exist yet on it ([`as_of`] leaves it out).
//! - A later date inside a record (`fixed`, `verified`, `approved`, `purchased`,
//!   `received`, `issued`, `rectified`, `disposed`) has not happened yet on the day.
//! - A semester's day is its end, or the day in question if that is earlier.

use crate::model::{
    Asset, Config, Field, Inspection, Month, Origin, Purchase, Records, Repair, Rules, Semester,
};
use chrono::NaiveDate;

/// Where a repair ticket stands; derived, never written.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum RepairStatus {
    /// Not fixed.
    Open,
    /// Fixed, not yet verified.
    Fixed,
    /// Verified by the reporter.
    Closed,
}

/// Where a finding stands on the day.
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

/// An optional date, if it has happened by `day`.
pub fn happened(date: &Option<Field<NaiveDate>>, day: NaiveDate) -> Option<NaiveDate> {
    date.as_ref().map(|d| **d).filter(|d| *d <= day)
}

/// Whether an optional date fell within `start..=day`.
fn within(date: &Option<Field<NaiveDate>>, start: NaiveDate, day: NaiveDate) -> bool {
    happened(date, day).is_some_and(|d| start <= d)
}

/// Whether `date` fell within `start..=day`.
pub fn in_window(date: NaiveDate, start: NaiveDate, day: NaiveDate) -> bool {
    start <= date && date <= day
}

/// Whether a repair was fixed within `start..=day`.
pub fn fixed_within(r: &Repair, start: NaiveDate, day: NaiveDate) -> bool {
    within(&r.fixed, start, day)
}

/// Whether a repair was verified within `start..=day`.
pub fn verified_within(r: &Repair, start: NaiveDate, day: NaiveDate) -> bool {
    within(&r.verified, start, day)
}

/// Whether an asset was disposed within `start..=day`.
pub fn disposed_within(a: &Asset, start: NaiveDate, day: NaiveDate) -> bool {
    within(&a.disposed, start, day)
}

/// A repair's status on `day`.
pub fn repair(r: &Repair, day: NaiveDate) -> RepairStatus {
    if happened(&r.verified, day).is_some() {
        RepairStatus::Closed
    } else if happened(&r.fixed, day).is_some() {
        RepairStatus::Fixed
    } else {
        RepairStatus::Open
    }
}

/// Whether a repair exists on `day` and is still open there (not fixed by then).
pub fn repair_open(r: &Repair, day: NaiveDate) -> bool {
    *r.reported <= day && repair(r, day) == RepairStatus::Open
}

/// Whether a repair is open on `day` and was reported more than
/// `repair_overdue_days` days before it.
pub fn repair_overdue(r: &Repair, day: NaiveDate, rules: &Rules) -> bool {
    repair_open(r, day) && (day - *r.reported).num_days() > i64::from(rules.repair_overdue_days)
}

/// The due date of a finding: its own, or the inspection's date plus
/// `rectify_default_days`.
pub fn finding_due(x: &Inspection, n: usize, rules: &Rules) -> NaiveDate {
    x.findings[n].due.as_ref().map_or_else(
        || *x.date + chrono::Days::new(rules.rectify_default_days.into()),
        |d| **d,
    )
}

/// A finding's status on `day`: rectified by then, else overdue once past its due date.
pub fn finding(x: &Inspection, n: usize, day: NaiveDate, rules: &Rules) -> FindingStatus {
    if happened(&x.findings[n].rectified, day).is_some() {
        FindingStatus::Rectified
    } else if finding_due(x, n, rules) < day {
        FindingStatus::Overdue
    } else {
        FindingStatus::Open
    }
}

/// The last step a purchase has reached by `day`.
pub fn stage(p: &Purchase, day: NaiveDate) -> Stage {
    let by = |d| happened(d, day).is_some();
    if by(&p.issued) {
        Stage::Issued
    } else if by(&p.received) {
        Stage::Received
    } else if by(&p.purchased) {
        Stage::Purchased
    } else if by(&p.approved) {
        Stage::Approved
    } else {
        Stage::Requested
    }
}

/// Whether an asset is on the books on `day`: acquired by then and not yet disposed.
pub fn on_books(a: &Asset, day: NaiveDate) -> bool {
    *a.acquired <= day && happened(&a.disposed, day).is_none()
}

/// A semester's day: its end, or the day in question if that is earlier.
pub fn semester_day(s: &Semester, day: NaiveDate) -> NaiveDate {
    (*s.end).min(day)
}

/// The semester a command shows by default on `day`: the one holding it; between
/// semesters, the latest that has begun; before any has begun, the first.
pub fn current_semester(semesters: &[Semester], day: NaiveDate) -> Option<usize> {
    let latest_begun = semesters
        .iter()
        .enumerate()
        .filter(|(_, s)| *s.start <= day)
        .max_by_key(|(_, s)| *s.start);
    let first = || semesters.iter().enumerate().min_by_key(|(_, s)| *s.start);
    semesters
        .iter()
        .position(|s| s.contains(day))
        .or_else(|| latest_begun.or_else(first).map(|(i, _)| i))
}

/// Whether a month belongs to a semester: the semester holds the month's 15th day.
pub fn holds_month(semester: &Semester, month: Month) -> bool {
    month.day(15).is_some_and(|d| semester.contains(d))
}

/// Whether any semester holds a month.
pub fn month_in_a_semester(config: &Config, month: Month) -> bool {
    config.semesters.iter().any(|s| holds_month(s, month))
}

/// Whether a month has begun by `day`.
pub fn month_begun(month: Month, day: NaiveDate) -> bool {
    month.day(1).is_some_and(|first| first <= day)
}

/// The months a semester holds, in order.
pub fn semester_months(s: &Semester) -> Vec<Month> {
    let mut months = Vec::new();
    let mut m = Month::of(*s.start);
    while m.day(1).is_some_and(|d| d <= *s.end) {
        if holds_month(s, m) {
            months.push(m);
        }
        m = m.next();
    }
    months
}

/// A record's dates, as the day in question sees them.
pub trait Dated {
    /// The record's id and file.
    fn origin(&self) -> &Origin;
    /// The date the record begins: before it, the record does not exist.
    fn first(&self) -> NaiveDate;
    /// Every date of an event in the record with its key: the first date and the later
    /// steps (not planned dates such as a finding's `due`).
    fn events(&self) -> Vec<(&'static str, &Field<NaiveDate>)>;
    /// Forgets the later steps that had not happened by `day`.
    fn forget_after(&mut self, day: NaiveDate);
}

/// Clears an optional date that is after `day`.
fn forget(date: &mut Option<Field<NaiveDate>>, day: NaiveDate) {
    if date.as_ref().is_some_and(|d| **d > day) {
        *date = None;
    }
}

impl Dated for Asset {
    fn origin(&self) -> &Origin {
        &self.origin
    }
    fn first(&self) -> NaiveDate {
        *self.acquired
    }
    fn events(&self) -> Vec<(&'static str, &Field<NaiveDate>)> {
        let mut out = vec![("acquired", &self.acquired)];
        out.extend(self.disposed.as_ref().map(|d| ("disposed", d)));
        out
    }
    fn forget_after(&mut self, day: NaiveDate) {
        forget(&mut self.disposed, day);
    }
}

impl Dated for Repair {
    fn origin(&self) -> &Origin {
        &self.origin
    }
    fn first(&self) -> NaiveDate {
        *self.reported
    }
    fn events(&self) -> Vec<(&'static str, &Field<NaiveDate>)> {
        let mut out = vec![("reported", &self.reported)];
        out.extend(self.fixed.as_ref().map(|d| ("fixed", d)));
        out.extend(self.verified.as_ref().map(|d| ("verified", d)));
        out
    }
    fn forget_after(&mut self, day: NaiveDate) {
        forget(&mut self.fixed, day);
        forget(&mut self.verified, day);
    }
}

impl Dated for Purchase {
    fn origin(&self) -> &Origin {
        &self.origin
    }
    fn first(&self) -> NaiveDate {
        *self.requested
    }
    fn events(&self) -> Vec<(&'static str, &Field<NaiveDate>)> {
        let mut out = vec![("requested", &self.requested)];
        let steps = [
            ("approved", &self.approved),
            ("purchased", &self.purchased),
            ("received", &self.received),
            ("issued", &self.issued),
        ];
        out.extend(
            steps
                .into_iter()
                .filter_map(|(key, d)| d.as_ref().map(|d| (key, d))),
        );
        out
    }
    fn forget_after(&mut self, day: NaiveDate) {
        for step in [
            &mut self.approved,
            &mut self.purchased,
            &mut self.received,
            &mut self.issued,
        ] {
            forget(step, day);
        }
    }
}

impl Dated for Inspection {
    fn origin(&self) -> &Origin {
        &self.origin
    }
    fn first(&self) -> NaiveDate {
        *self.date
    }
    fn events(&self) -> Vec<(&'static str, &Field<NaiveDate>)> {
        let mut out = vec![("date", &self.date)];
        out.extend(
            self.findings
                .iter()
                .filter_map(|f| f.rectified.as_ref().map(|d| ("rectified", d))),
        );
        out
    }
    fn forget_after(&mut self, day: NaiveDate) {
        for f in &mut self.findings {
            forget(&mut f.rectified, day);
        }
    }
}

/// The records of some kind that exist on `day`, with what had not happened by then
/// forgotten.
fn kept<T: Dated + Clone + Send + Sync>(records: &[T], day: NaiveDate) -> Vec<T> {
    use rayon::prelude::*;
    records
        .par_iter()
        .filter(|r| r.first() <= day)
        .map(|r| {
            let mut r = r.clone();
            r.forget_after(day);
            r
        })
        .collect()
}

/// The records as they stood on `day`: records that begin later are left out, and
/// later steps of the others are forgotten. Budgets (plans) and the ids of every
/// record file stay as they are.
pub fn as_of(records: &Records, day: NaiveDate) -> Records {
    Records {
        assets: kept(&records.assets, day),
        repairs: kept(&records.repairs, day),
        purchases: kept(&records.purchases, day),
        inspections: kept(&records.inspections, day),
        config: records.config.clone(),
        config_file: records.config_file,
        config_read: records.config_read,
        budgets: records.budgets.clone(),
        summaries: records.summaries.clone(),
        ids: records.ids.clone(),
    }
}
