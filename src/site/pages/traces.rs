//! The records behind a semester's figures: a page per count or sum (and per key of a
//! `by_*` table) listing exactly the records it counts, each linking to its page, with
//! the rule in words, the day, and the total that equals the figure. Every such
//! figure on a semester's summary, the dashboard and the trends links to its page.

use super::{FigureLinks, Page, Section, Site, Spec, amount_cell, date_cell};
use crate::compute::audit::Cards;
use crate::compute::stats::SemesterFacts;
use crate::compute::{Idx, Spent, stats};
use crate::kinds::Parsed;
use crate::model::{Kind, Month, Records};
use crate::parse::Choice;
use crate::site::table::{Cell, Table};
use crate::status::FindingStatus;
use std::borrow::Cow;

/// A set of records that figures of a semester count or sum
/// ([`crate::compute::trace::Traced`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Trace {
    /// Assets on the books.
    Books,
    /// Assets acquired within the semester.
    Added,
    /// Assets disposed within it.
    Disposed,
    /// Repairs reported within it.
    Reported,
    /// Repairs fixed within it.
    Fixed,
    /// Repairs verified within it.
    Verified,
    /// Repairs open on its day.
    Open,
    /// Of those, the overdue ones.
    Overdue,
    /// Purchases requested within it.
    Purchases,
    /// Inspections within it.
    Inspections,
    /// The findings of those inspections.
    Findings,
    /// The audit lines of the asset audits among them.
    Audited,
    /// Of those, the lines that did not find their asset.
    Missing,
    /// The lines that found their asset elsewhere.
    Moved,
    /// The lines that counted their asset short.
    Short,
    /// Incidents within it.
    Incidents,
    /// Events within it.
    Events,
    /// Works projects started within it.
    Started,
    /// Works projects completed within it.
    Completed,
    /// Works projects accepted within it.
    Accepted,
    /// Contracts active on its day.
    Active,
    /// Contracts signed within it.
    Signed,
    /// Rules in force on its day.
    InForce,
    /// Rules adopted within it.
    Adopted,
    /// Rules revised within it.
    Revised,
    /// Spending in its months.
    Actual,
    /// Budget lines of its months.
    Planned,
}

/// What a `by_*` table groups a set's records by.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Grouping {
    /// `by_category`.
    Category,
    /// `by_class` (a repair's responsible class).
    Class,
    /// `by_method`.
    Method,
    /// `by_type`.
    Type,
    /// A finding's status: `rectified` or `open`.
    Status,
    /// `by_severity`.
    Severity,
    /// `by_month`.
    Month,
    /// `in_force_by_area`.
    Area,
}

/// One page of a semester's records behind figures: a set, or one key of a grouping.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Traced {
    /// The semester.
    pub semester: Idx,
    /// The set.
    pub trace: Trace,
    /// A key of one of its groupings, by its place among the grouping's keys.
    pub group: Option<(Grouping, usize)>,
}

/// The figures whose records a set lists: `(prefix, set, grouping)`, the longest
/// prefix first; a grouping's key follows its prefix (`["安防"]`).
const FIGURES: &[(&str, Trace, Option<Grouping>)] = &[
    (
        "stats.assets.added.by_category",
        Trace::Added,
        Some(Grouping::Category),
    ),
    ("stats.assets.added.", Trace::Added, None),
    ("stats.assets.disposed.", Trace::Disposed, None),
    (
        "stats.assets.by_category",
        Trace::Books,
        Some(Grouping::Category),
    ),
    ("stats.assets.", Trace::Books, None),
    (
        "stats.repairs.by_class",
        Trace::Reported,
        Some(Grouping::Class),
    ),
    ("stats.repairs.reported", Trace::Reported, None),
    ("stats.repairs.fixed", Trace::Fixed, None),
    ("stats.repairs.cost", Trace::Fixed, None),
    ("stats.repairs.verified", Trace::Verified, None),
    ("stats.repairs.open", Trace::Open, None),
    ("stats.repairs.overdue", Trace::Overdue, None),
    (
        "stats.purchases.by_method",
        Trace::Purchases,
        Some(Grouping::Method),
    ),
    (
        "stats.purchases.by_category",
        Trace::Purchases,
        Some(Grouping::Category),
    ),
    ("stats.purchases.count", Trace::Purchases, None),
    ("stats.purchases.total", Trace::Purchases, None),
    (
        "stats.inspections.by_type",
        Trace::Inspections,
        Some(Grouping::Type),
    ),
    ("stats.inspections.count", Trace::Inspections, None),
    ("stats.inspections.findings.total", Trace::Findings, None),
    ("stats.inspections.audit.checked", Trace::Audited, None),
    ("stats.inspections.audit.missing", Trace::Missing, None),
    ("stats.inspections.audit.moved", Trace::Moved, None),
    ("stats.inspections.audit.short", Trace::Short, None),
    (
        "stats.inspections.findings.",
        Trace::Findings,
        Some(Grouping::Status),
    ),
    (
        "stats.incidents.by_severity",
        Trace::Incidents,
        Some(Grouping::Severity),
    ),
    ("stats.incidents.", Trace::Incidents, None),
    ("stats.events.by_type", Trace::Events, Some(Grouping::Type)),
    ("stats.events.", Trace::Events, None),
    (
        "stats.projects.completed.by_category",
        Trace::Completed,
        Some(Grouping::Category),
    ),
    ("stats.projects.completed.count", Trace::Completed, None),
    ("stats.projects.started", Trace::Started, None),
    ("stats.projects.accepted", Trace::Accepted, None),
    ("stats.contracts.active", Trace::Active, None),
    ("stats.contracts.signed", Trace::Signed, None),
    (
        "stats.rules.in_force_by_area",
        Trace::InForce,
        Some(Grouping::Area),
    ),
    ("stats.rules.in_force", Trace::InForce, None),
    ("stats.rules.adopted", Trace::Adopted, None),
    ("stats.rules.revised", Trace::Revised, None),
    (
        "stats.budget.by_month",
        Trace::Actual,
        Some(Grouping::Month),
    ),
    (
        "stats.budget.by_category",
        Trace::Actual,
        Some(Grouping::Category),
    ),
    ("stats.budget.actual", Trace::Actual, None),
    ("stats.budget.planned", Trace::Planned, None),
];

impl Trace {
    /// Every set, in the order of the summary.
    pub const ALL: [Trace; 27] = [
        Trace::Books,
        Trace::Added,
        Trace::Disposed,
        Trace::Reported,
        Trace::Fixed,
        Trace::Verified,
        Trace::Open,
        Trace::Overdue,
        Trace::Purchases,
        Trace::Inspections,
        Trace::Findings,
        Trace::Audited,
        Trace::Missing,
        Trace::Moved,
        Trace::Short,
        Trace::Incidents,
        Trace::Events,
        Trace::Started,
        Trace::Completed,
        Trace::Accepted,
        Trace::Active,
        Trace::Signed,
        Trace::InForce,
        Trace::Adopted,
        Trace::Revised,
        Trace::Actual,
        Trace::Planned,
    ];

    /// The set's name: its page's file name and the key of its words (`trace_NAME`,
    /// `rule_NAME`).
    pub fn name(self) -> &'static str {
        match self {
            Trace::Books => "assets",
            Trace::Added => "assets.added",
            Trace::Disposed => "assets.disposed",
            Trace::Reported => "repairs.reported",
            Trace::Fixed => "repairs.fixed",
            Trace::Verified => "repairs.verified",
            Trace::Open => "repairs.open",
            Trace::Overdue => "repairs.overdue",
            Trace::Purchases => "purchases",
            Trace::Inspections => "inspections",
            Trace::Findings => "inspections.findings",
            Trace::Audited => "inspections.audit",
            Trace::Missing => "inspections.audit.missing",
            Trace::Moved => "inspections.audit.moved",
            Trace::Short => "inspections.audit.short",
            Trace::Incidents => "incidents",
            Trace::Events => "events",
            Trace::Started => "projects.started",
            Trace::Completed => "projects.completed",
            Trace::Accepted => "projects.accepted",
            Trace::Active => "contracts.active",
            Trace::Signed => "contracts.signed",
            Trace::InForce => "rules.in_force",
            Trace::Adopted => "rules.adopted",
            Trace::Revised => "rules.revised",
            Trace::Actual => "budget.actual",
            Trace::Planned => "budget.planned",
        }
    }

    /// Whether it is a set of audit lines.
    fn of_audit_lines(self) -> bool {
        matches!(
            self,
            Trace::Audited | Trace::Missing | Trace::Moved | Trace::Short
        )
    }

    /// The kind of the records it lists (a set of findings, spending or budget lines:
    /// their records' kind).
    fn kind(self) -> Kind {
        match self {
            Trace::Books | Trace::Added | Trace::Disposed => Kind::Asset,
            Trace::Purchases => Kind::Purchase,
            Trace::Inspections | Trace::Findings => Kind::Inspection,
            _ if self.of_audit_lines() => Kind::Inspection,
            Trace::Incidents => Kind::Incident,
            Trace::Events => Kind::Event,
            Trace::Started | Trace::Completed | Trace::Accepted => Kind::Project,
            Trace::Active | Trace::Signed => Kind::Contract,
            Trace::InForce | Trace::Adopted | Trace::Revised => Kind::Rule,
            Trace::Planned => Kind::Budget,
            _ => Kind::Repair,
        }
    }

    /// What its records are grouped by in the `by_*` tables.
    pub fn groupings(self) -> &'static [Grouping] {
        match self {
            Trace::Books | Trace::Added => &[Grouping::Category],
            Trace::Reported => &[Grouping::Class],
            Trace::Purchases => &[Grouping::Method, Grouping::Category],
            Trace::Inspections | Trace::Events => &[Grouping::Type],
            Trace::Incidents => &[Grouping::Severity],
            Trace::Completed => &[Grouping::Category],
            Trace::InForce => &[Grouping::Area],
            Trace::Findings => &[Grouping::Status],
            Trace::Actual | Trace::Planned => &[Grouping::Month, Grouping::Category],
            _ => &[],
        }
    }

    /// The figure that counts the set's records (of a group, `group` is the path of
    /// its key), if one does.
    fn count(self, group: Option<&str>) -> Option<String> {
        let child = |base: &str, key: &str| stats::child(base, key);
        Some(match (self, group) {
            (Trace::Books, None) => "stats.assets.count".into(),
            (Trace::Added, None) => "stats.assets.added.count".into(),
            (Trace::Disposed, None) => "stats.assets.disposed.count".into(),
            (Trace::Books | Trace::Added | Trace::Purchases, Some(g)) => child(g, "count"),
            (Trace::Reported, None) => "stats.repairs.reported".into(),
            (Trace::Fixed, _) => "stats.repairs.fixed".into(),
            (Trace::Verified, _) => "stats.repairs.verified".into(),
            (Trace::Open, _) => "stats.repairs.open".into(),
            (Trace::Overdue, _) => "stats.repairs.overdue".into(),
            (Trace::Purchases, None) => "stats.purchases.count".into(),
            (Trace::Inspections, None) => "stats.inspections.count".into(),
            (Trace::Findings, None) => "stats.inspections.findings.total".into(),
            (Trace::Audited, _) => "stats.inspections.audit.checked".into(),
            (Trace::Missing, _) => "stats.inspections.audit.missing".into(),
            (Trace::Moved, _) => "stats.inspections.audit.moved".into(),
            (Trace::Short, _) => "stats.inspections.audit.short".into(),
            (Trace::Incidents, None) => "stats.incidents.count".into(),
            (Trace::Started, _) => "stats.projects.started".into(),
            (Trace::Completed, None) => "stats.projects.completed.count".into(),
            (Trace::Completed, Some(g)) => child(g, "count"),
            (Trace::Accepted, _) => "stats.projects.accepted".into(),
            (Trace::Active, _) => "stats.contracts.active".into(),
            (Trace::Signed, _) => "stats.contracts.signed".into(),
            (Trace::InForce, None) => "stats.rules.in_force".into(),
            (Trace::InForce, Some(g)) => g.to_owned(),
            (Trace::Adopted, _) => "stats.rules.adopted".into(),
            (Trace::Revised, _) => "stats.rules.revised".into(),
            (Trace::Events, None) => "stats.events.count".into(),
            (
                Trace::Reported
                | Trace::Inspections
                | Trace::Findings
                | Trace::Incidents
                | Trace::Events,
                Some(g),
            ) => g.to_owned(),
            _ => return None,
        })
    }
}

impl Grouping {
    /// Its name, as in `by_category`, and the key of its words (`group_NAME`).
    fn name(self) -> &'static str {
        match self {
            Grouping::Category => "by_category",
            Grouping::Class => "by_class",
            Grouping::Method => "by_method",
            Grouping::Type => "by_type",
            Grouping::Status => "status",
            Grouping::Severity => "by_severity",
            Grouping::Area => "in_force_by_area",
            Grouping::Month => "by_month",
        }
    }
}

/// The `by_*` table of a set's grouping (for findings, the object of their counts).
fn group_table(trace: Trace, grouping: Grouping) -> &'static str {
    match (trace, grouping) {
        (Trace::Added, _) => "stats.assets.added.by_category",
        (Trace::Books, _) => "stats.assets.by_category",
        (Trace::Reported, _) => "stats.repairs.by_class",
        (Trace::Purchases, Grouping::Method) => "stats.purchases.by_method",
        (Trace::Purchases, _) => "stats.purchases.by_category",
        (Trace::Inspections, _) => "stats.inspections.by_type",
        (Trace::Findings, _) => "stats.inspections.findings",
        (Trace::Incidents, _) => "stats.incidents.by_severity",
        (Trace::Events, _) => "stats.events.by_type",
        (Trace::Completed, _) => "stats.projects.completed.by_category",
        (Trace::InForce, _) => "stats.rules.in_force_by_area",
        (_, Grouping::Month) => "stats.budget.by_month",
        _ => "stats.budget.by_category",
    }
}

/// The figures a whole set's sums are fields of.
fn sum_base(trace: Trace) -> &'static str {
    match trace {
        Trace::Added => "stats.assets.added",
        Trace::Disposed => "stats.assets.disposed",
        Trace::Books => "stats.assets",
        Trace::Purchases => "stats.purchases",
        Trace::Actual | Trace::Planned => "stats.budget",
        Trace::Incidents => "stats.incidents",
        Trace::Events => "stats.events",
        Trace::Active => "stats.contracts",
        _ => "stats.repairs",
    }
}

/// A key as it may stand in a file name: itself where plain, else its slug.
fn file_key(key: &str) -> String {
    let plain = key
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    match plain && !key.is_empty() {
        true => key.to_owned(),
        false => super::slug(key),
    }
}

impl Site<'_> {
    /// The keys of a grouping of a set in a semester: the keys of its `by_*` table.
    fn group_keys(&self, semester: Idx, trace: Trace, grouping: Grouping) -> Vec<String> {
        if grouping == Grouping::Status {
            return vec!["rectified".into(), "open".into()];
        }
        let table = group_table(trace, grouping);
        let json = stats::lookup(&self.c.semesters[semester].json, table);
        json.and_then(|t| t.as_object())
            .map(|t| t.keys().cloned().collect())
            .unwrap_or_default()
    }

    /// The grouping and key of a page of one key, if it is one.
    fn group_key(&self, t: Traced) -> Option<(Grouping, String)> {
        let (g, n) = t.group?;
        let keys = self.group_keys(t.semester, t.trace, g);
        Some((g, keys.get(n).cloned().unwrap_or_default()))
    }

    /// Every page of records behind figures: each set and each key of its groupings,
    /// of every semester.
    pub(super) fn traced_pages(&self) -> Vec<Traced> {
        let mut out = Vec::new();
        for semester in 0..self.records.config.semesters.len() {
            for trace in Trace::ALL {
                out.push(Traced {
                    semester,
                    trace,
                    group: None,
                });
                for &grouping in trace.groupings() {
                    let keys = self.group_keys(semester, trace, grouping).len();
                    out.extend((0..keys).map(|n| Traced {
                        semester,
                        trace,
                        group: Some((grouping, n)),
                    }));
                }
            }
        }
        out
    }

    /// The page of a set or group, from the site's top.
    fn traced_path(&self, t: Traced) -> String {
        let key = self.group_key(t);
        self.traced_file(
            t.semester,
            t.trace,
            key.as_ref().map(|(g, k)| (*g, k.as_str())),
        )
    }

    /// The page of a set, or of one key of a grouping of it, from the site's top.
    fn traced_file(&self, semester: Idx, trace: Trace, key: Option<(Grouping, &str)>) -> String {
        let id = self.records.config.semesters[semester].id.as_str();
        let name = trace.name();
        match key {
            None => format!("semesters/{id}/{name}.html"),
            Some((g, key)) => format!("semesters/{id}/{name}.{}.{}.html", g.name(), file_key(key)),
        }
    }

    /// The pages of keys that the site in `out` has no page of: a value no record had
    /// before (a new category) brings a page of its records to every semester.
    pub(crate) fn new_group_pages(&self, out: &std::path::Path) -> Vec<Traced> {
        let mut new = Vec::new();
        for semester in 0..self.records.config.semesters.len() {
            for trace in Trace::ALL {
                for &g in trace.groupings() {
                    for (n, key) in self.group_keys(semester, trace, g).iter().enumerate() {
                        let path = self.traced_file(semester, trace, Some((g, key)));
                        if !out.join(path).is_file() {
                            new.push(Traced {
                                semester,
                                trace,
                                group: Some((g, n)),
                            });
                        }
                    }
                }
            }
        }
        new
    }

    /// The page that lists the records behind a figure, from the site's top, if the
    /// figure counts or sums records.
    fn trace_link(&self, semester: Idx, path: &str) -> Option<String> {
        let &(prefix, mut trace, grouping) = FIGURES.iter().find(|(p, ..)| path.starts_with(p))?;
        let rest = &path[prefix.len()..];
        if path.ends_with(".planned") {
            trace = Trace::Planned;
        }
        let group = match grouping {
            None => None,
            Some(Grouping::Status) => Some((Grouping::Status, rest.to_owned())),
            // A key written `["安防"]`, or `.drill` where it is a plain name.
            Some(g) => match (rest.strip_prefix('['), rest.strip_prefix('.')) {
                (Some(r), _) => {
                    let mut key = serde_json::Deserializer::from_str(r).into_iter::<String>();
                    Some((g, key.next()?.ok()?))
                }
                (None, Some(r)) => Some((g, r.split('.').next()?.to_owned())),
                (None, None) => None,
            },
        };
        let group = match group {
            None => None,
            Some((g, key)) => {
                let keys = self.group_keys(semester, trace, g);
                Some((g, keys.iter().position(|k| *k == key)?))
            }
        };
        Some(self.traced_path(Traced {
            semester,
            trace,
            group,
        }))
    }

    /// The link from a page at `root` to the records behind a figure, where it counts
    /// or sums records (and figures lead anywhere).
    pub(crate) fn figure_href(&self, root: &str, semester: Idx, path: &str) -> Option<String> {
        let link = self.trace_link(semester, path)?;
        match &self.figure_links {
            FigureLinks::Site => Some(format!("{root}{link}")),
            FigureLinks::At(base) => Some(super::published(base, &link)),
            FigureLinks::Off => None,
        }
    }

    /// The records of a set, or of one group of it.
    fn traced_rows(&self, t: Traced) -> Rows {
        let facts = &self.c.semesters[t.semester];
        let key = self.group_key(t);
        let rows = rows(facts, t.trace).into_iter().filter(|row| match &key {
            Some((g, k)) => row_key(self.records, facts, t.trace, *g, row).as_deref() == Some(k),
            None => true,
        });
        Rows::of(t.trace, rows)
    }

    /// The pages of records behind figures that record `i` of a kind is on now, or was
    /// on as `before` (its set's page and the pages of its keys); `None` when it was on
    /// the page of a key that no record has any more (only a whole build removes it).
    pub(crate) fn traced_pages_of(
        &self,
        kind: Kind,
        i: Idx,
        before: &Parsed,
    ) -> Option<Vec<Traced>> {
        // The record alone, as it was and as it is, in a set of its own.
        let alone = |record: Parsed| {
            let mut alone = Records {
                config: self.records.config.clone(),
                ..Records::default()
            };
            record.add_to(&mut alone);
            let alone = crate::status::as_of(alone, self.c.day);
            (stats::Keys::of(&alone), alone)
        };
        let (keys, then) = alone(before.clone());
        let (now_keys, now_alone) = alone(crate::kinds::dispatch!(kind, K => {
            use crate::kinds::Record;
            K::all(self.records)[i].clone().into()
        }));
        let (then_cards, now_cards) = (Cards::of(&then), Cards::of(&now_alone));
        let mut out = Vec::new();
        // Whether what the record adds to any figure changed (else the semester after,
        // whose totals compare with these figures, reads as it did).
        let mut figures_moved = false;
        for (semester, s) in self.records.config.semesters.iter().enumerate() {
            let was = stats::semester(&keys, &then_cards, &then, s, self.c.day);
            let is = stats::semester(&now_keys, &now_cards, &now_alone, s, self.c.day);
            figures_moved |= was.json != is.json;
            // What an audit line counts depends on its card as well as on its line.
            let audited =
                |facts: &SemesterFacts, i| !rows_of(facts, Trace::Audited, kind, i).is_empty();
            figures_moved |= audited(&self.c.semesters[semester], i) || audited(&was, 0);
            let now = &self.c.semesters[semester];
            for trace in Trace::ALL {
                let on = [(self.records, now, i), (&then, &was, 0)];
                for (records, facts, i) in on {
                    let mine = rows_of(facts, trace, kind, i);
                    if !mine.is_empty() {
                        out.push(Traced {
                            semester,
                            trace,
                            group: None,
                        });
                    }
                    for (row, &g) in mine
                        .iter()
                        .flat_map(|row| trace.groupings().iter().map(move |g| (row, g)))
                    {
                        let Some(key) = row_key(records, facts, trace, g, row) else {
                            continue;
                        };
                        let keys = self.group_keys(semester, trace, g);
                        let n = keys.iter().position(|k| *k == key)?;
                        out.push(Traced {
                            semester,
                            trace,
                            group: Some((g, n)),
                        });
                    }
                }
            }
        }
        // The totals of the semester after show these figures as last semester's.
        let mut next = Vec::new();
        for t in out.iter().filter(|_| figures_moved) {
            for n in (0..self.c.semesters.len()).filter(|&n| self.c.previous(n) == Some(t.semester))
            {
                let group = match t.group {
                    None => None,
                    Some((Grouping::Month, _)) => continue,
                    Some(_) => {
                        let (g, key) = self.group_key(*t)?;
                        let keys = self.group_keys(n, t.trace, g);
                        Some((g, keys.iter().position(|k| *k == key)?))
                    }
                };
                next.push(Traced {
                    semester: n,
                    trace: t.trace,
                    group,
                });
            }
        }
        out.extend(next);
        Some(out)
    }

    /// The page of the records behind a set's or a group's figures.
    pub(super) fn traced_page(&self, t: Traced) -> Page {
        let path = self.traced_path(t);
        let root = "../../";
        let w = |k: &str| self.w(k);
        let s = &self.records.config.semesters[t.semester];
        let facts = &self.c.semesters[t.semester];
        let group = self.group_key(t);
        let mut title = format!("{} · {}", s.title, w(&format!("trace_{}", t.trace.name())));
        if let Some((g, key)) = &group {
            title.push_str(&format!(" · {}", self.group_word(t.trace, *g, key)));
        }
        let day = match t.trace {
            Trace::Actual | Trace::Planned => facts.budget_day,
            _ => facts.day,
        };
        let months = &facts.months;
        let month = |m: Option<&Month>| {
            m.map_or_else(String::new, |m| {
                let zh = format!("{}年{}月", m.year, m.month);
                self.lang.pick(zh, m.to_string())
            })
        };
        let mut rule = w(&format!("rule_{}", t.trace.name()))
            .replace("{day}", &self.long_date(day))
            .replace("{start}", &self.long_date(*s.start))
            .replace("{first}", &month(months.first()))
            .replace("{last}", &month(months.last()))
            .replace(
                "{overdue}",
                &self.records.config.rules.repair_overdue_days.to_string(),
            );
        if let Some((g, key)) = &group {
            rule.push_str(
                &w(&format!("group_{}", g.name()))
                    .replace("{key}", &self.group_word(t.trace, *g, key)),
            );
        }
        let (table, sums) = self.traced_table(t, root);
        let id = s.id.as_str();
        let base = match &group {
            Some((g, key)) => stats::child(group_table(t.trace, *g), key),
            None => sum_base(t.trace).to_owned(),
        };
        let count = t.trace.count(group.as_ref().map(|_| base.as_str()));
        let mut totals = Table::new(&[w("figure"), &format!("{}#", w("amount"))]);
        if let Some(count) = &count {
            let cell = self.figure_cell(root, t.semester, count);
            totals.push(vec![Cell::text(w("records_count")), cell]);
        }
        // A group's table holds only some of the sums (a severity only counts).
        let json = &facts.json;
        let sums = sums
            .into_iter()
            .map(|(label, field)| (label, stats::child(&base, field)));
        for (label, path) in sums.filter(|(_, path)| stats::lookup(json, path).is_some()) {
            let cell = self.figure_cell(root, t.semester, &path);
            totals.push(vec![Cell::text(label), cell]);
        }
        let mut ctx = self.context(&title, root, "semesters");
        ctx.insert("intro", &rule);
        ctx.insert("as_of", &day.to_string());
        let list = Section {
            count_of: count.map(|c| format!("{id}/{c}")),
            ..self.titled("traced_rows", table)
        };
        Page {
            path,
            template: "report.html",
            context: ctx,
            sections: vec![list, self.titled("total_row", totals)],
            parted: true,
            extra: Vec::new(),
        }
    }

    /// A group's key as shown: a choice by its word, an empty class as "none".
    fn group_word(&self, trace: Trace, grouping: Grouping, key: &str) -> String {
        let word = |prefix: &str| crate::site::words::find(self.lang, &format!("{prefix}_{key}"));
        match grouping {
            Grouping::Method => word("method"),
            Grouping::Type if trace == Trace::Events => word("event_type"),
            Grouping::Type => word("type"),
            Grouping::Severity => word("severity"),
            Grouping::Status => word("findings"),
            _ => None,
        }
        .map_or_else(|| key.to_owned(), str::to_owned)
    }

    /// A day as the rule's sentence writes it: 2012年2月10日, 10 February 2012.
    fn long_date(&self, day: chrono::NaiveDate) -> String {
        self.lang.pick(
            crate::i18n::date_zh(day),
            day.format("%-d %B %Y").to_string(),
        )
    }

    /// The table of a set's records, and the sums under it as `(label, field)` (the
    /// field of the set's or the group's figure that the column sums).
    fn traced_table(&self, t: Traced, root: &str) -> (Table, Vec<(String, &'static str)>) {
        let facts = &self.c.semesters[t.semester];
        let w = |k: &str| self.w(k).to_owned();
        match self.traced_rows(t) {
            Rows::Records(kind, which) => {
                let prepared;
                let written = match self.written_rows(t.semester, kind) {
                    Some(written) => written,
                    None => {
                        prepared = self.write_rows(t.semester, kind);
                        &prepared
                    }
                };
                let mut table = written.table.clone();
                table.written = which.iter().map(|&i| written.row(i)).collect();
                let sums = match t.trace {
                    Trace::Books | Trace::Added | Trace::Disposed => {
                        vec![(w("quantity"), "quantity"), (w("value"), "value")]
                    }
                    Trace::Fixed => vec![(w("cost"), "cost")],
                    Trace::Purchases => vec![(w("total"), "total")],
                    Trace::Incidents => vec![(w("injuries"), "injuries")],
                    Trace::Events => vec![(w("participants"), "participants")],
                    Trace::Completed => vec![(w("quantity"), "quantity")],
                    Trace::Active => vec![(w("contract_amount"), "active_amount")],
                    _ => Vec::new(),
                };
                (table, sums)
            }
            Rows::Audit(which) => {
                let lines = which.iter().map(|&n| &facts.traced.audit[n]);
                let lines = lines.map(|l| (l.inspection, l.line));
                (self.audit_table(root, lines, true), Vec::new())
            }
            Rows::Findings(which) => (
                self.findings_table(root, which.iter().map(|&n| &facts.findings[n]), true),
                Vec::new(),
            ),
            Rows::Spending(which) => {
                let mut table = Table::new(&[
                    &w("date"),
                    &w("kind"),
                    &w("id"),
                    &w("title"),
                    &w("category"),
                    &format!("{}#", w("amount_yuan")),
                ]);
                for (kind, i) in which {
                    let Some(spent) = Spent::of(self.records, kind, i) else {
                        continue;
                    };
                    let (id, title) = match kind {
                        Kind::Purchase => {
                            let p = &self.records.purchases[i];
                            (p.origin.id.as_str(), p.title.as_str())
                        }
                        _ => {
                            let r = &self.records.repairs[i];
                            (r.origin.id.as_str(), r.title.as_str())
                        }
                    };
                    table.push(vec![
                        date_cell(Some(spent.date)),
                        Cell::text(self.w(kind.folder())),
                        self.record_cell(root, kind, id),
                        Cell::text(title),
                        Cell::text(spent.category),
                        amount_cell(spent.amount),
                    ]);
                }
                (table, vec![(w("amount_yuan"), "actual")])
            }
            Rows::Lines(which) => {
                let mut table = Table::new(&[
                    &w("month"),
                    &w("category"),
                    &format!("{}#", w("amount_yuan")),
                ]);
                for (i, category) in which {
                    let b = &self.records.budgets[i];
                    table.push(vec![
                        self.month_cell(root, b.month),
                        Cell::text(&category),
                        amount_cell(b.lines[&category]),
                    ]);
                }
                (table, vec![(w("amount_yuan"), "planned")])
            }
        }
    }
}

/// One kind's rows in a semester's lists of records behind figures, each written once
/// for all the lists that show it: a repair is in the semester's reported, fixed,
/// verified, open and overdue lists and its class's; an asset card (whose row is the
/// same on any day) on the books in every semester after it was bought.
#[derive(Clone, Debug, Default)]
pub struct WrittenRows {
    /// The lists' headers (and no rows).
    table: Table,
    /// The records written, in record order.
    which: Vec<Idx>,
    /// Their rows.
    rows: Vec<std::sync::Arc<str>>,
}

impl WrittenRows {
    /// The row of record `i`, which every list of the semester's may show.
    fn row(&self, i: Idx) -> std::sync::Arc<str> {
        let n = (self.which.binary_search(&i))
            .expect("the rows are written for every record of the semester's lists");
        self.rows[n].clone()
    }
}

impl Site<'_> {
    /// The place of a semester's rows of a kind in [`Site::written`]: an asset card's
    /// row is the same in every semester, so they share one.
    fn written_slot(&self, semester: Idx, kind: Kind) -> usize {
        let kinds = Kind::ALL.iter().position(|k| *k == kind).unwrap_or(0);
        let semesters = self.records.config.semesters.len();
        kinds * semesters + if kind == Kind::Asset { 0 } else { semester }
    }

    /// The rows of a semester's lists of a kind, where [`Site::prepare_rows`] wrote them.
    fn written_rows(&self, semester: Idx, kind: Kind) -> Option<&WrittenRows> {
        self.written.get(self.written_slot(semester, kind))?.get()
    }

    /// Writes, before the pages that list them, the rows of records that the pages of
    /// records behind figures among `specs` show, a kind of a semester at a time in
    /// parallel. (Written while a page is made, a pool thread waiting for its rows
    /// could be the one writing them.)
    pub(crate) fn prepare_rows<'s>(&self, specs: impl IntoIterator<Item = &'s Spec>) {
        use rayon::prelude::*;
        let mut slots: Vec<(usize, Idx, Kind)> = (specs.into_iter())
            .filter_map(|spec| match spec {
                Spec::Traced(t) if records_of(&self.c.semesters[t.semester], t.trace).is_some() => {
                    let kind = t.trace.kind();
                    Some((self.written_slot(t.semester, kind), t.semester, kind))
                }
                _ => None,
            })
            .collect();
        slots.sort_unstable_by_key(|(slot, _, _)| *slot);
        slots.dedup_by_key(|(slot, _, _)| *slot);
        slots
            .par_iter()
            .with_max_len(1)
            .for_each(|&(slot, semester, kind)| {
                self.written[slot].get_or_init(|| self.write_rows(semester, kind));
            });
    }

    /// Writes the rows of every record of a kind that a semester's lists show (an
    /// asset card: every one).
    fn write_rows(&self, semester: Idx, kind: Kind) -> WrittenRows {
        // Every list of records is a page of semesters/ID/: its way to the top.
        let root = "../../";
        let facts = &self.c.semesters[semester];
        let which: Vec<Idx> = match kind {
            Kind::Asset => (0..self.records.assets.len()).collect(),
            _ => {
                let mut which: Vec<Idx> = (Trace::ALL.into_iter())
                    .filter(|trace| trace.kind() == kind)
                    .filter_map(|trace| records_of(facts, trace))
                    .flatten()
                    .copied()
                    .collect();
                which.sort_unstable();
                which.dedup();
                which
            }
        };
        let mut table = match kind {
            // The longest lists of all (every card on the books, each semester): a row
            // holds what the figures count and sum, and leads to the card, whose page
            // has the rest.
            Kind::Asset => {
                let w = |k: &str| self.w(k).to_owned();
                let mut table = Table::new(&[
                    &w("id"),
                    &w("name"),
                    &w("category"),
                    &format!("{}#", w("quantity")),
                    &format!("{}#", w("value")),
                ]);
                table.extend(which.iter().copied(), |i| {
                    let a = &self.records.assets[i];
                    vec![
                        self.record_cell(root, Kind::Asset, a.origin.id.as_str()),
                        Cell::text(&a.name),
                        Cell::text(&a.category),
                        Cell::num(a.quantity, a.quantity),
                        amount_cell(a.value()),
                    ]
                });
                table
            }
            Kind::Repair => self.repairs_table(root, which.iter().copied(), facts.day),
            Kind::Purchase => self.purchases_table(root, which.iter().copied()),
            kind => {
                let mut records = which.iter().copied();
                crate::kinds::dispatch!(kind, K => {
                    use crate::kinds::Record;
                    K::table(self, root, &mut records)
                })
            }
        };
        let rows = std::mem::take(&mut table.rows);
        WrittenRows {
            table,
            which,
            rows: rows.iter().map(|row| Table::written_row(row)).collect(),
        }
    }
}

/// One row of a set: a record, a finding (by place in the semester's list), a
/// spending or a budget line.
#[derive(Clone, Debug)]
enum Row {
    Record(Kind, Idx),
    Finding(usize),
    Audit(usize),
    Spent(Kind, Idx),
    Line(Idx, String),
}

impl Row {
    /// Whether the row is of record `i` of a kind (a finding: of its inspection).
    fn is(&self, facts: &SemesterFacts, kind: Kind, i: Idx) -> bool {
        match self {
            Row::Record(k, j) | Row::Spent(k, j) => *k == kind && *j == i,
            Row::Line(j, _) => kind == Kind::Budget && *j == i,
            Row::Finding(n) => kind == Kind::Inspection && facts.findings[*n].inspection == i,
            // An audit line shows its card, and what it counts depends on the card.
            Row::Audit(n) => {
                let line = &facts.traced.audit[*n];
                match kind {
                    Kind::Inspection => line.inspection == i,
                    Kind::Asset => line.asset == Some(i),
                    _ => false,
                }
            }
        }
    }
}

/// The records a set of records lists (of its kind, [`Trace::kind`]), in record order;
/// `None` for findings, spending and budget lines.
fn records_of(facts: &SemesterFacts, trace: Trace) -> Option<&[Idx]> {
    let traced = &facts.traced;
    Some(match trace {
        Trace::Books => &traced.books,
        Trace::Added => &traced.added,
        Trace::Disposed => &traced.disposed,
        Trace::Reported => &traced.reported,
        Trace::Fixed => &traced.fixed,
        Trace::Verified => &traced.verified,
        Trace::Open => &facts.open_repairs,
        Trace::Overdue => &facts.overdue_repairs,
        Trace::Purchases => &traced.purchases,
        Trace::Inspections => &traced.inspections,
        Trace::Incidents => &traced.incidents,
        Trace::Events => &traced.events,
        Trace::Started => &traced.started,
        Trace::Completed => &traced.completed,
        Trace::Accepted => &traced.accepted,
        Trace::Active => &traced.active,
        Trace::Signed => &traced.signed,
        Trace::InForce => &traced.in_force,
        Trace::Adopted => &traced.adopted,
        Trace::Revised => &traced.revised,
        Trace::Findings | Trace::Actual | Trace::Planned => return None,
        Trace::Audited | Trace::Missing | Trace::Moved | Trace::Short => return None,
    })
}

/// Every row of a set of a semester, in order.
fn rows(facts: &SemesterFacts, trace: Trace) -> Vec<Row> {
    let traced = &facts.traced;
    if let Some(list) = records_of(facts, trace) {
        return list.iter().map(|&i| Row::Record(trace.kind(), i)).collect();
    }
    match trace {
        Trace::Findings => (0..facts.findings.len()).map(Row::Finding).collect(),
        _ if trace.of_audit_lines() => {
            let lines = traced.audit.iter().enumerate();
            let kept = lines.filter(|(_, l)| match trace {
                Trace::Missing => l.outcome.missing,
                Trace::Moved => l.outcome.moved,
                Trace::Short => l.outcome.short,
                _ => true,
            });
            kept.map(|(n, _)| Row::Audit(n)).collect()
        }
        Trace::Actual => (traced.spending.iter())
            .map(|&(kind, i)| Row::Spent(kind, i))
            .collect(),
        _ => (traced.planned.iter())
            .map(|(i, category)| Row::Line(*i, category.clone()))
            .collect(),
    }
}

/// The rows of a set that are of record `i` of a kind, found without listing the set:
/// its lists of records are in record order.
fn rows_of(facts: &SemesterFacts, trace: Trace, kind: Kind, i: Idx) -> Vec<Row> {
    match records_of(facts, trace) {
        Some(list) if trace.kind() == kind && list.binary_search(&i).is_ok() => {
            vec![Row::Record(kind, i)]
        }
        Some(_) => Vec::new(),
        // A card's audit lines may move between the sets of audit lines as the card
        // changes: it is on each of them that lists its lines then or now.
        None if kind == Kind::Asset && trace.of_audit_lines() => {
            let all = rows(facts, Trace::Audited).into_iter();
            all.filter(|row| row.is(facts, kind, i)).collect()
        }
        None => rows(facts, trace)
            .into_iter()
            .filter(|row| row.is(facts, kind, i))
            .collect(),
    }
}

/// The key of a row in a grouping of its set: its category, class, method …; none for a
/// repair without a responsible class.
fn row_key<'r>(
    r: &'r Records,
    facts: &'r SemesterFacts,
    trace: Trace,
    g: Grouping,
    row: &'r Row,
) -> Option<Cow<'r, str>> {
    Some(match (row, trace) {
        (Row::Record(_, i), Trace::Books | Trace::Added) => r.assets[*i].category.as_str().into(),
        (Row::Record(_, i), Trace::Reported) => r.repairs[*i].responsible_class.as_deref()?.into(),
        (Row::Record(_, i), Trace::Purchases) => match g {
            Grouping::Method => r.purchases[*i].method.as_str().into(),
            _ => r.purchases[*i].category.as_str().into(),
        },
        (Row::Record(_, i), Trace::Inspections) => r.inspections[*i].kind.as_str().into(),
        (Row::Record(_, i), Trace::Incidents) => r.incidents[*i].severity.name().into(),
        (Row::Record(_, i), Trace::Events) => r.events[*i].kind.name().into(),
        (Row::Record(_, i), Trace::Completed) => r.projects[*i].category.as_str().into(),
        (Row::Record(_, i), Trace::InForce) => r.rules[*i].area.as_str().into(),
        (Row::Finding(n), _) => match facts.findings[*n].status == FindingStatus::Rectified {
            true => "rectified".into(),
            false => "open".into(),
        },
        (Row::Spent(kind, i), _) => {
            let spent = Spent::of(r, *kind, *i)?;
            match g {
                Grouping::Month => Month::of(spent.date).to_string().into(),
                _ => spent.category.into(),
            }
        }
        (Row::Line(i, _), _) if g == Grouping::Month => r.budgets[*i].month.to_string().into(),
        (Row::Line(_, category), _) => category.as_str().into(),
        _ => return None,
    })
}

/// What a page of records behind figures lists.
enum Rows {
    /// Records of one kind.
    Records(Kind, Vec<Idx>),
    /// Findings of the semester's inspections, by place in its list.
    Findings(Vec<usize>),
    /// Audit lines of the semester's asset audits, by place in its list.
    Audit(Vec<usize>),
    /// Spending: a purchase or a repair.
    Spending(Vec<(Kind, Idx)>),
    /// Budget lines, as `(budget, category)`.
    Lines(Vec<(Idx, String)>),
}

impl Rows {
    /// The rows of one set, gathered by what they are.
    fn of(trace: Trace, rows: impl Iterator<Item = Row>) -> Rows {
        match trace {
            Trace::Findings => Rows::Findings(
                rows.filter_map(|r| match r {
                    Row::Finding(n) => Some(n),
                    _ => None,
                })
                .collect(),
            ),
            _ if trace.of_audit_lines() => Rows::Audit(
                rows.filter_map(|r| match r {
                    Row::Audit(n) => Some(n),
                    _ => None,
                })
                .collect(),
            ),
            Trace::Actual => Rows::Spending(
                rows.filter_map(|r| match r {
                    Row::Spent(k, i) => Some((k, i)),
                    _ => None,
                })
                .collect(),
            ),
            Trace::Planned => Rows::Lines(
                rows.filter_map(|r| match r {
                    Row::Line(i, c) => Some((i, c)),
                    _ => None,
                })
                .collect(),
            ),
            _ => Rows::Records(
                trace.kind(),
                rows.filter_map(|r| match r {
                    Row::Record(_, i) => Some(i),
                    _ => None,
                })
                .collect(),
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{Grouping, Trace};
    use crate::i18n::Lang;
    use crate::site::words::word;

    /// The rule each page says is the rule docs/FORMAT.md says, word for word.
    #[test]
    fn every_rule_is_worded_as_the_format_words_it() {
        let format = include_str!("../../../docs/FORMAT.md");
        let groupings = [
            Grouping::Category,
            Grouping::Class,
            Grouping::Method,
            Grouping::Type,
            Grouping::Status,
            Grouping::Severity,
            Grouping::Month,
            Grouping::Area,
        ];
        let rules = Trace::ALL.map(|t| format!("rule_{}", t.name()));
        let groups = groupings.map(|g| format!("group_{}", g.name()));
        for key in rules.iter().chain(&groups) {
            for lang in [Lang::ZhCn, Lang::En] {
                let words = word(lang, key);
                assert!(format.contains(&format!("| {words} |")), "{key}: {words}");
            }
        }
    }
}
