//! The sheet layout of each kind: which columns a record has, under which headers,
//! and how its lists (a purchase's items and bids, an inspection's findings, scores and
//! audit lines, a budget's lines) spread over the rows of one record.
//!
//! A record takes as many rows as its longest list, all with its id in the first
//! column; its own columns are filled on the first row. Row *n* holds the *n*-th entry
//! of every list, so items and bids sit side by side.

use super::ExchangeError;
use crate::i18n::Lang;
use crate::kinds::{Record, dispatch};
use crate::model::Kind;

/// How a column's cells become TOML values and back.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Type {
    /// A string.
    Text,
    /// A `YYYY-MM-DD` date.
    Date,
    /// Yuan, at most two decimals.
    Amount,
    /// A whole number.
    Integer,
    /// Any number (scores).
    Number,
    /// Yes or no (是/否, true/false).
    Bool,
    /// Strings separated by 、 or commas.
    List,
    /// Dates separated by 、 or commas (a rule's revisions).
    Dates,
    /// One of the names, or its Chinese word (the site's word `{prefix}_{name}`).
    Choice(&'static str, &'static [&'static str]),
}

/// A column: the key it fills, its Chinese header and other accepted headers.
pub struct Column {
    /// The key in the record (or in a list's table).
    pub key: &'static str,
    /// The Chinese header.
    pub zh: &'static str,
    /// Other headers accepted on import.
    pub aliases: &'static [&'static str],
    /// The cell type.
    pub kind: Type,
}

/// A list of tables in a record, one entry per row.
pub struct List {
    /// The record key of the list.
    pub key: &'static str,
    /// The columns of an entry.
    pub columns: &'static [Column],
    /// Whether the list is a table of `first column = second column` (budget lines)
    /// rather than an array of tables.
    pub map: bool,
}

/// The sheet form of a kind.
pub struct Layout {
    /// The id column: its cells group the rows of a record.
    pub id: Column,
    /// Whether imported records keep the sheet's ids (budgets: the id is the month);
    /// otherwise they get new ids.
    pub keeps_ids: bool,
    /// The record's own columns.
    pub columns: &'static [Column],
    /// The record's lists.
    pub lists: &'static [List],
}

pub const fn col(
    key: &'static str,
    zh: &'static str,
    aliases: &'static [&'static str],
    kind: Type,
) -> Column {
    Column {
        key,
        zh,
        aliases,
        kind,
    }
}

pub const ID: Column = col("id", "编号", &["ID"], Type::Text);
pub const NOTES: Column = col("notes", "备注", &["说明"], Type::Text);

/// The sheet layout of a kind.
pub(super) fn layout(kind: Kind) -> &'static Layout {
    dispatch!(kind, K => &K::LAYOUT)
}

/// The key of a record of `kind` (or of an entry of its list `list`: `items`,
/// `findings` …) that a Chinese word names: the column's header or another header
/// that import accepts, or the site's word for it (`名称`, `存放地点`, `单价`). The keys
/// of a table of free keys (a budget's lines) are data: none is named.
pub(crate) fn key_named(kind: Kind, list: Option<&str>, word: &str) -> Option<&'static str> {
    let layout = layout(kind);
    let columns = match list {
        None => layout.columns,
        Some(key) => {
            layout
                .lists
                .iter()
                .find(|l| l.key == key && !l.map)?
                .columns
        }
    };
    let site = |key| crate::site::words::find(Lang::ZhCn, key);
    columns
        .iter()
        .find(|c| {
            let names = [c.zh].into_iter().chain(c.aliases.iter().copied());
            names.chain(site(c.key)).any(|name| same_header(name, word))
        })
        .map(|c| c.key)
}

/// What a sheet column holds.
#[derive(Clone, Copy)]
pub(super) enum Slot {
    /// The id column.
    Id,
    /// A column of the record.
    Field(&'static Column),
    /// A column of the list with this index.
    Entry(usize, &'static Column),
}

impl Layout {
    /// The header of a record column, or of a list column (`items.name` in English).
    pub(super) fn header(&self, list: Option<&List>, column: &Column, chinese: bool) -> String {
        match (chinese, list) {
            (true, _) => column.zh.to_owned(),
            (false, None) => column.key.to_owned(),
            (false, Some(list)) => format!("{}.{}", list.key, column.key),
        }
    }

    /// Every header in sheet order.
    pub(super) fn headers(&self, chinese: bool) -> Vec<String> {
        let mut headers = vec![self.header(None, &self.id, chinese)];
        headers.extend(self.columns.iter().map(|c| self.header(None, c, chinese)));
        for list in self.lists {
            headers.extend(
                list.columns
                    .iter()
                    .map(|c| self.header(Some(list), c, chinese)),
            );
        }
        headers
    }

    /// Every slot with the headers that name it.
    fn slots(&self) -> Vec<(Slot, Vec<String>)> {
        let names = |list: Option<&List>, c: &Column| {
            let mut names = vec![self.header(list, c, true), self.header(list, c, false)];
            names.extend(c.aliases.iter().map(|a| (*a).to_owned()));
            names
        };
        let mut slots = vec![(Slot::Id, names(None, &self.id))];
        slots.extend(
            self.columns
                .iter()
                .map(|c| (Slot::Field(c), names(None, c))),
        );
        for (i, list) in self.lists.iter().enumerate() {
            slots.extend(
                list.columns
                    .iter()
                    .map(|c| (Slot::Entry(i, c), names(Some(list), c))),
            );
        }
        slots
    }

    /// Finds the slot of each header; unknown and repeated headers are errors (row 1).
    /// A header names the first slot that accepts it, so a record column wins over a
    /// list column of the same Chinese word only where the record column comes first.
    pub(super) fn map_headers(
        &self,
        headers: &[String],
        lang: Lang,
    ) -> Result<Vec<Option<Slot>>, ExchangeError> {
        let slots = self.slots();
        let mut errors = Vec::new();
        let mut taken: Vec<usize> = Vec::new();
        let mapped = headers
            .iter()
            .map(|h| {
                let h = h.trim().trim_start_matches('\u{feff}');
                let found = slots.iter().enumerate().find(|(i, (_, names))| {
                    !taken.contains(i) && names.iter().any(|n| same_header(n, h))
                });
                match found {
                    Some((i, (slot, _))) => {
                        taken.push(i);
                        Some(*slot)
                    }
                    None if h.is_empty() => None,
                    None => {
                        let repeated = slots.iter().any(|(_, n)| n.iter().any(|n| n == h));
                        let message = if repeated {
                            lang.pick("这一列重复了", "column repeated").to_owned()
                        } else {
                            let names = slots.iter().flat_map(|(_, n)| n[..2].iter());
                            let hint = crate::parse::closest(h, names.map(String::as_str))
                                .map(|s| {
                                    lang.pick(
                                        format!("；是不是 {s}？"),
                                        format!("; did you mean {s}?"),
                                    )
                                })
                                .unwrap_or_default();
                            lang.pick(format!("未知的列{hint}"), format!("unknown column{hint}"))
                        };
                        errors.push((1, h.to_owned(), message));
                        None
                    }
                }
            })
            .collect();
        if errors.is_empty() {
            Ok(mapped)
        } else {
            Err(ExchangeError::Rows(errors))
        }
    }

    /// The header (`中文/key`) of the column whose key a message names in backticks:
    /// among the columns of `list` if given, else of the record, then of its lists.
    pub(super) fn column_named_in(&self, message: &str, list: Option<usize>) -> Option<String> {
        let named = |key: &str| message.contains(&format!("`{key}`"));
        let own = match list {
            Some(_) => None,
            None => self.columns.iter().find(|c| named(c.key)),
        };
        own.map(|c| format!("{}/{}", c.zh, c.key)).or_else(|| {
            let lists = self.lists.iter().enumerate();
            lists
                .filter(|(i, _)| list.is_none_or(|l| l == *i))
                .find_map(|(_, list)| {
                    let c = list
                        .columns
                        .iter()
                        .find(|c| named(c.key) || message.contains(&format!(".{}`", c.key)))
                        .or_else(|| named(list.key).then(|| &list.columns[0]))?;
                    Some(format!("{}/{}.{}", c.zh, list.key, c.key))
                })
        })
    }
}

/// Whether a sheet's header names a column: letters in any case, and brackets typed
/// either way (`单价(元)` and `单价（元）`).
pub(super) fn same_header(name: &str, header: &str) -> bool {
    let fold = |c: char| match c {
        '（' => '(',
        '）' => ')',
        c => c.to_ascii_lowercase(),
    };
    name.chars().map(fold).eq(header.chars().map(fold))
}
