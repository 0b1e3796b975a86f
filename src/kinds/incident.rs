//! A safety incident (安全事故, 险情): what happened, where, how serious, who was hurt,
//! and the repair it caused.

use super::{Kind, Located, Record, Reference, SearchText};
use crate::compute::Idx;
use crate::create::{NewRecord, line};
use crate::exchange::layout::{ID, Layout, NOTES, Type, col};
use crate::model::Records;
use crate::model::{Field, Origin, RecordId, Severity};
use crate::parse::{Count, Reader, Sink, chosen, val};
use crate::site::Site;
use crate::site::pages::records::{Parts, Shown};
use crate::site::pages::{date_cell, opt_cell};
use crate::site::table::{Cell, Table};
use crate::site::words::Words;
use crate::status::Dated;
use chrono::NaiveDate;

/// One safety incident.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize, schemars::JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Incident {
    /// Id and file.
    #[serde(flatten)]
    #[schemars(skip)]
    pub origin: Origin,
    /// What happened.
    pub title: String,
    /// When.
    pub date: Field<NaiveDate>,
    /// Where.
    pub location: Field<String>,
    /// How serious.
    pub severity: Field<Severity>,
    /// People hurt (0 when not written).
    #[serde(default)]
    pub injuries: u32,
    /// Who reported it.
    pub reported_by: Option<String>,
    /// The repair it caused.
    pub repair: Option<Field<RecordId>>,
    /// Markdown notes.
    pub notes: Option<String>,
}

impl Dated for Incident {
    fn origin(&self) -> &Origin {
        &self.origin
    }
    fn first(&self) -> NaiveDate {
        *self.date
    }
    fn events(&self) -> Vec<(&'static str, &Field<NaiveDate>)> {
        vec![("date", &self.date)]
    }
    /// An incident has no later steps.
    fn forget_after(&mut self, _: NaiveDate) {}
}

impl Record for Incident {
    const KIND: Kind = Kind::Incident;

    const WORDS: Words = &[
        ("incidents", "安全事故", "Incidents"),
        ("injuries", "受伤人数", "Injuries"),
        ("reported_by", "报告人", "Reported by"),
    ];

    const LAYOUT: Layout = Layout {
        id: ID,
        keeps_ids: false,
        columns: &[
            col("title", "事故情况", &["事故", "事项"], Type::Text),
            col("date", "发生日期", &["日期"], Type::Date),
            col("location", "地点", &["发生地点"], Type::Text),
            col(
                "severity",
                "严重程度",
                &["等级"],
                Type::Choice("severity", Severity::NAMES),
            ),
            col("injuries", "受伤人数", &["受伤"], Type::Integer),
            col("reported_by", "报告人", &[], Type::Text),
            col("repair", "报修单", &["报修编号"], Type::Text),
            NOTES,
        ],
        lists: &[],
    };

    fn all(records: &Records) -> &Vec<Self> {
        &records.incidents
    }

    fn all_mut(records: &mut Records) -> &mut Vec<Self> {
        &mut records.incidents
    }

    /// `incidents/ID.toml`.
    fn parse(r: &mut Reader, s: &mut Sink, origin: Origin) -> Option<Self> {
        let title = r.req::<String>(s, "title");
        let date = r.req::<NaiveDate>(s, "date");
        let location = r.req::<String>(s, "location");
        let severity = chosen(r.req(s, "severity"));
        let injuries = r.opt::<Count>(s, "injuries");
        let reported_by = r.opt::<String>(s, "reported_by");
        let repair = r.opt(s, "repair");
        let notes = r.opt::<String>(s, "notes");
        Some(Incident {
            origin,
            title: val(title)?,
            date: date?,
            location: location?,
            severity: severity?,
            injuries: val(injuries).map_or(0, |n| n.0),
            reported_by: val(reported_by),
            repair,
            notes: val(notes),
        })
    }

    fn table(site: &Site, root: &str, which: &mut dyn Iterator<Item = Idx>) -> Table {
        site.incidents_table(root, which)
    }

    fn heading(site: &Site, i: Idx) -> (String, Option<Cell>) {
        (site.records.incidents[i].title.clone(), None)
    }

    fn page<'a>(site: &Site<'a>, i: Idx, root: &str) -> Shown<'a> {
        Shown::Own(site.incident_parts(i, root))
    }

    fn search_text(&self) -> SearchText<'_> {
        let mut text = vec![self.title.as_str(), &self.location];
        text.extend(self.reported_by.as_deref());
        text.extend(self.repair.as_ref().map(|r| r.as_str()));
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
                    "事故情况（必填），如 \"学生在楼梯滑倒擦伤\"",
                    "what happened (required)",
                ),
                line("date", today, "发生日期（必填）", "date (required)"),
                line("location", "\"\"", "地点（必填）", "where (required)"),
                line(
                    "severity",
                    "\"low\"",
                    "严重程度：low 低、medium 中、high 高",
                    "low, medium or high",
                ),
                line("injuries", 0, "受伤人数", "people hurt"),
            ],
            tail: "# reported_by = \"\"         # 报告人 / who reported it\n# repair = \"R-2012-0001\"   # 由此产生的报修单 / the repair it caused\n",
        }
    }

    fn references(&self) -> Vec<Reference<'_>> {
        let repair = self.repair.iter();
        repair
            .map(|r| Reference::to("repair", Kind::Repair, r))
            .collect()
    }

    fn locations(&self) -> Vec<Located<'_>> {
        vec![Located::at("location", &self.location)]
    }
}

/// The kind's index rows and page on the site.
impl<'a> Site<'a> {
    /// The table of some incidents.
    pub(crate) fn incidents_table(&self, root: &str, which: impl Iterator<Item = usize>) -> Table {
        let w = |k: &str| self.w(k);
        let mut t = Table::new(&[
            w("id"),
            w("title"),
            w("date"),
            w("location"),
            w("severity"),
            &format!("{}#", w("injuries")),
            w("repair"),
        ]);
        t.extend(which, |i| {
            let x = &self.records.incidents[i];
            vec![
                self.record_cell(root, Kind::Incident, x.origin.id.as_str()),
                Cell::text(&x.title),
                date_cell(Some(*x.date)),
                self.location_cell(root, &x.location),
                self.severity_cell(*x.severity),
                Cell::num(x.injuries, x.injuries),
                self.opt_record_cell(root, Kind::Repair, x.repair.as_ref().map(|r| r.as_str())),
            ]
        });
        t
    }
    pub(crate) fn incident_parts(&self, i: usize, root: &str) -> Parts<'a> {
        let x = &self.records.incidents[i];
        let f = |k, v| self.field(k, v);
        let fields = vec![
            f("id", Cell::text(x.origin.id.as_str())),
            f("title", Cell::text(&x.title)),
            f("date", date_cell(Some(*x.date))),
            self.location_field(root, Some(&x.location)),
            f("severity", self.severity_cell(*x.severity)),
            f("injuries", Cell::num(x.injuries, x.injuries)),
            f("reported_by", opt_cell(x.reported_by.as_deref())),
            f(
                "repair",
                self.opt_record_cell(root, Kind::Repair, x.repair.as_ref().map(|r| r.as_str())),
            ),
        ];
        (fields, Vec::new(), x.notes.as_deref())
    }
}
