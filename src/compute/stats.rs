//! A semester's figures, the `stats` object that summaries and pages show, computed on
//! the semester's day, with the lists its counts are counts of.
//!
//! Every name of FORMAT.md's stats table is here with exactly its meaning; the rest
//! (`by_class`, `tenders`, `by_month` …) are additions. Every `by_*` table has a key for
//! every value seen in the records (and every choice: method, inspection type, severity,
//! event type), so that a narrative can name a figure that happens to be zero this
//! semester.

use super::Idx;
use super::audit::Cards;
use super::links::Planned;
use super::trace::Traced;
use crate::amount::Amount;
use crate::kinds::project;
use crate::model::{EventType, Method, Month, Records, Semester, Severity};
use crate::parse::Choice;
use crate::status::{self, FindingStatus};
use chrono::NaiveDate;
use std::collections::{BTreeMap, BTreeSet};

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
    pub(crate) fn add(&mut self, quantity: u32, value: Amount) {
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

/// The audit lines of the semester's asset audits.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct AuditStats {
    /// All audit lines.
    pub checked: usize,
    /// Of those, `found = false`.
    pub missing: usize,
    /// Found at a `found_at` other than the card's location.
    pub moved: usize,
    /// Found, with a `quantity` below the card's (counted short).
    pub short: usize,
}

impl AuditStats {
    /// Whether the semester has audit lines.
    pub fn any(&self) -> bool {
        self.checked > 0
    }
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
    /// The audit lines of the asset audits among them.
    pub audit: AuditStats,
}

/// `stats.incidents`.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize)]
pub struct IncidentStats {
    /// Incidents dated within the semester (0 is the seed's 零事故).
    pub count: usize,
    /// People hurt in them.
    pub injuries: u64,
    /// Per severity (every severity present).
    pub by_severity: BTreeMap<String, usize>,
}

/// `stats.events`.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize)]
pub struct EventStats {
    /// Events dated within the semester.
    pub count: usize,
    /// Their participants, summed (an event without the number counts none).
    pub participants: u64,
    /// Per type (every type present).
    pub by_type: BTreeMap<String, usize>,
}

/// `stats.budget`: the semester's months whole, on the day in question.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize)]
pub struct BudgetStats {
    /// Budget lines of the semester's months that have begun.
    pub planned: Amount,
    /// Spending dated in the semester's months (also after its end, in its last month).
    pub actual: Amount,
    /// Per month (`YYYY-MM`), a key for each of the semester's months (zero before it
    /// begins).
    pub by_month: BTreeMap<String, Planned>,
    /// Per category, a key for every category budgeted or spent under.
    pub by_category: BTreeMap<String, Planned>,
}

/// `stats.rules`: the rule book.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize)]
pub struct RuleStats {
    /// Rules in force on the semester's day.
    pub in_force: usize,
    /// Rules adopted within the semester.
    pub adopted: usize,
    /// Rules revised at least once within the semester.
    pub revised: usize,
    /// Rules in force on the semester's day, per area (every area seen).
    pub in_force_by_area: BTreeMap<String, usize>,
}

/// Works projects of one category completed within the semester.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize)]
pub struct Measured {
    /// How many.
    pub count: usize,
    /// The sum of their quantities in the category's unit (those measured in another
    /// unit, warned about by `check`, are left out), rounded to 6 decimal places so that
    /// 0.1 + 0.2 is 0.3.
    pub quantity: f64,
    /// The category's unit: that of its first completed project with a size, of every
    /// record read; `null` when it has none.
    pub unit: Option<String>,
}

/// Works projects completed within the semester.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize)]
pub struct CompletedProjects {
    /// How many.
    pub count: usize,
    /// The same per category, with their size.
    pub by_category: BTreeMap<String, Measured>,
}

/// `stats.projects`.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize)]
pub struct ProjectStats {
    /// Projects started within the semester.
    pub started: usize,
    /// Projects completed within the semester.
    pub completed: CompletedProjects,
    /// Projects accepted within the semester.
    pub accepted: usize,
}

/// `stats.contracts`.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize)]
pub struct ContractStats {
    /// Contracts active on the semester's day (signed by then, between start and end).
    pub active: usize,
    /// Their total amount.
    pub active_amount: Amount,
    /// Contracts signed within the semester.
    pub signed: usize,
}

impl ProjectStats {
    /// Whether any project was started, completed or accepted within the semester.
    pub fn any(&self) -> bool {
        self.started + self.completed.count + self.accepted > 0
    }
}

impl RuleStats {
    /// Whether any rule was in force on the semester's day, adopted or revised within it.
    pub fn any(&self) -> bool {
        self.in_force + self.adopted + self.revised > 0
    }
}

impl ContractStats {
    /// Whether any contract was active on the semester's day or signed within it.
    pub fn any(&self) -> bool {
        self.active + self.signed > 0
    }
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
    /// Works projects.
    pub projects: ProjectStats,
    /// Outsourcing and service contracts.
    pub contracts: ContractStats,
    /// Safety incidents.
    pub incidents: IncidentStats,
    /// Meetings, training and visits.
    pub events: EventStats,
    /// The rule book.
    pub rules: RuleStats,
}

/// A finding of one of the semester's inspections, as it stood on the semester's day.
#[derive(Clone, Copy, Debug)]
pub struct SemesterFinding {
    /// The inspection (index into the records of the day in question).
    pub inspection: Idx,
    /// The finding's index in the inspection.
    pub finding: usize,
    /// Its status on the semester's day.
    pub status: FindingStatus,
    /// When it was rectified, if by the semester's day.
    pub rectified: Option<NaiveDate>,
}

/// Everything about one semester, computed on its day.
#[derive(Clone, Debug)]
pub struct SemesterFacts {
    /// The semester's day: its end, or the day in question if earlier.
    pub day: NaiveDate,
    /// The figures.
    pub stats: Stats,
    /// The figures as `zongwu stats --format json` prints them, for tagging pages.
    pub json: serde_json::Value,
    /// The months the semester holds.
    pub months: Vec<Month>,
    /// The day its budget figures are taken on: the last day of its last month, or the
    /// day in question if earlier (a month's spending counts whole in its semester).
    pub budget_day: NaiveDate,
    /// Repairs open on the day: what `stats.repairs.open` counts.
    pub open_repairs: Vec<Idx>,
    /// Of those, the overdue ones: what `stats.repairs.overdue` counts.
    pub overdue_repairs: Vec<Idx>,
    /// Findings of the semester's inspections: what `stats.inspections.findings` counts.
    pub findings: Vec<SemesterFinding>,
    /// Per responsible class, what the repairs it counts in `repairs.by_class` cost,
    /// those fixed by the semester's day.
    pub class_costs: BTreeMap<String, Amount>,
    /// The records that the other counts and sums count and sum.
    pub traced: Traced,
}

impl SemesterFacts {
    /// The semester's months begun by its budget day, with their budget against
    /// spending: the rows of `stats.budget.by_month` a page shows.
    pub fn budget_months(&self) -> impl Iterator<Item = (Month, &String, Planned)> {
        self.stats.budget.by_month.iter().filter_map(|(key, line)| {
            let month = Month::parse(key)?;
            status::month_begun(month, self.budget_day).then_some((month, key, *line))
        })
    }

    /// The findings not rectified by the day: what `stats.inspections.findings.open`
    /// counts.
    pub fn open_findings(&self) -> impl Iterator<Item = &SemesterFinding> {
        self.findings
            .iter()
            .filter(|f| f.status != FindingStatus::Rectified)
    }
}

/// The window of a semester: from its start to its day.
#[derive(Clone, Copy)]
struct Window {
    start: NaiveDate,
    day: NaiveDate,
}

impl Window {
    fn holds(self, date: NaiveDate) -> bool {
        status::in_window(date, self.start, self.day)
    }
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

/// The values that name the keys of the `by_*` tables: those of every record read, not
/// only of those that exist on the day, so that a narrative's names do not depend on it.
#[derive(Clone, Debug, Default)]
pub struct Keys {
    /// Works project categories, with their unit where they have one.
    project_categories: BTreeMap<String, Option<String>>,
    /// Asset categories.
    asset_categories: BTreeSet<String>,
    /// Responsible classes of repairs.
    classes: BTreeSet<String>,
    /// Purchase categories.
    purchase_categories: BTreeSet<String>,
    /// Categories budgeted or spent under.
    budget_categories: BTreeSet<String>,
    /// Areas of the rule book.
    rule_areas: BTreeSet<String>,
}

impl Keys {
    /// The keys of every record.
    pub fn of(records: &Records) -> Keys {
        Keys {
            asset_categories: records.assets.iter().map(|a| a.category.clone()).collect(),
            classes: records
                .repairs
                .iter()
                .filter_map(|r| r.responsible_class.clone())
                .collect(),
            purchase_categories: records
                .purchases
                .iter()
                .map(|p| p.category.clone())
                .collect(),
            budget_categories: records
                .budgets
                .iter()
                .flat_map(|b| b.lines.keys().cloned())
                .chain(super::spending(records).map(|s| s.category.to_owned()))
                .collect(),
            rule_areas: records.rules.iter().map(|r| r.area.clone()).collect(),
            project_categories: {
                let units = project::category_units(&records.projects);
                let unit = |c: &str| units.get(c).map(|(unit, _)| (*unit).to_owned());
                let categories = records.projects.iter().map(|p| p.category.as_str());
                categories.map(|c| (c.to_owned(), unit(c))).collect()
            },
        }
    }
}

/// Computes one semester on `today`: `records` are the records as of `today`
/// ([`status::as_of`]), `cards` their assets by id, `keys` those of every record read.
pub fn semester(
    keys: &Keys,
    cards: &Cards,
    records: &Records,
    s: &Semester,
    today: NaiveDate,
) -> SemesterFacts {
    let w = Window {
        start: *s.start,
        day: status::semester_day(s, today),
    };
    let rules = &records.config.rules;
    let open_repairs: Vec<Idx> = (0..records.repairs.len())
        .filter(|&i| status::repair_open(&records.repairs[i], w.day))
        .collect();
    let overdue_repairs = open_repairs
        .iter()
        .copied()
        .filter(|&i| status::repair_overdue(&records.repairs[i], w.day, rules))
        .collect();
    let mut findings = Vec::new();
    for (i, x) in records.inspections.iter().enumerate() {
        if w.holds(*x.date) {
            for (n, f) in x.findings.iter().enumerate() {
                findings.push(SemesterFinding {
                    inspection: i,
                    finding: n,
                    status: status::finding(x, n, w.day, rules),
                    rectified: status::happened(&f.rectified, w.day),
                });
            }
        }
    }
    let months = status::semester_months(s);
    let budget_day = months
        .last()
        .and_then(|m| m.next().day(1))
        .and_then(|first| first.pred_opt())
        .map_or(w.day, |last| last.min(today));
    let traced = Traced::of(records, cards, w.start, w.day, &months, budget_day);
    let mut facts = SemesterFacts {
        day: w.day,
        budget_day,
        traced,
        stats: Stats::default(),
        json: serde_json::Value::Null,
        months,
        open_repairs,
        overdue_repairs,
        findings,
        class_costs: class_costs(records, w),
    };
    facts.stats = Stats {
        assets: assets(keys, records, &facts.traced),
        repairs: repairs(keys, records, &facts),
        purchases: purchases(keys, records, w, &facts.traced),
        inspections: inspections(records, &facts),
        budget: budget(keys, records, &facts),
        incidents: incidents(records, &facts.traced),
        events: events(records, &facts.traced),
        rules: rule_book(keys, records, &facts.traced),
        projects: projects(keys, records, &facts.traced),
        contracts: contracts(records, &facts.traced),
    };
    facts.json = serde_json::to_value(&facts.stats).unwrap_or_default();
    facts
}

fn assets(keys: &Keys, records: &Records, traced: &Traced) -> AssetStats {
    let mut out = AssetStats::default();
    for category in &keys.asset_categories {
        out.by_category.entry(category.clone()).or_default();
        out.added.by_category.entry(category.clone()).or_default();
    }
    let tally = |which: &[Idx], all: &mut Tally, by: Option<&mut BTreeMap<String, Tally>>| {
        let mut by = by;
        for a in which.iter().map(|&i| &records.assets[i]) {
            all.add(a.quantity, a.value());
            if let Some(by) = by.as_deref_mut() {
                tally_of(by, &a.category).add(a.quantity, a.value());
            }
        }
    };
    let mut books = Tally::default();
    tally(&traced.books, &mut books, Some(&mut out.by_category));
    (out.count, out.quantity, out.value) = (books.count, books.quantity, books.value);
    let mut added = Tally::default();
    tally(&traced.added, &mut added, Some(&mut out.added.by_category));
    (out.added.count, out.added.quantity, out.added.value) =
        (added.count, added.quantity, added.value);
    tally(&traced.disposed, &mut out.disposed, None);
    out
}

fn repairs(keys: &Keys, records: &Records, facts: &SemesterFacts) -> RepairStats {
    let traced = &facts.traced;
    let mut out = RepairStats {
        reported: traced.reported.len(),
        fixed: traced.fixed.len(),
        verified: traced.verified.len(),
        open: facts.open_repairs.len(),
        overdue: facts.overdue_repairs.len(),
        ..RepairStats::default()
    };
    for class in &keys.classes {
        out.by_class.insert(class.clone(), 0);
    }
    for r in traced.reported.iter().map(|&i| &records.repairs[i]) {
        if let Some(class) = &r.responsible_class {
            *tally_of(&mut out.by_class, class) += 1;
        }
    }
    let mut days = Vec::new();
    for r in traced.fixed.iter().map(|&i| &records.repairs[i]) {
        out.cost += r.cost.unwrap_or_default();
        if let Some(fixed) = &r.fixed {
            days.push((**fixed - *r.reported).num_days());
        }
    }
    out.median_days = median(days);
    out
}

/// What the repairs reported within the window cost, per responsible class, counting
/// those fixed by the window's day (the cost of a later fix is not yet known).
fn class_costs(records: &Records, w: Window) -> BTreeMap<String, Amount> {
    let mut out = BTreeMap::new();
    for r in &records.repairs {
        if let Some(class) = &r.responsible_class
            && w.holds(*r.reported)
            && status::happened(&r.fixed, w.day).is_some()
        {
            *tally_of(&mut out, class) += r.cost.unwrap_or_default();
        }
    }
    out
}

fn purchases(keys: &Keys, records: &Records, w: Window, traced: &Traced) -> PurchaseStats {
    let mut out = PurchaseStats::default();
    for method in Method::NAMES {
        out.by_method
            .insert((*method).to_owned(), PurchaseTally::default());
    }
    for category in &keys.purchase_categories {
        out.by_category.entry(category.clone()).or_default();
    }
    for p in traced.purchases.iter().map(|&i| &records.purchases[i]) {
        let total = p.total();
        out.count += 1;
        out.total += total;
        for tally in [
            tally_of(&mut out.by_method, p.method.as_str()),
            tally_of(&mut out.by_category, &p.category),
        ] {
            tally.count += 1;
            tally.total += total;
        }
        if *p.method == Method::Tender {
            out.tenders.push(Tender {
                id: p.origin.id.to_string(),
                title: p.title.clone(),
                total,
                vendor: status::happened(&p.purchased, w.day)
                    .and(p.vendor.as_ref())
                    .map(|v| v.to_string()),
                bids: p.bids.as_ref().map_or(0, |b| b.len()),
            });
        }
    }
    out.tenders.sort_by(|a, b| a.id.cmp(&b.id));
    out
}

/// The tally of `key` in `map`, a new one if it has none (the key is copied only
/// then: a semester's figures tally some 100,000 records under a few keys).
fn tally_of<'m, V: Default>(map: &'m mut BTreeMap<String, V>, key: &str) -> &'m mut V {
    if !map.contains_key(key) {
        map.insert(key.to_owned(), V::default());
    }
    map.get_mut(key).expect("inserted above")
}

/// How many of `values` there are of each choice, with a key for every choice.
fn per_choice<T: Choice>(values: impl Iterator<Item = T>) -> BTreeMap<String, usize> {
    let mut out: BTreeMap<String, usize> = T::NAMES.iter().map(|n| ((*n).to_owned(), 0)).collect();
    for value in values {
        *tally_of(&mut out, value.name()) += 1;
    }
    out
}

fn projects(keys: &Keys, records: &Records, traced: &Traced) -> ProjectStats {
    let mut out = ProjectStats::default();
    let by_category = &mut out.completed.by_category;
    for (category, unit) in &keys.project_categories {
        let unit = unit.clone();
        by_category.insert(
            category.clone(),
            Measured {
                unit,
                ..Measured::default()
            },
        );
    }
    out.started = traced.started.len();
    out.accepted = traced.accepted.len();
    out.completed.count = traced.completed.len();
    for p in traced.completed.iter().map(|&i| &records.projects[i]) {
        let category = tally_of(by_category, &p.category);
        category.count += 1;
        if let (Some(quantity), Some(unit)) = (&p.quantity, &p.unit)
            && category.unit.as_deref() == Some(unit.as_str())
        {
            category.quantity += **quantity;
        }
    }
    for category in by_category.values_mut() {
        category.quantity = (category.quantity * 1e6).round() / 1e6;
    }
    out
}

fn contracts(records: &Records, traced: &Traced) -> ContractStats {
    ContractStats {
        active: traced.active.len(),
        active_amount: traced
            .active
            .iter()
            .map(|&i| records.contracts[i].amount)
            .sum(),
        signed: traced.signed.len(),
    }
}

fn inspections(records: &Records, facts: &SemesterFacts) -> InspectionStats {
    let within = &facts.traced.inspections;
    let mut out = InspectionStats {
        count: within.len(),
        by_type: per_choice(within.iter().map(|&i| *records.inspections[i].kind)),
        ..InspectionStats::default()
    };
    let findings = &facts.findings;
    out.findings.total = findings.len();
    out.findings.open = facts.open_findings().count();
    out.findings.rectified = out.findings.total - out.findings.open;
    let lines = facts.traced.audit.iter().map(|l| l.outcome);
    out.audit = AuditStats {
        checked: facts.traced.audit.len(),
        missing: lines.clone().filter(|o| o.missing).count(),
        moved: lines.clone().filter(|o| o.moved).count(),
        short: lines.filter(|o| o.short).count(),
    };
    out
}

fn incidents(records: &Records, traced: &Traced) -> IncidentStats {
    let within: Vec<_> = traced
        .incidents
        .iter()
        .map(|&i| &records.incidents[i])
        .collect();
    IncidentStats {
        count: within.len(),
        injuries: within.iter().map(|x| u64::from(x.injuries)).sum(),
        by_severity: per_choice::<Severity>(within.iter().map(|x| *x.severity)),
    }
}

fn events(records: &Records, traced: &Traced) -> EventStats {
    let within: Vec<_> = traced.events.iter().map(|&i| &records.events[i]).collect();
    EventStats {
        count: within.len(),
        participants: within
            .iter()
            .filter_map(|e| e.participants)
            .map(u64::from)
            .sum(),
        by_type: per_choice::<EventType>(within.iter().map(|e| *e.kind)),
    }
}

fn rule_book(keys: &Keys, records: &Records, traced: &Traced) -> RuleStats {
    let mut out = RuleStats {
        in_force: traced.in_force.len(),
        adopted: traced.adopted.len(),
        revised: traced.revised.len(),
        ..RuleStats::default()
    };
    for area in &keys.rule_areas {
        out.in_force_by_area.insert(area.clone(), 0);
    }
    for r in traced.in_force.iter().map(|&i| &records.rules[i]) {
        *tally_of(&mut out.in_force_by_area, &r.area) += 1;
    }
    out
}

/// The semester's months whole: the budget lines of those begun by its budget day,
/// and the spending dated in them (the records are as of the day in question, so no
/// later spending is there).
fn budget(keys: &Keys, records: &Records, facts: &SemesterFacts) -> BudgetStats {
    let mut out = BudgetStats::default();
    for category in &keys.budget_categories {
        out.by_category.entry(category.clone()).or_default();
    }
    let mut by_month: BTreeMap<Month, Planned> = facts
        .months
        .iter()
        .map(|m| (*m, Planned::default()))
        .collect();
    for (i, category) in &facts.traced.planned {
        let b = &records.budgets[*i];
        let amount = b.lines[category];
        by_month.entry(b.month).or_default().planned += amount;
        tally_of(&mut out.by_category, category).planned += amount;
    }
    let spending = facts.traced.spending.iter();
    for spent in spending.filter_map(|&(kind, i)| super::Spent::of(records, kind, i)) {
        by_month.entry(Month::of(spent.date)).or_default().actual += spent.amount;
        tally_of(&mut out.by_category, spent.category).actual += spent.amount;
    }
    for (month, planned) in by_month {
        out.planned += planned.planned;
        out.actual += planned.actual;
        out.by_month.insert(month.to_string(), planned);
    }
    out
}

/// The name of a figure inside another: `stats.assets` + `count` is `stats.assets.count`,
/// a key that is not a plain name is written `["安防"]`, an index `[0]`.
pub fn child(path: &str, key: &str) -> String {
    let plain = !key.is_empty()
        && !key.starts_with(|c: char| c.is_ascii_digit())
        && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    if plain {
        format!("{path}.{key}")
    } else if key.bytes().all(|b| b.is_ascii_digit()) && !key.is_empty() {
        format!("{path}[{key}]")
    } else {
        format!("{path}[{}]", serde_json::Value::from(key))
    }
}

/// A figure found by its name (`stats.repairs.open`, `stats.a["安防"].count`,
/// `stats.purchases.tenders[0].total`) in the JSON of a `stats` object.
pub fn lookup<'v>(json: &'v serde_json::Value, path: &str) -> Option<&'v serde_json::Value> {
    let mut value = json;
    let mut rest = path.strip_prefix("stats")?;
    while !rest.is_empty() {
        if let Some(r) = rest.strip_prefix('.') {
            let end = r.find(['.', '[']).unwrap_or(r.len());
            value = value.get(&r[..end])?;
            rest = &r[end..];
        } else if let Some(r) = rest.strip_prefix('[').filter(|r| r.starts_with('"')) {
            let mut key = serde_json::Deserializer::from_str(r).into_iter::<String>();
            let name = key.next()?.ok()?;
            value = value.get(&name)?;
            rest = r[key.byte_offset()..].strip_prefix(']')?;
        } else if let Some(r) = rest.strip_prefix('[') {
            let end = r.find(']')?;
            value = value.get(r[..end].parse::<usize>().ok()?)?;
            rest = &r[end + 1..];
        } else {
            return None;
        }
    }
    Some(value)
}

/// A figure's value as `zongwu stats --format json` prints it, a string without its
/// quotes: `3`, `"1200.00"` → `1200.00`, `null`.
pub fn raw(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::{child, lookup, median, raw};

    #[test]
    fn median_of_odd_even_and_none() {
        assert_eq!(median(vec![]), None);
        assert_eq!(median(vec![5, 1, 3]), Some(3.0));
        assert_eq!(median(vec![4, 1, 3, 2]), Some(2.5));
    }

    #[test]
    fn figures_are_named_and_found_by_their_names() {
        let json =
            serde_json::json!({"a": {"安防": {"n": 3}, "2011-09": "1.00", "x": [null, 2.5]}});
        let path = child(&child(&child("stats", "a"), "安防"), "n");
        assert_eq!(path, "stats.a[\"安防\"].n");
        let found = |path: &str| lookup(&json, path).map(raw);
        assert_eq!(found(&path).as_deref(), Some("3"));
        let month = child(&child("stats", "a"), "2011-09");
        assert_eq!(month, "stats.a[\"2011-09\"]");
        assert_eq!(found(&month).as_deref(), Some("1.00"));
        assert_eq!(found("stats.a.x[0]").as_deref(), Some("null"));
        assert_eq!(found("stats.a.x[1]").as_deref(), Some("2.5"));
        assert_eq!(found(&child("stats.a.x", "1")).as_deref(), Some("2.5"));
        assert_eq!(found("stats.a.y"), None);
        let odd = child("stats.b", "\"]<x>");
        let json = serde_json::json!({"b": {"\"]<x>": 1}});
        assert_eq!(lookup(&json, &odd), Some(&serde_json::json!(1)));
    }
}
