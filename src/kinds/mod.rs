//! The kinds of record, each in a module of its own, and the one table that lists them.
//!
//! A kind's module (`asset.rs`, `repair.rs` …) holds what is the kind's own: its typed
//! record, how it reads its keys (with spans), the rules between its own fields, its
//! dates for the day in question ([`Dated`]), the records it names and the places it is
//! at, its words, its sheet columns, the file `zongwu new` writes, its tables, its
//! page's parts and its search text. It says so by implementing [`Record`].
//!
//! This file is the table: the [`Kind`] of each (its folder, command-line name, id
//! prefix, where its records are shown, whether they have places, and its words),
//! [`Kind::ALL`], the [`Parsed`] record of any kind and [`dispatch!`], which turns a
//! `Kind` into the kind's type, so that shared stages (load, checks across records,
//! the day in question, site, exchange, the in-place update) iterate the kinds instead
//! of naming them. A new kind is its module, a row of each list here and its field in
//! [`crate::model::Records`]; the compiler points at each. What the kind adds to a
//! semester's figures, the dashboard or the summary is written where those are
//! ([`crate::compute::stats`], `site/pages/`), as are the both-way links that pages
//! show with their own words ([`crate::compute::links`]).

pub mod asset;
pub mod budget;
pub mod contract;
pub mod event;
pub mod incident;
pub mod inspection;
pub mod project;
pub mod purchase;
pub mod repair;
pub mod rule;

use crate::check::Found;
use crate::compute::Idx;
use crate::create::NewRecord;
use crate::exchange::layout::Layout;
use crate::i18n::Lang;
use crate::model::{Field, Month, Origin, RecordId, Records, Rules};
use crate::parse::{Reader, Sink};
use crate::site::Site;
use crate::site::pages::Spec;
use crate::site::pages::records::Shown;
use crate::site::table::{Cell, Table};
use crate::site::words::Words;
use crate::status::Dated;
use chrono::NaiveDate;

/// The kinds of record, each with its own folder.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// `assets/`: fixed asset cards.
    Asset,
    /// `repairs/`: repair tickets.
    Repair,
    /// `purchases/`: procurements.
    Purchase,
    /// `inspections/`: inspections.
    Inspection,
    /// `budgets/`: monthly budgets.
    Budget,
    /// `incidents/`: safety incidents.
    Incident,
    /// `events/`: meetings, training, visits.
    Event,
    /// `rules/`: the rule book.
    Rule,
    /// `projects/`: works projects.
    Project,
    /// `contracts/`: outsourcing and service contracts.
    Contract,
}

/// Where a record is shown on the site.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RecordPage {
    /// A page of its own, `FOLDER/ID.html`.
    Own,
    /// The page of the month it names, `months/ID.html` (a budget).
    Month,
}

/// What zongwu knows of a kind, in one row.
#[derive(Clone, Copy, Debug)]
pub struct KindInfo {
    /// The folder of its records (`assets`); also its section of the site.
    pub folder: &'static str,
    /// Its name on the command line and of its schema (`asset`).
    pub name: &'static str,
    /// The prefix of the first id `zongwu new` writes where none exists (`A`).
    pub prefix: &'static str,
    /// Where a record of the kind is shown.
    pub page: RecordPage,
    /// Whether its records name places (a location's page lists them).
    pub located: bool,
    /// Whether the page of a record it names lists it (with its kind's table); the
    /// first kinds show what names them in sections of their own instead.
    pub listed_where_named: bool,
    /// A record of this kind, in Chinese and in English.
    pub word: (&'static str, &'static str),
    /// What `--help` says of it.
    pub help: &'static str,
}

impl Kind {
    /// Every kind, in folder order: the order of the navigation and of every list.
    pub const ALL: [Kind; 10] = [
        Kind::Asset,
        Kind::Repair,
        Kind::Purchase,
        Kind::Inspection,
        Kind::Budget,
        Kind::Incident,
        Kind::Event,
        Kind::Rule,
        Kind::Project,
        Kind::Contract,
    ];

    /// The kind's row of the table.
    pub const fn info(self) -> &'static KindInfo {
        match self {
            Kind::Asset => &KindInfo {
                folder: "assets",
                listed_where_named: false,
                located: true,
                name: "asset",
                prefix: "A",
                page: RecordPage::Own,
                word: ("资产", "asset"),
                help: "a fixed asset card (一物一卡)",
            },
            Kind::Repair => &KindInfo {
                folder: "repairs",
                listed_where_named: false,
                located: true,
                name: "repair",
                prefix: "R",
                page: RecordPage::Own,
                word: ("报修单", "repair"),
                help: "a repair ticket (报修)",
            },
            Kind::Purchase => &KindInfo {
                folder: "purchases",
                listed_where_named: false,
                located: false,
                name: "purchase",
                prefix: "P",
                page: RecordPage::Own,
                word: ("采购", "purchase"),
                help: "a purchase (采购)",
            },
            Kind::Inspection => &KindInfo {
                folder: "inspections",
                listed_where_named: false,
                located: true,
                name: "inspection",
                prefix: "I",
                page: RecordPage::Own,
                word: ("检查", "inspection"),
                help: "an inspection (检查)",
            },
            Kind::Budget => &KindInfo {
                folder: "budgets",
                listed_where_named: false,
                located: false,
                name: "budget",
                prefix: "",
                page: RecordPage::Month,
                word: ("预算", "budget"),
                help: "a month's budget (预算)",
            },
            Kind::Incident => &KindInfo {
                folder: "incidents",
                listed_where_named: true,
                located: true,
                name: "incident",
                prefix: "S",
                page: RecordPage::Own,
                word: ("安全事故", "incident"),
                help: "a safety incident (安全事故)",
            },
            Kind::Event => &KindInfo {
                folder: "events",
                listed_where_named: true,
                located: true,
                name: "event",
                prefix: "E",
                page: RecordPage::Own,
                word: ("活动", "event"),
                help: "a meeting, training or visit (例会, 培训, 考察)",
            },
            Kind::Rule => &KindInfo {
                folder: "rules",
                listed_where_named: true,
                located: false,
                name: "rule",
                prefix: "Z",
                page: RecordPage::Own,
                word: ("规章制度", "rule"),
                help: "a rule of the rule book (规章制度)",
            },
            Kind::Project => &KindInfo {
                folder: "projects",
                listed_where_named: true,
                located: true,
                name: "project",
                prefix: "W",
                page: RecordPage::Own,
                word: ("工程", "works project"),
                help: "a works project (工程: 加固, 拆除, 绿化, 改造)",
            },
            Kind::Contract => &KindInfo {
                folder: "contracts",
                listed_where_named: true,
                located: false,
                name: "contract",
                prefix: "C",
                page: RecordPage::Own,
                word: ("合同", "contract"),
                help: "an outsourcing or service contract (外包, 服务合同)",
            },
        }
    }

    /// The folder that holds this kind.
    pub fn folder(self) -> &'static str {
        self.info().folder
    }

    /// The kind whose folder this is.
    pub fn from_folder(folder: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.folder() == folder)
    }

    /// The kind's name for people.
    pub fn name(self, lang: Lang) -> &'static str {
        let (zh, en) = self.info().word;
        lang.pick(zh, en)
    }

    /// The JSON Schema of the kind's record files.
    pub fn schema(self) -> schemars::Schema {
        dispatch!(self, K => schemars::schema_for!(K))
    }

    /// The kind's own pages besides its index and its records' ([`Record::PAGES`]).
    pub fn pages(self) -> &'static [KindPage] {
        dispatch!(self, K => K::PAGES)
    }

    /// The kinds whose records name places, in folder order.
    pub fn located() -> impl Iterator<Item = Kind> + Clone {
        Kind::ALL.into_iter().filter(|k| k.info().located)
    }

    /// The folders of every kind.
    pub fn folders() -> impl Iterator<Item = &'static str> {
        Kind::ALL.into_iter().map(Kind::folder)
    }
}

/// Turns a [`Kind`] into its record type: `dispatch!(kind, K => K::KIND)` runs the
/// expression with `K` the type of that kind's records.
#[macro_export]
macro_rules! dispatch {
    ($kind:expr, $K:ident => $body:expr) => {
        match $kind {
            $crate::kinds::Kind::Asset => {
                type $K = $crate::kinds::asset::Asset;
                $body
            }
            $crate::kinds::Kind::Repair => {
                type $K = $crate::kinds::repair::Repair;
                $body
            }
            $crate::kinds::Kind::Purchase => {
                type $K = $crate::kinds::purchase::Purchase;
                $body
            }
            $crate::kinds::Kind::Inspection => {
                type $K = $crate::kinds::inspection::Inspection;
                $body
            }
            $crate::kinds::Kind::Budget => {
                type $K = $crate::kinds::budget::Budget;
                $body
            }
            $crate::kinds::Kind::Incident => {
                type $K = $crate::kinds::incident::Incident;
                $body
            }
            $crate::kinds::Kind::Event => {
                type $K = $crate::kinds::event::Event;
                $body
            }
            $crate::kinds::Kind::Rule => {
                type $K = $crate::kinds::rule::Rule;
                $body
            }
            $crate::kinds::Kind::Project => {
                type $K = $crate::kinds::project::Project;
                $body
            }
            $crate::kinds::Kind::Contract => {
                type $K = $crate::kinds::contract::Contract;
                $body
            }
        }
    };
}
pub use dispatch;

/// What every kind's record is: dated, kept in [`Records`], cached and shown.
pub trait Record:
    Dated
    + Clone
    + Send
    + Sync
    + serde::Serialize
    + serde::de::DeserializeOwned
    + schemars::JsonSchema
    + Into<Parsed>
    + 'static
{
    /// The kind.
    const KIND: Kind;

    /// The site's words for the kind's own keys, choices and statuses:
    /// `(key, Chinese, English)`.
    const WORDS: Words;

    /// The kind's sheet columns, for export and import.
    const LAYOUT: Layout;

    /// The kind's own pages besides its index and its records' pages (the rule book):
    /// planned with the site, linked from the kind's index, and written again by an
    /// update in place whenever a record of the kind changes.
    const PAGES: &'static [KindPage] = &[];

    /// The word of the heading of a record's notes on its page (a rule's are its text).
    const NOTES_TITLE: &'static str = "notes";

    /// The records of the kind in a set.
    fn all(records: &Records) -> &Vec<Self>;

    /// The same, to change.
    fn all_mut(records: &mut Records) -> &mut Vec<Self>;

    /// Reads a record of the kind from its file's keys (each asked for before any is
    /// used, so one file reports all its problems); `None` unless every required key
    /// read cleanly.
    fn parse(r: &mut Reader, s: &mut Sink, origin: Origin) -> Option<Self>;

    /// The table of some records of the kind on the day in question, its links from
    /// `root`.
    fn table(site: &Site, root: &str, which: &mut dyn Iterator<Item = Idx>) -> Table;

    /// The table of the kind's index page: every record of it.
    fn index(site: &Site, root: &str) -> Table {
        Self::table(site, root, &mut (0..Self::all(site.records).len()))
    }

    /// The records this one names, each with the key that names it.
    fn references(&self) -> Vec<Reference<'_>> {
        Vec::new()
    }

    /// The places the record names (its `location`), each with the key that names it:
    /// their pages list it, and with a room register each must be in it.
    fn locations(&self) -> Vec<Located<'_>> {
        Vec::new()
    }

    /// The months the record's events fall in.
    fn months(&self) -> Vec<Month> {
        self.events().iter().map(|(_, d)| Month::of(***d)).collect()
    }

    /// Record `i`'s title and, where the kind has one, its status badge on the day in
    /// question.
    fn heading(site: &Site, i: Idx) -> (String, Option<Cell>);

    /// What record `i`'s page shows, its links from `root`.
    fn page<'a>(site: &Site<'a>, i: Idx, root: &str) -> Shown<'a>;

    /// What search finds the record by besides its id.
    fn search_text(&self) -> SearchText<'_>;

    /// The record `zongwu new` writes: every required key with a comment on each, the
    /// title given (a TOML string) and today's date where the kind has them.
    fn new_record(title: &str, today: NaiveDate) -> NewRecord;

    /// Reports what is wrong between the record's own fields: workflow dates in order,
    /// each step after the one before, keys that other keys require.
    fn check(&self, _rules: &Rules, _found: &mut Found) {}
}

/// What search finds a record by besides its id.
#[derive(Default)]
pub struct SearchText<'a> {
    /// Every text field (not its dates and amounts) and its own lists.
    pub words: Vec<&'a str>,
    /// Its notes, in Markdown.
    pub notes: Option<&'a str>,
    /// Its location, if it has one.
    pub location: Option<&'a str>,
}

/// A page of a kind's own ([`Record::PAGES`]).
pub struct KindPage {
    /// The page.
    pub spec: Spec,
    /// Its file in the kind's folder (`book.html`).
    pub file: &'static str,
    /// The word of its title, which the kind's index links to it with.
    pub title: &'static str,
}

/// A record's reference to another: the key that names it (`findings[2].repair`) and
/// the record named.
pub struct Reference<'a> {
    /// The key, as a diagnostic names it.
    pub key: std::borrow::Cow<'static, str>,
    /// The kind of the record named.
    pub kind: Kind,
    /// Its id, where it is written.
    pub id: &'a Field<RecordId>,
}

impl<'a> Reference<'a> {
    /// A reference by `key` to a record of `kind`.
    pub fn to(
        key: impl Into<std::borrow::Cow<'static, str>>,
        kind: Kind,
        id: &'a Field<RecordId>,
    ) -> Self {
        Reference {
            key: key.into(),
            kind,
            id,
        }
    }
}

/// A place a record names: the key that names it (`location`) and the name written.
pub struct Located<'a> {
    /// The key, as a diagnostic names it.
    pub key: std::borrow::Cow<'static, str>,
    /// The name, where it is written.
    pub name: &'a Field<String>,
}

impl<'a> Located<'a> {
    /// The place named by `key`.
    pub fn at(key: impl Into<std::borrow::Cow<'static, str>>, name: &'a Field<String>) -> Self {
        Located {
            key: key.into(),
            name,
        }
    }
}

/// One parsed record of any kind.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub enum Parsed {
    /// An asset.
    Asset(asset::Asset),
    /// A repair.
    Repair(repair::Repair),
    /// A purchase.
    Purchase(purchase::Purchase),
    /// An inspection.
    Inspection(inspection::Inspection),
    /// A budget.
    Budget(budget::Budget),
    /// A safety incident.
    Incident(incident::Incident),
    /// An event.
    Event(event::Event),
    /// A rule.
    Rule(rule::Rule),
    /// A works project.
    Project(project::Project),
    /// A contract.
    Contract(contract::Contract),
}

/// The record inside a [`Parsed`], whatever its kind: `each!(parsed, r => r.origin())`.
#[macro_export]
macro_rules! each {
    ($parsed:expr, $r:ident => $body:expr) => {
        match $parsed {
            $crate::kinds::Parsed::Asset($r) => $body,
            $crate::kinds::Parsed::Repair($r) => $body,
            $crate::kinds::Parsed::Purchase($r) => $body,
            $crate::kinds::Parsed::Inspection($r) => $body,
            $crate::kinds::Parsed::Budget($r) => $body,
            $crate::kinds::Parsed::Incident($r) => $body,
            $crate::kinds::Parsed::Event($r) => $body,
            $crate::kinds::Parsed::Rule($r) => $body,
            $crate::kinds::Parsed::Project($r) => $body,
            $crate::kinds::Parsed::Contract($r) => $body,
        }
    };
}
pub use each;

impl Parsed {
    /// The record as JSON, as it serialises (amounts as strings, choices by name).
    pub fn json(&self) -> serde_json::Value {
        each!(self, r => serde_json::to_value(r)).unwrap_or_default()
    }

    /// The date the record begins (`acquired`, `reported`, `requested`, an
    /// inspection's, incident's or event's `date`, a rule's `adopted`, a project's
    /// `started`, a contract's `signed`); a budget, a plan, has none.
    pub fn first(&self) -> Option<NaiveDate> {
        match self {
            Parsed::Budget(_) => None,
            _ => Some(each!(self, r => r.first())),
        }
    }

    /// Where the record came from, to be changed.
    pub fn origin_mut(&mut self) -> &mut Origin {
        each!(self, r => &mut r.origin)
    }

    /// Adds the record to the set of its kind.
    pub fn add_to(self, records: &mut Records) {
        fn add<K: Record>(record: K, records: &mut Records) {
            K::all_mut(records).push(record);
        }
        each!(self, r => add(r, records))
    }
}

/// Each kind's record is a [`Parsed`] of its variant.
macro_rules! parsed_from {
    ($($variant:ident: $ty:ty),*) => {$(
        impl From<$ty> for Parsed {
            fn from(record: $ty) -> Self {
                Parsed::$variant(record)
            }
        }
    )*};
}

parsed_from!(
    Asset: asset::Asset,
    Repair: repair::Repair,
    Purchase: purchase::Purchase,
    Inspection: inspection::Inspection,
    Budget: budget::Budget,
    Incident: incident::Incident,
    Event: event::Event,
    Rule: rule::Rule,
    Project: project::Project,
    Contract: contract::Contract
);
