//! The kinds of record, from one table: each kind's folder, its name on the command
//! line and in schemas, its id prefix, where its records are shown, and its words.
//!
//! Every list of kinds in zongwu (folders read, fresh-build inputs, staging folders,
//! navigation, site indexes, the page plan, `new`/`export`/`import` kinds, schemas) is
//! derived from [`Kind::ALL`] and [`Kind::info`]. A new kind is a variant and a row
//! here; then the compiler points, by an exhaustive `match` or a struct literal, at
//! what it needs of its own: its model type (`model/`, with its field in
//! [`super::Records`]), its parser (`parse/`), its dates (`status.rs`), its page and
//! index (`site/pages/records.rs`), its sheet layout (`exchange/`) and the file that
//! `zongwu new` writes (`create.rs`); its words go in `site/words.rs`.

use crate::i18n::Lang;

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
    /// A record of this kind, in Chinese and in English.
    pub word: (&'static str, &'static str),
    /// What `--help` says of it.
    pub help: &'static str,
}

impl Kind {
    /// Every kind, in folder order: the order of the navigation and of every list.
    pub const ALL: [Kind; 5] = [
        Kind::Asset,
        Kind::Repair,
        Kind::Purchase,
        Kind::Inspection,
        Kind::Budget,
    ];

    /// The kind's row of the table.
    pub const fn info(self) -> &'static KindInfo {
        match self {
            Kind::Asset => &KindInfo {
                folder: "assets",
                name: "asset",
                prefix: "A",
                page: RecordPage::Own,
                word: ("资产", "asset"),
                help: "a fixed asset card (一物一卡)",
            },
            Kind::Repair => &KindInfo {
                folder: "repairs",
                name: "repair",
                prefix: "R",
                page: RecordPage::Own,
                word: ("报修单", "repair"),
                help: "a repair ticket (报修)",
            },
            Kind::Purchase => &KindInfo {
                folder: "purchases",
                name: "purchase",
                prefix: "P",
                page: RecordPage::Own,
                word: ("采购", "purchase"),
                help: "a purchase (采购)",
            },
            Kind::Inspection => &KindInfo {
                folder: "inspections",
                name: "inspection",
                prefix: "I",
                page: RecordPage::Own,
                word: ("检查", "inspection"),
                help: "an inspection (检查)",
            },
            Kind::Budget => &KindInfo {
                folder: "budgets",
                name: "budget",
                prefix: "",
                page: RecordPage::Month,
                word: ("预算", "budget"),
                help: "a month's budget (预算)",
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
        use super::{Asset, Budget, Inspection, Purchase, Repair};
        match self {
            Kind::Asset => schemars::schema_for!(Asset),
            Kind::Repair => schemars::schema_for!(Repair),
            Kind::Purchase => schemars::schema_for!(Purchase),
            Kind::Inspection => schemars::schema_for!(Inspection),
            Kind::Budget => schemars::schema_for!(Budget),
        }
    }

    /// The folders of every kind.
    pub fn folders() -> impl Iterator<Item = &'static str> {
        Kind::ALL.into_iter().map(Kind::folder)
    }
}
