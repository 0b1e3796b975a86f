//! The rules of the day in question: where each record stands on a given day. Every
//! status and every "has it happened yet" in zongwu is decided here, with the day as
//! an argument, so that one question has one answer on every page.
//!
//! - A record whose first date (`acquired`, `reported`, `requested`, an inspection's
//!   `date`, a rule's `adopted`, a works project's `started`, a contract's `signed`) is
//!   after the day does not exist yet on it ([`as_of`] leaves it out).
//! - A later date inside a record (`fixed`, `verified`, `approved`, `purchased`,
//!   `received`, `issued`, `rectified`, `disposed`, a rule's revisions and `retired`,
//!   `completed`, `accepted`) has not happened yet on the day. Planned dates (a
//!   finding's `due`, a contract's `start` and `end`) are compared with the day instead.
//! - A semester's day is its end, or the day in question if that is earlier.

use crate::kinds::Record;
use crate::model::{
    Asset, Config, Contract, Field, Inspection, Kind, Month, Origin, Project, Purchase, Records,
    Repair, Rule, Rules, Semester,
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

/// Where a works project stands (施工中 → 已完工 → 已验收).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ProjectStatus {
    /// Started, not completed.
    InProgress,
    /// Completed, not yet accepted.
    Completed,
    /// Accepted (验收).
    Accepted,
}

/// Where a contract stands on a day, between its `start` and its `end`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ContractStatus {
    /// Before its start.
    NotStarted,
    /// Between its start and its end (inclusive), the end more than
    /// [`ENDING_SOON_DAYS`] days away.
    Active,
    /// Active, and ending within [`ENDING_SOON_DAYS`] days.
    EndingSoon,
    /// After its end.
    Ended,
}

impl ContractStatus {
    /// Whether the contract is in force: active, ending soon or not.
    pub fn active(self) -> bool {
        matches!(self, ContractStatus::Active | ContractStatus::EndingSoon)
    }
}

/// An active contract whose end is at most this many days after the day is ending soon.
pub const ENDING_SOON_DAYS: i64 = 30;

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

/// Whether a works project was completed within `start..=day`.
pub fn completed_within(p: &Project, start: NaiveDate, day: NaiveDate) -> bool {
    within(&p.completed, start, day)
}

/// Whether a works project was accepted within `start..=day`.
pub fn accepted_within(p: &Project, start: NaiveDate, day: NaiveDate) -> bool {
    within(&p.accepted, start, day)
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

/// A works project's status on `day`: accepted, else completed, by then.
pub fn project(p: &Project, day: NaiveDate) -> ProjectStatus {
    if happened(&p.accepted, day).is_some() {
        ProjectStatus::Accepted
    } else if happened(&p.completed, day).is_some() {
        ProjectStatus::Completed
    } else {
        ProjectStatus::InProgress
    }
}

/// A contract's status on `day`: not started before its `start`, ended after its `end`,
/// active between them (both days included), ending soon in its last
/// [`ENDING_SOON_DAYS`] days.
pub fn contract(c: &Contract, day: NaiveDate) -> ContractStatus {
    if day < *c.start {
        ContractStatus::NotStarted
    } else if day > *c.end {
        ContractStatus::Ended
    } else if (*c.end - day).num_days() <= ENDING_SOON_DAYS {
        ContractStatus::EndingSoon
    } else {
        ContractStatus::Active
    }
}

/// Whether a contract exists on `day` (signed by then) and is active there.
pub fn contract_active(c: &Contract, day: NaiveDate) -> bool {
    *c.signed <= day && contract(c, day).active()
}

/// Whether an asset is on the books on `day`: acquired by then and not yet disposed.
pub fn on_books(a: &Asset, day: NaiveDate) -> bool {
    *a.acquired <= day && happened(&a.disposed, day).is_none()
}

/// Whether a rule is in force on `day`: adopted by then and not yet retired (on the
/// day it is retired it no longer is).
pub fn in_force(r: &Rule, day: NaiveDate) -> bool {
    *r.adopted <= day && happened(&r.retired, day).is_none()
}

/// The last revision of a rule by `day`, if it has been revised by then.
pub fn last_revised(r: &Rule, day: NaiveDate) -> Option<NaiveDate> {
    r.revised.iter().map(|d| **d).filter(|d| *d <= day).max()
}

/// Whether a rule was revised at least once within `start..=day`.
pub fn revised_within(r: &Rule, start: NaiveDate, day: NaiveDate) -> bool {
    r.revised.iter().any(|d| in_window(**d, start, day))
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
pub fn forget(date: &mut Option<Field<NaiveDate>>, day: NaiveDate) {
    if date.as_ref().is_some_and(|d| **d > day) {
        *date = None;
    }
}

/// Every event date of every record, with the record's origin and the date's key.
pub fn events(records: &Records) -> Vec<(&Origin, &'static str, &Field<NaiveDate>)> {
    fn of<K: Record>(
        records: &Records,
    ) -> impl Iterator<Item = (&Origin, &'static str, &Field<NaiveDate>)> {
        K::all(records).iter().flat_map(|r| {
            r.events()
                .into_iter()
                .map(move |(key, date)| (r.origin(), key, date))
        })
    }
    let mut out = Vec::new();
    for kind in Kind::ALL {
        crate::kinds::dispatch!(kind, K => out.extend(of::<K>(records)));
    }
    out
}

/// The records of a kind that exist on `day`, with what had not happened by then
/// forgotten.
fn keep<K: Record>(records: &mut Records, day: NaiveDate) {
    use rayon::prelude::*;
    let list = K::all_mut(records);
    list.retain(|r| r.first() <= day);
    list.par_iter_mut().for_each(|r| r.forget_after(day));
}

/// The records as they stood on `day`: records that begin later are left out, and
/// later steps of the others are forgotten. Budgets (plans, there from the start) and
/// the ids of every record file stay as they are.
pub fn as_of(mut records: Records, day: NaiveDate) -> Records {
    for kind in Kind::ALL {
        crate::kinds::dispatch!(kind, K => keep::<K>(&mut records, day));
    }
    records
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Finding, InspectionType, Method, RecordId, Severity};
    use crate::source::Sp;

    fn d(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    fn on(text: &str) -> Field<NaiveDate> {
        Sp {
            value: d(text),
            span: Default::default(),
        }
    }

    fn origin() -> Origin {
        Origin {
            id: RecordId("X-1".into()),
            file: Default::default(),
        }
    }

    fn repair(reported: &str, fixed: Option<&str>, verified: Option<&str>) -> Repair {
        Repair {
            origin: origin(),
            title: String::new(),
            location: Default::default(),
            asset: None,
            reported: on(reported),
            reporter: String::new(),
            responsible_class: None,
            assignee: None,
            fixed: fixed.map(on),
            verified: verified.map(on),
            cost: None,
            notes: None,
        }
    }

    fn purchase(steps: [Option<&str>; 4]) -> Purchase {
        let [approved, purchased, received, issued] = steps.map(|s| s.map(on));
        Purchase {
            origin: origin(),
            title: String::new(),
            category: String::new(),
            method: Sp {
                value: Method::Direct,
                span: Default::default(),
            },
            requester: String::new(),
            requested: on("2012-03-01"),
            approved,
            purchased,
            received,
            issued,
            vendor: None,
            items: Vec::new(),
            bids: None,
            notes: None,
        }
    }

    fn inspection(findings: Vec<(Option<&str>, Option<&str>)>) -> Inspection {
        Inspection {
            origin: origin(),
            title: String::new(),
            kind: Sp {
                value: InspectionType::Safety,
                span: Default::default(),
            },
            date: on("2012-03-01"),
            inspector: String::new(),
            location: None,
            findings: findings
                .into_iter()
                .map(|(due, rectified)| Finding {
                    description: String::new(),
                    severity: Severity::Low,
                    due: due.map(on),
                    rectified: rectified.map(on),
                    repair: None,
                })
                .collect(),
            scores: None,
            audit: None,
            notes: None,
        }
    }

    fn asset(acquired: &str, disposed: Option<&str>) -> Asset {
        Asset {
            origin: origin(),
            name: String::new(),
            category: String::new(),
            location: Default::default(),
            custodian: None,
            quantity: 1,
            unit: None,
            unit_price: crate::amount::Amount::from_fen(100),
            acquired: on(acquired),
            purchase: None,
            disposed: disposed.map(on),
            disposal_reason: None,
            tags: Vec::new(),
            notes: None,
        }
    }

    fn rule(adopted: &str, revised: &[&str], retired: Option<&str>) -> Rule {
        Rule {
            origin: origin(),
            title: String::new(),
            area: String::new(),
            adopted: on(adopted),
            revised: revised.iter().map(|d| on(d)).collect(),
            retired: retired.map(on),
            owner: None,
            notes: None,
        }
    }

    #[test]
    fn a_rule_is_in_force_from_its_adoption_until_the_day_it_is_retired() {
        let r = rule("2011-09-01", &[], Some("2012-03-01"));
        assert!(!in_force(&r, d("2011-08-31")), "not yet adopted");
        assert!(in_force(&r, d("2011-09-01")), "from the day it is adopted");
        assert!(in_force(&r, d("2012-02-29")), "until the day before");
        assert!(
            !in_force(&r, d("2012-03-01")),
            "not on the day it is retired"
        );
        assert!(!in_force(&r, d("2013-01-01")));
        let never_retired = rule("2011-09-01", &[], None);
        assert!(in_force(&never_retired, d("2030-01-01")));
    }

    #[test]
    fn a_rules_revisions_count_once_they_have_happened() {
        let mut r = rule(
            "2005-09-01",
            &["2009-03-01", "2011-10-01", "2012-03-01"],
            Some("2012-06-01"),
        );
        let keys: Vec<String> = (r.events().iter())
            .map(|(k, d)| format!("{k} {}", d.value))
            .collect();
        assert_eq!(
            keys,
            [
                "adopted 2005-09-01",
                "revised 2009-03-01",
                "revised 2011-10-01",
                "revised 2012-03-01",
                "retired 2012-06-01"
            ],
            "each revision is an event (W005 sees a typo in any)"
        );
        assert_eq!(r.first(), d("2005-09-01"));
        assert_eq!(last_revised(&r, d("2012-02-29")), Some(d("2011-10-01")));
        assert_eq!(last_revised(&r, d("2009-02-28")), None);
        assert!(revised_within(&r, d("2011-08-20"), d("2012-02-10")));
        assert!(!revised_within(&r, d("2011-10-02"), d("2012-02-29")));
        assert!(revised_within(&r, d("2011-10-01"), d("2011-10-01")));
        r.forget_after(d("2012-02-29"));
        let left: Vec<NaiveDate> = r.revised.iter().map(|d| **d).collect();
        assert_eq!(left, [d("2009-03-01"), d("2011-10-01")]);
        assert!(r.retired.is_none(), "not yet retired then");
        let records = Records {
            rules: vec![rule("2012-03-02", &[], None), r],
            ..Records::default()
        };
        assert_eq!(as_of(records, d("2012-03-01")).rules.len(), 1);
    }

    fn project(completed: Option<&str>, accepted: Option<&str>) -> Project {
        Project {
            origin: origin(),
            title: String::new(),
            category: String::new(),
            location: Default::default(),
            started: on("2011-09-01"),
            completed: completed.map(on),
            accepted: accepted.map(on),
            quantity: None,
            unit: None,
            contractor: None,
            budget: None,
            cost: Some(crate::amount::Amount::from_fen(100)),
            purchase: None,
            notes: None,
        }
    }

    fn contract(signed: &str, start: &str, end: &str) -> Contract {
        Contract {
            origin: origin(),
            title: String::new(),
            vendor: String::new(),
            category: String::new(),
            signed: on(signed),
            start: on(start),
            end: on(end),
            amount: crate::amount::Amount::from_fen(100),
            purchase: None,
            notes: None,
        }
    }

    #[test]
    fn a_project_is_in_progress_then_completed_then_accepted_on_their_days() {
        let mut p = project(Some("2011-10-28"), Some("2011-11-10"));
        let at = |day: &str| super::project(&p, d(day));
        assert_eq!(at("2011-09-01"), ProjectStatus::InProgress);
        assert_eq!(at("2011-10-27"), ProjectStatus::InProgress);
        assert_eq!(at("2011-10-28"), ProjectStatus::Completed);
        assert_eq!(at("2011-11-09"), ProjectStatus::Completed);
        assert_eq!(at("2011-11-10"), ProjectStatus::Accepted);
        assert_eq!(p.first(), d("2011-09-01"));
        let keys: Vec<&str> = p.events().iter().map(|(k, _)| *k).collect();
        assert_eq!(keys, ["started", "completed", "accepted"]);
        assert!(completed_within(&p, d("2011-10-28"), d("2011-10-28")));
        assert!(!completed_within(&p, d("2011-09-01"), d("2011-10-27")));
        assert!(accepted_within(&p, d("2011-11-01"), d("2011-11-10")));
        assert!(!accepted_within(&p, d("2011-11-11"), d("2012-01-01")));
        p.forget_after(d("2011-11-09"));
        assert!(p.accepted.is_none() && p.completed.is_some() && p.cost.is_some());
        p.forget_after(d("2011-10-27"));
        assert!(p.completed.is_none());
        assert_eq!(p.cost, None, "the final cost is known once it is completed");
        assert_eq!(
            super::project(&project(None, None), d("2030-01-01")),
            ProjectStatus::InProgress
        );
    }

    #[test]
    fn a_contract_starts_runs_ends_soon_and_ends_on_its_days() {
        let c = contract("2011-08-25", "2011-09-01", "2012-08-31");
        let at = |day: &str| super::contract(&c, d(day));
        assert_eq!(at("2011-08-31"), ContractStatus::NotStarted);
        assert_eq!(at("2011-09-01"), ContractStatus::Active);
        // Ending soon from 30 days before its end, its end included.
        assert_eq!(at("2012-07-31"), ContractStatus::Active);
        assert_eq!(at("2012-08-01"), ContractStatus::EndingSoon);
        assert_eq!(at("2012-08-31"), ContractStatus::EndingSoon);
        assert_eq!(at("2012-09-01"), ContractStatus::Ended);
        assert!(ContractStatus::EndingSoon.active() && ContractStatus::Active.active());
        assert!(!ContractStatus::NotStarted.active() && !ContractStatus::Ended.active());
        assert!(contract_active(&c, d("2012-08-31")));
        assert!(!contract_active(&c, d("2012-09-01")));
        // Started before it was signed: active only once signed.
        let late = contract("2011-09-10", "2011-09-01", "2012-08-31");
        assert!(!contract_active(&late, d("2011-09-09")));
        assert!(contract_active(&late, d("2011-09-10")));
        // Only `signed` is an event: `start` and `end` are planned.
        let keys: Vec<&str> = c.events().iter().map(|(k, _)| *k).collect();
        assert_eq!((keys, c.first()), (vec!["signed"], d("2011-08-25")));
        // A one-day contract ends soon on its one day.
        let day = contract("2011-09-01", "2011-09-01", "2011-09-01");
        assert_eq!(
            super::contract(&day, d("2011-09-01")),
            ContractStatus::EndingSoon
        );
    }

    #[test]
    fn every_dated_step_is_an_event_and_forgotten_until_it_happens() {
        let keys = |events: Vec<(&'static str, &Field<NaiveDate>)>| -> Vec<String> {
            events
                .iter()
                .map(|(k, d)| format!("{k} {}", d.value))
                .collect()
        };
        let mut a = asset("2012-03-01", Some("2012-03-05"));
        assert_eq!(
            keys(a.events()),
            ["acquired 2012-03-01", "disposed 2012-03-05"]
        );
        assert_eq!(a.first(), d("2012-03-01"));
        assert!(on_books(&a, d("2012-03-04")) && !on_books(&a, d("2012-03-05")));
        assert!(!on_books(&a, d("2012-02-29")), "not yet acquired");
        assert!(disposed_within(&a, d("2012-03-05"), d("2012-03-05")));
        assert!(!disposed_within(&a, d("2012-03-06"), d("2012-04-01")));
        assert!(!disposed_within(&a, d("2012-03-01"), d("2012-03-04")));
        a.forget_after(d("2012-03-04"));
        assert!(a.disposed.is_none());

        let r = repair("2012-03-01", Some("2012-03-02"), Some("2012-03-03"));
        assert_eq!(
            keys(r.events()),
            [
                "reported 2012-03-01",
                "fixed 2012-03-02",
                "verified 2012-03-03"
            ]
        );
        assert!(fixed_within(&r, d("2012-03-02"), d("2012-03-02")));
        assert!(!fixed_within(&r, d("2012-03-03"), d("2012-03-09")));
        assert!(verified_within(&r, d("2012-03-01"), d("2012-03-03")));
        assert!(!verified_within(&r, d("2012-03-01"), d("2012-03-02")));

        let mut p = purchase([
            Some("2012-03-02"),
            Some("2012-03-03"),
            Some("2012-03-04"),
            Some("2012-03-05"),
        ]);
        assert_eq!(p.first(), d("2012-03-01"));
        assert_eq!(
            keys(p.events()),
            [
                "requested 2012-03-01",
                "approved 2012-03-02",
                "purchased 2012-03-03",
                "received 2012-03-04",
                "issued 2012-03-05"
            ]
        );
        p.forget_after(d("2012-03-03"));
        assert_eq!((p.received.is_none(), p.issued.is_none()), (true, true));
        assert_eq!(p.purchased.as_deref(), Some(&d("2012-03-03")));

        let x = inspection(vec![(None, Some("2012-03-04")), (None, None)]);
        assert_eq!(x.first(), d("2012-03-01"));
        assert_eq!(
            keys(x.events()),
            ["date 2012-03-01", "rectified 2012-03-04"]
        );
        assert!(in_window(d("2012-03-01"), d("2012-03-01"), d("2012-03-01")));
        assert!(!in_window(
            d("2012-03-02"),
            d("2012-03-01"),
            d("2012-03-01")
        ));
        assert!(!in_window(
            d("2012-02-29"),
            d("2012-03-01"),
            d("2012-03-01")
        ));
    }

    #[test]
    fn a_repair_is_open_then_fixed_then_closed_and_overdue_only_past_the_limit() {
        let rules = Rules::default();
        let r = repair("2012-03-01", Some("2012-03-10"), Some("2012-03-12"));
        assert!(!repair_open(&r, d("2012-02-28")), "not yet reported");
        assert_eq!(super::repair(&r, d("2012-03-09")), RepairStatus::Open);
        assert_eq!(super::repair(&r, d("2012-03-10")), RepairStatus::Fixed);
        assert_eq!(super::repair(&r, d("2012-03-12")), RepairStatus::Closed);
        // Open exactly `repair_overdue_days` (7) days is not overdue; one day more is.
        assert!(!repair_overdue(&r, d("2012-03-08"), &rules));
        assert!(repair_overdue(&r, d("2012-03-09"), &rules));
        assert!(
            !repair_overdue(&r, d("2012-03-10"), &rules),
            "fixed that day"
        );
        assert!(
            !repair_overdue(&r, d("2012-02-20"), &rules),
            "not yet reported"
        );
    }

    #[test]
    fn a_purchase_reaches_each_stage_on_its_day() {
        let p = purchase([
            Some("2012-03-02"),
            Some("2012-03-03"),
            Some("2012-03-04"),
            Some("2012-03-05"),
        ]);
        let stages: Vec<Stage> = [
            "2012-03-01",
            "2012-03-02",
            "2012-03-03",
            "2012-03-04",
            "2012-03-05",
        ]
        .into_iter()
        .map(|day| stage(&p, d(day)))
        .collect();
        assert_eq!(
            stages,
            [
                Stage::Requested,
                Stage::Approved,
                Stage::Purchased,
                Stage::Received,
                Stage::Issued
            ]
        );
        let only_approved = purchase([Some("2012-03-02"), None, None, None]);
        assert_eq!(stage(&only_approved, d("2013-01-01")), Stage::Approved);
    }

    #[test]
    fn a_finding_is_due_after_the_default_days_and_overdue_after_that() {
        let rules = Rules::default();
        let x = inspection(vec![(None, Some("2012-03-20")), (Some("2012-03-05"), None)]);
        assert_eq!(
            finding_due(&x, 0, &rules),
            d("2012-03-15"),
            "date + 14 days"
        );
        assert_eq!(
            finding_due(&x, 1, &rules),
            d("2012-03-05"),
            "its own due date"
        );
        assert_eq!(finding(&x, 0, d("2012-03-15"), &rules), FindingStatus::Open);
        assert_eq!(
            finding(&x, 0, d("2012-03-16"), &rules),
            FindingStatus::Overdue
        );
        assert_eq!(
            finding(&x, 0, d("2012-03-20"), &rules),
            FindingStatus::Rectified
        );
        assert_eq!(
            finding(&x, 1, d("2012-03-06"), &rules),
            FindingStatus::Overdue
        );
    }

    #[test]
    fn as_of_a_day_later_records_are_left_out_and_later_steps_forgotten() {
        let mut records = Records {
            repairs: vec![
                repair("2012-03-01", Some("2012-03-10"), Some("2012-03-20")),
                repair("2012-03-11", None, None),
            ],
            inspections: vec![inspection(vec![(None, Some("2012-03-20"))])],
            ..Records::default()
        };
        let day = as_of(records.clone(), d("2012-03-10"));
        assert_eq!(day.repairs.len(), 1);
        assert_eq!(day.repairs[0].fixed.as_deref(), Some(&d("2012-03-10")));
        assert!(day.repairs[0].verified.is_none());
        assert!(day.inspections[0].findings[0].rectified.is_none());
        assert_eq!(as_of(records.clone(), d("2012-02-29")).inspections.len(), 0);
        let mut costly = repair("2012-03-01", Some("2012-03-10"), None);
        costly.cost = Some(crate::amount::Amount::from_fen(100));
        records.repairs = vec![costly];
        assert_eq!(
            as_of(records.clone(), d("2012-03-09")).repairs[0].cost,
            None
        );
        assert!(
            as_of(records.clone(), d("2012-03-10")).repairs[0]
                .cost
                .is_some()
        );
    }

    #[test]
    fn the_semester_of_a_day_and_the_day_of_a_semester() {
        let semester = |id: &str, start: &str, end: &str| Semester {
            id: Sp {
                value: id.into(),
                span: Default::default(),
            },
            title: id.into(),
            start: on(start),
            end: on(end),
        };
        let all = [
            semester("b", "2012-02-11", "2012-08-19"),
            semester("a", "2011-08-20", "2012-02-10"),
        ];
        assert_eq!(current_semester(&all, d("2012-02-10")), Some(1));
        assert_eq!(current_semester(&all, d("2012-02-11")), Some(0));
        assert_eq!(
            current_semester(&all, d("2013-01-01")),
            Some(0),
            "latest begun"
        );
        assert_eq!(
            current_semester(&all, d("2011-01-01")),
            Some(1),
            "the first"
        );
        assert_eq!(semester_day(&all[1], d("2026-01-01")), d("2012-02-10"));
        assert_eq!(semester_day(&all[1], d("2011-09-01")), d("2011-09-01"));
        let months: Vec<String> = semester_months(&all[1])
            .iter()
            .map(|m| m.to_string())
            .collect();
        assert_eq!(
            months,
            ["2011-09", "2011-10", "2011-11", "2011-12", "2012-01"]
        );
        assert!(month_begun(
            Month {
                year: 2012,
                month: 3
            },
            d("2012-03-01")
        ));
        assert!(!month_begun(
            Month {
                year: 2012,
                month: 3
            },
            d("2012-02-29")
        ));
    }
}
