//! The semester pages (the printable summary of each) and the home dashboard, which
//! shows the current semester at a glance.

use super::{Card, Page, Section, Site, context};
use crate::derive::FindingStatus;
use crate::model::{Month, RepairStatus, Semester};
use crate::site::markdown;
use crate::site::table::{Cell, Table};
use serde_json::Value;

/// The semester that holds `today`, else the last one begun, else the first.
pub fn current(semesters: &[Semester], today: chrono::NaiveDate) -> Option<usize> {
    semesters
        .iter()
        .position(|s| s.contains(today))
        .or_else(|| {
            semesters
                .iter()
                .enumerate()
                .filter(|(_, s)| *s.start <= today)
                .max_by_key(|(_, s)| *s.start)
                .map(|(i, _)| i)
        })
        .or_else(|| {
            semesters
                .iter()
                .enumerate()
                .min_by_key(|(_, s)| *s.start)
                .map(|(i, _)| i)
        })
}

/// A figure of the stats object by its dotted path, formatted.
fn figure(stats: &Value, path: &str) -> String {
    let value = path.split('.').try_fold(stats, |v, key| v.get(key));
    match value {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        _ => "—".to_owned(),
    }
}

/// The key figures of a semester, as cards: `(word, stats path)`.
const CARDS: &[(&str, &str)] = &[
    ("assets_on_books", "assets.quantity"),
    ("asset_value", "assets.value"),
    ("repairs_reported", "repairs.reported"),
    ("repairs_fixed", "repairs.fixed"),
    ("purchase_total", "purchases.total"),
    ("inspections_held", "inspections.count"),
    ("findings_open", "inspections.findings.open"),
];

impl Site<'_> {
    /// The months a semester covers (a month belongs where its 15th day falls).
    fn semester_months(&self, s: &Semester) -> Vec<Month> {
        let mut months = Vec::new();
        let mut m = Month::of(*s.start);
        while m.day(1).is_some_and(|d| d <= *s.end) {
            if m.day(15).is_some_and(|d| s.contains(d)) {
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

    fn cards(&self, stats: &Value) -> Vec<Card> {
        CARDS
            .iter()
            .map(|(word, path)| self.card(word, figure(stats, path)))
            .collect()
    }

    /// The list of semesters.
    pub(super) fn semesters_page(&self) -> Page {
        let w = |k| self.w(k);
        let mut t = Table::new(&[w("semester"), w("period")]);
        for s in &self.records.config.semesters {
            t.push(vec![
                Cell::link(&s.title, format!("{}.html", s.id.as_str())),
                Cell::text(format!("{} — {}", *s.start, *s.end)),
            ]);
        }
        let mut ctx = context(w("semesters"), "../", "semesters");
        ctx.insert(
            "sections",
            &[Section {
                title: String::new(),
                table: t,
                interactive: false,
                csv: None,
            }],
        );
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
        let stats = serde_json::to_value(crate::stats::semester_stats(self.records, s))
            .unwrap_or(Value::Null);
        let mut ctx = context(&s.title, root, "semesters");
        ctx.insert("body_class", "print-summary");
        ctx.insert("semester", &serde_json::json!({"id": *s.id, "title": s.title, "start": s.start.to_string(), "end": s.end.to_string()}));
        ctx.insert("cards", &self.cards(&stats));
        let months = self.semester_months(s);
        ctx.insert(
            "charts",
            &[
                self.spending_chart(months.iter().copied()),
                self.repairs_chart(months.iter().copied()),
                self.assets_chart(*s.end),
            ],
        );
        ctx.insert(
            "narrative",
            &self
                .narratives
                .get(s.id.as_str())
                .map(|md| markdown::to_html(md, root)),
        );
        let in_semester = |d: chrono::NaiveDate| s.contains(d);
        let repairs = (0..self.records.repairs.len())
            .filter(|&r| in_semester(*self.records.repairs[r].reported));
        let purchases = (0..self.records.purchases.len())
            .filter(|&p| in_semester(*self.records.purchases[p].requested));
        let inspections = (0..self.records.inspections.len())
            .filter(|&x| in_semester(*self.records.inspections[x].date));
        let sections = vec![
            Section {
                title: self.w("repairs").into(),
                table: self.repairs_table(root, repairs),
                interactive: false,
                csv: None,
            },
            Section {
                title: self.w("purchases").into(),
                table: self.purchases_table(root, purchases),
                interactive: false,
                csv: None,
            },
            Section {
                title: self.w("inspections").into(),
                table: self.inspections_table(root, inspections),
                interactive: false,
                csv: None,
            },
            Section {
                title: self.w("budget_vs_actual").into(),
                table: self.budgets_table(root, months.iter().copied()),
                interactive: false,
                csv: None,
            },
        ];
        ctx.insert("sections", &sections);
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
            let stats = serde_json::to_value(crate::stats::semester_stats(self.records, s))
                .unwrap_or(Value::Null);
            ctx.insert(
                "cards_title",
                &format!("{} · {}", self.w("current_semester"), s.title),
            );
            ctx.insert("cards", &self.cards(&stats));
            let months = self.semester_months(s);
            ctx.insert(
                "charts",
                &[
                    self.spending_chart(months.iter().copied()),
                    self.repairs_chart(months.iter().copied()),
                    self.assets_chart(d.today),
                ],
            );
        }
        let overdue = (0..self.records.repairs.len()).filter(|&i| d.repair_overdue[i]);
        let mut findings = Table::new(&[
            self.w("inspections"),
            self.w("date"),
            self.w("description"),
            self.w("status"),
        ]);
        for (i, x) in self.records.inspections.iter().enumerate() {
            for (n, f) in x.findings.iter().enumerate() {
                if d.finding_status[i][n] == FindingStatus::Overdue {
                    findings.push(vec![
                        self.record_cell("", crate::model::Kind::Inspection, x.origin.id.as_str()),
                        super::date_cell(Some(*x.date)),
                        Cell::text(&f.description),
                        self.finding_status_cell(i, n),
                    ]);
                }
            }
        }
        let open_count = d
            .repair_status
            .iter()
            .filter(|s| **s == RepairStatus::Open)
            .count();
        let sections = vec![
            Section {
                title: self.w("overdue_repairs").into(),
                table: self.repairs_table("", overdue),
                interactive: false,
                csv: None,
            },
            Section {
                title: self.w("open_findings").into(),
                table: findings,
                interactive: false,
                csv: None,
            },
        ];
        ctx.insert("sections", &sections);
        ctx.insert(
            "intro",
            &format!("{}: {open_count}", self.w("open_repairs")),
        );
        Page {
            path: "index.html".into(),
            template: "home.html",
            context: ctx,
            extra: Vec::new(),
        }
    }
}
