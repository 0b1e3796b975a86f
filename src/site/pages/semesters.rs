//! The semester pages (the printable summary of each) and the home dashboard, which
//! shows the current semester at a glance. Figures come from [`crate::stats`].

use super::{Card, Page, Section, Site, amount_cell, context, date_cell};
use crate::derive::FindingStatus;
use crate::model::{Kind, Month, RepairStatus, Semester};
use crate::site::markdown;
use crate::site::table::{Cell, Table};
use crate::stats::{self, Stats};

/// The semester that holds `today`, else the last one begun, else the first.
pub fn current(semesters: &[Semester], today: chrono::NaiveDate) -> Option<usize> {
    let begun = semesters
        .iter()
        .enumerate()
        .filter(|(_, s)| *s.start <= today)
        .max_by_key(|(_, s)| *s.start);
    let first = || semesters.iter().enumerate().min_by_key(|(_, s)| *s.start);
    semesters
        .iter()
        .position(|s| s.contains(today))
        .or_else(|| begun.or_else(first).map(|(i, _)| i))
}

impl Site<'_> {
    /// The months a semester covers (a month belongs where its 15th day falls).
    fn semester_months(&self, s: &Semester) -> Vec<Month> {
        let mut months = Vec::new();
        let mut m = Month::of(*s.start);
        while m.day(1).is_some_and(|d| d <= *s.end) {
            if stats::holds_month(s, m) {
                months.push(m);
            }
            m = if m.month == 12 {
                Month {
                    year: m.year + 1,
                    month: 1,
                }
            } else {
                Month {
                    year: m.year,
                    month: m.month + 1,
                }
            };
        }
        months
    }

    /// The key figures of a semester, as cards.
    fn cards(&self, st: &Stats) -> Vec<Card> {
        vec![
            self.card("assets_on_books", st.assets.quantity),
            self.card("asset_value", st.assets.value.grouped()),
            self.card("repairs_reported", st.repairs.reported),
            self.card("repairs_fixed", st.repairs.fixed),
            self.card("purchase_total", st.purchases.total.grouped()),
            self.card("inspections_held", st.inspections.count),
            self.card("findings_open", st.inspections.findings.open),
        ]
    }

    fn titled_section(&self, key: &str, table: Table) -> Section {
        Section {
            title: self.w(key).to_owned(),
            table,
            interactive: false,
            csv: None,
        }
    }

    /// A two-column table of named figures.
    fn figures(&self, rows: &[(&str, String)]) -> Table {
        let mut t = Table::new(&[self.w("figure"), &format!("{}#", self.w("amount"))]);
        for (key, value) in rows {
            t.push(vec![Cell::text(self.w(key)), Cell::num(value, value)]);
        }
        t
    }

    /// The computed sections of a semester summary.
    fn summary_sections(&self, s: &Semester, st: &Stats) -> Vec<Section> {
        let w = |k: &str| self.w(k);
        let root = "../";
        let mut assets = Table::new(&[
            w("category"),
            &format!("{}#", w("added_count")),
            &format!("{}#", w("added_quantity")),
            &format!("{}#", w("added_value")),
            &format!("{}#", w("books_count")),
            &format!("{}#", w("books_quantity")),
            &format!("{}#", w("books_value")),
        ]);
        for (category, books) in &st.assets.by_category {
            let added = st
                .assets
                .added
                .by_category
                .get(category)
                .copied()
                .unwrap_or_default();
            if added.count == 0 && books.count == 0 {
                continue;
            }
            assets.push(vec![
                Cell::text(category),
                Cell::num(added.count, added.count),
                Cell::num(added.quantity, added.quantity),
                amount_cell(added.value),
                Cell::num(books.count, books.count),
                Cell::num(books.quantity, books.quantity),
                amount_cell(books.value),
            ]);
        }
        assets.push(vec![
            Cell::text(w("total_row")),
            Cell::num(st.assets.added.count, 0),
            Cell::num(st.assets.added.quantity, 0),
            amount_cell(st.assets.added.value),
            Cell::num(st.assets.count, 0),
            Cell::num(st.assets.quantity, 0),
            amount_cell(st.assets.value),
        ]);
        let r = &st.repairs;
        let repairs = self.figures(&[
            ("repairs_reported", r.reported.to_string()),
            ("repairs_fixed", r.fixed.to_string()),
            ("repairs_verified", r.verified.to_string()),
            ("repairs_open_end", r.open.to_string()),
            ("repairs_overdue_end", r.overdue.to_string()),
            (
                "median_days",
                r.median_days.map_or("—".to_owned(), |d| d.to_string()),
            ),
            ("repair_cost", r.cost.to_string()),
            (
                "disposed_in_semester",
                st.assets.disposed.quantity.to_string(),
            ),
        ]);
        let mut by_class = Table::new(&[w("class"), &format!("{}#", w("repairs"))]);
        for (class, count) in r.by_class.iter().filter(|(_, n)| **n > 0) {
            by_class.push(vec![Cell::text(class), Cell::num(count, count)]);
        }
        let mut by_method = Table::new(&[
            w("method"),
            &format!("{}#", w("count")),
            &format!("{}#", w("total")),
        ]);
        for (method, tally) in &st.purchases.by_method {
            by_method.push(vec![
                Cell::text(w(&format!("method_{method}"))),
                Cell::num(tally.count, tally.count),
                amount_cell(tally.total),
            ]);
        }
        let mut tenders = Table::new(&[
            w("id"),
            w("title"),
            &format!("{}#", w("total")),
            w("vendor"),
            &format!("{}#", w("bid_count")),
        ]);
        for t in &st.purchases.tenders {
            tenders.push(vec![
                self.record_cell(root, Kind::Purchase, &t.id),
                Cell::text(&t.title),
                amount_cell(t.total),
                Cell::text(t.vendor.as_deref().unwrap_or("—")),
                Cell::num(t.bids, t.bids),
            ]);
        }
        let mut by_type = Table::new(&[w("type"), &format!("{}#", w("count"))]);
        for (kind, count) in &st.inspections.by_type {
            by_type.push(vec![
                Cell::text(w(&format!("type_{kind}"))),
                Cell::num(count, count),
            ]);
        }
        let f = &st.inspections.findings;
        by_type.push(vec![
            Cell::text(w("findings_total")),
            Cell::num(f.total, f.total),
        ]);
        by_type.push(vec![
            Cell::text(w("findings_rectified")),
            Cell::num(f.rectified, f.rectified),
        ]);
        let mut findings = Table::new(&[
            w("inspections"),
            w("date"),
            w("description"),
            w("rectified"),
            w("status"),
        ]);
        for (i, x) in self
            .records
            .inspections
            .iter()
            .enumerate()
            .filter(|(_, x)| s.contains(*x.date))
        {
            for (n, finding) in x.findings.iter().enumerate() {
                let rectified = finding
                    .rectified
                    .as_ref()
                    .map(|d| **d)
                    .filter(|d| *d <= *s.end);
                let status = if rectified.is_some() {
                    Cell::status(w("status_rectified"), "rectified")
                } else {
                    self.finding_status_cell(i, n)
                };
                findings.push(vec![
                    self.record_cell(root, Kind::Inspection, x.origin.id.as_str()),
                    date_cell(Some(*x.date)),
                    Cell::text(&finding.description),
                    date_cell(rectified),
                    status,
                ]);
            }
        }
        let months = self.semester_months(s);
        vec![
            self.titled_section("assets_by_category", assets),
            self.titled_section("repairs", repairs),
            self.titled_section("by_class", by_class),
            self.titled_section("by_method", by_method),
            self.titled_section("tenders", tenders),
            self.titled_section("by_type", by_type),
            self.titled_section("findings", findings),
            self.titled_section(
                "budget_by_month",
                self.budgets_table(root, months.into_iter()),
            ),
        ]
    }

    /// The list of semesters.
    pub(super) fn semesters_page(&self) -> Page {
        let w = |k: &str| self.w(k);
        let mut t = Table::new(&[w("semester"), w("period")]);
        for s in &self.records.config.semesters {
            t.push(vec![
                Cell::link(&s.title, format!("{}.html", s.id.as_str())),
                Cell::text(format!("{} — {}", *s.start, *s.end)),
            ]);
        }
        let mut ctx = context(w("semesters"), "../", "semesters");
        ctx.insert("sections", &[self.titled_section("printable", t)]);
        Page {
            path: "semesters/index.html".into(),
            template: "report.html",
            context: ctx,
            extra: Vec::new(),
        }
    }

    /// One semester's printable summary: cover, narrative, figures, charts, tables.
    pub(super) fn semester_page(&self, i: usize) -> Page {
        let s = &self.records.config.semesters[i];
        let root = "../";
        let st = &self.stats[i];
        let mut ctx = context(&s.title, root, "semesters");
        ctx.insert("body_class", "print-summary");
        ctx.insert("semester", s);
        ctx.insert("cards", &self.cards(st));
        let months = self.semester_months(s);
        let charts = [
            self.spending_chart(months.iter().copied()),
            self.repairs_chart(months.iter().copied()),
            self.assets_chart(*s.end),
        ];
        ctx.insert("charts", &charts);
        ctx.insert(
            "narrative",
            &self
                .narratives
                .get(s.id.as_str())
                .map(|md| markdown::to_html(md, root)),
        );
        ctx.insert("sections", &self.summary_sections(s, st));
        Page {
            path: format!("semesters/{}.html", s.id.as_str()),
            template: "semester.html",
            context: ctx,
            extra: Vec::new(),
        }
    }

    /// The dashboard: the current semester's figures and charts, and what needs doing.
    pub(super) fn home(&self) -> Page {
        let d = self.derived;
        let mut ctx = context(&self.records.config.site.title, "", "home");
        ctx.insert("as_of", &d.today.to_string());
        if let Some(i) = current(&self.records.config.semesters, d.today) {
            let s = &self.records.config.semesters[i];
            ctx.insert(
                "cards_title",
                &format!("{} · {}", self.w("current_semester"), s.title),
            );
            ctx.insert("cards", &self.cards(&self.stats[i]));
            let months = self.semester_months(s);
            let charts = [
                self.spending_chart(months.iter().copied()),
                self.repairs_chart(months.iter().copied()),
                self.assets_chart(d.today),
            ];
            ctx.insert("charts", &charts);
        }
        let overdue = (0..self.records.repairs.len()).filter(|&i| d.repair_overdue[i]);
        let mut findings = Table::new(&[
            self.w("inspections"),
            self.w("date"),
            self.w("description"),
            self.w("status"),
        ]);
        for (i, x) in self.records.inspections.iter().enumerate() {
            for (n, f) in x
                .findings
                .iter()
                .enumerate()
                .filter(|(n, _)| d.finding_status[i][*n] == FindingStatus::Overdue)
            {
                findings.push(vec![
                    self.record_cell("", Kind::Inspection, x.origin.id.as_str()),
                    date_cell(Some(*x.date)),
                    Cell::text(&f.description),
                    self.finding_status_cell(i, n),
                ]);
            }
        }
        let open = d
            .repair_status
            .iter()
            .filter(|s| **s == RepairStatus::Open)
            .count();
        ctx.insert("intro", &format!("{}: {open}", self.w("open_repairs")));
        let mut sections = vec![
            self.titled_section("overdue_repairs", self.repairs_table("", overdue)),
            self.titled_section("open_findings", findings),
        ];
        if !self.history.latest.is_empty() {
            let latest = self.history.latest.iter();
            let files =
                latest.flat_map(|(change, files)| files.iter().map(move |f| (change, f.as_str())));
            sections.push(self.titled_section(
                "latest_changes",
                self.changes_table("", files.take(20), true),
            ));
        }
        ctx.insert("sections", &sections);
        Page {
            path: "index.html".into(),
            template: "home.html",
            context: ctx,
            extra: Vec::new(),
        }
    }
}
