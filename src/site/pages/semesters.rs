//! The semester pages (the printable summary of each) and the home dashboard, which
//! shows the current semester at a glance. Every figure is read from the semester's
//! [`stats::SemesterFacts`] and marked with its name ([`Tag`]), so that a test can hold every
//! page to `zongwu stats`.

use super::{Card, Chart, Page, Section, Site, amount_cell, date_cell};
use crate::amount::Amount;
use crate::compute::Idx;
use crate::compute::stats;
use crate::i18n::Lang;
use crate::model::{EventType, Kind, Severity};
use crate::site::charts::{self, BarChart, Series, Shape};
use crate::site::markdown;
use crate::site::table::{Cell, Link, Table, Tag};
use std::collections::BTreeMap;

/// Whether a figure can be compared with the same name's in the previous semester: not
/// a place in a list (the n-th tender is another tender) nor a month of its own.
fn comparable(path: &str) -> bool {
    !path.contains("tenders[") && !path.contains("by_month[")
}

/// The change from the previous semester's value, as shown: a count by how many
/// (`▲ 3`), an amount (a JSON string) by how much in percent (`▼ 12%`), `±0` when the
/// same; none where either is null or both are nothing.
fn change(value: &serde_json::Value, previous: &serde_json::Value) -> Option<String> {
    use serde_json::Value;
    let arrow = |up: bool| if up { "▲" } else { "▼" };
    match (value, previous) {
        (Value::String(now), Value::String(before)) => {
            let (now, before) = (
                Amount::parse(now).ok()?.fen(),
                Amount::parse(before).ok()?.fen(),
            );
            Some(match (now - before, before) {
                (0, 0) => return None,
                (0, _) => "±0".to_owned(),
                (d, 0) => arrow(d > 0).to_owned(),
                (d, b) => format!("{} {}%", arrow(d > 0), (d.abs() * 100 + b / 2) / b),
            })
        }
        (Value::Number(now), Value::Number(before)) => {
            let d = now.as_f64()? - before.as_f64()?;
            let by = format!("{}", d.abs());
            Some(match d {
                0.0 if now.as_f64() == Some(0.0) => return None,
                0.0 => "±0".to_owned(),
                d => format!("{} {}", arrow(d > 0.0), by.trim_end_matches(".0")),
            })
        }
        _ => None,
    }
}

/// The key figures of a semester, `(word, figure)`: its cards, and its trends.
const KEY_FIGURES: [(&str, &str); 9] = [
    ("books_count", "stats.assets.count"),
    ("asset_value", "stats.assets.value"),
    ("repairs_reported", "stats.repairs.reported"),
    ("repairs_fixed", "stats.repairs.fixed"),
    ("open_repairs", "stats.repairs.open"),
    ("overdue_repairs", "stats.repairs.overdue"),
    ("purchase_total", "stats.purchases.total"),
    ("inspections_held", "stats.inspections.count"),
    ("findings_open", "stats.inspections.findings.open"),
];

/// From a semester's summary (and the other pages of `semesters/` and `months/`) to
/// the site's top.
const ROOT: &str = "../";

/// The most rows of a list the dashboard shows.
const HOME_ROWS: usize = 50;

/// The most rows of a table of the printed summary that print keeps on one page: a
/// longer one may break anywhere, so that it never leaves most of a page empty.
const WHOLE_ROWS: usize = 12;

impl Site<'_> {
    /// A semester figure by its name (`stats.repairs.open`): its tag, and its value as
    /// shown (amounts and numbers grouped by thousands, `null` as a dash).
    pub(super) fn figure(&self, sem: Idx, path: &str) -> (Tag, String) {
        let facts = &self.c.semesters[sem];
        let id = self.records.config.semesters[sem].id.as_str();
        let found = stats::lookup(&facts.json, path);
        debug_assert!(found.is_some(), "no figure {path}");
        let value = found.map(stats::raw).unwrap_or_default();
        let shown = match found {
            Some(serde_json::Value::String(_)) => {
                Amount::parse(&value).map_or_else(|_| value.clone(), Amount::grouped)
            }
            Some(serde_json::Value::Number(_)) => {
                crate::i18n::group_thousands(value.strip_suffix(".0").unwrap_or(&value))
            }
            _ => "—".to_owned(),
        };
        let previous = self
            .c
            .previous(sem)
            .filter(|_| comparable(path))
            .and_then(|p| stats::lookup(&self.c.semesters[p].json, path));
        let tag = Tag {
            figure: format!("{id}/{path}"),
            change: found.zip(previous).and_then(|(v, p)| change(v, p)),
            previous: previous.map(stats::raw),
            value,
        };
        (tag, shown)
    }

    /// A number cell showing a semester figure, leading (from a page at `root`) to
    /// the records behind it where it counts or sums records.
    pub(super) fn figure_cell(&self, root: &str, sem: Idx, path: &str) -> Cell {
        let (tag, shown) = self.figure(sem, path);
        Cell {
            href: self.figure_href(root, sem, path),
            ..Cell::num(shown, &tag.value).tagged(tag)
        }
    }

    /// A key figure as a card.
    fn card(&self, root: &str, sem: Idx, key: &str, path: &str) -> Card {
        let (tag, figure) = self.figure(sem, path);
        // A sum of 10,000 yuan or more reads as 万元 in Chinese; the exact amount is
        // the card's title.
        let large = Amount::parse(&tag.value)
            .ok()
            .filter(|a| self.lang == Lang::ZhCn && a.fen() >= 1_000_000);
        let (figure, exact) = match large {
            Some(amount) => (amount.wan(), Some(format!("{figure} 元"))),
            None => (figure, None),
        };
        Card {
            label: self.w(key).to_owned(),
            figure,
            exact,
            tag: Some(tag),
            href: self.figure_href(root, sem, path),
        }
    }

    /// The key figures of a semester, as cards.
    fn cards(&self, root: &str, sem: Idx) -> Vec<Card> {
        KEY_FIGURES
            .into_iter()
            .map(|(key, path)| self.card(root, sem, key, path))
            .collect()
    }

    /// Each key figure over every semester, oldest first: a chart per figure whose
    /// bars lead to their semesters' summaries, and the figures as a table.
    pub(super) fn trends_page(&self) -> Page {
        let w = |k: &str| self.w(k);
        let semesters = &self.records.config.semesters;
        let mut order: Vec<Idx> = (0..semesters.len()).collect();
        order.sort_by_key(|&i| *semesters[i].start);
        let labels: Vec<String> = order.iter().map(|&i| semesters[i].id.to_string()).collect();
        let links: Vec<Option<String>> =
            labels.iter().map(|id| Some(format!("{id}.html"))).collect();
        let mut headers = vec![w("figure").to_owned()];
        headers.extend(labels.iter().map(|id| format!("{id}#")));
        let mut table = Table::new(&headers.iter().map(String::as_str).collect::<Vec<_>>());
        let mut charts = Vec::new();
        for (key, path) in KEY_FIGURES {
            let values =
                order
                    .iter()
                    .map(|&i| match stats::lookup(&self.c.semesters[i].json, path) {
                        Some(serde_json::Value::String(s)) => {
                            Amount::parse(s).map_or(0.0, |a| a.fen() as f64 / 100.0)
                        }
                        Some(v) => v.as_f64().unwrap_or(0.0),
                        None => 0.0,
                    });
            let money = path.ends_with("value") || path.ends_with("total");
            let chart = BarChart {
                title: w(key).to_owned(),
                labels: labels.clone(),
                series: vec![Series {
                    name: w(key).to_owned(),
                    values: values.collect(),
                }],
                unit: match money {
                    true => self.lang.pick("元", "yuan"),
                    false => self.lang.pick("项", "count"),
                }
                .to_owned(),
                links: links.clone(),
            };
            charts.push(Chart {
                title: w(key).to_owned(),
                svg: charts::render(&chart, Shape::Rows),
                note: None,
            });
            let mut row = vec![Cell::text(w(key))];
            row.extend(order.iter().map(|&i| self.figure_cell(ROOT, i, path)));
            table.push(row);
        }
        let mut ctx = self.context(w("trends"), "../", "semesters");
        ctx.insert("charts", &charts);
        ctx.insert("small_charts", &true);
        ctx.insert("intro", w("trends_intro"));
        Page {
            path: "semesters/trends.html".into(),
            template: "report.html",
            context: ctx,
            sections: vec![self.titled("key_figures", table)],
            parted: false,
            extra: Vec::new(),
        }
    }

    /// A section whose rows are what a semester figure counts.
    fn counted(&self, sem: Idx, key: &str, table: Table, path: &str) -> Section {
        let id = self.records.config.semesters[sem].id.as_str();
        Section {
            count_of: Some(format!("{id}/{path}")),
            ..self.titled(key, table)
        }
    }

    /// Small tables under their headings, two by two side by side; the last of an odd
    /// number alone in the left half.
    fn paired(sections: Vec<Section>) -> Vec<Section> {
        let mut out = Vec::with_capacity(sections.len());
        let mut sections = sections.into_iter();
        while let Some(left) = sections.next() {
            let right = sections.next();
            out.push(Section {
                opens_pair: true,
                closes_pair: right.is_none(),
                ..left
            });
            out.extend(right.map(|right| Section {
                closes_pair: true,
                ..right
            }));
        }
        out
    }

    /// A two-column table of figures, each under the word of its key.
    fn figures(&self, sem: Idx, rows: &[(&str, &str)]) -> Table {
        let rows = rows.iter().map(|(key, path)| self.figure_row(key, path));
        self.labelled(sem, rows)
    }

    /// A two-column table of figures, `(label, figure)`.
    fn labelled(&self, sem: Idx, rows: impl IntoIterator<Item = (String, String)>) -> Table {
        let mut t = Table::new(&[self.w("figure"), &format!("{}#", self.w("amount"))]);
        for (label, path) in rows {
            t.push(vec![Cell::text(label), self.figure_cell(ROOT, sem, &path)]);
        }
        t
    }

    /// Assets added and on the books, per category and in all.
    fn assets_by_category(&self, sem: Idx) -> Table {
        let w = |k: &str| self.w(k);
        let mut t = Table::new(&[
            w("category"),
            &format!("{}#", w("added_count")),
            &format!("{}#", w("added_quantity")),
            &format!("{}#", w("added_value")),
            &format!("{}#", w("books_count")),
            &format!("{}#", w("books_quantity")),
            &format!("{}#", w("books_value")),
        ]);
        let st = &self.c.semesters[sem].stats;
        let columns = ["count", "quantity", "value"];
        for (category, books) in &st.assets.by_category {
            let added = st.assets.added.by_category.get(category);
            if added.is_none_or(|a| a.count == 0) && books.count == 0 {
                continue;
            }
            let added_path = stats::child("stats.assets.added.by_category", category);
            let books_path = stats::child("stats.assets.by_category", category);
            let mut row = vec![Cell::text(category)];
            for base in [&added_path, &books_path] {
                row.extend(columns.map(|c| self.figure_cell(ROOT, sem, &stats::child(base, c))));
            }
            t.push(row);
        }
        let mut total = vec![Cell::text(w("total_row"))];
        for base in ["stats.assets.added", "stats.assets"] {
            total.extend(columns.map(|c| self.figure_cell(ROOT, sem, &stats::child(base, c))));
        }
        t.push(total);
        t
    }

    /// The figures of a `by_*` table of counts, each row a key.
    fn counts(&self, sem: Idx, headers: [&str; 2], path: &str, rows: Vec<(String, &str)>) -> Table {
        let mut t = Table::new(&[headers[0], &format!("{}#", headers[1])]);
        for (label, key) in rows {
            t.push(vec![
                Cell::text(label),
                self.figure_cell(ROOT, sem, &stats::child(path, key)),
            ]);
        }
        t
    }

    /// Some of a semester's findings as they stood on its day; with `rectified`, a
    /// column of when each was rectified.
    pub(super) fn findings_table<'f>(
        &self,
        root: &str,
        findings: impl Iterator<Item = &'f stats::SemesterFinding>,
        rectified: bool,
    ) -> Table {
        let w = |k: &str| self.w(k);
        let mut headers = vec![w("inspections"), w("date"), w("description")];
        headers.extend(rectified.then(|| w("rectified")));
        headers.push(w("status"));
        let mut t = Table::new(&headers);
        for f in findings {
            let x = &self.records.inspections[f.inspection];
            let mut row = vec![
                self.record_cell(root, Kind::Inspection, x.origin.id.as_str()),
                date_cell(Some(*x.date)),
                Cell::text(&x.findings[f.finding].description),
            ];
            row.extend(rectified.then(|| date_cell(f.rectified)));
            row.push(self.finding_badge(f.status));
            t.push(row);
        }
        t
    }

    /// The semester's months that have begun by its budget day, budget against spending.
    fn budget_by_month(&self, sem: Idx, root: &str) -> Table {
        let rows = self.c.semesters[sem]
            .budget_months()
            .map(|(month, key, line)| {
                let cell = match self.c.months.contains_key(&month) {
                    true => self.month_cell(root, month),
                    false => Cell::text(key),
                };
                (cell, key, line)
            });
        self.budget_lines(sem, "stats.budget.by_month", rows)
    }

    /// The semester's budget against spending per category budgeted or spent under.
    fn budget_by_category(&self, sem: Idx) -> Table {
        let budget = &self.c.semesters[sem].stats.budget;
        let rows = budget
            .by_category
            .iter()
            .filter(|(_, line)| **line != Default::default())
            .map(|(category, line)| (Cell::text(category), category, *line));
        let mut t = self.budget_lines(sem, "stats.budget.by_category", rows);
        t.headers[0] = self.w("category").to_owned();
        t
    }

    /// Budget lines of a semester (by month or by category) against their spending,
    /// with what is left, overspending marked, and the semester's total.
    fn budget_lines<'k>(
        &self,
        sem: Idx,
        path: &str,
        rows: impl Iterator<Item = (Cell, &'k String, crate::compute::links::Planned)>,
    ) -> Table {
        let mut t = self.budget_table();
        t.headers.push(self.w("status").to_owned());
        t.numeric.push(false);
        let over = |left: Amount| {
            if left < Amount::ZERO {
                Cell::status(self.w("overspent"), "overdue")
            } else {
                Cell::text("")
            }
        };
        for (first, key, line) in rows {
            let base = stats::child(path, key);
            t.push(vec![
                first,
                self.figure_cell(ROOT, sem, &stats::child(&base, "planned")),
                self.figure_cell(ROOT, sem, &stats::child(&base, "actual")),
                amount_cell(line.left()),
                over(line.left()),
            ]);
        }
        let budget = &self.c.semesters[sem].stats.budget;
        let left = budget.planned - budget.actual;
        t.push(vec![
            Cell::text(self.w("total_row")),
            self.figure_cell(ROOT, sem, "stats.budget.planned"),
            self.figure_cell(ROOT, sem, "stats.budget.actual"),
            amount_cell(left),
            over(left),
        ]);
        t
    }

    /// The key figures of a semester as a compact table, two to a row; sums of
    /// 10,000 yuan or more in 万元 (Chinese), with the exact amount as a title.
    fn key_figures(&self, sem: Idx) -> Table {
        let (figure, value) = (self.w("figure"), format!("{}#", self.w("amount")));
        let mut t = Table::new(&[figure, &value, figure, &value]);
        for pair in self.cards(ROOT, sem).chunks(2) {
            let mut row = Vec::new();
            for card in pair {
                let tag = card.tag.clone().unwrap_or_default();
                let cell = Cell {
                    title: card.exact.clone(),
                    href: card.href.clone(),
                    ..Cell::num(&card.figure, &tag.value)
                };
                row.extend([Cell::text(&card.label), cell.tagged(tag)]);
            }
            row.resize_with(4, || Cell::text(""));
            t.push(row);
        }
        t
    }

    /// The computed sections of a semester summary.
    fn summary_sections(&self, sem: Idx) -> Vec<Section> {
        let w = |k: &str| self.w(k);
        let root = "../";
        let facts = &self.c.semesters[sem];
        let st = &facts.stats;
        let repairs = self.figures(
            sem,
            &[
                ("repairs_reported", "stats.repairs.reported"),
                ("repairs_fixed", "stats.repairs.fixed"),
                ("repairs_verified", "stats.repairs.verified"),
                ("repairs_open_end", "stats.repairs.open"),
                ("repairs_overdue_end", "stats.repairs.overdue"),
                ("median_days", "stats.repairs.median_days"),
                ("repair_cost", "stats.repairs.cost"),
                ("disposed_in_semester", "stats.assets.disposed.quantity"),
            ],
        );
        let mut by_class = Table::new(&[
            w("class"),
            &format!("{}#", w("repairs")),
            &format!("{}#", w("cost")),
        ]);
        for (class, _) in st.repairs.by_class.iter().filter(|(_, n)| **n > 0) {
            let cost = facts.class_costs.get(class).copied().unwrap_or_default();
            by_class.push(vec![
                Cell::text(class),
                self.figure_cell(ROOT, sem, &stats::child("stats.repairs.by_class", class)),
                amount_cell(cost),
            ]);
        }
        let mut by_method = Table::new(&[
            w("method"),
            &format!("{}#", w("count")),
            &format!("{}#", w("total")),
        ]);
        for method in st.purchases.by_method.keys() {
            let base = stats::child("stats.purchases.by_method", method);
            by_method.push(vec![
                Cell::text(w(&format!("method_{method}"))),
                self.figure_cell(ROOT, sem, &stats::child(&base, "count")),
                self.figure_cell(ROOT, sem, &stats::child(&base, "total")),
            ]);
        }
        let mut tenders = Table::new(&[
            w("id"),
            w("title"),
            &format!("{}#", w("total")),
            w("vendor"),
            &format!("{}#", w("bid_count")),
        ]);
        for (n, t) in st.purchases.tenders.iter().enumerate() {
            let base = stats::child("stats.purchases.tenders", &n.to_string());
            tenders.push(vec![
                self.record_cell(root, Kind::Purchase, &t.id),
                Cell::text(&t.title),
                self.figure_cell(ROOT, sem, &stats::child(&base, "total")),
                Cell::text(t.vendor.as_deref().unwrap_or("—")),
                self.figure_cell(ROOT, sem, &stats::child(&base, "bids")),
            ]);
        }
        let types = st.inspections.by_type.keys();
        let mut by_type = self.counts(
            sem,
            [w("type"), w("count")],
            "stats.inspections.by_type",
            types
                .map(|t| (w(&format!("type_{t}")).to_owned(), t.as_str()))
                .collect(),
        );
        for (key, path) in [
            ("findings_total", "stats.inspections.findings.total"),
            ("findings_rectified", "stats.inspections.findings.rectified"),
            ("findings_open", "stats.inspections.findings.open"),
        ] {
            by_type.push(vec![Cell::text(w(key)), self.figure_cell(ROOT, sem, path)]);
        }
        // The asset audits' lines, when the semester has any.
        let audit = [
            ("audit_checked", "stats.inspections.audit.checked"),
            ("audit_missing", "stats.inspections.audit.missing"),
            ("audit_moved", "stats.inspections.audit.moved"),
            ("audit_short", "stats.inspections.audit.short"),
        ];
        for (key, path) in audit.into_iter().filter(|_| st.inspections.audit.any()) {
            by_type.push(vec![Cell::text(w(key)), self.figure_cell(ROOT, sem, path)]);
        }
        let ranking = self.c.ranking.iter().find(|r| r.semester == sem);
        let mut sections = vec![
            self.titled("key_figures", self.key_figures(sem)),
            self.titled("assets_by_category", self.assets_by_category(sem)),
        ];
        sections.extend(Self::paired(vec![
            self.titled("repairs", repairs),
            self.titled("by_class", by_class),
            self.titled("by_method", by_method),
            self.titled("by_type", by_type),
        ]));
        sections.extend([
            self.counted(
                sem,
                "tenders",
                tenders,
                "stats.purchases.by_method.tender.count",
            ),
            self.counted(
                sem,
                "findings",
                self.findings_table(root, facts.findings.iter(), true),
                "stats.inspections.findings.total",
            ),
        ]);
        sections.extend(self.further_sections(sem, root));
        sections.extend([
            self.titled("budget_by_month", self.budget_by_month(sem, root)),
            self.titled("budget_by_category", self.budget_by_category(sem)),
        ]);
        sections.extend(ranking.map(|r| self.titled("ranking", self.ranking_table(root, r))));
        sections
    }

    /// The sections of the further kinds, each only when the semester has such
    /// records (none for a school that keeps none of them), small tables two by two:
    /// the works, safety beside the rule book, the semester's incidents, contracts
    /// beside events.
    fn further_sections(&self, sem: Idx, root: &str) -> Vec<Section> {
        let facts = &self.c.semesters[sem];
        let mut sections = Self::paired(self.summary_works(sem));
        let safety = [self.summary_safety(sem), self.summary_rules(sem)];
        sections.extend(Self::paired(safety.into_iter().flatten().collect()));
        if facts.stats.incidents.count > 0 {
            let incidents = facts.traced.incidents.iter().copied();
            sections.push(self.counted(
                sem,
                "trace_incidents",
                self.incidents_table(root, incidents),
                "stats.incidents.count",
            ));
        }
        let services = [self.summary_contracts(sem), self.summary_events(sem)];
        sections.extend(Self::paired(services.into_iter().flatten().collect()));
        sections
    }

    /// The rows `(label, figure)` of the keys of a `by_*` table of counts whose count
    /// is not 0, in the order of `keys`.
    fn nonzero_rows(
        &self,
        table: (&str, &BTreeMap<String, usize>),
        keys: &[&str],
        label: impl Fn(&str) -> String,
    ) -> Vec<(String, String)> {
        let (path, counts) = table;
        keys.iter()
            .filter(|key| counts.get(**key).is_some_and(|n| *n > 0))
            .map(|key| (label(key), stats::child(path, key)))
            .collect()
    }

    /// A label and a figure, for [`Site::labelled`].
    fn figure_row(&self, key: &str, path: &str) -> (String, String) {
        (self.w(key).to_owned(), path.to_owned())
    }

    /// The works completed by category (how many, and their size in the category's
    /// unit: 加固 3, 15,000 平方米) and the works started, completed and accepted; none
    /// when there are none.
    fn summary_works(&self, sem: Idx) -> Vec<Section> {
        let w = |k: &str| self.w(k);
        let st = &self.c.semesters[sem].stats;
        if !st.projects.any() {
            return Vec::new();
        }
        let mut by_category = Table::new(&[
            w("category"),
            &format!("{}#", w("works_count")),
            &format!("{}#", w("works_quantity")),
            w("unit"),
        ]);
        let completed = st.projects.completed.by_category.iter();
        for (category, measured) in completed.filter(|(_, m)| m.count > 0) {
            let base = stats::child("stats.projects.completed.by_category", category);
            let quantity = match measured.unit {
                Some(_) => self.figure_cell(ROOT, sem, &stats::child(&base, "quantity")),
                None => Cell::text("—"),
            };
            by_category.push(vec![
                Cell::text(category),
                self.figure_cell(ROOT, sem, &stats::child(&base, "count")),
                quantity,
                Cell::text(measured.unit.as_deref().unwrap_or("—")),
            ]);
        }
        let works = [
            ("works_started", "stats.projects.started"),
            ("works_completed", "stats.projects.completed.count"),
            ("works_accepted", "stats.projects.accepted"),
        ];
        let mut out = Vec::new();
        if !by_category.is_empty() {
            out.push(self.titled("works_by_category", by_category));
        }
        out.push(self.titled("projects", self.figures(sem, &works)));
        out
    }

    /// Incidents, injuries, incidents by severity and drills held, when there are
    /// incidents or drills; headed 零事故 when the count of incidents is 0.
    fn summary_safety(&self, sem: Idx) -> Option<Section> {
        let w = |k: &str| self.w(k);
        let st = &self.c.semesters[sem].stats;
        let drills = st.inspections.by_type.get("drill").copied().unwrap_or(0);
        if st.incidents.count == 0 && drills == 0 {
            return None;
        }
        let mut rows = vec![
            self.figure_row("incidents", "stats.incidents.count"),
            self.figure_row("injuries", "stats.incidents.injuries"),
        ];
        let by_severity = ("stats.incidents.by_severity", &st.incidents.by_severity);
        rows.extend(self.nonzero_rows(by_severity, Severity::NAMES, |s| {
            let severity = w(&format!("severity_{s}"));
            format!("{}{}{severity}", w("severity"), w("colon"))
        }));
        rows.push(self.figure_row("type_drill", "stats.inspections.by_type.drill"));
        let mut safety = self.titled("safety", self.labelled(sem, rows));
        if st.incidents.count == 0 {
            safety.title = format!("{}{}{}", safety.title, w("colon"), w("zero_incidents"));
        }
        Some(safety)
    }

    /// The rules in force, by area, and those adopted and revised within the semester.
    fn summary_rules(&self, sem: Idx) -> Option<Section> {
        let st = &self.c.semesters[sem].stats;
        if !st.rules.any() {
            return None;
        }
        let areas: Vec<&str> = st
            .rules
            .in_force_by_area
            .keys()
            .map(String::as_str)
            .collect();
        let by_area = ("stats.rules.in_force_by_area", &st.rules.in_force_by_area);
        let mut rows = vec![self.figure_row("rules_in_force", "stats.rules.in_force")];
        rows.extend(self.nonzero_rows(by_area, &areas, |area| {
            self.w("rules_of_area").replace("{area}", area)
        }));
        rows.push(self.figure_row("rules_adopted", "stats.rules.adopted"));
        rows.push(self.figure_row("rules_revised", "stats.rules.revised"));
        Some(self.titled("rules", self.labelled(sem, rows)))
    }

    /// The contracts active on the semester's day, their amount, and those signed.
    fn summary_contracts(&self, sem: Idx) -> Option<Section> {
        let contracts = [
            ("contracts_active", "stats.contracts.active"),
            ("contracts_amount", "stats.contracts.active_amount"),
            ("contracts_signed", "stats.contracts.signed"),
        ];
        let any = self.c.semesters[sem].stats.contracts.any();
        any.then(|| self.titled("contracts", self.figures(sem, &contracts)))
    }

    /// The events of the semester, their participants and how many of each type.
    fn summary_events(&self, sem: Idx) -> Option<Section> {
        let st = &self.c.semesters[sem].stats;
        if st.events.count == 0 {
            return None;
        }
        let mut rows = vec![
            self.figure_row("events_held", "stats.events.count"),
            self.figure_row("participants", "stats.events.participants"),
        ];
        let by_type = ("stats.events.by_type", &st.events.by_type);
        rows.extend(self.nonzero_rows(by_type, EventType::NAMES, |t| {
            self.w(&format!("event_type_{t}")).to_owned()
        }));
        Some(self.titled("events", self.labelled(sem, rows)))
    }

    /// The charts of a semester: spending and repairs by month, assets by category.
    fn semester_charts(&self, root: &str, sem: Idx) -> [super::Chart; 3] {
        let facts = &self.c.semesters[sem];
        let spending = facts.budget_months().map(|(m, _, line)| (m, line));
        let start = *self.records.config.semesters[sem].start;
        let by_category = facts.stats.assets.by_category.iter();
        [
            self.spending_chart(root, spending),
            self.repairs_chart(root, start, facts.day),
            self.assets_chart(by_category.map(|(c, t)| (c, t.value))),
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
        let mut ctx = self.context(w("semesters"), "../", "semesters");
        ctx.insert(
            "more",
            &Link {
                text: w("trends").to_owned(),
                href: "trends.html".into(),
            },
        );
        Page {
            path: "semesters/index.html".into(),
            template: "report.html",
            context: ctx,
            sections: vec![self.titled("printable", t)],
            parted: true,
            extra: Vec::new(),
        }
    }

    /// One semester's printable summary: cover, narrative, figures, charts, tables.
    pub(super) fn semester_page(&self, sem: Idx) -> Page {
        let s = &self.records.config.semesters[sem];
        let root = "../";
        let mut ctx = self.context(&s.title, root, "semesters");
        ctx.insert("body_class", "print-summary");
        ctx.insert("semester", s);
        ctx.insert("as_of", &self.c.semesters[sem].day.to_string());
        // Dates as a report writes them: 2011年8月20日, 20 August 2011.
        let date = |d: chrono::NaiveDate| match self.lang {
            Lang::ZhCn => crate::i18n::date_zh(d),
            Lang::En => d.format("%-d %B %Y").to_string(),
        };
        ctx.insert("period", &format!("{} — {}", date(*s.start), date(*s.end)));
        let school = &self.records.config.school;
        let narrative = self.c.narrative(sem);
        let signed = narrative.and_then(|n| n.date).unwrap_or(*s.end);
        // The 落款: the office, and the day the summary is signed.
        let (by, on) = match self.lang {
            Lang::ZhCn => (
                format!("{}{}", school.name, school.office),
                crate::i18n::date_signed(signed),
            ),
            Lang::En => (format!("{}, {}", school.office, school.name), date(signed)),
        };
        ctx.insert("signed_by", &by);
        ctx.insert("signed_on", &on);
        ctx.insert("charts", &self.semester_charts(root, sem));
        ctx.insert(
            "narrative",
            &narrative
                .and_then(|n| n.text.as_deref().ok())
                .map(|md| markdown::to_html(md, root)),
        );

        Page {
            path: format!("semesters/{}.html", s.id.as_str()),
            template: "semester.html",
            context: ctx,
            sections: self
                .summary_sections(sem)
                .into_iter()
                .map(|s| Section {
                    whole: s.table.len() <= WHOLE_ROWS,
                    ..s
                })
                .collect(),
            parted: false,
            extra: Vec::new(),
        }
    }

    /// The dashboard: the current semester's figures and charts, the lists behind them;
    /// the works in progress, the contracts ending soon and the days since the last
    /// incident on the day in question; and the latest changes.
    pub(super) fn home(&self) -> Page {
        let mut ctx = self.context(&self.records.config.site.title, "", "home");
        let mut sections = Vec::new();
        if let Some(sem) = self.c.current {
            let s = &self.records.config.semesters[sem];
            let facts = &self.c.semesters[sem];
            // Between semesters the cards are of the last one, on its end.
            let mut title = format!("{} · {}", self.w("current_semester"), s.title);
            if facts.day != self.c.day {
                let (as_of, colon) = (self.w("as_of"), self.w("colon"));
                title.push_str(&format!(" · {as_of}{colon}{}", facts.day));
            }
            ctx.insert("cards_title", &title);
            ctx.insert("cards", &self.cards("", sem));
            ctx.insert("charts", &self.semester_charts("", sem));
            // The lists behind the cards, as they stood on the semester's day.
            let open = self.repairs_table("", facts.open_repairs.iter().copied(), facts.day);
            let overdue = self.repairs_table("", facts.overdue_repairs.iter().copied(), facts.day);
            let findings = self.findings_table("", facts.open_findings(), false);
            sections.extend([
                self.counted(sem, "open_repairs", open, "stats.repairs.open"),
                self.counted(sem, "overdue_repairs", overdue, "stats.repairs.overdue"),
                self.counted(
                    sem,
                    "semester_open_findings",
                    findings,
                    "stats.inspections.findings.open",
                ),
            ]);
        }
        // What stands open on the day in question, whatever the semester.
        sections.extend(self.open_on_the_day());
        let since_incident = match self.c.last_incident {
            Some(last) => {
                let key = match last.days {
                    1 => "day_since_incident",
                    _ => "days_since_incident",
                };
                self.w(key).replace("{days}", &last.days.to_string())
            }
            None => self.w("no_incident").to_owned(),
        };
        ctx.insert("since_incident", &since_incident);
        let last_incident = self.c.last_incident.map(|last| Link {
            text: self.records.incidents[last.incident].title.clone(),
            href: self.record_path(Kind::Incident, last.incident).to_owned(),
        });
        ctx.insert("last_incident", &last_incident);
        // The dashboard shows the first rows of a long list; the open items page has
        // every one (in parts).
        for section in &mut sections {
            let rows = section.table.rows.len();
            if rows > HOME_ROWS {
                section.table.rows.truncate(HOME_ROWS);
                section.count_of = None;
                section.more = Some(Link {
                    text: self
                        .w("home_more")
                        .replace("{shown}", &HOME_ROWS.to_string())
                        .replace("{total}", &rows.to_string()),
                    href: "open.html".into(),
                });
            }
        }
        let latest = &self.c.history.latest;
        if !latest.is_empty() {
            let commits = latest
                .iter()
                .map(|(change, files)| (change, files.as_slice()));
            sections.push(self.titled("latest_changes", self.changes_table("", commits, true)));
        }
        Page {
            path: "index.html".into(),
            template: "home.html",
            context: ctx,
            sections,
            parted: false,
            extra: Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::change;
    use serde_json::json;

    #[test]
    fn changes_are_counted_for_counts_and_in_percent_for_amounts() {
        let c = |a, b| change(&a, &b);
        assert_eq!(c(json!(15), json!(12)).as_deref(), Some("▲ 3"));
        assert_eq!(c(json!(9), json!(12)).as_deref(), Some("▼ 3"));
        assert_eq!(c(json!(2.5), json!(3.0)).as_deref(), Some("▼ 0.5"));
        assert_eq!(c(json!(3.0), json!(1.0)).as_deref(), Some("▲ 2"));
        assert_eq!(c(json!(4), json!(4)).as_deref(), Some("±0"));
        assert_eq!(c(json!("88.00"), json!("100.00")).as_deref(), Some("▼ 12%"));
        assert_eq!(c(json!("100.00"), json!("0.00")).as_deref(), Some("▲"));
        assert_eq!(c(json!("0.00"), json!("0.00")), None);
        assert_eq!(c(json!(0), json!(0)), None);
        assert_eq!(c(json!(null), json!(2.0)), None);
    }
}
