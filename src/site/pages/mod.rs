//! Which pages the site has, and what each one shows.
//!
//! [`plan`] lists the pages as light [`Spec`]s; [`Site::page`] builds one page's context
//! when it is rendered, so that only the pages being rendered are in memory. Every value
//! arrives formatted: templates only lay it out.

pub(crate) mod records;
mod reports;
mod rooms;
mod semesters;
mod traces;

use super::nav;
use super::table::{Cell, Link, Table, Tag};
use super::words::word;
use crate::compute::{Computed, Idx};
use crate::i18n::Lang;
use crate::model::{Kind, Month, RecordPage, Records};
use crate::source::SourceMap;
use chrono::NaiveDate;
use rayon::prelude::*;
use rustc_hash::FxHashMap;

/// One page to render.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
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
    /// The key figures over every semester.
    Trends,
    /// The records behind some figures of a semester.
    Traced(traces::Traced),
    /// Search across every record.
    Search,
    /// The rule book: every rule, by area ([`crate::kinds::rule`]).
    RuleBook,
}

impl Spec {
    /// The pages that gather records of every kind: the dashboard, the lists of
    /// locations and months, the ranking, open items, the list of semesters and the
    /// trends over them.
    pub const GATHERED: [Spec; 7] = [
        Spec::Home,
        Spec::Locations,
        Spec::Months,
        Spec::Ranking,
        Spec::Open,
        Spec::Semesters,
        Spec::Trends,
    ];
}

/// A rendered page's inputs: where it goes, its template, its values.
pub struct Page {
    /// Output path, relative, `/`-separated.
    pub path: String,
    /// The template that lays it out.
    pub template: &'static str,
    /// The values it shows, but its sections.
    pub context: tera::Context,
    /// Its tables.
    pub sections: Vec<Section>,
    /// Whether long tables are shown in parts (`X.html`, `X-2.html` …) rather than
    /// on one page: lists are, a record and a printable summary are not.
    pub parted: bool,
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
    /// The semester figure that counts the table's rows (`SEMESTER-ID/stats.NAME`).
    pub count_of: Option<String>,
    /// Whether this small table opens a pair shown side by side (with the next).
    pub opens_pair: bool,
    /// Whether it closes such a pair.
    pub closes_pair: bool,
    /// Whether print keeps it whole on one page (a short table of the printed summary).
    pub whole: bool,
    /// Where the whole of a list cut short is shown.
    pub more: Option<crate::site::table::Link>,
}

/// A key figure.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Card {
    /// What it counts.
    pub label: String,
    /// The figure, formatted.
    pub figure: String,
    /// The exact figure, where the card rounds it (`1,200,600.00 元` for `120.06万元`).
    pub exact: Option<String>,
    /// The semester figure it shows.
    pub tag: Option<Tag>,
    /// The link to the page of the records behind it.
    pub href: Option<String>,
}

/// An inline SVG chart with its title.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Chart {
    /// The title, shown above.
    pub title: String,
    /// The `<svg>` markup (drawn by `charts`, all text escaped there).
    pub svg: String,
    /// What a reader should know to read it against the figures, if anything.
    pub note: Option<String>,
}

/// Everything pages are built from.
pub struct Site<'a> {
    /// What was computed on the day in question.
    pub c: &'a Computed,
    /// The records as they stood on the day.
    pub records: &'a Records,
    /// The language of fixed words.
    pub lang: Lang,
    /// Locations, sorted, with the file stem of each one's page.
    pub locations: Vec<(&'a str, String)>,
    /// Each location's place in `locations`, by its name.
    location_index: FxHashMap<&'a str, Idx>,
    /// Record index per kind and id, for links.
    pub index: FxHashMap<(Kind, &'a str), Idx>,
    /// The record page of each record file, by the file's path.
    pub pages_by_path: FxHashMap<&'a str, (Kind, &'a str)>,
    /// The files read, for the paths of records.
    pub sources: &'a SourceMap,
    /// Per kind (in [`Kind::ALL`] order), each record's place among the records in its
    /// file's folder: which thousand of them its search partition holds.
    nth_in_folder: Vec<Vec<usize>>,
    /// Per kind (in [`Kind::ALL`] order), the page of each record ([`record_path`]),
    /// worked out once, when a page first links to a record of the kind.
    paths: Vec<std::sync::OnceLock<Vec<String>>>,
    /// Per kind and semester, the rows of the lists of records behind figures, each
    /// written once for all the lists that show it ([`traces::WrittenRows`]).
    written: Vec<std::sync::OnceLock<traces::WrittenRows>>,
    /// Where figures lead to the records behind them: the site's own pages, or (for
    /// a printed summary, which has none beside it) the site at `base_url`, or nowhere.
    pub figure_links: FigureLinks,
    /// The navigation bar's links, laid out for each page ([`Site::context`]).
    nav: Vec<nav::Item>,
    /// Whether a record's page also hands its template its fields as a list
    /// (`fields`), as a `record.html` of the office's own may show them; the built-in
    /// one shows them laid out here (`fields_html`), which costs a build of 100,000
    /// records about 0.45 processor-seconds less (of 3.6).
    pub list_fields: bool,
}

/// Where a figure's link to its records goes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FigureLinks {
    /// To the page beside it in the site being built.
    Site,
    /// To the page on the site published at this address (`site.base_url`).
    At(String),
    /// Nowhere.
    Off,
}

impl<'a> Site<'a> {
    /// Prepares page building.
    pub fn new(c: &'a Computed, sources: &'a SourceMap, lang: Lang) -> Site<'a> {
        let records = &c.records;
        let locations: Vec<(&str, String)> = c
            .locations
            .keys()
            .map(|name| (name.as_str(), slug(name)))
            .collect();
        let location_index = locations
            .iter()
            .enumerate()
            .map(|(i, (n, _))| (*n, i))
            .collect();
        let every = || {
            Kind::ALL
                .into_iter()
                .flat_map(|kind| (0..records.count(kind)).map(move |i| (kind, i)))
        };
        let (index, pages_by_path) = rayon::join(
            || {
                every()
                    .map(|(kind, i)| ((kind, records.origin(kind, i).id.as_str()), i))
                    .collect()
            },
            || {
                every()
                    .map(|(kind, i)| {
                        let origin = records.origin(kind, i);
                        let path = sources.get(origin.file).path.as_str();
                        (path, (kind, origin.id.as_str()))
                    })
                    .collect()
            },
        );
        let mut site = Site {
            c,
            records,
            lang,
            locations,
            location_index,
            index,
            pages_by_path,
            sources,
            nth_in_folder: Vec::new(),
            paths: Kind::ALL.map(|_| std::sync::OnceLock::new()).to_vec(),
            written: (0..Kind::ALL.len() * records.config.semesters.len())
                .map(|_| std::sync::OnceLock::new())
                .collect(),
            figure_links: FigureLinks::Site,
            nav: nav::items(lang),
            list_fields: true,
        };
        site.nth_in_folder = Kind::ALL
            .par_iter()
            .with_max_len(1)
            .map(|&kind| {
                let mut seen: FxHashMap<&str, usize> = FxHashMap::default();
                (0..records.count(kind))
                    .map(|i| {
                        let file = sources.get(records.origin(kind, i).file).path.as_str();
                        let n = seen
                            .entry(&file[..file.rfind('/').unwrap_or(0)])
                            .or_default();
                        *n += 1;
                        *n - 1
                    })
                    .collect()
            })
            .collect();
        site
    }

    /// A page's values: title, depth and nav section, the navigation bar laid out for
    /// it, and every optional value that the built-in templates test set to empty, so
    /// an override can rely on all of them.
    pub fn context(&self, title: &str, root: &str, section: &str) -> tera::Context {
        let mut ctx = tera::Context::new();
        ctx.insert("title", title);
        ctx.insert("root", root);
        ctx.insert("section", section);
        ctx.insert("nav_html", &nav::html(&self.nav, root, section));
        let none: Option<&str> = None;
        for key in [
            "intro",
            "as_of",
            "cards_title",
            "notes",
            "body_class",
            "previous",
            "next",
            "notes_title",
        ] {
            ctx.insert(key, &none);
        }
        let empty: [u8; 0] = [];
        for key in ["cards", "charts", "sections", "see_also"] {
            ctx.insert(key, &empty);
        }
        ctx
    }

    /// A fixed word.
    pub fn w(&self, key: &str) -> &'static str {
        word(self.lang, key)
    }

    /// A table under a heading (the fixed word `key`).
    pub fn titled(&self, key: &str, table: Table) -> Section {
        Section {
            title: self.w(key).to_owned(),
            table,
            ..Section::default()
        }
    }

    /// Every page of the site.
    pub fn plan(&self) -> Vec<Spec> {
        let r = self.records;
        let mut specs = Spec::GATHERED.to_vec();
        specs.push(Spec::Search);
        specs.extend(Kind::ALL.map(Spec::Index));
        for kind in Kind::ALL {
            specs.extend(kind.pages().iter().map(|p| p.spec));
        }
        for kind in Kind::ALL {
            if kind.info().page == RecordPage::Own {
                specs.extend((0..r.count(kind)).map(|i| Spec::Record(kind, i)));
            }
        }
        specs.extend((0..self.locations.len()).map(Spec::Location));
        specs.extend(self.c.months.keys().map(|m| Spec::Month(*m)));
        specs.extend((0..r.config.semesters.len()).map(Spec::Semester));
        specs.extend(self.traced_pages().into_iter().map(Spec::Traced));
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
            Spec::Trends => self.trends_page(),
            Spec::Traced(t) => self.traced_page(t),
            Spec::Search => self.search_page(),
            Spec::RuleBook => self.rule_book(),
        }
    }

    /// The search partition of record `i` of a kind with its own page.
    pub fn partition(&self, kind: Kind, i: Idx) -> String {
        let nth = Kind::ALL.iter().position(|k| *k == kind).unwrap_or(0);
        crate::site::search::partition_of(self.record_path(kind, i), self.nth_in_folder[nth][i])
    }

    /// A link to a record's page from a page at depth `root`.
    pub fn href(&self, root: &str, kind: Kind, id: &str) -> String {
        match (kind.info().page, self.index.get(&(kind, id))) {
            (RecordPage::Own, Some(&i)) => format!("{root}{}", self.record_path(kind, i)),
            (RecordPage::Own, None) => format!("{root}{}/{id}.html", kind.folder()),
            (RecordPage::Month, _) => format!("{root}months/{id}.html"),
        }
    }

    /// Where record `i` of a kind with its own page is shown (`record_path`).
    pub fn record_path(&self, kind: Kind, i: Idx) -> &str {
        let nth = Kind::ALL.iter().position(|k| *k == kind).unwrap_or(0);
        // Worked out in one thread: a pool thread waiting here may not run other pages.
        let paths = self.paths[nth].get_or_init(|| {
            let records = self.records;
            (0..records.count(kind))
                .map(|i| {
                    let origin = records.origin(kind, i);
                    record_path(
                        kind,
                        origin.id.as_str(),
                        &self.sources.get(origin.file).path,
                    )
                })
                .collect()
        });
        &paths[i]
    }

    /// A cell linking to a record; a dash for a record that does not exist yet on the
    /// day in question (it begins later).
    pub fn record_cell(&self, root: &str, kind: Kind, id: &str) -> Cell {
        match (kind.info().page, self.index.get(&(kind, id))) {
            // An id is never broken across lines (R-2011-/0001).
            (RecordPage::Own, Some(&i)) => Cell {
                class: Some("id"),
                ..Cell::link(id, format!("{root}{}", self.record_path(kind, i)))
            },
            (RecordPage::Month, Some(_)) => Cell {
                class: Some("id"),
                ..Cell::link(id, self.href(root, kind, id))
            },
            (_, None) => Cell::text("—"),
        }
    }

    /// The table of some commits from git; with `files`, a column linking the records
    /// each one touched (those that exist on the day in question).
    pub fn changes_table<'c>(
        &self,
        root: &str,
        changes: impl Iterator<Item = (&'c crate::history::Change, &'c [String])>,
        files: bool,
    ) -> Table {
        let w = |k: &str| self.w(k);
        let mut headers = vec![w("date"), w("author"), w("subject")];
        headers.extend(files.then(|| w("records_touched")));
        let mut t = Table::new(&headers);
        for (change, touched) in changes {
            let mut row = vec![
                date_text(&change.date),
                Cell::text(&change.author),
                Cell::text(&change.subject),
            ];
            if files {
                let links = touched
                    .iter()
                    .filter_map(|file| self.pages_by_path.get(file.as_str()))
                    .map(|(kind, id)| Link {
                        text: (*id).to_owned(),
                        href: self.href(root, *kind, id),
                    })
                    .collect();
                row.push(Cell {
                    links,
                    separator: w("list_separator"),
                    ..Cell::text("—")
                });
            }
            t.push(row);
        }
        t
    }

    /// A cell linking to a record named by an optional key; a dash where none is named.
    pub fn opt_record_cell(&self, root: &str, kind: Kind, id: Option<&str>) -> Cell {
        id.map_or_else(|| Cell::text("—"), |id| self.record_cell(root, kind, id))
    }

    /// A cell linking to the page of an optional location; a dash where there is none.
    pub fn opt_location_cell(&self, root: &str, name: Option<&str>) -> Cell {
        name.map_or_else(|| Cell::text("—"), |name| self.location_cell(root, name))
    }

    /// A cell linking to a location's page.
    pub fn location_cell(&self, root: &str, name: &str) -> Cell {
        match self.location_index.get(name) {
            Some(&i) => Cell::link(
                name,
                format!("{root}locations/{}.html", self.locations[i].1),
            ),
            None => Cell::text(name),
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

/// The way from a page at `path` (from the site's top) back to the top: `""`, `"../"` …
pub fn root_of(path: &str) -> String {
    "../".repeat(path.matches('/').count())
}

/// A date cell that sorts by date.
pub fn date_cell(date: Option<NaiveDate>) -> Cell {
    match date {
        // `2011-09-01` sorts as its text.
        Some(d) => Cell {
            class: Some("date"),
            ..Cell::text(crate::i18n::iso_date(d))
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
    Cell::num(amount.grouped(), amount.fen())
}

/// An optional text cell.
pub fn opt_cell(text: Option<&str>) -> Cell {
    Cell::text(text.unwrap_or("—"))
}

/// The most rows a page of a list shows: a longer list is shown in parts (`X.html`,
/// `X-2.html` …), so that no page of 100,000 records weighs over 1 MB.
pub const PART_ROWS: usize = 1000;

/// A page's sections cut into parts of at most [`PART_ROWS`] rows, in order. A table
/// cut across parts keeps its title and headers on each; it no longer says which
/// figure counts its rows, since they are on several pages.
pub fn parts(sections: Vec<Section>) -> Vec<Vec<Section>> {
    let mut parts: Vec<Vec<Section>> = vec![Vec::new()];
    let mut room = PART_ROWS;
    for mut shell in sections {
        let mut rows = std::mem::take(&mut shell.table.rows);
        let mut written = std::mem::take(&mut shell.table.written);
        if rows.len() + written.len() > room {
            shell.count_of = None;
        }
        loop {
            let rest = rows.split_off(room.min(rows.len()));
            let rest_written = written.split_off((room - rows.len()).min(written.len()));
            let taken = rows.len() + written.len();
            if taken > 0 || rest.len() + rest_written.len() == 0 {
                room -= taken;
                let last = parts.len() - 1;
                parts[last].push(Section {
                    table: Table {
                        rows,
                        written,
                        ..shell.table.clone()
                    },
                    ..shell.clone()
                });
            }
            if rest.len() + rest_written.len() == 0 {
                break;
            }
            parts.push(Vec::new());
            room = PART_ROWS;
            (rows, written) = (rest, rest_written);
        }
    }
    parts
}

/// The file of part `n` (from 0) of a page: `assets/index.html`, `assets/index-2.html`.
pub fn part_path(path: &str, n: usize) -> String {
    match n {
        0 => path.to_owned(),
        n => format!("{}-{}.html", path.trim_end_matches(".html"), n + 1),
    }
}

/// The absolute address of the page at `path` (from the site's top) on the site
/// published at `base` (`site.base_url`, with or without a closing `/`).
pub fn published(base: &str, path: &str) -> String {
    format!("{}/{path}", base.trim_end_matches('/'))
}

/// Where a record with its own page is shown, from the site's top: kept the way its
/// file is (`records/assets/2011/A-000001.toml` → `assets/2011/A-000001.html`), so that
/// no folder of the site holds more pages than a folder of records holds files (one
/// folder of 40,000 pages is a file system's slow path). Folders whose names are not
/// plain (letters, digits, `.`, `_`, `-`) are left out, so that links need no escaping.
pub fn record_path(kind: Kind, id: &str, file: &str) -> String {
    let folders: Vec<&str> = file.split('/').collect();
    let inner = match folders.split_first() {
        Some((top, rest)) if *top == kind.folder() && !rest.is_empty() => &rest[..rest.len() - 1],
        _ => &[][..],
    };
    let plain = |name: &&str| {
        !name.is_empty()
            && !name.starts_with('.')
            && name
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"._-".contains(&b))
    };
    if inner.iter().all(plain) {
        let mut path = String::from(kind.folder());
        for folder in inner {
            path.push('/');
            path.push_str(folder);
        }
        format!("{path}/{id}.html")
    } else {
        format!("{}/{id}.html", kind.folder())
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    fn section(rows: usize, count_of: Option<&str>) -> Section {
        let mut table = Table::new(&["a"]);
        for n in 0..rows {
            table.push(vec![Cell::text(n.to_string())]);
        }
        Section {
            table,
            count_of: count_of.map(str::to_owned),
            ..Section::default()
        }
    }

    #[test]
    fn long_sections_are_cut_into_parts_of_whole_rows() {
        let shape = |parts: &[Vec<Section>]| -> Vec<Vec<(usize, bool)>> {
            parts
                .iter()
                .map(|p| {
                    p.iter()
                        .map(|s| (s.table.len(), s.count_of.is_some()))
                        .collect()
                })
                .collect()
        };
        let short = parts(vec![section(3, Some("x")), section(0, Some("y"))]);
        assert_eq!(shape(&short), [vec![(3, true), (0, true)]]);
        let long = parts(vec![
            section(600, Some("x")),
            section(1500, Some("y")),
            section(0, None),
        ]);
        assert_eq!(
            shape(&long),
            [
                vec![(600, true), (400, false)],
                vec![(1000, false)],
                vec![(100, false), (0, false)]
            ]
        );
        assert_eq!(long[1][0].table.rows[0][0].text, "400", "rows in order");
        let mut mixed = section(300, Some("x"));
        let written = |n: usize| Table::written_row(&[Cell::text(n.to_string())]);
        mixed.table.written = (300..1500).map(written).collect();
        let mixed = parts(vec![mixed]);
        assert_eq!(shape(&mixed), [vec![(1000, false)], vec![(500, false)]]);
        assert_eq!(
            (mixed[0][0].table.rows.len(), mixed[1][0].table.rows.len()),
            (300, 0),
            "written rows come after the others"
        );
        assert_eq!(&*mixed[1][0].table.written[0], &*written(1000));
        let exact = parts(vec![section(1000, None), section(5, None)]);
        assert_eq!(shape(&exact), [vec![(1000, false)], vec![(5, false)]]);
        assert_eq!(part_path("assets/index.html", 0), "assets/index.html");
        assert_eq!(part_path("assets/index.html", 2), "assets/index-3.html");
    }

    #[test]
    fn record_pages_are_kept_as_their_files_are() {
        for (kind, id, file, page) in [
            (
                Kind::Asset,
                "A-000001",
                "assets/2011/A-000001.toml",
                "assets/2011/A-000001.html",
            ),
            (
                Kind::Repair,
                "R-1",
                "repairs/2012/term-1/R-1.toml",
                "repairs/2012/term-1/R-1.html",
            ),
            (Kind::Repair, "R-1", "repairs/R-1.toml", "repairs/R-1.html"),
            // Folder names a link would have to escape: the page is not kept in them.
            (
                Kind::Asset,
                "A-1",
                "assets/旧卡片/A-1.toml",
                "assets/A-1.html",
            ),
            (Kind::Asset, "A-1", "assets/a b/A-1.toml", "assets/A-1.html"),
            (Kind::Asset, "A-1", "assets/.x/A-1.toml", "assets/A-1.html"),
        ] {
            assert_eq!(record_path(kind, id, file), page, "{file}");
        }
    }
}
