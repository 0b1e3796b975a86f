//! The index of each kind and the page of each record.

use super::{Page, Section, Site, amount_cell, context, date_cell, opt_cell};
use crate::model::Kind;
use crate::site::table::{Cell, Table};
use crate::site::{markdown, search};
use crate::status::{self, Dated, FindingStatus, RepairStatus, Stage};
use chrono::NaiveDate;

/// A `key: value` line of a record page.
#[derive(Clone, Debug, serde::Serialize)]
pub struct FieldRow {
    /// The label.
    pub label: &'static str,
    /// The value.
    pub value: Cell,
}

/// From a kind's index to the site's top.
const INDEX_ROOT: &str = "../";

impl Site<'_> {
    /// The status badge of a repair on `day` (the day in question, or a semester's).
    pub(super) fn repair_status_cell(&self, i: usize, day: NaiveDate) -> Cell {
        let state = self.c.repair_on(i, day);
        if state.overdue {
            return Cell::status(self.w("status_overdue"), "overdue");
        }
        match state.status {
            RepairStatus::Open => Cell::status(self.w("status_open"), "open"),
            RepairStatus::Fixed => Cell::status(self.w("status_fixed"), "fixed"),
            RepairStatus::Closed => Cell::status(self.w("status_closed"), "closed"),
        }
    }

    /// The status badge of a finding on the day in question.
    pub(super) fn finding_status_cell(&self, x: usize, n: usize) -> Cell {
        self.finding_badge(self.c.findings[x][n])
    }

    /// The badge of a finding status.
    pub(super) fn finding_badge(&self, status: FindingStatus) -> Cell {
        match status {
            FindingStatus::Rectified => Cell::status(self.w("status_rectified"), "rectified"),
            FindingStatus::Open => Cell::status(self.w("status_unrectified"), "open"),
            FindingStatus::Overdue => Cell::status(self.w("status_overdue"), "overdue"),
        }
    }

    /// The stage badge of a purchase.
    pub(super) fn stage_cell(&self, i: usize) -> Cell {
        let stage = self.c.stages[i];
        let key = match stage {
            Stage::Requested => "stage_requested",
            Stage::Approved => "stage_approved",
            Stage::Purchased => "stage_purchased",
            Stage::Received => "stage_received",
            Stage::Issued => "stage_issued",
        };
        Cell::status(
            self.w(key),
            if stage == Stage::Issued {
                "closed"
            } else {
                "waiting"
            },
        )
    }

    /// The table of some assets.
    pub(super) fn assets_table(&self, root: &str, which: impl Iterator<Item = usize>) -> Table {
        let w = |k: &str| self.w(k);
        let mut t = Table::new(&[
            w("id"),
            w("name"),
            w("category"),
            w("location"),
            &format!("{}#", w("quantity")),
            &format!("{}#", w("unit_price")),
            &format!("{}#", w("value")),
            w("acquired"),
            w("disposed"),
        ]);
        t.extend(which, |i| {
            let a = &self.records.assets[i];
            vec![
                self.record_cell(root, Kind::Asset, a.origin.id.as_str()),
                Cell::text(&a.name),
                Cell::text(&a.category),
                self.location_cell(root, &a.location),
                Cell::num(a.quantity, a.quantity),
                amount_cell(a.unit_price),
                amount_cell(a.value()),
                date_cell(Some(*a.acquired)),
                date_cell(a.disposed.as_ref().map(|d| **d)),
            ]
        });
        t
    }

    /// The table of some repairs as they stood on `day` (the day in question, or a
    /// semester's day before it).
    pub(super) fn repairs_table(
        &self,
        root: &str,
        which: impl Iterator<Item = usize>,
        day: NaiveDate,
    ) -> Table {
        let w = |k: &str| self.w(k);
        let mut t = Table::new(&[
            w("id"),
            w("title"),
            w("location"),
            w("reported"),
            w("responsible_class"),
            w("fixed"),
            w("status"),
            &format!("{}#", w("cost")),
        ]);
        t.extend(which, |i| {
            let r = &self.records.repairs[i];
            vec![
                self.record_cell(root, Kind::Repair, r.origin.id.as_str()),
                Cell::text(&r.title),
                self.location_cell(root, &r.location),
                date_cell(Some(*r.reported)),
                opt_cell(r.responsible_class.as_deref()),
                date_cell(status::happened(&r.fixed, day)),
                self.repair_status_cell(i, day),
                r.cost.map_or_else(|| Cell::text("—"), amount_cell),
            ]
        });
        t
    }

    /// The table of some purchases.
    pub(super) fn purchases_table(&self, root: &str, which: impl Iterator<Item = usize>) -> Table {
        let w = |k: &str| self.w(k);
        let mut t = Table::new(&[
            w("id"),
            w("title"),
            w("category"),
            w("method"),
            w("requested"),
            w("purchased"),
            &format!("{}#", w("total")),
            w("stage"),
        ]);
        t.extend(which, |i| {
            let p = &self.records.purchases[i];
            vec![
                self.record_cell(root, Kind::Purchase, p.origin.id.as_str()),
                Cell::text(&p.title),
                Cell::text(&p.category),
                Cell::text(self.w(&format!("method_{}", p.method.as_str()))),
                date_cell(Some(*p.requested)),
                date_cell(p.purchased.as_ref().map(|d| **d)),
                amount_cell(p.total()),
                self.stage_cell(i),
            ]
        });
        t
    }

    /// The table of some inspections.
    pub(super) fn inspections_table(
        &self,
        root: &str,
        which: impl Iterator<Item = usize>,
    ) -> Table {
        let w = |k: &str| self.w(k);
        let mut t = Table::new(&[
            w("id"),
            w("title"),
            w("type"),
            w("date"),
            w("location"),
            w("inspector"),
            &format!("{}#", w("findings")),
            &format!("{}#", w("findings_open")),
        ]);
        t.extend(which, |i| {
            let x = &self.records.inspections[i];
            let open = self.c.findings[i]
                .iter()
                .filter(|s| **s != FindingStatus::Rectified)
                .count();
            vec![
                self.record_cell(root, Kind::Inspection, x.origin.id.as_str()),
                Cell::text(&x.title),
                Cell::text(self.w(&format!("type_{}", x.kind.as_str()))),
                date_cell(Some(*x.date)),
                x.location
                    .as_deref()
                    .map_or_else(|| Cell::text("—"), |l| self.location_cell(root, l)),
                Cell::text(&x.inspector),
                Cell::num(x.findings.len(), x.findings.len()),
                Cell::num(open, open),
            ]
        });
        t
    }

    /// An empty table of budget against spending by month.
    pub(super) fn budget_table(&self) -> Table {
        let w = |k: &str| self.w(k);
        Table::new(&[
            w("month"),
            &format!("{}#", w("planned")),
            &format!("{}#", w("actual")),
            &format!("{}#", w("difference")),
        ])
    }

    /// The table of monthly budgets against actual spending, for some months.
    pub(super) fn budgets_table(
        &self,
        root: &str,
        months: impl Iterator<Item = crate::model::Month>,
    ) -> Table {
        let mut t = self.budget_table();
        for month in months {
            let total = self
                .c
                .months
                .get(&month)
                .map(|m| m.total)
                .unwrap_or_default();
            t.push(vec![
                self.month_cell(root, month),
                amount_cell(total.planned),
                amount_cell(total.actual),
                amount_cell(total.left()),
            ]);
        }
        t
    }

    /// The index page of a kind: every record, filterable, with a CSV download.
    pub(super) fn index_page(&self, kind: Kind) -> Page {
        let r = self.records;
        let table = match kind {
            Kind::Asset => self.assets_table(INDEX_ROOT, 0..r.assets.len()),
            Kind::Repair => self.repairs_table(INDEX_ROOT, 0..r.repairs.len(), self.c.day),
            Kind::Purchase => self.purchases_table(INDEX_ROOT, 0..r.purchases.len()),
            Kind::Inspection => self.inspections_table(INDEX_ROOT, 0..r.inspections.len()),
            Kind::Budget => self.budgets_table(INDEX_ROOT, self.c.months.keys().copied()),
        };
        let csv = table.to_csv();
        let title = self.w(kind.folder());
        let ctx = context(title, INDEX_ROOT, kind.folder());
        let section = Section {
            title: String::new(),
            table,
            interactive: true,
            csv: Some("index.csv".into()),
            ..Section::default()
        };
        Page {
            path: format!("{}/index.html", kind.folder()),
            template: "list.html",
            context: ctx,
            sections: vec![section],
            parted: true,
            extra: vec![(format!("{}/index.csv", kind.folder()), csv)],
        }
    }

    /// One record's page.
    pub(super) fn record_page(&self, kind: Kind, i: usize) -> Page {
        let path = self.record_path(kind, i);
        let root = super::root_of(&path);
        let root = root.as_str();
        let (fields, sections, notes) = match kind {
            Kind::Asset => self.asset_parts(i, root),
            Kind::Repair => self.repair_parts(i, root),
            Kind::Purchase => self.purchase_parts(i, root),
            Kind::Inspection => self.inspection_parts(i, root),
            Kind::Budget => return self.month_page(self.records.budgets[i].month),
        };
        let (id, title, status) = self.heading(kind, i);
        let file = self.records.origin(kind, i).file;
        let changes = self
            .c
            .history
            .by_file
            .get(&self.sources.get(file).path)
            .into_iter()
            .flatten()
            .map(|c| (c, &[][..]));
        let mut sections = sections;
        sections.extend(self.section("changes", self.changes_table(root, changes, false)));
        let mut ctx = context(&title, root, kind.folder());
        ctx.insert("kind", self.w(kind.folder()));
        ctx.insert("id", &id);
        ctx.insert("fields", &fields);
        ctx.insert("status", &status);
        ctx.insert("notes", &notes.map(|n| markdown::to_html(n, root)));
        Page {
            path,
            template: "record.html",
            context: ctx,
            sections,
            parted: false,
            extra: Vec::new(),
        }
    }

    /// A record's id, title and status badge (if its kind has one).
    fn heading(&self, kind: Kind, i: usize) -> (String, String, Option<Cell>) {
        let r = self.records;
        let id = r.origin(kind, i).id.as_str().to_owned();
        match kind {
            Kind::Asset => (id, r.assets[i].name.clone(), None),
            Kind::Repair => (
                id,
                r.repairs[i].title.clone(),
                Some(self.repair_status_cell(i, self.c.day)),
            ),
            Kind::Purchase => (id, r.purchases[i].title.clone(), Some(self.stage_cell(i))),
            Kind::Inspection => (id, r.inspections[i].title.clone(), None),
            Kind::Budget => (id.clone(), id, None),
        }
    }

    /// What search finds record `i` of a kind by, if the record has a page of its own.
    pub fn search_entry_of(&self, kind: Kind, i: usize) -> Option<search::Entry> {
        if kind.info().page != crate::model::RecordPage::Own {
            return None;
        }
        let (id, title, status) = self.heading(kind, i);
        let path = self.record_path(kind, i);
        Some(self.search_entry(kind, i, &path, &id, &title, status.as_ref()))
    }

    /// What search finds a record by: its id and every text field (not its dates and
    /// amounts), its own lists and its notes; filtered by kind, status, the semester it
    /// began in and location.
    fn search_entry(
        &self,
        kind: Kind,
        i: usize,
        path: &str,
        id: &str,
        title: &str,
        status: Option<&Cell>,
    ) -> search::Entry {
        let r = self.records;
        let mut text: Vec<&str> = vec![id];
        let (began, location, notes) = match kind {
            Kind::Asset => {
                let a = &r.assets[i];
                text.extend([a.name.as_str(), &a.category, &a.location]);
                text.extend(
                    [&a.custodian, &a.unit, &a.disposal_reason]
                        .into_iter()
                        .flatten()
                        .map(String::as_str),
                );
                text.extend(a.tags.iter().map(String::as_str));
                (
                    Some(a.first()),
                    Some(a.location.as_str()),
                    a.notes.as_deref(),
                )
            }
            Kind::Repair => {
                let x = &r.repairs[i];
                text.extend([x.title.as_str(), &x.location, &x.reporter]);
                text.extend(
                    [&x.responsible_class, &x.assignee]
                        .into_iter()
                        .flatten()
                        .map(String::as_str),
                );
                text.extend(x.asset.as_ref().map(|a| a.as_str()));
                (
                    Some(x.first()),
                    Some(x.location.as_str()),
                    x.notes.as_deref(),
                )
            }
            Kind::Purchase => {
                let p = &r.purchases[i];
                text.extend([p.title.as_str(), &p.category, &p.requester]);
                text.extend(p.vendor.as_ref().map(|v| v.as_str()));
                text.extend(p.items.iter().map(|x| x.name.as_str()));
                text.extend(
                    p.bids
                        .iter()
                        .flat_map(|b| b.iter())
                        .map(|b| b.vendor.as_str()),
                );
                (Some(p.first()), None, p.notes.as_deref())
            }
            Kind::Inspection => {
                let x = &r.inspections[i];
                text.extend([x.title.as_str(), &x.inspector]);
                text.extend(x.location.as_deref());
                text.extend(x.findings.iter().map(|f| f.description.as_str()));
                text.extend(
                    x.scores
                        .iter()
                        .flat_map(|s| s.iter())
                        .map(|s| s.class.as_str()),
                );
                text.extend(
                    x.audit
                        .iter()
                        .flat_map(|a| a.iter())
                        .filter_map(|a| a.note.as_deref()),
                );
                (Some(x.first()), x.location.as_deref(), x.notes.as_deref())
            }
            Kind::Budget => (None, None, None),
        };
        text.extend(notes);
        let semester = began.and_then(|d| r.config.semesters.iter().find(|s| s.contains(d)));
        let mut filters = vec![(self.w("kind"), self.w(kind.folder()).to_owned())];
        filters.extend(status.map(|s| (self.w("status"), s.text.clone())));
        filters.extend(semester.map(|s| (self.w("semester"), s.title.clone())));
        filters.extend(location.map(|l| (self.w("location"), l.to_owned())));
        search::Entry {
            partition: self.partition(kind, i),
            url: path.to_owned(),
            title: format!("{id} {title}"),
            text: text.join(" "),
            filters,
        }
    }
}

/// The parts of a record page below its heading: fields, related tables, notes.
type Parts<'a> = (Vec<FieldRow>, Vec<Section>, Option<&'a str>);

impl<'a> Site<'a> {
    fn field(&self, key: &'static str, value: Cell) -> FieldRow {
        FieldRow {
            label: self.w(key),
            value,
        }
    }

    fn section(&self, key: &str, table: Table) -> Option<Section> {
        (!table.rows.is_empty()).then(|| self.titled(key, table))
    }

    fn asset_parts(&self, i: usize, root: &str) -> Parts<'a> {
        let a = &self.records.assets[i];
        let id = a.origin.id.as_str();
        let f = |k, v| self.field(k, v);
        let fields = vec![
            f("id", Cell::text(id)),
            f("name", Cell::text(&a.name)),
            f("category", Cell::text(&a.category)),
            f("location", self.location_cell(root, &a.location)),
            f("custodian", opt_cell(a.custodian.as_deref())),
            f(
                "quantity",
                Cell::text(
                    format!("{} {}", a.quantity, a.unit.as_deref().unwrap_or("")).trim_end(),
                ),
            ),
            f("unit_price", Cell::text(a.unit_price.grouped())),
            f("value", Cell::text(a.value().grouped())),
            f("acquired", date_cell(Some(*a.acquired))),
            f(
                "purchase",
                a.purchase.as_ref().map_or_else(
                    || Cell::text("—"),
                    |p| self.record_cell(root, Kind::Purchase, p.as_str()),
                ),
            ),
            f("disposed", date_cell(a.disposed.as_ref().map(|d| **d))),
            f("disposal_reason", opt_cell(a.disposal_reason.as_deref())),
            f(
                "tags",
                Cell::text(if a.tags.is_empty() {
                    "—".to_owned()
                } else {
                    a.tags.join("、")
                }),
            ),
        ];
        let repairs = self
            .c
            .links
            .repairs_of_asset
            .get(id)
            .into_iter()
            .flatten()
            .copied();
        let mut audit = Table::new(&[
            self.w("inspections"),
            self.w("date"),
            self.w("found"),
            self.w("note"),
        ]);
        for &(x, n) in self.c.links.audits_of_asset.get(id).into_iter().flatten() {
            let insp = &self.records.inspections[x];
            let line = &insp.audit.as_ref().map(|a| &a[n]);
            let Some(line) = line else { continue };
            audit.push(vec![
                self.record_cell(root, Kind::Inspection, insp.origin.id.as_str()),
                date_cell(Some(*insp.date)),
                Cell::text(self.w(if line.found { "yes" } else { "no" })),
                opt_cell(line.note.as_deref()),
            ]);
        }
        let sections = [
            self.section("repairs", self.repairs_table(root, repairs, self.c.day)),
            self.section("audit", audit),
        ]
        .into_iter()
        .flatten()
        .collect();
        (fields, sections, a.notes.as_deref())
    }

    fn repair_parts(&self, i: usize, root: &str) -> Parts<'a> {
        let r = &self.records.repairs[i];
        let id = r.origin.id.as_str();
        let f = |k, v| self.field(k, v);
        let fields = vec![
            f("id", Cell::text(id)),
            f("title", Cell::text(&r.title)),
            f("location", self.location_cell(root, &r.location)),
            f(
                "asset",
                r.asset.as_ref().map_or_else(
                    || Cell::text("—"),
                    |a| self.record_cell(root, Kind::Asset, a.as_str()),
                ),
            ),
            f("reported", date_cell(Some(*r.reported))),
            f("reporter", Cell::text(&r.reporter)),
            f(
                "responsible_class",
                opt_cell(r.responsible_class.as_deref()),
            ),
            f("assignee", opt_cell(r.assignee.as_deref())),
            f("fixed", date_cell(r.fixed.as_ref().map(|d| **d))),
            f("verified", date_cell(r.verified.as_ref().map(|d| **d))),
            f(
                "cost",
                Cell::text(r.cost.map_or("—".to_owned(), |c| c.grouped())),
            ),
        ];
        let mut findings = Table::new(&[
            self.w("inspections"),
            self.w("date"),
            self.w("description"),
            self.w("status"),
        ]);
        for &(x, n) in self
            .c
            .links
            .findings_of_repair
            .get(id)
            .into_iter()
            .flatten()
        {
            let insp = &self.records.inspections[x];
            findings.push(vec![
                self.record_cell(root, Kind::Inspection, insp.origin.id.as_str()),
                date_cell(Some(*insp.date)),
                Cell::text(&insp.findings[n].description),
                self.finding_status_cell(x, n),
            ]);
        }
        let sections = self.section("findings", findings).into_iter().collect();
        (fields, sections, r.notes.as_deref())
    }

    fn purchase_parts(&self, i: usize, root: &str) -> Parts<'a> {
        let p = &self.records.purchases[i];
        let id = p.origin.id.as_str();
        let f = |k, v| self.field(k, v);
        let fields = vec![
            f("id", Cell::text(id)),
            f("title", Cell::text(&p.title)),
            f("category", Cell::text(&p.category)),
            f(
                "method",
                Cell::text(self.w(&format!("method_{}", p.method.as_str()))),
            ),
            f("requester", Cell::text(&p.requester)),
            f("requested", date_cell(Some(*p.requested))),
            f("approved", date_cell(p.approved.as_ref().map(|d| **d))),
            f("purchased", date_cell(p.purchased.as_ref().map(|d| **d))),
            f("received", date_cell(p.received.as_ref().map(|d| **d))),
            f("issued", date_cell(p.issued.as_ref().map(|d| **d))),
            f("vendor", opt_cell(p.vendor.as_ref().map(|v| v.as_str()))),
            f("total", Cell::text(p.total().grouped())),
        ];
        let w = |k: &str| self.w(k);
        let mut items = Table::new(&[
            w("name"),
            &format!("{}#", w("quantity")),
            w("unit"),
            &format!("{}#", w("unit_price")),
            &format!("{}#", w("value")),
        ]);
        for item in &p.items {
            items.push(vec![
                Cell::text(&item.name),
                Cell::num(item.quantity, item.quantity),
                opt_cell(item.unit.as_deref()),
                amount_cell(item.unit_price),
                amount_cell(item.unit_price.times(item.quantity)),
            ]);
        }
        let mut bids = Table::new(&[w("vendor"), &format!("{}#", w("bid_amount")), w("won")]);
        for bid in p.bids.iter().flat_map(|b| b.iter()) {
            bids.push(vec![
                Cell::text(&bid.vendor),
                amount_cell(bid.amount),
                Cell::text(if *bid.won { w("yes") } else { "" }),
            ]);
        }
        let assets = self
            .c
            .links
            .assets_of_purchase
            .get(id)
            .into_iter()
            .flatten()
            .copied();
        let sections = [
            self.section("items", items),
            self.section("bids", bids),
            self.section("assets", self.assets_table(root, assets)),
        ]
        .into_iter()
        .flatten()
        .collect();
        (fields, sections, p.notes.as_deref())
    }

    fn inspection_parts(&self, i: usize, root: &str) -> Parts<'a> {
        let x = &self.records.inspections[i];
        let id = x.origin.id.as_str();
        let f = |k, v| self.field(k, v);
        let fields = vec![
            f("id", Cell::text(id)),
            f("title", Cell::text(&x.title)),
            f(
                "type",
                Cell::text(self.w(&format!("type_{}", x.kind.as_str()))),
            ),
            f("date", date_cell(Some(*x.date))),
            f("inspector", Cell::text(&x.inspector)),
            f(
                "location",
                x.location
                    .as_deref()
                    .map_or_else(|| Cell::text("—"), |l| self.location_cell(root, l)),
            ),
        ];
        let w = |k: &str| self.w(k);
        let mut findings = Table::new(&[
            w("description"),
            w("severity"),
            w("due"),
            w("rectified"),
            w("repair"),
            w("status"),
        ]);
        let rules = &self.records.config.rules;
        for (n, finding) in x.findings.iter().enumerate() {
            let due = status::finding_due(x, n, rules);
            findings.push(vec![
                Cell::text(&finding.description),
                Cell::text(self.w(&format!(
                    "severity_{}",
                    crate::model::Severity::NAMES[finding.severity as usize]
                ))),
                date_cell(Some(due)),
                date_cell(finding.rectified.as_ref().map(|d| **d)),
                finding.repair.as_ref().map_or_else(
                    || Cell::text("—"),
                    |r| self.record_cell(root, Kind::Repair, r.as_str()),
                ),
                self.finding_status_cell(i, n),
            ]);
        }
        let mut scores = Table::new(&[w("class"), &format!("{}#", w("score"))]);
        for s in x.scores.iter().flat_map(|s| s.iter()) {
            scores.push(vec![
                Cell::text(&s.class),
                Cell::num(format_score(s.score), s.score),
            ]);
        }
        let mut audit = Table::new(&[w("asset"), w("found"), w("note")]);
        for line in x.audit.iter().flat_map(|a| a.iter()) {
            audit.push(vec![
                self.record_cell(root, Kind::Asset, line.asset.as_str()),
                Cell::text(w(if line.found { "yes" } else { "no" })),
                opt_cell(line.note.as_deref()),
            ]);
        }
        let sections = [
            self.section("findings", findings),
            self.section("scores", scores),
            self.section("audit", audit),
        ]
        .into_iter()
        .flatten()
        .collect();
        (fields, sections, x.notes.as_deref())
    }
}

/// A score without needless decimals: `95`, `87.5`.
pub fn format_score(score: f64) -> String {
    let s = format!("{score:.2}");
    s.trim_end_matches('0').trim_end_matches('.').to_owned()
}
