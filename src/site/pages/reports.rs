//! The pages that gather records: locations, months, the class ranking, open items,
//! semesters and the home dashboard.

use super::records::format_score;
use super::{Card, Chart, Page, Section, Site, amount_cell, context};
use crate::amount::Amount;
use crate::derive::{FindingStatus, Stage};
use crate::model::{InspectionType, Month};
use crate::site::charts::{self, BarChart, Series};
use crate::site::markdown;
use crate::site::table::{Cell, Table};
use std::collections::BTreeMap;

impl Site<'_> {
    fn titled(&self, key: &str, table: Table) -> Section {
        Section {
            title: self.w(key).to_owned(),
            table,
            interactive: false,
            csv: None,
        }
    }

    fn report(
        &self,
        path: &str,
        template: &'static str,
        title: &str,
        section: &str,
        sections: Vec<Section>,
    ) -> Page {
        let root = "../".repeat(path.matches('/').count());
        let mut ctx = context(title, &root, section);
        ctx.insert("sections", &sections);
        Page {
            path: path.to_owned(),
            template,
            context: ctx,
            extra: Vec::new(),
        }
    }

    /// Every location with how many records name it.
    pub(super) fn locations_page(&self) -> Page {
        let w = |k: &str| self.w(k);
        let mut t = Table::new(&[
            w("location"),
            &format!("{}#", w("assets")),
            &format!("{}#", w("repairs")),
            &format!("{}#", w("inspections")),
        ]);
        for (name, _) in &self.locations {
            let at = &self.derived.locations[*name];
            t.push(vec![
                self.location_cell("../", name),
                Cell::num(at.assets.len(), at.assets.len()),
                Cell::num(at.repairs.len(), at.repairs.len()),
                Cell::num(at.inspections.len(), at.inspections.len()),
            ]);
        }
        let section = Section {
            title: String::new(),
            table: t,
            interactive: true,
            csv: None,
        };
        self.report(
            "locations/index.html",
            "report.html",
            w("locations"),
            "locations",
            vec![section],
        )
    }

    /// One location: its assets, repairs and inspections.
    pub(super) fn location_page(&self, i: usize) -> Page {
        let (name, slug) = &self.locations[i];
        let at = &self.derived.locations[*name];
        let root = "../";
        let sections = vec![
            self.titled("assets", self.assets_table(root, at.assets.iter().copied())),
            self.titled(
                "repairs",
                self.repairs_table(root, at.repairs.iter().copied()),
            ),
            self.titled(
                "inspections",
                self.inspections_table(root, at.inspections.iter().copied()),
            ),
        ];
        self.report(
            &format!("locations/{slug}.html"),
            "report.html",
            name,
            "locations",
            sections,
        )
    }

    /// Every month, with its budget against actual spending.
    pub(super) fn months_page(&self) -> Page {
        let section = Section {
            title: String::new(),
            table: self.budgets_table("../", self.derived.months.keys().copied()),
            interactive: true,
            csv: None,
        };
        let mut page = self.report(
            "months/index.html",
            "report.html",
            self.w("months"),
            "months",
            vec![section],
        );
        page.context.insert(
            "charts",
            &[self.spending_chart(self.derived.months.keys().copied())],
        );
        page
    }

    /// One month: budget against actual per category, repairs, purchases, inspections.
    pub(super) fn month_page(&self, month: Month) -> Page {
        let m = &self.derived.months[&month];
        let root = "../";
        let w = |k: &str| self.w(k);
        let budget = m.budget.map(|b| &self.records.budgets[b]);
        let mut categories: BTreeMap<&str, (Amount, Amount)> = BTreeMap::new();
        for (c, a) in budget.iter().flat_map(|b| b.lines.iter()) {
            categories.entry(c).or_default().0 = *a;
        }
        for (c, a) in &m.actual {
            categories.entry(c).or_default().1 = *a;
        }
        let mut t = Table::new(&[
            w("category"),
            &format!("{}#", w("planned")),
            &format!("{}#", w("actual")),
            &format!("{}#", w("difference")),
        ]);
        let (mut planned, mut actual) = (Amount::ZERO, Amount::ZERO);
        for (c, (p, a)) in &categories {
            planned += *p;
            actual += *a;
            t.push(vec![
                Cell::text(*c),
                amount_cell(*p),
                amount_cell(*a),
                amount_cell(*p - *a),
            ]);
        }
        if !categories.is_empty() {
            t.push(vec![
                Cell::text(w("total_row")),
                amount_cell(planned),
                amount_cell(actual),
                amount_cell(planned - actual),
            ]);
        }
        let sections = vec![
            self.titled("budget_vs_actual", t),
            self.titled(
                "month_repairs_reported",
                self.repairs_table(root, m.reported.iter().copied()),
            ),
            self.titled(
                "month_repairs_fixed",
                self.repairs_table(root, m.fixed.iter().copied()),
            ),
            self.titled(
                "month_purchases",
                self.purchases_table(root, m.purchased.iter().copied()),
            ),
            self.titled(
                "month_inspections",
                self.inspections_table(root, m.inspections.iter().copied()),
            ),
        ];
        let mut page = self.report(
            &format!("months/{month}.html"),
            "month.html",
            &month.to_string(),
            "months",
            sections,
        );
        page.context.insert(
            "notes",
            &budget
                .and_then(|b| b.notes.as_deref())
                .map(|n| markdown::to_html(n, root)),
        );
        page
    }

    /// The monthly class property ranking: per month, classes by average score.
    pub(super) fn ranking_page(&self) -> Page {
        let mut by_month: BTreeMap<Month, BTreeMap<&str, Vec<f64>>> = BTreeMap::new();
        for x in self
            .records
            .inspections
            .iter()
            .filter(|x| *x.kind == InspectionType::Property)
        {
            for s in x.scores.iter().flat_map(|s| s.iter()) {
                by_month
                    .entry(Month::of(*x.date))
                    .or_default()
                    .entry(&s.class)
                    .or_default()
                    .push(s.score);
            }
        }
        let w = |k: &str| self.w(k);
        let sections = by_month
            .iter()
            .rev()
            .map(|(month, classes)| {
                let mut rows: Vec<(&str, f64, usize)> = classes
                    .iter()
                    .map(|(c, s)| (*c, s.iter().sum::<f64>() / s.len() as f64, s.len()))
                    .collect();
                rows.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(b.0)));
                let mut t = Table::new(&[
                    &format!("{}#", w("rank")),
                    w("class"),
                    &format!("{}#", w("average")),
                    &format!("{}#", w("checks")),
                ]);
                let mut rank = 0;
                for (n, (class, avg, count)) in rows.iter().enumerate() {
                    if n == 0 || rows[n - 1].1 != *avg {
                        rank = n + 1;
                    }
                    t.push(vec![
                        Cell::num(rank, rank),
                        Cell::text(*class),
                        Cell::num(format_score(*avg), avg),
                        Cell::num(count, count),
                    ]);
                }
                Section {
                    title: month.to_string(),
                    table: t,
                    interactive: false,
                    csv: None,
                }
            })
            .collect();
        let mut page = self.report(
            "ranking.html",
            "report.html",
            w("ranking"),
            "ranking",
            sections,
        );
        page.context.insert("intro", w("ranking_intro"));
        page
    }

    /// Repairs not fixed, findings not rectified, purchases not finished.
    pub(super) fn open_page(&self) -> Page {
        let d = self.derived;
        let open_repairs = (0..self.records.repairs.len())
            .filter(|&i| d.repair_status[i] == crate::model::RepairStatus::Open);
        let mut findings = Table::new(&[
            self.w("inspections"),
            self.w("date"),
            self.w("description"),
            self.w("due"),
            self.w("status"),
        ]);
        let rules = &self.records.config.rules;
        for (i, x) in self.records.inspections.iter().enumerate() {
            for (n, f) in x.findings.iter().enumerate() {
                if d.finding_status[i][n] != FindingStatus::Rectified {
                    findings.push(vec![
                        self.record_cell("", crate::model::Kind::Inspection, x.origin.id.as_str()),
                        super::date_cell(Some(*x.date)),
                        Cell::text(&f.description),
                        super::date_cell(Some(crate::derive::finding_due(
                            x,
                            n,
                            rules.rectify_default_days,
                        ))),
                        self.finding_status_cell(i, n),
                    ]);
                }
            }
        }
        let waiting = (0..self.records.purchases.len()).filter(|&i| d.stage[i] != Stage::Issued);
        let sections = vec![
            Section {
                interactive: true,
                ..self.titled("open_repairs", self.repairs_table("", open_repairs))
            },
            Section {
                interactive: true,
                ..self.titled("open_findings", findings)
            },
            Section {
                interactive: true,
                ..self.titled("waiting_purchases", self.purchases_table("", waiting))
            },
        ];
        let mut page = self.report(
            "open.html",
            "report.html",
            self.w("open_items"),
            "open",
            sections,
        );
        page.context.insert("as_of", &d.today.to_string());
        page
    }

    /// The bar chart of budget against spending over some months.
    pub(super) fn spending_chart(&self, months: impl Iterator<Item = Month>) -> Chart {
        let (mut labels, mut planned, mut actual) = (Vec::new(), Vec::new(), Vec::new());
        for month in months {
            let (budget, spent) = self.month_totals(month);
            labels.push(month.to_string());
            planned.push(yuan(budget));
            actual.push(yuan(spent));
        }
        let title = self.w("spending_chart").to_owned();
        let chart = BarChart {
            title: title.clone(),
            labels,
            series: vec![
                Series {
                    name: self.w("budget_short").to_owned(),
                    values: planned,
                },
                Series {
                    name: self.w("actual_short").to_owned(),
                    values: actual,
                },
            ],
            unit: self.lang.pick("元", "yuan").to_owned(),
        };
        Chart {
            title,
            svg: charts::bar_chart(&chart),
        }
    }

    /// The bar chart of repairs reported and fixed over some months.
    pub(super) fn repairs_chart(&self, months: impl Iterator<Item = Month>) -> Chart {
        let (mut labels, mut reported, mut fixed) = (Vec::new(), Vec::new(), Vec::new());
        for month in months {
            let m = self.derived.months.get(&month);
            labels.push(month.to_string());
            reported.push(m.map_or(0, |m| m.reported.len()) as f64);
            fixed.push(m.map_or(0, |m| m.fixed.len()) as f64);
        }
        let title = self.w("repairs_chart").to_owned();
        let chart = BarChart {
            title: title.clone(),
            labels,
            series: vec![
                Series {
                    name: self.w("repairs_reported").to_owned(),
                    values: reported,
                },
                Series {
                    name: self.w("repairs_fixed").to_owned(),
                    values: fixed,
                },
            ],
            unit: self.lang.pick("项", "tickets").to_owned(),
        };
        Chart {
            title,
            svg: charts::bar_chart(&chart),
        }
    }

    /// The horizontal bar chart of asset value per category, on the books on `day`.
    pub(super) fn assets_chart(&self, day: chrono::NaiveDate) -> Chart {
        let mut by_category: BTreeMap<&str, Amount> = BTreeMap::new();
        for a in self.records.assets.iter().filter(|a| a.on_books(day)) {
            *by_category.entry(&a.category).or_default() += a.value();
        }
        let title = self.w("assets_chart").to_owned();
        let chart = BarChart {
            title: title.clone(),
            labels: by_category.keys().map(|c| (*c).to_owned()).collect(),
            series: vec![Series {
                name: self.w("value").to_owned(),
                values: by_category.values().map(|a| yuan(*a)).collect(),
            }],
            unit: self.lang.pick("元", "yuan").to_owned(),
        };
        Chart {
            title,
            svg: charts::hbar_chart(&chart),
        }
    }

    /// A month's budget and actual spending, over all categories.
    pub(super) fn month_totals(&self, month: Month) -> (Amount, Amount) {
        let m = self.derived.months.get(&month);
        let planned = m
            .and_then(|m| m.budget)
            .map(|b| self.records.budgets[b].lines.values().copied().sum());
        let actual = m.map(|m| m.actual.values().copied().sum());
        (planned.unwrap_or_default(), actual.unwrap_or_default())
    }

    /// Key figures as cards.
    pub(super) fn card(&self, key: &str, figure: impl ToString) -> Card {
        Card {
            label: self.w(key).to_owned(),
            figure: figure.to_string(),
        }
    }
}

/// An amount as a number of yuan, for charts only (never for sums).
fn yuan(amount: Amount) -> f64 {
    amount.fen() as f64 / 100.0
}
