//! A meeting, training or visit (例会, 培训, 考察, 接待): what, when, where and how
//! many took part.

use super::{Kind, Located, Record, SearchText};
use crate::compute::Idx;
use crate::create::{NewRecord, line};
use crate::exchange::layout::{ID, Layout, NOTES, Type, col};
use crate::model::Records;
use crate::model::{Field, Origin};
use crate::parse::{Choice, Count, Reader, Sink, chosen, val};
use crate::site::Site;
use crate::site::pages::date_cell;
use crate::site::pages::records::{Parts, Shown};
use crate::site::table::{Cell, Table};
use crate::site::words::Words;
use crate::status::Dated;
use chrono::NaiveDate;

/// What kind of event it was.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum EventType {
    /// 会议: a meeting (the monthly 后勤例会).
    Meeting,
    /// 培训: training, a lecture, an exam on it.
    Training,
    /// 考察: a visit elsewhere to learn.
    Visit,
    /// 接待: receiving visitors.
    Reception,
    /// Anything else.
    Other,
}

impl EventType {
    /// The spellings in record files, in variant order.
    pub const NAMES: &'static [&'static str] =
        &["meeting", "training", "visit", "reception", "other"];
    /// The Chinese words, in the order of `NAMES`, accepted in records and sheets.
    pub const WORDS: &'static [&'static str] = &["会议", "培训", "考察", "接待", "其他"];
    /// Every type, in the order of [`EventType::NAMES`].
    pub const ALL: [EventType; 5] = [
        EventType::Meeting,
        EventType::Training,
        EventType::Visit,
        EventType::Reception,
        EventType::Other,
    ];
}

impl Choice for EventType {
    const NAMES: &'static [&'static str] = EventType::NAMES;
    const WORDS: &'static [&'static str] = EventType::WORDS;
    const VALUES: &'static [Self] = &EventType::ALL;
}

/// One event.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize, schemars::JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Event {
    /// Id and file.
    #[serde(flatten)]
    #[schemars(skip)]
    pub origin: Origin,
    /// What it was.
    pub title: String,
    /// The `type` key.
    #[serde(rename = "type")]
    pub kind: Field<EventType>,
    /// When.
    pub date: Field<NaiveDate>,
    /// Where.
    pub location: Option<Field<String>>,
    /// How many took part.
    pub participants: Option<u32>,
    /// Markdown notes.
    pub notes: Option<String>,
}

impl Dated for Event {
    fn origin(&self) -> &Origin {
        &self.origin
    }
    fn first(&self) -> NaiveDate {
        *self.date
    }
    fn events(&self) -> Vec<(&'static str, &Field<NaiveDate>)> {
        vec![("date", &self.date)]
    }
    /// An event has no later steps.
    fn forget_after(&mut self, _: NaiveDate) {}
}

impl Record for Event {
    const KIND: Kind = Kind::Event;

    const WORDS: Words = &[
        ("events", "活动", "Events"),
        ("participants", "参加人数", "Participants"),
        ("event_type_meeting", EventType::WORDS[0], "Meeting"),
        ("event_type_training", EventType::WORDS[1], "Training"),
        ("event_type_visit", EventType::WORDS[2], "Visit"),
        ("event_type_reception", EventType::WORDS[3], "Reception"),
        ("event_type_other", EventType::WORDS[4], "Other"),
    ];

    const LAYOUT: Layout = Layout {
        id: ID,
        keeps_ids: false,
        columns: &[
            col("title", "活动名称", &["名称", "事项"], Type::Text),
            col(
                "type",
                "活动类型",
                &["类型"],
                Type::Choice("event_type", EventType::NAMES),
            ),
            col("date", "日期", &["活动日期"], Type::Date),
            col("location", "地点", &["活动地点"], Type::Text),
            col("participants", "参加人数", &["人数"], Type::Integer),
            NOTES,
        ],
        lists: &[],
    };

    fn all(records: &Records) -> &Vec<Self> {
        &records.events
    }

    fn all_mut(records: &mut Records) -> &mut Vec<Self> {
        &mut records.events
    }

    /// `events/ID.toml`.
    fn parse(r: &mut Reader, s: &mut Sink, origin: Origin) -> Option<Self> {
        let title = r.req::<String>(s, "title");
        let kind = chosen(r.req(s, "type"));
        let date = r.req::<NaiveDate>(s, "date");
        let location = r.opt::<String>(s, "location");
        let participants = r.opt::<Count>(s, "participants");
        let notes = r.opt::<String>(s, "notes");
        Some(Event {
            origin,
            title: val(title)?,
            kind: kind?,
            date: date?,
            location,
            participants: val(participants).map(|n| n.0),
            notes: val(notes),
        })
    }

    fn table(site: &Site, root: &str, which: &mut dyn Iterator<Item = Idx>) -> Table {
        site.events_table(root, which)
    }

    fn heading(site: &Site, i: Idx) -> (String, Option<Cell>) {
        (site.records.events[i].title.clone(), None)
    }

    fn page<'a>(site: &Site<'a>, i: Idx, root: &str) -> Shown<'a> {
        Shown::Own(site.event_parts(i, root))
    }

    fn search_text(&self) -> SearchText<'_> {
        let mut text = vec![self.title.as_str()];
        text.extend(self.location.as_deref().map(String::as_str));
        SearchText {
            words: text,
            notes: self.notes.as_deref(),
            location: self.location.as_deref().map(String::as_str),
        }
    }

    fn new_record(title: &str, today: NaiveDate) -> NewRecord {
        NewRecord {
            head: "",
            lines: vec![
                line(
                    "title",
                    title,
                    "活动名称（必填），如 \"9月后勤例会\"",
                    "what it was (required)",
                ),
                line(
                    "type",
                    "\"meeting\"",
                    "类型：meeting 会议、training 培训、visit 考察、reception 接待、other 其他",
                    "meeting, training, visit, reception or other",
                ),
                line("date", today, "日期（必填）", "date (required)"),
            ],
            tail: "# location = \"\"      # 地点 / where\n# participants = 0   # 参加人数 / how many took part\n",
        }
    }

    fn locations(&self) -> Vec<Located<'_>> {
        self.location
            .iter()
            .map(|l| Located::at("location", l))
            .collect()
    }
}

/// The kind's index rows and page on the site.
impl<'a> Site<'a> {
    /// An event's type in words.
    fn event_type_cell(&self, kind: EventType) -> Cell {
        Cell::text(self.w(&format!("event_type_{}", kind.name())))
    }
    /// How many took part, a dash where it is not written.
    fn participants_cell(participants: Option<u32>) -> Cell {
        participants.map_or_else(|| Cell::text("—"), |n| Cell::num(n, n))
    }
    /// The table of some events.
    pub(crate) fn events_table(&self, root: &str, which: impl Iterator<Item = usize>) -> Table {
        let w = |k: &str| self.w(k);
        let mut t = Table::new(&[
            w("id"),
            w("title"),
            w("type"),
            w("date"),
            w("location"),
            &format!("{}#", w("participants")),
        ]);
        t.extend(which, |i| {
            let e = &self.records.events[i];
            vec![
                self.record_cell(root, Kind::Event, e.origin.id.as_str()),
                Cell::text(&e.title),
                self.event_type_cell(*e.kind),
                date_cell(Some(*e.date)),
                self.opt_location_cell(root, e.location.as_deref().map(String::as_str)),
                Self::participants_cell(e.participants),
            ]
        });
        t
    }
    pub(crate) fn event_parts(&self, i: usize, root: &str) -> Parts<'a> {
        let e = &self.records.events[i];
        let f = |k, v| self.field(k, v);
        let fields = vec![
            f("id", Cell::text(e.origin.id.as_str())),
            f("title", Cell::text(&e.title)),
            f("type", self.event_type_cell(*e.kind)),
            f("date", date_cell(Some(*e.date))),
            self.location_field(root, e.location.as_deref().map(String::as_str)),
            f("participants", Self::participants_cell(e.participants)),
        ];
        (fields, Vec::new(), e.notes.as_deref())
    }
}
