//! A repair ticket (报修 → 维修 → 反馈); its status is derived in [`crate::status`].

use super::{Kind, Located, Record, Reference, SearchText};
use crate::amount::Amount;
use crate::check::Found;
use crate::compute::Idx;
use crate::create::{NewRecord, line};
use crate::exchange::layout::{ID, Layout, NOTES, Type, col};
use crate::model::Records;
use crate::model::Rules;
use crate::model::{Field, Origin, RecordId};
use crate::parse::{Reader, Sink, val};
use crate::site::Site;
use crate::site::pages::records::{Parts, Shown};
use crate::site::pages::{amount_cell, date_cell, opt_cell};
use crate::site::table::{Cell, Table};
use crate::site::words::Words;
use crate::status::{self, Dated, RepairStatus};
use chrono::NaiveDate;

/// One repair ticket.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize, schemars::JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Repair {
    /// Id and file.
    #[serde(flatten)]
    #[schemars(skip)]
    pub origin: Origin,
    /// What is broken.
    pub title: String,
    /// Where.
    pub location: Field<String>,
    /// The asset repaired.
    pub asset: Option<Field<RecordId>>,
    /// When it was reported.
    pub reported: Field<NaiveDate>,
    /// Who filed it.
    pub reporter: String,
    /// The class accountable for damage to its property.
    pub responsible_class: Option<String>,
    /// Who repairs it.
    pub assignee: Option<String>,
    /// When it was fixed.
    pub fixed: Option<Field<NaiveDate>>,
    /// When the reporter confirmed the fix.
    pub verified: Option<Field<NaiveDate>>,
    /// What it cost.
    pub cost: Option<Amount>,
    /// Markdown notes.
    pub notes: Option<String>,
}

impl Dated for Repair {
    fn origin(&self) -> &Origin {
        &self.origin
    }
    fn first(&self) -> NaiveDate {
        *self.reported
    }
    fn events(&self) -> Vec<(&'static str, &Field<NaiveDate>)> {
        let mut out = vec![("reported", &self.reported)];
        out.extend(self.fixed.as_ref().map(|d| ("fixed", d)));
        out.extend(self.verified.as_ref().map(|d| ("verified", d)));
        out
    }
    fn forget_after(&mut self, day: NaiveDate) {
        status::forget(&mut self.fixed, day);
        status::forget(&mut self.verified, day);
        if self.fixed.is_none() {
            self.cost = None; // what the fix cost is known once it is done
        }
    }
}

impl Record for Repair {
    const KIND: Kind = Kind::Repair;

    const WORDS: Words = &[
        ("reported", "报修日期", "Reported"),
        ("reporter", "报修人", "Reporter"),
        ("responsible_class", "责任班级", "Responsible class"),
        ("assignee", "维修人", "Assignee"),
        ("fixed", "维修日期", "Fixed"),
        ("verified", "验收日期", "Verified"),
        ("status_open", "待维修", "Open"),
        ("status_fixed", "已维修", "Fixed"),
        ("status_closed", "已验收", "Closed"),
    ];

    const LAYOUT: Layout = Layout {
        id: ID,
        keeps_ids: false,
        columns: &[
            col("title", "报修内容", &["事项", "故障"], Type::Text),
            col("location", "地点", &["报修地点", "位置"], Type::Text),
            col("asset", "资产编号", &["资产"], Type::Text),
            col("reported", "报修日期", &[], Type::Date),
            col("reporter", "报修人", &[], Type::Text),
            col("responsible_class", "责任班级", &["班级"], Type::Text),
            col("assignee", "维修人", &[], Type::Text),
            col("fixed", "维修日期", &["完成日期"], Type::Date),
            col("verified", "验收日期", &[], Type::Date),
            col("cost", "费用", &["维修费用", "费用(元)"], Type::Amount),
            NOTES,
        ],
        lists: &[],
    };

    fn all(records: &Records) -> &Vec<Self> {
        &records.repairs
    }

    fn all_mut(records: &mut Records) -> &mut Vec<Self> {
        &mut records.repairs
    }

    /// `repairs/ID.toml`.
    fn parse(r: &mut Reader, s: &mut Sink, origin: Origin) -> Option<Self> {
        let title = r.req::<String>(s, "title");
        let location = r.req::<String>(s, "location");
        let asset = r.opt(s, "asset");
        let reported = r.req::<NaiveDate>(s, "reported");
        let reporter = r.req::<String>(s, "reporter");
        let responsible_class = r.opt::<String>(s, "responsible_class");
        let assignee = r.opt::<String>(s, "assignee");
        let fixed = r.opt(s, "fixed");
        let verified = r.opt(s, "verified");
        let cost = r.opt::<Amount>(s, "cost");
        let notes = r.opt::<String>(s, "notes");
        Some(Repair {
            origin,
            title: val(title)?,
            location: location?,
            asset,
            reported: reported?,
            reporter: val(reporter)?,
            responsible_class: val(responsible_class),
            assignee: val(assignee),
            fixed,
            verified,
            cost: val(cost),
            notes: val(notes),
        })
    }

    fn table(site: &Site, root: &str, which: &mut dyn Iterator<Item = Idx>) -> Table {
        site.repairs_table(root, which, site.c.day)
    }

    fn heading(site: &Site, i: Idx) -> (String, Option<Cell>) {
        let title = site.records.repairs[i].title.clone();
        (title, Some(site.repair_status_cell(i, site.c.day)))
    }

    fn page<'a>(site: &Site<'a>, i: Idx, root: &str) -> Shown<'a> {
        Shown::Own(site.repair_parts(i, root))
    }

    fn search_text(&self) -> SearchText<'_> {
        let mut text = vec![self.title.as_str(), &self.location, &self.reporter];
        text.extend(
            [&self.responsible_class, &self.assignee]
                .into_iter()
                .flatten()
                .map(String::as_str),
        );
        text.extend(self.asset.as_ref().map(|a| a.as_str()));
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
                    "报修内容（必填），如 \"灯管不亮\"",
                    "what is broken (required)",
                ),
                line("location", "\"\"", "地点（必填）", "where (required)"),
                line(
                    "reported",
                    today,
                    "报修日期（必填）",
                    "date reported (required)",
                ),
                line(
                    "reporter",
                    "\"\"",
                    "报修人（必填），如 \"高一(3)班班主任\"",
                    "who reported it (required)",
                ),
                line("assignee", "\"维修组\"", "维修人", "who repairs it"),
            ],
            tail: "# fixed = 2012-09-06      # 维修日期 / date fixed\n# verified = 2012-09-07   # 验收日期 / date verified\n# cost = 0                # 费用（元）/ cost in yuan\n",
        }
    }

    /// 报修 → 维修 → 反馈.
    fn check(&self, _: &Rules, found: &mut Found) {
        let steps = [
            ("fixed", self.fixed.as_ref()),
            ("verified", self.verified.as_ref()),
        ];
        found.chain(self.origin.file, ("reported", &self.reported), &steps);
    }

    fn references(&self) -> Vec<Reference<'_>> {
        let asset = self.asset.iter();
        asset
            .map(|a| Reference::to("asset", Kind::Asset, a))
            .collect()
    }

    fn locations(&self) -> Vec<Located<'_>> {
        vec![Located::at("location", &self.location)]
    }
}

/// The kind's index rows and page on the site.
impl<'a> Site<'a> {
    /// The status badge of a repair on `day` (the day in question, or a semester's).
    pub(crate) fn repair_status_cell(&self, i: usize, day: NaiveDate) -> Cell {
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
    /// The table of some repairs as they stood on `day` (the day in question, or a
    /// semester's day before it).
    pub(crate) fn repairs_table(
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
    pub(crate) fn repair_parts(&self, i: usize, root: &str) -> Parts<'a> {
        let r = &self.records.repairs[i];
        let id = r.origin.id.as_str();
        let f = |k, v| self.field(k, v);
        let fields = vec![
            f("id", Cell::text(id)),
            f("title", Cell::text(&r.title)),
            self.location_field(root, Some(&r.location)),
            f(
                "asset",
                self.opt_record_cell(root, Kind::Asset, r.asset.as_ref().map(|a| a.as_str())),
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
}
