//! The room register in a sheet: `zongwu export rooms` writes the rooms of
//! `locations.toml` (名称, 楼宇, 负责人, 用途); `zongwu import rooms` merges such a
//! sheet into it — a room already there is updated in place (only the keys whose
//! cells differ; an empty cell leaves its key as it is), a new one is added, and a
//! building the sheet names that is not listed gets a `[[building]]` — keeping every
//! comment and everything else the user wrote.

use super::layout::same_header;
use super::{ExchangeError, Row, Sheet};
use crate::i18n::Lang;
use crate::model::Register;
use std::collections::{BTreeSet, HashMap};
use toml_edit::{ArrayOfTables, DocumentMut, Item, Table, value};

/// The columns: the key in `locations.toml`, the Chinese header, other headers read.
const COLUMNS: [(&str, &str, &[&str]); 4] = [
    ("name", "名称", &["房间", "房间名称"]),
    ("building", "楼宇", &["所在楼宇", "楼"]),
    ("keeper", "负责人", &[]),
    ("use", "用途", &[]),
];

/// What a new `locations.toml` starts with.
const HEADER: &str = "# 房间登记（室室有人管）：记录的 location 只能写这里列出的房间或楼宇。\n# The room register: a record's location must be a room or a building listed here.\n";

/// The rooms of a register as a sheet, with Chinese or English headers; with no
/// register, the headers alone (a sheet to fill in).
pub fn export(register: Option<&Register>, chinese: bool) -> Sheet {
    let headers = COLUMNS
        .iter()
        .map(|(key, zh, _)| if chinese { zh } else { key }.to_string())
        .collect();
    let rows = register
        .into_iter()
        .flat_map(|r| &r.rooms)
        .enumerate()
        .map(|(n, room)| Row {
            line: n + 2,
            cells: vec![
                room.name.to_string(),
                room.building.to_string(),
                room.keeper.clone().unwrap_or_default(),
                room.use_.clone().unwrap_or_default(),
            ],
        })
        .collect();
    Sheet { headers, rows }
}

/// What an import of rooms changes.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct RoomsPlan {
    /// The new text of `locations.toml`.
    pub text: String,
    /// Rooms added, updated, and already as the sheet has them.
    pub added: usize,
    pub updated: usize,
    pub unchanged: usize,
    /// Buildings added because a room names them.
    pub buildings: usize,
}

/// One room as a row of the sheet gives it: each key with its cell (blank cells left
/// out), and the row number.
struct Given<'s> {
    line: usize,
    cells: Vec<(&'static str, &'s str)>,
}

impl Given<'_> {
    fn get(&self, key: &str) -> &str {
        self.cells
            .iter()
            .find(|(k, _)| *k == key)
            .map_or("", |(_, v)| v)
    }
}

/// Which key each header names; an unknown or repeated header is an error of row 1.
fn columns(headers: &[String], lang: Lang) -> Result<Vec<Option<&'static str>>, ExchangeError> {
    let mut errors = Vec::new();
    let mut taken: Vec<&str> = Vec::new();
    let mapped: Vec<Option<&'static str>> = headers
        .iter()
        .map(|h| {
            let h = h.trim().trim_start_matches('\u{feff}');
            let names = |(key, zh, more): &(&'static str, &str, &[&str])| {
                [*key, *zh].into_iter().chain(more.iter().copied()).any(|n| same_header(n, h))
            };
            match COLUMNS.iter().find(|c| names(c)).map(|c| c.0) {
                _ if h.is_empty() => None,
                Some(key) if taken.contains(&key) => {
                    errors.push((1, h.to_owned(), lang.pick("这一列重复了", "column repeated").to_owned()));
                    None
                }
                Some(key) => {
                    taken.push(key);
                    Some(key)
                }
                None => {
                    let known = COLUMNS.iter().flat_map(|(key, zh, _)| [*key, *zh]);
                    let hint = crate::parse::closest(h, known)
                        .map(|s| lang.pick(format!("；是不是 {s}？"), format!("; did you mean {s}?")))
                        .unwrap_or_default();
                    let message = lang.pick(
                        format!("未知的列{hint}（房间表的列：名称、楼宇、负责人、用途）"),
                        format!("unknown column{hint} (a sheet of rooms has name, building, keeper, use)"),
                    );
                    errors.push((1, h.to_owned(), message));
                    None
                }
            }
        })
        .collect();
    for (key, zh, _) in &COLUMNS[..2] {
        if !taken.contains(key) {
            let header = lang.pick(*zh, *key).to_owned();
            errors.push((
                1,
                header,
                lang.pick("缺少这一列", "this column is missing").to_owned(),
            ));
        }
    }
    if errors.is_empty() {
        Ok(mapped)
    } else {
        Err(ExchangeError::Rows(errors))
    }
}

/// The header of a key's column as the sheet writes it.
fn header_of<'h>(headers: &'h [String], columns: &[Option<&str>], key: &str) -> &'h str {
    let at = columns.iter().position(|c| *c == Some(key));
    at.and_then(|i| headers.get(i)).map_or("", |h| h.trim())
}

/// Merges a sheet of rooms into `locations.toml` (`old`, its text where it exists):
/// every row checked first (name and building given, no name twice, no room named
/// like a building), and nothing changed unless all rows are valid.
pub fn import(
    register: Option<&Register>,
    old: Option<&str>,
    sheet: &Sheet,
    lang: Lang,
) -> Result<RoomsPlan, ExchangeError> {
    let columns = columns(&sheet.headers, lang)?;
    let header = |key| header_of(&sheet.headers, &columns, key).to_owned();
    let given: Vec<Given> = sheet
        .rows
        .iter()
        .map(|row| Given {
            line: row.line,
            cells: (0..columns.len())
                .filter_map(|i| Some((columns[i]?, row.cell(i))))
                .filter(|(_, cell)| !cell.is_empty())
                .collect(),
        })
        .filter(|g| !g.cells.is_empty())
        .collect();
    let buildings: BTreeSet<&str> = register
        .into_iter()
        .flat_map(|r| r.buildings.iter().map(|b| b.name.as_str()))
        .chain(given.iter().map(|g| g.get("building")))
        .filter(|b| !b.is_empty())
        .collect();
    let mut errors = Vec::new();
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for g in &given {
        let (name, building) = (g.get("name"), g.get("building"));
        for (key, text) in [("name", name), ("building", building)] {
            if text.is_empty() {
                errors.push((
                    g.line,
                    header(key),
                    lang.pick("必填", "required").to_owned(),
                ));
            }
        }
        if let Some(first) = seen.insert(name, g.line).filter(|_| !name.is_empty()) {
            let message = lang.pick(
                format!("房间 \"{name}\" 在第 {first} 行已经有了"),
                format!("the room \"{name}\" is already on row {first}"),
            );
            errors.push((g.line, header("name"), message));
        }
        if buildings.contains(name) {
            let message = lang.pick(
                format!("\"{name}\" 是楼宇的名称；房间写全名，如 \"{name}101\""),
                format!("\"{name}\" is a building's name; give the room its full name, like \"{name}101\""),
            );
            errors.push((g.line, header("name"), message));
        }
        let room = register
            .and_then(|r| r.place(building))
            .filter(|_| !building.is_empty());
        if matches!(room, Some(crate::model::Place::Room(..))) {
            let message = lang.pick(
                format!("\"{building}\" 是房间，不是楼宇"),
                format!("\"{building}\" is a room, not a building"),
            );
            errors.push((g.line, header("building"), message));
        }
    }
    if !errors.is_empty() {
        errors.sort();
        return Err(ExchangeError::Rows(errors));
    }
    merge(old, &given)
}

/// The entries of an array of tables (`[[room]]`), made if absent.
fn entries<'d>(
    doc: &'d mut DocumentMut,
    key: &str,
) -> Result<&'d mut ArrayOfTables, ExchangeError> {
    let item = doc
        .entry(key)
        .or_insert_with(|| Item::ArrayOfTables(ArrayOfTables::new()));
    item.as_array_of_tables_mut().ok_or_else(|| {
        ExchangeError::File(format!(
            "locations.toml: `{key}` is not a list of [[{key}]] tables"
        ))
    })
}

/// The name of an entry.
fn name_of(table: &Table) -> Option<&str> {
    table.get("name")?.as_str()
}

/// Writes the rows into the text of `locations.toml`.
fn merge(old: Option<&str>, given: &[Given]) -> Result<RoomsPlan, ExchangeError> {
    let mut doc: DocumentMut = old
        .unwrap_or_default()
        .parse()
        .map_err(|e| ExchangeError::File(format!("locations.toml: {e}")))?;
    let mut plan = RoomsPlan::default();
    let listed: BTreeSet<String> = entries(&mut doc, "building")?
        .iter()
        .filter_map(|t| name_of(t).map(str::to_owned))
        .collect();
    let mut new_buildings: Vec<&str> = Vec::new();
    let rooms = entries(&mut doc, "room")?;
    for g in given {
        let name = g.get("name");
        let at = rooms.iter().position(|t| name_of(t) == Some(name));
        match at.and_then(|i| rooms.get_mut(i)) {
            Some(table) => {
                let mut changed = false;
                for &(key, cell) in &g.cells {
                    if table.get(key).and_then(Item::as_str) != Some(cell) {
                        match table.get_mut(key).and_then(Item::as_value_mut) {
                            // The value changes; the comment after it stays.
                            Some(old) => {
                                let decor = old.decor().clone();
                                *old = cell.into();
                                *old.decor_mut() = decor;
                            }
                            None => {
                                table.insert(key, value(cell));
                            }
                        }
                        changed = true;
                    }
                }
                if changed {
                    plan.updated += 1;
                } else {
                    plan.unchanged += 1;
                }
            }
            None => {
                let mut table = Table::new();
                for (key, _, _) in COLUMNS {
                    let cell = g.get(key);
                    if !cell.is_empty() {
                        table.insert(key, value(cell));
                    }
                }
                rooms.push(table);
                plan.added += 1;
            }
        }
        let building = g.get("building");
        if !listed.contains(building) && !new_buildings.contains(&building) {
            new_buildings.push(building);
        }
    }
    let buildings = entries(&mut doc, "building")?;
    for building in &new_buildings {
        let mut table = Table::new();
        table.insert("name", value(*building));
        buildings.push(table);
    }
    plan.buildings = new_buildings.len();
    plan.text = match old {
        Some(_) => doc.to_string(),
        None => format!("{HEADER}\n{doc}"),
    };
    Ok(plan)
}
