//! A works project (工程: 加固, 拆除, 绿化, 改造): 开工 → 完工 → 验收, its size in a
//! unit; its status is derived in [`crate::status`].

use super::{Kind, Located, Record, Reference, SearchText};
use crate::amount::Amount;
use crate::check::Found;
use crate::compute::Idx;
use crate::create::{NewRecord, line};
use crate::diag::Problem;
use crate::exchange::layout::{ID, Layout, NOTES, Type, col};
use crate::model::Records;
use crate::model::Rules;
use crate::model::{Field, Origin, RecordId};
use crate::parse::{Reader, Sink, Size, val};
use crate::site::Site;
use crate::site::pages::records::{Parts, Shown, format_number};
use crate::site::pages::{amount_cell, date_cell, opt_cell};
use crate::site::table::{Cell, Table};
use crate::site::words::Words;
use crate::source::Sp;
use crate::status::{self, Dated, ProjectStatus};
use chrono::NaiveDate;
use std::collections::BTreeMap;

/// One works project.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize, schemars::JsonSchema)]
#[schemars(deny_unknown_fields)]
#[schemars(extend("dependentRequired" = {"quantity": ["unit"]}))]
pub struct Project {
    /// Id and file.
    #[serde(flatten)]
    #[schemars(skip)]
    pub origin: Origin,
    /// What is built, pulled down or planted.
    pub title: String,
    /// Free-text category (加固, 拆除, 绿化, 改造 …), grouped in reports.
    pub category: String,
    /// Where.
    pub location: Field<String>,
    /// 开工.
    pub started: Field<NaiveDate>,
    /// 完工.
    pub completed: Option<Field<NaiveDate>>,
    /// 验收.
    pub accepted: Option<Field<NaiveDate>>,
    /// The size of the work, in `unit` (above 0).
    #[schemars(extend("exclusiveMinimum" = 0))]
    pub quantity: Option<Field<f64>>,
    /// 平方米, 米, 处 …
    pub unit: Option<Field<String>>,
    /// Who builds it.
    pub contractor: Option<String>,
    /// What it was to cost.
    pub budget: Option<Amount>,
    /// What it cost in the end.
    pub cost: Option<Amount>,
    /// The tender behind it.
    pub purchase: Option<Field<RecordId>>,
    /// Markdown notes.
    pub notes: Option<String>,
}

impl Project {
    /// Its quantity with its unit (`4000 平方米`), if it has one.
    fn size(&self) -> Option<String> {
        let quantity = format_number(**self.quantity.as_ref()?);
        let unit = self.unit.as_ref().map_or("", |u| u.as_str());
        Some(format!("{quantity} {unit}").trim_end().to_owned())
    }
}

impl Dated for Project {
    fn origin(&self) -> &Origin {
        &self.origin
    }
    fn first(&self) -> NaiveDate {
        *self.started
    }
    fn events(&self) -> Vec<(&'static str, &Field<NaiveDate>)> {
        let mut out = vec![("started", &self.started)];
        out.extend(self.completed.as_ref().map(|d| ("completed", d)));
        out.extend(self.accepted.as_ref().map(|d| ("accepted", d)));
        out
    }
    fn forget_after(&mut self, day: NaiveDate) {
        status::forget(&mut self.completed, day);
        status::forget(&mut self.accepted, day);
        if self.completed.is_none() {
            self.cost = None; // the final cost is known once the work is done
        }
    }
}

/// The completed projects with a size (a quantity and its unit), in the order they
/// were completed, then by id.
fn measured(projects: &[Project]) -> Vec<(&Project, &Field<String>)> {
    let mut out: Vec<_> = projects
        .iter()
        .filter(|p| p.completed.is_some() && p.quantity.is_some())
        .filter_map(|p| Some((p, p.unit.as_ref()?)))
        .collect();
    out.sort_by_key(|(p, _)| (p.completed.as_deref().copied(), p.origin.id.as_str()));
    out
}

/// The unit of each category, with the project that gives it: that of its first
/// completed project with a size. The quantities of a category are summed in its unit.
pub fn category_units(projects: &[Project]) -> BTreeMap<&str, (&str, &RecordId)> {
    let mut units = BTreeMap::new();
    for (p, unit) in measured(projects) {
        units
            .entry(p.category.as_str())
            .or_insert((unit.as_str(), &p.origin.id));
    }
    units
}

/// Warns about every completed project measured in another unit than its category's
/// ([`category_units`]), at its unit: its quantity counts in no sum.
pub(crate) fn mixed_units(records: &Records, found: &mut Found) {
    let units = category_units(&records.projects);
    for (p, unit) in measured(&records.projects) {
        let Some((expected, first)) = units.get(p.category.as_str()) else {
            continue;
        };
        if unit.as_str() != *expected {
            let problem = Problem::MixedUnits {
                category: p.category.clone(),
                unit: unit.to_string(),
                expected: (*expected).to_owned(),
                first: first.to_string(),
            };
            found.at(p.origin.file, unit, problem);
        }
    }
}

impl Record for Project {
    const KIND: Kind = Kind::Project;

    const WORDS: Words = &[
        ("projects", "工程", "Works"),
        ("started", "开工日期", "Started"),
        ("completed", "完工日期", "Completed"),
        ("accepted", "验收日期", "Accepted"),
        ("contractor", "施工单位", "Contractor"),
        ("budget", "预算（元）", "Budget (yuan)"),
        ("project_in_progress", "施工中", "In progress"),
        ("project_completed", "已完工", "Completed"),
        ("project_accepted", "已验收", "Accepted"),
    ];

    const LAYOUT: Layout = Layout {
        id: ID,
        keeps_ids: false,
        columns: &[
            col("title", "工程名称", &["工程", "项目", "名称"], Type::Text),
            col("category", "类别", &["工程类别"], Type::Text),
            col("location", "地点", &["位置", "施工地点"], Type::Text),
            col("started", "开工日期", &["开工"], Type::Date),
            col("completed", "完工日期", &["竣工日期"], Type::Date),
            col("accepted", "验收日期", &[], Type::Date),
            col("quantity", "数量", &["工程量", "面积"], Type::Number),
            col("unit", "单位", &["计量单位"], Type::Text),
            col("contractor", "施工单位", &["承包单位"], Type::Text),
            col("budget", "预算", &["预算(元)"], Type::Amount),
            col("cost", "费用", &["决算", "费用(元)"], Type::Amount),
            col("purchase", "来源采购", &["采购编号"], Type::Text),
            NOTES,
        ],
        lists: &[],
    };

    fn all(records: &Records) -> &Vec<Self> {
        &records.projects
    }

    fn all_mut(records: &mut Records) -> &mut Vec<Self> {
        &mut records.projects
    }

    /// `projects/ID.toml`.
    fn parse(r: &mut Reader, s: &mut Sink, origin: Origin) -> Option<Self> {
        let title = r.req::<String>(s, "title");
        let category = r.req::<String>(s, "category");
        let location = r.req::<String>(s, "location");
        let started = r.req::<NaiveDate>(s, "started");
        let completed = r.opt(s, "completed");
        let accepted = r.opt(s, "accepted");
        let quantity = r.opt::<Size>(s, "quantity");
        let unit = r.opt(s, "unit");
        let contractor = r.opt::<String>(s, "contractor");
        let budget = r.opt::<Amount>(s, "budget");
        let cost = r.opt::<Amount>(s, "cost");
        let purchase = r.opt(s, "purchase");
        let notes = r.opt::<String>(s, "notes");
        Some(Project {
            origin,
            title: val(title)?,
            category: val(category)?,
            location: location?,
            started: started?,
            completed,
            accepted,
            quantity: quantity.map(|q| Sp {
                value: q.value.0,
                span: q.span,
            }),
            unit,
            contractor: val(contractor),
            budget: val(budget),
            cost: val(cost),
            purchase,
            notes: val(notes),
        })
    }

    fn table(site: &Site, root: &str, which: &mut dyn Iterator<Item = Idx>) -> Table {
        site.projects_table(root, which)
    }

    fn heading(site: &Site, i: Idx) -> (String, Option<Cell>) {
        let title = site.records.projects[i].title.clone();
        (title, Some(site.project_status_cell(i)))
    }

    fn page<'a>(site: &Site<'a>, i: Idx, root: &str) -> Shown<'a> {
        Shown::Own(site.project_parts(i, root))
    }

    fn search_text(&self) -> SearchText<'_> {
        let mut text = vec![self.title.as_str(), &self.category, &self.location];
        text.extend(self.contractor.as_deref());
        text.extend(self.purchase.as_ref().map(|p| p.as_str()));
        SearchText {
            words: text,
            notes: self.notes.as_deref(),
            location: Some(self.location.as_str()),
        }
    }

    fn new_record(title: &str, today: NaiveDate) -> NewRecord {
        NewRecord {
            head: "",
            lines: vec![
                line(
                    "title",
                    title,
                    "工程名称（必填），如 \"1号教学楼抗震加固\"",
                    "what is built (required)",
                ),
                line(
                    "category",
                    "\"\"",
                    "类别（必填），如 加固、拆除、绿化、改造",
                    "category (required), e.g. 加固",
                ),
                line("location", "\"\"", "地点（必填）", "where (required)"),
                line(
                    "started",
                    today,
                    "开工日期（必填），不加引号",
                    "date started (required)",
                ),
            ],
            tail: "# completed = 2012-10-30          # 完工日期 / date completed\n# accepted = 2012-11-10           # 验收日期（完工之后）/ date accepted, after completed\n# quantity = 4000                 # 工程量 / size of the work\n# unit = \"平方米\"                 # 单位（填了数量就要填）/ its unit: 平方米, 米, 处 …\n# contractor = \"\"                 # 施工单位 / contractor\n# budget = 0                      # 预算（元）/ budget in yuan\n# cost = 0                        # 决算（元）/ final cost in yuan\n# purchase = \"P-2012-0001\"        # 招标采购的编号 / the tender behind it\n",
        }
    }

    /// 开工 → 完工 → 验收, and the unit of a quantity.
    fn check(&self, _: &Rules, found: &mut Found) {
        let file = self.origin.file;
        let steps = [
            ("completed", self.completed.as_ref()),
            ("accepted", self.accepted.as_ref()),
        ];
        found.chain(file, ("started", &self.started), &steps);
        if let Some(quantity) = &self.quantity {
            found.required_text(file, ("quantity", quantity), "unit", self.unit.as_ref());
        }
    }

    fn references(&self) -> Vec<Reference<'_>> {
        let purchase = self.purchase.iter();
        purchase
            .map(|p| Reference::to("purchase", Kind::Purchase, p))
            .collect()
    }

    fn locations(&self) -> Vec<Located<'_>> {
        vec![Located::at("location", &self.location)]
    }
}

/// The kind's index rows and page on the site.
impl<'a> Site<'a> {
    /// The status badge of a works project on the day in question.
    pub(crate) fn project_status_cell(&self, i: usize) -> Cell {
        match status::project(&self.records.projects[i], self.c.day) {
            ProjectStatus::InProgress => Cell::status(self.w("project_in_progress"), "waiting"),
            ProjectStatus::Completed => Cell::status(self.w("project_completed"), "fixed"),
            ProjectStatus::Accepted => Cell::status(self.w("project_accepted"), "closed"),
        }
    }
    /// The table of some works projects.
    pub(crate) fn projects_table(&self, root: &str, which: impl Iterator<Item = usize>) -> Table {
        let w = |k: &str| self.w(k);
        let mut t = Table::new(&[
            w("id"),
            w("title"),
            w("category"),
            w("location"),
            &format!("{}#", w("quantity")),
            w("unit"),
            w("started"),
            w("completed"),
            w("status"),
            &format!("{}#", w("cost")),
        ]);
        t.extend(which, |i| {
            let p = &self.records.projects[i];
            vec![
                self.record_cell(root, Kind::Project, p.origin.id.as_str()),
                Cell::text(&p.title),
                Cell::text(&p.category),
                self.location_cell(root, &p.location),
                p.quantity
                    .as_ref()
                    .map_or_else(|| Cell::text("—"), |q| Cell::num(format_number(**q), **q)),
                opt_cell(p.unit.as_ref().map(|u| u.as_str())),
                date_cell(Some(*p.started)),
                date_cell(p.completed.as_ref().map(|d| **d)),
                self.project_status_cell(i),
                p.cost.map_or_else(|| Cell::text("—"), amount_cell),
            ]
        });
        t
    }
    pub(crate) fn project_parts(&self, i: usize, root: &str) -> Parts<'a> {
        let p = &self.records.projects[i];
        let f = |k, v| self.field(k, v);
        let money = |a: Option<Amount>| Cell::text(a.map_or("—".to_owned(), |a| a.grouped()));
        let fields = vec![
            f("id", Cell::text(p.origin.id.as_str())),
            f("title", Cell::text(&p.title)),
            f("category", Cell::text(&p.category)),
            self.location_field(root, Some(&p.location)),
            f("quantity", opt_cell(p.size().as_deref())),
            f("contractor", opt_cell(p.contractor.as_deref())),
            f("started", date_cell(Some(*p.started))),
            f("completed", date_cell(p.completed.as_ref().map(|d| **d))),
            f("accepted", date_cell(p.accepted.as_ref().map(|d| **d))),
            f("budget", money(p.budget)),
            f("cost", money(p.cost)),
            f(
                "purchase",
                p.purchase.as_ref().map_or_else(
                    || Cell::text("—"),
                    |id| self.record_cell(root, Kind::Purchase, id.as_str()),
                ),
            ),
        ];
        (fields, Vec::new(), p.notes.as_deref())
    }
}
