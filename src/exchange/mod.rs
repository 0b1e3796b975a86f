//! Spreadsheets in and out: `zongwu export` writes a kind's records as CSV or XLSX;
//! `zongwu import` reads such a sheet (columns by header, English keys or the usual
//! Chinese headers), checks every row as the record it would become, and only if all
//! rows are valid writes: a row with an existing id updates that file in place (only
//! what changed, see `update`), a new id or a row without one makes a new record.
//!
//! Records with lists (items, bids, findings, scores, audit lines, budget lines) take
//! one row per list entry, grouped by the id column: see `layout`. The room register
//! (`locations.toml`) goes out and comes in as a sheet of its own: see [`rooms`].

mod cells;
mod files;
pub(crate) mod layout;
pub mod rooms;
mod update;

pub use files::{read, write};
pub(crate) use layout::key_named;

use crate::create::quoted;
use crate::i18n::Lang;
use crate::kinds::{Record, dispatch};
use crate::model::{Kind, Records};
use layout::{Column, Layout, List, Slot};

/// A sheet of text cells with a header row.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Sheet {
    /// The header row.
    pub headers: Vec<String>,
    /// The data rows.
    pub rows: Vec<Row>,
}

/// A data row of a sheet.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    /// Its row number in the file, as a spreadsheet shows it (the header is usually 1).
    pub line: usize,
    /// Its cells, in header order.
    pub cells: Vec<String>,
}

impl Row {
    /// The trimmed text of cell `i`; empty where the row is short.
    fn cell(&self, i: usize) -> &str {
        self.cells.get(i).map_or("", |c| c.trim())
    }
}

/// The file formats of sheets.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Comma-separated, UTF-8 with a byte order mark.
    Csv,
    /// Excel.
    Xlsx,
}

/// Why a sheet cannot be exchanged.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ExchangeError {
    /// The file could not be read or written.
    File(String),
    /// Rows or headers that are wrong: `(row, column header, message)`; sorted by row.
    Rows(Vec<(usize, String, String)>),
}

/// The records of a kind as a sheet, with Chinese or English headers (and Chinese
/// words for choices and yes/no in a Chinese sheet).
pub fn export(records: &Records, kind: Kind, chinese: bool) -> Sheet {
    fn values<K: Record>(records: &Records) -> Vec<serde_json::Value> {
        K::all(records)
            .iter()
            .map(|r| serde_json::to_value(r).unwrap_or_default())
            .collect()
    }
    let layout = layout::layout(kind);
    let values = dispatch!(kind, K => values::<K>(records));
    let mut rows = Vec::new();
    for value in &values {
        let id = value["id"].as_str().unwrap_or_default();
        let lists: Vec<Vec<Vec<String>>> = layout
            .lists
            .iter()
            .map(|list| entries(list, &value[list.key], chinese))
            .collect();
        let height = lists.iter().map(Vec::len).max().unwrap_or(0).max(1);
        for n in 0..height {
            let mut cells = vec![id.to_owned()];
            cells.extend(layout.columns.iter().map(|c| match n {
                0 => cells::to_cell(c.kind, &value[c.key], chinese),
                _ => String::new(),
            }));
            for (list, entries) in layout.lists.iter().zip(&lists) {
                match entries.get(n) {
                    Some(entry) => cells.extend(entry.iter().cloned()),
                    None => cells.resize(cells.len() + list.columns.len(), String::new()),
                }
            }
            rows.push(Row {
                line: rows.len() + 2,
                cells,
            });
        }
    }
    Sheet {
        headers: layout.headers(chinese),
        rows,
    }
}

/// The cells of each entry of a list value.
fn entries(list: &List, value: &serde_json::Value, chinese: bool) -> Vec<Vec<String>> {
    let cell = |i: usize, v: &serde_json::Value| cells::to_cell(list.columns[i].kind, v, chinese);
    match value {
        serde_json::Value::Object(map) if list.map => map
            .iter()
            .map(|(key, v)| vec![key.clone(), cell(1, v)])
            .collect(),
        serde_json::Value::Array(items) => items
            .iter()
            .map(|item| {
                (0..list.columns.len())
                    .map(|i| cell(i, &item[list.columns[i].key]))
                    .collect()
            })
            .collect(),
        _ => Vec::new(),
    }
}

/// Where a line of a drafted record came from.
#[derive(Clone, Debug)]
struct Place {
    /// The sheet row.
    row: usize,
    /// The column header; empty for a table header line.
    header: String,
    /// The list whose entry the line belongs to.
    list: Option<usize>,
}

/// A record drafted from the rows of a sheet: its TOML text and where each line came from.
#[derive(Debug, Default)]
struct Draft {
    /// The id cell of its rows (kept for budgets).
    id: String,
    /// Its first row.
    first: usize,
    /// The TOML text.
    text: String,
    /// The place of each line of `text`.
    places: Vec<Place>,
}

impl Draft {
    /// Appends a line (a text of several lines is as many lines of `text`, each from
    /// the same place).
    fn line(&mut self, text: String, row: usize, header: &str, list: Option<usize>) {
        self.text.push_str(&text);
        self.text.push('\n');
        for _ in 0..=text.matches('\n').count() {
            self.places.push(Place {
                row,
                header: header.to_owned(),
                list,
            });
        }
    }
}

/// Groups the rows into records: a row starts a record when its id differs from the
/// record before, or when it has no id but fills one of the record's own columns.
fn group<'a>(sheet: &'a Sheet, slots: &[Option<Slot>]) -> Vec<Vec<&'a Row>> {
    let id_column = slots.iter().position(|s| matches!(s, Some(Slot::Id)));
    let mut groups: Vec<Vec<&Row>> = Vec::new();
    let mut current = "";
    for row in &sheet.rows {
        let id = id_column.map_or("", |i| row.cell(i));
        let own = slots
            .iter()
            .enumerate()
            .any(|(i, s)| matches!(s, Some(Slot::Field(_))) && !row.cell(i).is_empty());
        let starts = match groups.last() {
            None => true,
            Some(_) if !id.is_empty() => id != current,
            Some(_) => own,
        };
        if starts {
            groups.push(Vec::new());
            current = id;
        }
        if let Some(group) = groups.last_mut() {
            group.push(row);
        }
    }
    groups
}

/// Drafts the records of a sheet: the columns it has, and the problems found so far.
struct Drafting<'a> {
    /// The kind's layout.
    layout: &'a Layout,
    /// Each mapped column: its index, its slot and its header.
    columns: Vec<(usize, Slot, &'a str)>,
    /// The language of messages.
    lang: Lang,
    /// Problems by row and column.
    errors: Vec<(usize, String, String)>,
}

impl Drafting<'_> {
    /// The TOML text of the record on these rows.
    fn record(&mut self, rows: &[&Row]) -> Draft {
        let mut draft = Draft {
            first: rows[0].line,
            ..Draft::default()
        };
        self.own_columns(&mut draft, rows);
        for l in 0..self.layout.lists.len() {
            self.list(&mut draft, l, rows);
        }
        draft
    }

    /// The id and the record's own keys, from the first row that fills each; a later
    /// row that fills one differently is an error.
    fn own_columns(&mut self, draft: &mut Draft, rows: &[&Row]) {
        for &(i, slot, header) in &self.columns {
            let mut filled = rows
                .iter()
                .map(|r| (r.line, r.cell(i)))
                .filter(|(_, v)| !v.is_empty());
            let Some((row, value)) = filled.next() else {
                continue;
            };
            match slot {
                Slot::Id => draft.id = value.to_owned(),
                Slot::Field(c) => {
                    let line = format!("{} = {}", c.key, cells::to_toml(c.kind, value));
                    draft.line(line, row, header, None);
                    for (other, different) in filled.filter(|(_, v)| *v != value) {
                        let message = self.lang.pick(
                            format!("“{different}”与同一记录第 {row} 行的值不同；只需在记录的第一行填写"),
                            format!("“{different}” differs from row {row} of the same record; fill it on the record's first row only"),
                        );
                        self.errors.push((other, header.to_owned(), message));
                    }
                }
                Slot::Entry(..) => {}
            }
        }
    }

    /// The entries of list `l`: one per row that fills any of its columns.
    fn list(&mut self, draft: &mut Draft, l: usize, rows: &[&Row]) {
        let list = &self.layout.lists[l];
        let mut opened = false;
        for row in rows {
            let filled: Vec<(&Column, &str, &str)> = self
                .columns
                .iter()
                .filter_map(|&(i, slot, header)| match slot {
                    Slot::Entry(n, c) if n == l => Some((c, row.cell(i), header)),
                    _ => None,
                })
                .filter(|(_, v, _)| !v.is_empty())
                .collect();
            if filled.is_empty() {
                continue;
            }
            if !list.map {
                draft.line(format!("[[{}]]", list.key), row.line, "", Some(l));
                for (c, value, header) in filled {
                    let line = format!("{} = {}", c.key, cells::to_toml(c.kind, value));
                    draft.line(line, row.line, header, Some(l));
                }
                continue;
            }
            if !opened {
                draft.line(format!("[{}]", list.key), row.line, "", Some(l));
                opened = true;
            }
            let find = |key: &str| filled.iter().find(|(c, _, _)| c.key == key);
            match (find(list.columns[0].key), find(list.columns[1].key)) {
                (Some((_, key, _)), Some((c, value, header))) => {
                    let line = format!("{} = {}", quoted(key), cells::to_toml(c.kind, value));
                    draft.line(line, row.line, header, Some(l));
                }
                (key, _) => {
                    let missing = &list.columns[usize::from(key.is_some())];
                    let key = format!("{}.{}", list.key, missing.key);
                    self.errors.push((
                        row.line,
                        self.layout.header(Some(list), missing, true),
                        crate::diag::Problem::MissingKey { key }.message(self.lang),
                    ));
                }
            }
        }
    }
}

/// Drafts the TOML text of each record; conflicting cells are errors.
fn drafts(
    layout: &Layout,
    sheet: &Sheet,
    slots: &[Option<Slot>],
    lang: Lang,
) -> (Vec<Draft>, Vec<(usize, String, String)>) {
    let mut drafting = Drafting {
        layout,
        columns: slots
            .iter()
            .zip(&sheet.headers)
            .enumerate()
            .filter_map(|(i, (s, h))| Some((i, (*s)?, h.trim())))
            .collect(),
        lang,
        errors: Vec::new(),
    };
    let drafts = group(sheet, slots)
        .iter()
        .map(|rows| drafting.record(rows))
        .collect();
    (drafts, drafting.errors)
}

/// A record file that an import writes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    /// Its path, relative to the records directory.
    pub path: String,
    /// Its text before (`None` for a new file).
    pub old: Option<String>,
    /// Its new text.
    pub text: String,
}

/// What an import does.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Plan {
    /// The files to write: new records and changed ones.
    pub changes: Vec<Change>,
    /// Records of the sheet whose files it would not change.
    pub unchanged: usize,
    /// Records of the kind that the sheet does not name: they stay as they are.
    pub absent: usize,
}

/// The keys of a record that a sheet's columns hold (own keys, and lists).
fn sheet_keys<'l>(layout: &'l Layout, slots: &[Option<Slot>]) -> Vec<&'l str> {
    let mut keys: Vec<&str> = slots
        .iter()
        .flatten()
        .filter_map(|slot| match slot {
            Slot::Id => None,
            Slot::Field(c) => Some(c.key),
            Slot::Entry(l, _) => Some(layout.lists[*l].key),
        })
        .collect();
    keys.dedup();
    keys
}

/// The place in the sheet of the line of `text` at `offset`: by line when the text is
/// the draft itself, else by the key written on that line.
fn place_of<'d>(draft: &'d Draft, text: &str, offset: usize) -> Option<&'d Place> {
    let line = text[..offset.min(text.len())].matches('\n').count();
    if text == draft.text {
        return draft.places.get(line);
    }
    let key_of = |line: &str| line.split_once('=').map(|(k, _)| k.trim().to_owned());
    let key = text.lines().nth(line).and_then(key_of)?;
    let at = draft
        .text
        .lines()
        .position(|l| key_of(l).as_deref() == Some(&key))?;
    draft.places.get(at)
}

/// The record a text reads as, on its own; `None` if it does not read.
fn parsed(kind: Kind, text: &str) -> Option<crate::parse::Parsed> {
    let origin = crate::model::Origin {
        id: crate::model::RecordId(String::new()),
        file: Default::default(),
    };
    let mut sink = crate::parse::Sink {
        file: Default::default(),
        diags: Vec::new(),
    };
    crate::parse::record(kind, origin, text, &mut sink)
}

/// Checks every record of a sheet as it would be written (alone, and with the existing
/// records for ids and references) and returns what to write, or every problem by row
/// and column. A row whose id names an existing record updates that file in place
/// (only the keys whose values changed); a new id creates that record; a row without
/// id gets the next one of its first date's year.
pub fn import(
    loaded: &crate::load::Loaded,
    kind: Kind,
    sheet: &Sheet,
    lang: Lang,
    today: chrono::NaiveDate,
) -> Result<Plan, ExchangeError> {
    use crate::model::{Origin, RecordId};
    use crate::parse::{self, Sink};
    let layout = layout::layout(kind);
    let slots = layout.map_headers(&sheet.headers, lang)?;
    let keys = sheet_keys(layout, &slots);
    let (drafts, mut errors) = drafts(layout, sheet, &slots, lang);
    let mut records = loaded.records.clone();
    let mut sources = loaded.sources.clone();
    let existing: std::collections::HashMap<String, crate::source::FileId> = records
        .ids
        .get(&kind)
        .into_iter()
        .flatten()
        .map(|(id, file)| (id.to_string(), *file))
        .collect();
    let mut plan = Plan::default();
    let mut named = std::collections::BTreeSet::new();
    let mut diags = Vec::new();
    let first = sources.len();
    let id_header = layout.header(None, &layout.id, true);
    let mut written: Vec<(&Draft, String)> = Vec::new();
    for draft in &drafts {
        let id = if layout.keeps_ids && crate::model::Month::parse(&draft.id).is_none() {
            errors.push((draft.first, id_header.clone(), not_a_month(&draft.id, lang)));
            continue;
        } else if draft.id.is_empty() {
            // Its year is the record's own (a row that does not read fails below).
            let first = parsed(kind, &draft.text).and_then(|p| p.first());
            let existing = records.ids.get(&kind).into_iter().flatten();
            let ids = existing.map(|(id, _)| id.as_str());
            crate::create::next_id(kind, ids, first.unwrap_or(today))
        } else if !RecordId::is_valid(&draft.id) {
            let problem = crate::diag::Problem::BadId {
                id: draft.id.clone(),
            };
            errors.push((draft.first, id_header.clone(), problem.message(lang)));
            continue;
        } else {
            draft.id.clone()
        };
        if !named.insert(id.clone()) {
            let message = lang.pick(
                format!("编号 {id} 在表中出现了不止一次；同一记录的各行要连在一起"),
                format!(
                    "the id {id} stands more than once in the sheet; keep a record's rows together"
                ),
            );
            errors.push((draft.first, id_header.clone(), message));
            continue;
        }
        let (path, old, text) = match existing.get(&id) {
            Some(file) => {
                let source = loaded.sources.get(*file);
                let text = update::merged(kind, &source.text, &draft.text, &keys)
                    .unwrap_or_else(|| draft.text.clone());
                if text == source.text {
                    plan.unchanged += 1;
                    continue;
                }
                records.remove(kind, &id);
                (source.path.clone(), Some(source.text.clone()), text)
            }
            None => (
                format!("{}/{id}.toml", kind.folder()),
                None,
                draft.text.clone(),
            ),
        };
        let file = sources.push(crate::source::Source {
            path: path.clone(),
            text: text.clone(),
            unread: false,
        });
        let mut sink = Sink {
            file,
            diags: Vec::new(),
        };
        let origin = Origin {
            id: RecordId(id.clone()),
            file,
        };
        if let Some(parsed) = parse::record(kind, origin, &text, &mut sink) {
            parsed.add_to(&mut records);
        }
        diags.extend(sink.diags);
        let ids = records.ids.entry(kind).or_default();
        ids.retain(|(i, _)| i.as_str() != id);
        ids.push((RecordId(id), file));
        plan.changes.push(Change {
            path,
            old,
            text: text.clone(),
        });
        written.push((draft, text));
    }
    plan.absent = existing.keys().filter(|id| !named.contains(*id)).count();
    diags.extend(
        crate::check::check(&records, &sources, today)
            .into_iter()
            .filter(|d| d.file.0 as usize >= first),
    );
    crate::diag::sort(&mut diags);
    for d in diags
        .iter()
        .filter(|d| d.severity() == crate::diag::Severity::Error)
    {
        let (draft, text) = &written[d.file.0 as usize - first];
        let place = d
            .span
            .and_then(|span| place_of(draft, text, span.start as usize));
        let row = place.map_or(draft.first, |p| p.row);
        let header = match place {
            Some(p) if !p.header.is_empty() => p.header.clone(),
            _ => layout
                .column_named_in(&d.problem.message(Lang::En), place.and_then(|p| p.list))
                .or_else(|| layout.keeps_ids.then(|| id_header.clone()))
                .unwrap_or_default(),
        };
        errors.push((row, header, d.problem.message(lang)));
    }
    errors.sort_by_key(|(row, _, _)| *row);
    if errors.is_empty() {
        Ok(plan)
    } else {
        Err(ExchangeError::Rows(errors))
    }
}

/// The error for a budget whose month cell is empty or not an id.
fn not_a_month(id: &str, lang: Lang) -> String {
    match id {
        "" => lang
            .pick("缺少月份（YYYY-MM）", "a month (YYYY-MM) is required")
            .to_owned(),
        id => crate::diag::Problem::BadMonth {
            stem: id.to_owned(),
        }
        .message(lang),
    }
}
