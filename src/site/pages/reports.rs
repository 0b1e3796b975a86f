//! The pages that gather records: locations, months, the class ranking and open items,
//! with the charts they share with the semester pages.

use super::records::format_number;
use super::rooms::merged;
use super::{Chart, Page, Section, Site, amount_cell};
use crate::amount::Amount;
use crate::compute::links::{InMonth, Planned};
use crate::compute::ranking::{SemesterRanking, Trend};
use crate::compute::{Idx, stats};
use crate::kinds::{Record, dispatch};
use crate::model::{Kind, Month, Repair};
use crate::site::charts::{self, BarChart, Series, Shape};
use crate::site::markdown;
use crate::site::table::{Cell, Link, Table};
use crate::status::{self, FindingStatus, RepairStatus, Stage};
use chrono::NaiveDate;

impl Site<'_> {
    fn report(
        &self,
        path: &str,
        template: &'static str,
        title: &str,
        section: &str,
        sections: Vec<Section>,
    ) -> Page {
        Page {
            path: path.to_owned(),
            template,
            context: self.context(title, &super::root_of(path), section),
            sections,
            parted: true,
            extra: Vec::new(),
        }
    }

    /// Every location with how many records of each kind that has places name it;
    /// with a room register, by building (its rooms under it), with their keepers.
    pub(super) fn locations_page(&self) -> Page {
        let w = |k: &str| self.w(k);
        let kinds = Kind::located();
        let counts: Vec<String> = kinds
            .clone()
            .map(|k| format!("{}#", w(k.folder())))
            .collect();
        let counts: Vec<&str> = counts.iter().map(String::as_str).collect();
        let row = |name: &str| -> Vec<Cell> {
            let at = &self.c.locations[name];
            kinds
                .clone()
                .map(|k| {
                    let n = at.get(&k).map_or(0, Vec::len);
                    Cell::num(n, n)
                })
                .collect()
        };
        let table = match &self.records.register {
            Some(register) => self.locations_by_building(register, &counts, row),
            None => {
                let mut headers = vec![w("location")];
                headers.extend(&counts);
                let mut t = Table::new(&headers);
                for (name, _) in &self.locations {
                    let mut cells = vec![self.location_cell("../", name)];
                    cells.extend(row(name));
                    t.push(cells);
                }
                t
            }
        };
        let section = Section {
            table,
            interactive: true,
            ..Section::default()
        };
        self.report(
            "locations/index.html",
            "report.html",
            w("locations"),
            "locations",
            vec![section],
        )
    }

    /// One location: the records of each kind that has places there (a building's
    /// and its rooms'); with a room register, who answers for it, a room's building,
    /// and a building's rooms with what each holds.
    pub(super) fn location_page(&self, i: usize) -> Page {
        let (name, slug) = &self.locations[i];
        let names = self.names_at(name);
        let root = "../";
        let sections = Kind::located()
            .map(|kind| {
                let lists = names
                    .iter()
                    .filter_map(|n| self.c.locations.get(*n)?.get(&kind));
                let mut which = merged(lists).into_iter();
                let table = dispatch!(kind, K => K::table(self, root, &mut which));
                self.titled(kind.folder(), table)
            })
            .collect();
        let mut page = self.report(
            &format!("locations/{slug}.html"),
            "report.html",
            name,
            "locations",
            sections,
        );
        if let Some(place) = self.place(name) {
            self.place_parts(place, root, &mut page);
        }
        page
    }

    /// Every month, with its budget against actual spending.
    pub(super) fn months_page(&self) -> Page {
        let section = Section {
            table: self.budgets_table("../", self.c.months.keys().copied()),
            interactive: true,
            ..Section::default()
        };
        let mut page = self.report(
            "months/index.html",
            "report.html",
            self.w("months"),
            "months",
            vec![section],
        );
        let months = self.c.months.iter().map(|(m, at)| (*m, at.total));
        page.context
            .insert("charts", &[self.spending_chart("../", months)]);
        page
    }

    /// One month: budget against actual per category, repairs, purchases, inspections.
    pub(crate) fn month_page(&self, month: Month) -> Page {
        let m = &self.c.months[&month];
        let root = "../";
        let w = |k: &str| self.w(k);
        let budget = m.budget.map(|b| &self.records.budgets[b]);
        let mut t = Table::new(&[
            w("category"),
            &format!("{}#", w("planned")),
            &format!("{}#", w("actual")),
            &format!("{}#", w("difference")),
        ]);
        for (category, line) in &m.lines {
            t.push(vec![
                Cell::text(category),
                amount_cell(line.planned),
                amount_cell(line.actual),
                amount_cell(line.left()),
            ]);
        }
        if !m.lines.is_empty() {
            // The total is the figure of the semester the month belongs to, tagged so.
            let semesters = &self.records.config.semesters;
            let semester = semesters
                .iter()
                .position(|s| status::holds_month(s, month))
                .filter(|_| status::month_begun(month, self.c.day));
            let total = |cell: Cell, field: &str| match semester {
                Some(sem) => {
                    let path = stats::child("stats.budget.by_month", &month.to_string());
                    let path = stats::child(&path, field);
                    Cell {
                        href: self.figure_href(root, sem, &path),
                        ..cell.tagged(self.figure(sem, &path).0)
                    }
                }
                None => cell,
            };
            t.push(vec![
                Cell::text(w("total_row")),
                total(amount_cell(m.total.planned), "planned"),
                total(amount_cell(m.total.actual), "actual"),
                amount_cell(m.total.left()),
            ]);
        }
        let sections = vec![
            self.titled("budget_vs_actual", t),
            self.titled(
                "month_repairs_reported",
                self.repairs_table(root, m.reported.iter().copied(), self.c.day),
            ),
            self.titled(
                "month_repairs_fixed",
                self.repairs_table(root, m.fixed.iter().copied(), self.c.day),
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
        let link = |m: &Month| Link {
            text: m.to_string(),
            href: format!("{m}.html"),
        };
        let before = self
            .c
            .months
            .range(..month)
            .next_back()
            .map(|(m, _)| link(m));
        let after = self
            .c
            .months
            .range(month.next()..)
            .next()
            .map(|(m, _)| link(m));
        page.context.insert("previous", &before);
        page.context.insert("next", &after);
        page
    }

    /// The table of a semester's class ranking: classes by months, with each score
    /// linking to its inspection, the semester average, the rank and the trend.
    pub(super) fn ranking_table(&self, root: &str, ranking: &SemesterRanking) -> Table {
        let w = |k: &str| self.w(k);
        let mut headers = vec![format!("{}#", w("rank")), w("class").to_owned()];
        headers.extend(
            ranking
                .months
                .iter()
                .map(|m| format!("{}#", m.month_label(self.lang))),
        );
        headers.extend([format!("{}#", w("average")), w("trend").to_owned()]);
        let headers: Vec<&str> = headers.iter().map(String::as_str).collect();
        let mut t = Table::new(&headers);
        for row in &ranking.rows {
            let mut cells = vec![Cell::num(row.rank, row.rank), Cell::text(&row.class)];
            cells.extend(row.months.iter().map(|score| match score {
                Some(score) => {
                    let x = &self.records.inspections[score.inspection];
                    let href = self.href(root, Kind::Inspection, x.origin.id.as_str());
                    Cell {
                        href: Some(href),
                        ..Cell::num(format_number(score.average), score.average)
                    }
                }
                None => Cell::text("—"),
            }));
            cells.push(Cell::num(format_number(row.average), row.average));
            cells.push(Cell::text(match row.trend {
                Trend::Up => w("trend_up"),
                Trend::Down => w("trend_down"),
                Trend::Level => w("trend_level"),
                Trend::Unknown => "—",
            }));
            t.push(cells);
        }
        t
    }

    /// The class property ranking: a matrix of classes by month for each semester.
    pub(super) fn ranking_page(&self) -> Page {
        let semesters = &self.records.config.semesters;
        let sections = self
            .c
            .ranking
            .iter()
            .map(|ranking| Section {
                title: semesters[ranking.semester].title.clone(),
                table: self.ranking_table("", ranking),
                ..Section::default()
            })
            .collect();
        let mut page = self.report(
            "ranking.html",
            "report.html",
            self.w("ranking"),
            "ranking",
            sections,
        );
        page.context.insert("intro", self.w("ranking_intro"));
        page
    }

    /// The works in progress and the contracts ending soon on the day in question.
    pub(super) fn open_on_the_day(&self) -> [Section; 2] {
        let c = self.c;
        let days = status::ENDING_SOON_DAYS.to_string();
        [
            self.titled(
                "works_in_progress",
                self.projects_table("", c.works_in_progress.iter().copied()),
            ),
            Section {
                title: self.w("contracts_ending_soon").replace("{days}", &days),
                table: self.contracts_table("", c.contracts_ending_soon.iter().copied()),
                ..Section::default()
            },
        ]
    }

    /// Repairs not fixed, findings not rectified, purchases not finished, works in
    /// progress and contracts ending soon.
    pub(super) fn open_page(&self) -> Page {
        let c = self.c;
        let open_repairs =
            (0..self.records.repairs.len()).filter(|&i| c.repairs[i].status == RepairStatus::Open);
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
                if c.findings[i][n] != FindingStatus::Rectified {
                    findings.push(vec![
                        self.record_cell("", crate::model::Kind::Inspection, x.origin.id.as_str()),
                        super::date_cell(Some(*x.date)),
                        Cell::text(&f.description),
                        super::date_cell(Some(status::finding_due(x, n, rules))),
                        self.finding_status_cell(i, n),
                    ]);
                }
            }
        }
        let waiting = (0..self.records.purchases.len()).filter(|&i| c.stages[i] != Stage::Issued);
        let lists = [
            self.titled(
                "open_repairs",
                self.repairs_table("", open_repairs, self.c.day),
            ),
            self.titled("open_findings", findings),
            self.titled("waiting_purchases", self.purchases_table("", waiting)),
        ];
        let sections = lists
            .into_iter()
            .chain(self.open_on_the_day())
            .map(|s| Section {
                interactive: true,
                ..s
            })
            .collect();
        self.report(
            "open.html",
            "report.html",
            self.w("open_items"),
            "open",
            sections,
        )
    }

    /// Search across every record (`search.html?q=WORDS` searches on opening).
    pub(super) fn search_page(&self) -> Page {
        let mut ctx = self.context(self.w("search"), "", "search");
        ctx.insert(
            "bundles",
            &format!("{}/bundles.json", crate::site::search::FOLDER),
        );
        Page {
            path: "search.html".into(),
            template: "search.html",
            context: ctx,
            sections: Vec::new(),
            parted: false,
            extra: Vec::new(),
        }
    }

    /// Links from a chart's bars to their months' pages (where a page exists).
    fn month_links(&self, root: &str, months: &[Month]) -> Vec<Option<String>> {
        months
            .iter()
            .map(|m| {
                self.c
                    .months
                    .contains_key(m)
                    .then(|| format!("{root}months/{m}.html"))
            })
            .collect()
    }

    /// The bar chart of budget against spending over some months, each month's bars
    /// leading to its page.
    pub(super) fn spending_chart(
        &self,
        root: &str,
        months: impl Iterator<Item = (Month, Planned)>,
    ) -> Chart {
        let (mut labels, mut planned, mut actual, mut shown) =
            (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        for (month, total) in months {
            shown.push(month);
            labels.push(month.to_string());
            planned.push(yuan(total.planned));
            actual.push(yuan(total.actual));
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
            links: self.month_links(root, &shown),
        };
        Chart {
            title,
            svg: charts::render(&chart, Shape::Columns),
            note: None,
        }
    }

    /// The bar chart of a semester's repairs, reported and fixed, by calendar month,
    /// each month's bars leading to its page. Only the semester's days count (from its
    /// start to its day), so the months add up to its `repairs.reported` and
    /// `repairs.fixed`; the chart's note says so.
    pub(super) fn repairs_chart(&self, root: &str, start: NaiveDate, day: NaiveDate) -> Chart {
        let (mut labels, mut reported, mut fixed, mut shown) =
            (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        let mut month = Month::of(start);
        while month <= Month::of(day) {
            let m = self.c.months.get(&month);
            let count = |list: fn(&InMonth) -> &Vec<Idx>,
                         date: fn(&Repair) -> Option<NaiveDate>| {
                m.map_or(0, |m| {
                    list(m)
                        .iter()
                        .filter_map(|&i| date(&self.records.repairs[i]))
                        .filter(|d| status::in_window(*d, start, day))
                        .count()
                }) as f64
            };
            shown.push(month);
            labels.push(month.to_string());
            reported.push(count(|m| &m.reported, |r| Some(*r.reported)));
            fixed.push(count(|m| &m.fixed, |r| r.fixed.as_deref().copied()));
            month = month.next();
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
            links: self.month_links(root, &shown),
        };
        Chart {
            title,
            svg: charts::render(&chart, Shape::Columns),
            note: Some(self.w("repairs_chart_note").to_owned()),
        }
    }

    /// The horizontal bar chart of asset value per category.
    pub(super) fn assets_chart<'c>(
        &self,
        by_category: impl Iterator<Item = (&'c String, Amount)>,
    ) -> Chart {
        let (labels, values): (Vec<String>, Vec<f64>) = by_category
            .filter(|(_, value)| *value != Amount::ZERO)
            .map(|(c, value)| (c.clone(), yuan(value)))
            .unzip();
        let title = self.w("assets_chart").to_owned();
        let chart = BarChart {
            title: title.clone(),
            labels,
            series: vec![Series {
                name: self.w("value_short").to_owned(),
                values,
            }],
            unit: self.lang.pick("元", "yuan").to_owned(),
            links: Vec::new(),
        };
        Chart {
            title,
            svg: charts::render(&chart, Shape::Rows),
            note: None,
        }
    }
}

/// An amount as a number of yuan, for charts only (never for sums).
fn yuan(amount: Amount) -> f64 {
    amount.fen() as f64 / 100.0
}
