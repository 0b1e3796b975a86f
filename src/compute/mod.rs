//! Compute: everything the pages show that the records imply but never state, worked
//! out once, on one day — the day in question — by [`compute`].
//!
//! From the checked records and the day it makes a [`Computed`]: the records as they
//! stood on the day ([`status::as_of`]), each record's status ([`crate::status`] holds
//! the rules), what stands open on the day (works in progress, contracts ending soon,
//! the days since the last incident), links both ways, records by location and by
//! month (with each month's budget against spending), the class ranking, each
//! semester's figures on its own day with the lists they count, each narrative
//! rendered, and the git history. `build`, `pdf`, `serve`, `stats` and `check` all
//! read it; pages only present it.

pub mod audit;
pub mod links;
pub mod ranking;
pub mod rooms;
pub mod stats;
pub mod trace;

use crate::amount::Amount;
use crate::history::History;
use crate::model::{Kind, Records, Repair, Rules, Semester};
use crate::narrative::{self, NarrativeError};
use crate::source::{FileId, SourceMap};
use crate::status::{self, ContractStatus, FindingStatus, ProjectStatus, RepairStatus, Stage};
use chrono::NaiveDate;
use links::{AtLocation, InMonth, Links};
use rayon::prelude::*;
use stats::SemesterFacts;
use std::collections::BTreeMap;

/// Indexes into the record vectors of [`Records`].
pub type Idx = usize;

/// A repair's standing on the day in question.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RepairState {
    /// Open, fixed or closed.
    pub status: RepairStatus,
    /// Open and older than `repair_overdue_days`.
    pub overdue: bool,
}

impl RepairState {
    /// The standing of a repair on `day`.
    pub fn of(r: &Repair, day: NaiveDate, rules: &Rules) -> Self {
        RepairState {
            status: status::repair(r, day),
            overdue: status::repair_overdue(r, day, rules),
        }
    }
}

/// A semester narrative with its expressions rendered (still Markdown), or why not.
#[derive(Clone, Debug)]
pub struct Narrative {
    /// The semester, by index in `zongwu.toml`.
    pub semester: Idx,
    /// The narrative's file.
    pub file: FileId,
    /// The rendered Markdown.
    pub text: Result<String, NarrativeError>,
    /// The day it is signed, from its front matter.
    pub date: Option<NaiveDate>,
}

/// The latest incident by the day in question, and how long ago it happened.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LastIncident {
    /// The incident (the latest by date, then by id).
    pub incident: Idx,
    /// Days from its date to the day in question (0 on the day itself).
    pub days: i64,
}

/// Everything computed from the records on the day in question.
#[derive(Clone, Debug)]
pub struct Computed {
    /// The day in question.
    pub day: NaiveDate,
    /// The records as they stood on the day: later records left out, later steps
    /// forgotten. Every index below points into these.
    pub records: Records,
    /// Each repair's standing.
    pub repairs: Vec<RepairState>,
    /// Each finding's status, by inspection then finding.
    pub findings: Vec<Vec<FindingStatus>>,
    /// What each audit line says against its card, by inspection then line.
    pub audits: Vec<Vec<audit::Outcome>>,
    /// Each purchase's stage.
    pub stages: Vec<Stage>,
    /// The works projects in progress on the day (started, not completed), in the
    /// records' order.
    pub works_in_progress: Vec<Idx>,
    /// The contracts ending soon on the day (active, ending within
    /// [`status::ENDING_SOON_DAYS`] days), the soonest first.
    pub contracts_ending_soon: Vec<Idx>,
    /// The latest incident by the day; `None` when none is recorded.
    pub last_incident: Option<LastIncident>,
    /// Links both ways.
    pub links: Links,
    /// Records per location name (with a room register, every name of it too).
    pub locations: BTreeMap<String, AtLocation>,
    /// With a room register, what each room and building holds.
    pub rooms: Option<rooms::Rollup>,
    /// Records per calendar month, with budget against spending.
    pub months: BTreeMap<crate::model::Month, InMonth>,
    /// The class property ranking of each semester with property checks, newest first.
    pub ranking: Vec<ranking::SemesterRanking>,
    /// Each semester of `zongwu.toml`, in its order, on its own day.
    pub semesters: Vec<SemesterFacts>,
    /// The semester shown by default on the day ([`status::current_semester`]).
    pub current: Option<Idx>,
    /// The narratives that belong to a semester, rendered with its figures.
    pub narratives: Vec<Narrative>,
    /// The git history of the records (empty outside git).
    pub history: History,
}

impl Computed {
    /// The semester with this id, by index.
    pub fn semester(&self, id: &str) -> Option<Idx> {
        let semesters = &self.records.config.semesters;
        semesters.iter().position(|s| *s.id == id)
    }

    /// A repair's standing on `day`: the day in question, or a semester's day before it.
    pub fn repair_on(&self, i: Idx, day: NaiveDate) -> RepairState {
        match day == self.day {
            true => self.repairs[i],
            false => RepairState::of(&self.records.repairs[i], day, &self.records.config.rules),
        }
    }

    /// The semester before this one (the latest that starts earlier), if there is one:
    /// what `prev` names and figures are compared with.
    pub fn previous(&self, semester: Idx) -> Option<Idx> {
        previous(&self.records.config.semesters, semester)
    }

    /// The narrative of a semester, if it has one.
    pub fn narrative(&self, semester: Idx) -> Option<&Narrative> {
        self.narratives.iter().find(|n| n.semester == semester)
    }
}

/// One spending: a purchase's total on its `purchased` date under its category, or a
/// repair's cost on its `fixed` date under `rules.repair_category` (the rule of
/// FORMAT.md's budgets).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Spent<'r> {
    /// The kind of the record spent on (a purchase or a repair).
    pub kind: Kind,
    /// The record.
    pub idx: Idx,
    /// When.
    pub date: NaiveDate,
    /// The budget category.
    pub category: &'r str,
    /// How much.
    pub amount: Amount,
}

impl<'r> Spent<'r> {
    /// What record `idx` of a kind spent, if it is a purchase bought or a repair fixed
    /// with a cost.
    pub fn of(records: &'r Records, kind: Kind, idx: Idx) -> Option<Spent<'r>> {
        let (date, category, amount) = match kind {
            Kind::Purchase => {
                let p = &records.purchases[idx];
                (**p.purchased.as_ref()?, p.category.as_str(), p.total())
            }
            Kind::Repair => {
                let r = &records.repairs[idx];
                let category = records.config.rules.repair_category.as_str();
                (**r.fixed.as_ref()?, category, r.cost?)
            }
            _ => return None,
        };
        Some(Spent {
            kind,
            idx,
            date,
            category,
            amount,
        })
    }
}

/// Every spending of the records, purchases first.
pub fn spending(records: &Records) -> impl Iterator<Item = Spent<'_>> {
    let purchases = (0..records.purchases.len()).map(|i| (Kind::Purchase, i));
    let repairs = (0..records.repairs.len()).map(|i| (Kind::Repair, i));
    purchases
        .chain(repairs)
        .filter_map(|(kind, idx)| Spent::of(records, kind, idx))
}

/// Computes everything on `day` from the checked records (with the texts of the
/// narratives in `sources`) and their `history`.
pub fn compute(
    records: Records,
    sources: &SourceMap,
    day: NaiveDate,
    history: History,
) -> Computed {
    let keys = stats::Keys::of(&records);
    let records = status::as_of(records, day);
    let rules = &records.config.rules;
    let repairs: Vec<RepairState> = records
        .repairs
        .par_iter()
        .map(|r| RepairState::of(r, day, rules))
        .collect();
    let findings: Vec<Vec<FindingStatus>> = records
        .inspections
        .par_iter()
        .map(|x| {
            (0..x.findings.len())
                .map(|n| status::finding(x, n, day, rules))
                .collect()
        })
        .collect();
    let cards = audit::Cards::of(&records);
    let mut audits: Vec<Vec<audit::Outcome>> = vec![Vec::new(); records.inspections.len()];
    for line in cards.lines(&records, 0..records.inspections.len()) {
        audits[line.inspection].push(line.outcome);
    }
    let stages = records
        .purchases
        .par_iter()
        .map(|p| status::stage(p, day))
        .collect();
    let works_in_progress = (0..records.projects.len())
        .filter(|&i| status::project(&records.projects[i], day) == ProjectStatus::InProgress)
        .collect();
    let mut contracts_ending_soon: Vec<Idx> = (0..records.contracts.len())
        .filter(|&i| status::contract(&records.contracts[i], day) == ContractStatus::EndingSoon)
        .collect();
    contracts_ending_soon.sort_by_key(|&i| {
        let c = &records.contracts[i];
        (*c.end, c.origin.id.as_str())
    });
    let last_incident = (0..records.incidents.len())
        .max_by_key(|&i| {
            let x = &records.incidents[i];
            (*x.date, x.origin.id.as_str())
        })
        .map(|incident| LastIncident {
            incident,
            days: (day - *records.incidents[incident].date).num_days(),
        });
    let gathered = links::gather(&records);
    let semesters: Vec<SemesterFacts> = records
        .config
        .semesters
        .par_iter()
        .with_max_len(1)
        .map(|s| stats::semester(&keys, &cards, &records, s, day))
        .collect();
    let narratives = narratives(&records, sources, &semesters);
    let rooms = records.register.as_ref().map(|register| {
        let states = (repairs.as_slice(), findings.as_slice());
        rooms::rollup(&records, register, &gathered.locations, day, states)
    });
    Computed {
        rooms,
        day,
        current: status::current_semester(&records.config.semesters, day),
        ranking: ranking::semesters(&records),
        repairs,
        findings,
        audits,
        stages,
        works_in_progress,
        contracts_ending_soon,
        last_incident,
        links: gathered.links,
        locations: gathered.locations,
        months: gathered.months,
        semesters,
        narratives,
        history,
        records,
    }
}

/// The semester before `semester` by start date.
fn previous(semesters: &[Semester], semester: Idx) -> Option<Idx> {
    let start = *semesters[semester].start;
    (0..semesters.len())
        .filter(|&i| *semesters[i].start < start)
        .max_by_key(|&i| *semesters[i].start)
}

/// Renders each narrative that belongs to a semester with that semester's figures (and
/// the previous semester's as `prev`). A
/// narrative of no semester is a warning of `check`, and is not rendered.
fn narratives(
    records: &Records,
    sources: &SourceMap,
    semesters: &[SemesterFacts],
) -> Vec<Narrative> {
    let config = &records.config;
    records
        .summaries
        .par_iter()
        .with_max_len(1)
        .filter_map(|summary| {
            let i = config
                .semesters
                .iter()
                .position(|s| *s.id == summary.semester)?;
            let s: &Semester = &config.semesters[i];
            let prev = previous(&config.semesters, i).map(|p| &semesters[p].stats);
            let context = narrative::context(config, s, &semesters[i].stats, prev);
            let parts = narrative::parts(&sources.get(summary.file).text);
            let text = narrative::render(parts.body, &context).map_err(|mut e| {
                e.at = e.at.map(|(line, col)| (line + parts.lines, col));
                e
            });
            Some(Narrative {
                semester: i,
                file: summary.file,
                text,
                date: parts.date,
            })
        })
        .collect()
}
