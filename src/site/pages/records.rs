//! The index of each kind and the page of each record.

use super::{Page, Section, Site};
use crate::kinds::{Record, dispatch};
use crate::model::Kind;
use crate::site::html::escape_into;
use crate::site::table::{Cell, Link, Table};
use crate::site::{markdown, search};
use crate::status::Dated;

/// A `key: value` line of a record page.
#[derive(Clone, Debug, serde::Serialize)]
pub struct FieldRow {
    /// The label.
    pub label: &'static str,
    /// The value.
    pub value: Cell,
    /// What is shown after it (a room's keeper), if anything.
    pub note: Option<String>,
}

/// A record's fields as its page shows them, a `<dt>` and a `<dd>` each: the value
/// linked where it leads somewhere, with its note after it.
fn lay_out(fields: &[FieldRow]) -> String {
    let mut out = String::with_capacity(96 * fields.len());
    for field in fields {
        out.push_str("\n  <dt>");
        escape_into(&mut out, field.label);
        out.push_str("</dt>\n  <dd>");
        match field.value.href.as_deref().filter(|href| !href.is_empty()) {
            Some(href) => {
                out.push_str("<a href=\"");
                escape_into(&mut out, href);
                out.push_str("\">");
                escape_into(&mut out, &field.value.text);
                out.push_str("</a>");
            }
            None => escape_into(&mut out, &field.value.text),
        }
        if let Some(note) = field.note.as_deref().filter(|note| !note.is_empty()) {
            out.push_str(" <span class=\"muted\">· ");
            escape_into(&mut out, note);
            out.push_str("</span>");
        }
        out.push_str("</dd>");
    }
    out
}

/// From a kind's index to the site's top.
const INDEX_ROOT: &str = "../";

impl Site<'_> {
    /// The index page of a kind: every record, filterable, with a CSV download, and
    /// links to the kind's own pages.
    pub(super) fn index_page(&self, kind: Kind) -> Page {
        let table = dispatch!(kind, K => K::index(self, INDEX_ROOT));
        let csv = table.to_csv();
        let title = self.w(kind.folder());
        let mut ctx = self.context(title, INDEX_ROOT, kind.folder());
        let see_also: Vec<Link> = (kind.pages().iter())
            .map(|p| Link {
                text: self.w(p.title).to_owned(),
                href: p.file.to_owned(),
            })
            .collect();
        ctx.insert("see_also", &see_also);
        let section = Section {
            title: String::new(),
            table,
            interactive: true,
            csv: Some("index.csv".into()),
            ..Section::default()
        };
        Page {
            path: format!("{}/index.html", kind.folder()),
            template: "list.html",
            context: ctx,
            sections: vec![section],
            parted: true,
            extra: vec![(format!("{}/index.csv", kind.folder()), csv)],
        }
    }

    /// One record's page.
    pub(super) fn record_page(&self, kind: Kind, i: usize) -> Page {
        let path = self.record_path(kind, i).to_owned();
        let root = super::root_of(&path);
        let root = root.as_str();
        let (fields, sections, notes) = match dispatch!(kind, K => K::page(self, i, root)) {
            Shown::Own(parts) => parts,
            Shown::Other(page) => return page,
        };
        let (id, title, status) = self.heading(kind, i);
        let file = self.records.origin(kind, i).file;
        let changes = self
            .c
            .history
            .by_file
            .get(&self.sources.get(file).path)
            .into_iter()
            .flatten()
            .map(|c| (c, &[][..]));
        let mut sections = sections;
        sections.extend(self.named_by(kind, &id, root));
        sections.extend(self.section("changes", self.changes_table(root, changes, false)));
        let mut ctx = self.context(&title, root, kind.folder());
        ctx.insert("kind", self.w(kind.folder()));
        ctx.insert("id", &id);
        ctx.insert("fields_html", &lay_out(&fields));
        if self.list_fields {
            ctx.insert("fields", &fields);
        }
        ctx.insert("status", &status);
        ctx.insert("notes", &notes.map(|n| markdown::to_html(n, root)));
        let notes_title = dispatch!(kind, K => K::NOTES_TITLE);
        ctx.insert("notes_title", self.w(notes_title));
        Page {
            path,
            template: "record.html",
            context: ctx,
            sections,
            parted: false,
            extra: Vec::new(),
        }
    }

    /// The records that name record `id` of a kind, of the kinds listed where they are
    /// named: a section of each kind's table.
    fn named_by(&self, kind: Kind, id: &str, root: &str) -> Vec<Section> {
        let Some(naming) = self.c.links.named_by.get(&(kind, id.to_owned())) else {
            return Vec::new();
        };
        Kind::ALL
            .into_iter()
            .filter_map(|by| {
                let mut which = naming.iter().filter(|(k, _)| *k == by).map(|(_, i)| *i);
                let table = dispatch!(by, K => K::table(self, root, &mut which));
                self.section(by.folder(), table)
            })
            .collect()
    }

    /// A record's id, title and status badge (if its kind has one).
    fn heading(&self, kind: Kind, i: usize) -> (String, String, Option<Cell>) {
        let id = self.records.origin(kind, i).id.as_str().to_owned();
        let (title, status) = dispatch!(kind, K => K::heading(self, i));
        (id, title, status)
    }

    /// What search finds record `i` of a kind by, if the record has a page of its own.
    pub fn search_entry_of(&self, kind: Kind, i: usize) -> Option<search::Entry> {
        if kind.info().page != crate::model::RecordPage::Own {
            return None;
        }
        let (id, title, status) = self.heading(kind, i);
        let path = self.record_path(kind, i);
        Some(self.search_entry(kind, i, path, &id, &title, status.as_ref()))
    }

    /// What search finds a record by: its id and every text field (not its dates and
    /// amounts), its own lists and its notes (their text, without Markdown's marks and
    /// link targets); filtered by kind, status, the semester it began in and location.
    fn search_entry(
        &self,
        kind: Kind,
        i: usize,
        path: &str,
        id: &str,
        title: &str,
        status: Option<&Cell>,
    ) -> search::Entry {
        let r = self.records;
        let (search, began) = dispatch!(kind, K => {
            let record = &K::all(r)[i];
            (record.search_text(), record.first())
        });
        let notes = search.notes.map(markdown::to_text);
        let text = std::iter::once(id)
            .chain(search.words)
            .chain(notes.as_deref())
            .collect::<Vec<_>>();
        let semester = r.config.semesters.iter().find(|s| s.contains(began));
        let mut filters = vec![(self.w("kind"), self.w(kind.folder()).to_owned())];
        filters.extend(status.map(|s| (self.w("status"), s.text.clone())));
        filters.extend(semester.map(|s| (self.w("semester"), s.title.clone())));
        filters.extend(search.location.map(|l| (self.w("location"), l.to_owned())));
        search::Entry {
            partition: self.partition(kind, i),
            url: path.to_owned(),
            title: format!("{id} {title}"),
            text: text.join(" "),
            filters,
        }
    }
}

/// The parts of a record page below its heading: fields, related tables, notes.
pub type Parts<'a> = (Vec<FieldRow>, Vec<Section>, Option<&'a str>);

/// What a record's page shows.
pub enum Shown<'a> {
    /// A page of its own, with these parts below its heading.
    Own(Parts<'a>),
    /// Another page (a budget is shown on its month's).
    Other(Page),
}

impl<'a> Site<'a> {
    /// A `key: value` line of a record page.
    pub(crate) fn field(&self, key: &'static str, value: Cell) -> FieldRow {
        FieldRow {
            label: self.w(key),
            value,
            note: None,
        }
    }

    /// The `location` line of a record page: the place (a dash where none is written)
    /// with, where a room register names it, who answers for it.
    pub(crate) fn location_field(&self, root: &str, name: Option<&str>) -> FieldRow {
        FieldRow {
            note: name.and_then(|name| self.keeper_note(name)),
            ..self.field("location", self.opt_location_cell(root, name))
        }
    }

    /// A titled section, if its table has rows.
    pub(crate) fn section(&self, key: &str, table: Table) -> Option<Section> {
        (!table.is_empty()).then(|| self.titled(key, table))
    }
}

/// A number (a score, a size) without needless decimals, to two places: `95`, `87.5`.
pub fn format_number(number: f64) -> String {
    let s = format!("{number:.2}");
    crate::i18n::group_thousands(s.trim_end_matches('0').trim_end_matches('.'))
}
