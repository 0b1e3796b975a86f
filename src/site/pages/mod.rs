//! Which pages the site has, and what each one shows.
//!
//! [`plan`] lists the pages as light [`Spec`]s; [`Site::page`] builds one page's context
//! when it is rendered, so that only the pages being rendered are in memory. Every value
//! arrives formatted: templates only lay it out.

mod records;
mod reports;
mod semesters;

use super::table::{Cell, Table};
use super::words::word;
use crate::derive::{Derived, Idx};
use crate::history::History;
use crate::i18n::Lang;
use crate::model::{Kind, Month, Records};
use crate::source::SourceMap;
use chrono::NaiveDate;
use std::collections::{BTreeMap, HashMap};

/// One page to render.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Spec {
    /// The dashboard.
    Home,
    /// The index of one kind.
    Index(Kind),
    /// One record.
    Record(Kind, Idx),
    /// The list of locations.
    Locations,
    /// One location, by its index in the sorted locations.
    Location(Idx),
    /// The list of months.
    Months,
    /// One month.
    Month(Month),
    /// The monthly class property ranking.
    Ranking,
    /// Open items.
    Open,
    /// The list of semesters.
    Semesters,
    /// One semester, by index in the configuration.
    Semester(Idx),
}

/// A rendered page's inputs: where it goes, its template, its values.
pub struct Page {
    /// Output path, relative, `/`-separated.
    pub path: String,
    /// The template that lays it out.
    pub template: &'static str,
    /// The values it shows.
    pub context: tera::Context,
    /// Other files that belong with it (CSV downloads).
    pub extra: Vec<(String, Vec<u8>)>,
}

/// A titled table on a page.
#[derive(Clone, Debug, Default, serde::Serialize)]
pub struct Section {
    /// The heading.
    pub title: String,
    /// The table.
    pub table: Table,
    /// Whether the table gets a filter box and sortable headers.
    pub interactive: bool,
    /// A CSV download of the same table.
    pub csv: Option<String>,
}

/// A key figure.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Card {
    /// What it counts.
    pub label: String,
    /// The figure, formatted.
    pub figure: String,
}

/// An inline SVG chart with its title.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Chart {
    /// The title, shown above.
    pub title: String,
    /// The `<svg>` markup (drawn by `charts`, all text escaped there).
    pub svg: String,
}

/// Everything pages are built from.
pub struct Site<'a> {
    /// The records.
    pub records: &'a Records,
    /// What they imply, as of the build day.
    pub derived: &'a Derived,
    /// The language of fixed words.
    pub lang: Lang,
    /// Locations, sorted, with the file stem of each one's page.
    pub locations: Vec<(&'a str, String)>,
    /// Record index per kind and id, for links.
    pub index: BTreeMap<(Kind, &'a str), Idx>,
    /// Each semester's narrative with its expressions rendered (still Markdown).
    pub narratives: BTreeMap<String, String>,
    /// Each semester's figures, in the order of `zongwu.toml`.
    pub stats: Vec<crate::stats::Stats>,
    /// The git history of the records (empty outside git).
    pub history: History,
    /// The record page of each record file, by the file's path.
    pub pages_by_path: HashMap<&'a str, (Kind, &'a str)>,
    /// The files read, for the paths of records.
    pub sources: &'a SourceMap,
}

impl<'a> Site<'a> {
    /// Prepares page building.
    pub fn new(
        records: &'a Records,
        sources: &'a SourceMap,
        derived: &'a Derived,
        lang: Lang,
        narratives: BTreeMap<String, String>,
        stats: Vec<crate::stats::Stats>,
        history: History,
    ) -> Site<'a> {
        let locations = derived
            .locations
            .keys()
            .map(|name| (name.as_str(), slug(name)))
            .collect();
        let mut index = BTreeMap::new();
        let ids = [
            (
                Kind::Asset,
                records
                    .assets
                    .iter()
                    .map(|r| r.origin.id.as_str())
                    .collect::<Vec<_>>(),
            ),
            (
                Kind::Repair,
                records
                    .repairs
                    .iter()
                    .map(|r| r.origin.id.as_str())
                    .collect(),
            ),
            (
                Kind::Purchase,
                records
                    .purchases
                    .iter()
                    .map(|r| r.origin.id.as_str())
                    .collect(),
            ),
            (
                Kind::Inspection,
                records
                    .inspections
                    .iter()
                    .map(|r| r.origin.id.as_str())
                    .collect(),
            ),
        ];
        for (kind, list) in ids {
            for (i, id) in list.into_iter().enumerate() {
                index.insert((kind, id), i);
            }
        }
        let pages_by_path = records
            .ids
            .iter()
            .flat_map(|(kind, ids)| ids.iter().map(move |(id, file)| (*kind, id, *file)))
            .filter(|(kind, id, _)| index.contains_key(&(*kind, id.as_str())))
            .map(|(kind, id, file)| (sources.get(file).path.as_str(), (kind, id.as_str())))
            .collect();
        Site {
            records,
            derived,
            lang,
            locations,
            index,
            narratives,
            stats,
            history,
            pages_by_path,
            sources,
        }
    }

    /// A fixed word.
    pub fn w(&self, key: &str) -> &'static str {
        word(self.lang, key)
    }

    /// Every page of the site.
    pub fn plan(&self) -> Vec<Spec> {
        let r = self.records;
        let mut specs = vec![
            Spec::Home,
            Spec::Locations,
            Spec::Months,
            Spec::Ranking,
            Spec::Open,
            Spec::Semesters,
        ];
        specs.extend(Kind::ALL.map(Spec::Index));
        specs.extend((0..r.assets.len()).map(|i| Spec::Record(Kind::Asset, i)));
        specs.extend((0..r.repairs.len()).map(|i| Spec::Record(Kind::Repair, i)));
        specs.extend((0..r.purchases.len()).map(|i| Spec::Record(Kind::Purchase, i)));
        specs.extend((0..r.inspections.len()).map(|i| Spec::Record(Kind::Inspection, i)));
        specs.extend((0..self.locations.len()).map(Spec::Location));
        specs.extend(self.derived.months.keys().map(|m| Spec::Month(*m)));
        specs.extend((0..r.config.semesters.len()).map(Spec::Semester));
        specs
    }

    /// Builds one page.
    pub fn page(&self, spec: Spec) -> Page {
        match spec {
            Spec::Home => self.home(),
            Spec::Index(kind) => self.index_page(kind),
            Spec::Record(kind, i) => self.record_page(kind, i),
            Spec::Locations => self.locations_page(),
            Spec::Location(i) => self.location_page(i),
            Spec::Months => self.months_page(),
            Spec::Month(m) => self.month_page(m),
            Spec::Ranking => self.ranking_page(),
            Spec::Open => self.open_page(),
            Spec::Semesters => self.semesters_page(),
            Spec::Semester(i) => self.semester_page(i),
        }
    }

    /// A link to a record page from a page at depth `root`.
    pub fn href(&self, root: &str, kind: Kind, id: &str) -> String {
        format!("{root}{}/{id}.html", kind.folder())
    }

    /// A cell linking to a record, or plain text where there is no such page.
    pub fn record_cell(&self, root: &str, kind: Kind, id: &str) -> Cell {
        if self.index.contains_key(&(kind, id)) {
            Cell::link(id, self.href(root, kind, id))
        } else {
            Cell::text(id)
        }
    }

    /// The table of some changes from git; with `files`, a column naming the record
    /// (or file) each change touched.
    pub fn changes_table<'c>(
        &self,
        root: &str,
        changes: impl Iterator<Item = (&'c crate::history::Change, &'c str)>,
        files: bool,
    ) -> Table {
        let w = |k: &str| self.w(k);
        let mut headers = vec![w("date"), w("author"), w("subject")];
        headers.extend(files.then(|| w("record")));
        let mut t = Table::new(&headers);
        for (change, file) in changes {
            let mut row = vec![
                date_text(&change.date),
                Cell::text(&change.author),
                Cell::text(&change.subject),
            ];
            if files {
                row.push(match self.pages_by_path.get(file) {
                    Some((kind, id)) => self.record_cell(root, *kind, id),
                    None => Cell::text(file),
                });
            }
            t.push(row);
        }
        t
    }

    /// A cell linking to a location's page.
    pub fn location_cell(&self, root: &str, name: &str) -> Cell {
        match self.locations.binary_search_by(|(n, _)| (*n).cmp(name)) {
            Ok(i) => Cell::link(
                name,
                format!("{root}locations/{}.html", self.locations[i].1),
            ),
            Err(_) => Cell::text(name),
        }
    }

    /// A cell linking to a month's page.
    pub fn month_cell(&self, root: &str, month: Month) -> Cell {
        Cell {
            sort: Some(month.to_string()),
            ..Cell::link(month.to_string(), format!("{root}months/{month}.html"))
        }
    }
}

/// A page's values: title, depth and nav section, with every optional value that the
/// built-in templates test set to empty, so an override can rely on all of them.
pub fn context(title: &str, root: &str, section: &str) -> tera::Context {
    let mut ctx = tera::Context::new();
    ctx.insert("title", title);
    ctx.insert("root", root);
    ctx.insert("section", section);
    let none: Option<&str> = None;
    for key in ["intro", "as_of", "cards_title", "notes", "body_class"] {
        ctx.insert(key, &none);
    }
    let empty: [u8; 0] = [];
    for key in ["cards", "charts", "sections"] {
        ctx.insert(key, &empty);
    }
    ctx
}

/// A date cell that sorts by date.
pub fn date_cell(date: Option<NaiveDate>) -> Cell {
    match date {
        Some(d) => Cell {
            sort: Some(d.to_string()),
            ..Cell::text(d.to_string())
        },
        None => Cell {
            sort: Some(String::new()),
            ..Cell::text("—")
        },
    }
}

/// A date given as text (from git), sorting as itself.
fn date_text(date: &str) -> Cell {
    Cell {
        sort: Some(date.to_owned()),
        ..Cell::text(date)
    }
}

/// An amount cell.
pub fn amount_cell(amount: crate::amount::Amount) -> Cell {
    Cell::num(amount, amount.fen())
}

/// An optional text cell.
pub fn opt_cell(text: Option<&str>) -> Cell {
    Cell::text(text.unwrap_or("—"))
}

/// A stable, short file stem for a location name (FNV-1a, 64 bits, in hex).
pub fn slug(name: &str) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in name.bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{hash:016x}")
}
