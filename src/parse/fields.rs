//! Reading typed values out of a spanned TOML table, reporting every problem at once.
//!
//! A [`Reader`] hands out the keys a kind asks for and, at [`Reader::finish`], reports
//! every key it was not asked for as unknown, with the closest known key as a hint.

use crate::amount::Amount;
use crate::diag::{Diagnostic, Expected, Problem};
use crate::model::{Kind, RecordId};
use crate::source::{FileId, Sp, Span};
use chrono::NaiveDate;
use std::borrow::Cow;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

/// Where a file's diagnostics go.
pub struct Sink {
    /// The file being read.
    pub file: FileId,
    /// What was found so far.
    pub diags: Vec<Diagnostic>,
}

impl Sink {
    /// Records a problem at a span.
    pub fn at(&mut self, span: impl Into<Span>, problem: Problem) {
        self.diags
            .push(Diagnostic::at(self.file, span.into(), problem));
    }

    /// Records a problem about the whole file.
    pub fn whole(&mut self, problem: Problem) {
        self.diags.push(Diagnostic::file(self.file, problem));
    }
}

/// A value that can be read from one TOML value.
pub trait FromToml: Sized {
    /// Converts the value; `key` is the dotted key, for messages.
    fn from_toml(value: &DeValue<'_>, key: &str) -> Result<Self, Problem>;
}

/// The name of a TOML value's type, as messages give it.
fn type_of(value: &DeValue<'_>) -> &'static str {
    match value {
        DeValue::String(_) => "string",
        DeValue::Integer(_) => "integer",
        DeValue::Float(_) => "float",
        DeValue::Boolean(_) => "boolean",
        DeValue::Datetime(_) => "datetime",
        DeValue::Array(_) => "array",
        DeValue::Table(_) => "table",
    }
}

/// A wrong-type problem for `value` where `expected` was wanted.
fn wrong(value: &DeValue<'_>, key: &str, expected: Expected) -> Problem {
    Problem::WrongType {
        key: key.to_owned(),
        expected,
        found: type_of(value),
    }
}

impl FromToml for String {
    fn from_toml(value: &DeValue<'_>, key: &str) -> Result<Self, Problem> {
        match value {
            DeValue::String(s) => Ok(s.to_string()),
            other => Err(wrong(other, key, Expected::String)),
        }
    }
}

impl FromToml for RecordId {
    fn from_toml(value: &DeValue<'_>, key: &str) -> Result<Self, Problem> {
        String::from_toml(value, key).map(RecordId)
    }
}

impl FromToml for bool {
    fn from_toml(value: &DeValue<'_>, key: &str) -> Result<Self, Problem> {
        match value {
            DeValue::Boolean(b) => Ok(*b),
            other => Err(wrong(other, key, Expected::Bool)),
        }
    }
}

/// Whether a string is written like a date (`2011-09-05`, `2011/9/5`, `2011.9.5`).
fn looks_like_date(s: &str) -> Option<NaiveDate> {
    let parts: Vec<&str> = s.trim().split(['-', '/', '.']).collect();
    match parts.as_slice() {
        [y, m, d] if y.len() == 4 => {
            NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
        }
        _ => None,
    }
}

impl FromToml for NaiveDate {
    fn from_toml(value: &DeValue<'_>, key: &str) -> Result<Self, Problem> {
        match value {
            DeValue::Datetime(dt) => match (dt.date, dt.time, dt.offset) {
                (Some(d), None, None) => {
                    NaiveDate::from_ymd_opt(d.year.into(), d.month.into(), d.day.into())
                        .ok_or_else(|| wrong(value, key, Expected::Date))
                }
                _ => Err(Problem::DateWithTime {
                    key: key.to_owned(),
                }),
            },
            DeValue::String(s) => match looks_like_date(s) {
                Some(d) => Err(Problem::QuotedDate {
                    key: key.to_owned(),
                    text: d.to_string(),
                }),
                None => Err(wrong(value, key, Expected::Date)),
            },
            other => Err(wrong(other, key, Expected::Date)),
        }
    }
}

impl FromToml for Amount {
    fn from_toml(value: &DeValue<'_>, key: &str) -> Result<Self, Problem> {
        let text = match value {
            DeValue::Integer(i) if i.radix() == 10 => i.as_str(),
            DeValue::Float(f) => f.as_str(),
            DeValue::String(s) => s.as_ref(),
            other => return Err(wrong(other, key, Expected::Amount)),
        };
        Amount::parse(text).map_err(|error| Problem::BadAmount {
            key: key.to_owned(),
            error,
        })
    }
}

/// The price of one item: an amount above zero. A price of 0 is an error rather than a
/// warning: it is what an unfilled template says, and a card or a purchase of something
/// worth nothing is not one the books keep (a donated asset is entered at its assessed
/// value).
#[derive(Clone, Copy, Debug)]
pub struct Price(pub Amount);

impl FromToml for Price {
    fn from_toml(value: &DeValue<'_>, key: &str) -> Result<Self, Problem> {
        let amount = Amount::from_toml(value, key)?;
        if amount == Amount::ZERO {
            return Err(Problem::ZeroPrice {
                key: key.to_owned(),
            });
        }
        Ok(Price(amount))
    }
}

/// A whole number of at least `min` (written `min_text` in messages); above `u32` the
/// number is not believable as a count of anything.
fn whole(value: &DeValue<'_>, key: &str, min: u32, min_text: &'static str) -> Result<u32, Problem> {
    let DeValue::Integer(i) = value else {
        return Err(wrong(value, key, Expected::Integer));
    };
    let n = i64::from_str_radix(&i.as_str().replace('_', ""), i.radix()).unwrap_or(i64::MAX);
    match u32::try_from(n) {
        Ok(n) if n >= min => Ok(n),
        _ => Err(Problem::OutOfRange {
            key: key.to_owned(),
            value: i.to_string(),
            min: min_text,
            max: (n >= i64::from(min)).then_some("4294967295"),
        }),
    }
}

/// A whole number of at least 1: a quantity or a count of days.
#[derive(Clone, Copy, Debug)]
pub struct Positive(pub u32);

impl FromToml for Positive {
    fn from_toml(value: &DeValue<'_>, key: &str) -> Result<Self, Problem> {
        whole(value, key, 1, "1").map(Positive)
    }
}

/// A whole number of at least 0: a count of people (hurt, taking part).
#[derive(Clone, Copy, Debug)]
pub struct Count(pub u32);

impl FromToml for Count {
    fn from_toml(value: &DeValue<'_>, key: &str) -> Result<Self, Problem> {
        whole(value, key, 0, "0").map(Count)
    }
}

/// A score from 0 to 100.
#[derive(Clone, Copy, Debug)]
pub struct Percent(pub f64);

/// A number, whole or not, as written and as read (`None` where it does not fit an
/// `f64`, or is `nan`).
fn number<'v>(value: &'v DeValue<'_>, key: &str) -> Result<(&'v str, Option<f64>), Problem> {
    Ok(match value {
        DeValue::Integer(i) => (
            i.as_str(),
            i64::from_str_radix(&i.as_str().replace('_', ""), i.radix())
                .ok()
                .map(|n| n as f64),
        ),
        DeValue::Float(f) => (f.as_str(), f.as_str().replace('_', "").parse::<f64>().ok()),
        other => return Err(wrong(other, key, Expected::Number)),
    })
}

impl FromToml for Percent {
    fn from_toml(value: &DeValue<'_>, key: &str) -> Result<Self, Problem> {
        let (text, n) = number(value, key)?;
        match n {
            Some(n) if (0.0..=100.0).contains(&n) => Ok(Percent(n)),
            _ => Err(Problem::OutOfRange {
                key: key.to_owned(),
                value: text.to_owned(),
                min: "0",
                max: Some("100"),
            }),
        }
    }
}

/// A size: a number above zero, whole or not (`4000`, `35.5`), such as a works
/// project's quantity in its unit.
#[derive(Clone, Copy, Debug)]
pub struct Size(pub f64);

impl FromToml for Size {
    fn from_toml(value: &DeValue<'_>, key: &str) -> Result<Self, Problem> {
        let (text, n) = number(value, key)?;
        match n {
            Some(n) if n > 0.0 && n.is_finite() => Ok(Size(n)),
            _ => Err(Problem::NotPositive {
                key: key.to_owned(),
                value: text.to_owned(),
            }),
        }
    }
}

/// A value from a fixed list of spellings.
pub trait Choice: Copy + PartialEq + 'static {
    /// The spellings.
    const NAMES: &'static [&'static str];
    /// The Chinese words, in the order of `NAMES`, accepted as well.
    const WORDS: &'static [&'static str];
    /// The values, in the order of `NAMES`.
    const VALUES: &'static [Self];

    /// The value's spelling in record files.
    fn name(self) -> &'static str {
        let at = Self::VALUES.iter().position(|v| *v == self);
        at.map_or("", |i| Self::NAMES[i])
    }
}

/// Reads a [`Choice`] value from a string.
pub struct Chosen<T>(pub T);

impl<T: Choice> FromToml for Chosen<T> {
    fn from_toml(value: &DeValue<'_>, key: &str) -> Result<Self, Problem> {
        let s = String::from_toml(value, key)?;
        let written = s.trim();
        let found = T::NAMES.iter().position(|n| *n == written);
        match found.or_else(|| T::WORDS.iter().position(|w| *w == written)) {
            Some(i) => Ok(Chosen(T::VALUES[i])),
            None => Err(Problem::BadChoice {
                key: key.to_owned(),
                suggestion: closest(&s, T::NAMES.iter().copied()),
                value: s,
                choices: T::NAMES,
                words: T::WORDS,
            }),
        }
    }
}

impl FromToml for Vec<String> {
    fn from_toml(value: &DeValue<'_>, key: &str) -> Result<Self, Problem> {
        let DeValue::Array(items) = value else {
            return Err(wrong(value, key, Expected::Strings));
        };
        items
            .iter()
            .map(|v| {
                String::from_toml(v.get_ref(), key)
                    .map_err(|_| wrong(value, key, Expected::Strings))
            })
            .collect()
    }
}

/// The known word closest to `word`, if it is close enough to be a likely typo.
pub fn closest<'a>(word: &str, known: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    let limit = (word.chars().count() / 3).max(1);
    let word = word.to_lowercase();
    let known: Vec<&str> = known.collect();
    let near = known
        .iter()
        .map(|k| (strsim::damerau_levenshtein(&word, &k.to_lowercase()), *k))
        .filter(|(d, _)| *d <= limit)
        .min()
        .map(|(_, k)| k);
    // A part of the name (`price` for `unit_price`), when only one key has that part.
    let part = || {
        let mut having = known
            .iter()
            .filter(|k| word.len() >= 4 && k.to_lowercase().split('_').any(|p| p == word));
        having.next().filter(|_| having.next().is_none()).copied()
    };
    near.or_else(part)
}

/// What an array of tables (`[[key]]`) held.
pub enum Many<T> {
    /// The key is not there.
    Absent,
    /// Some entry had a problem, already reported; the entries that did read.
    Broken(Vec<T>),
    /// Every entry read, with the key's span.
    Read(Sp<Vec<T>>),
}

impl<T> Many<T> {
    /// The entries, unless the key is absent or an entry broken.
    pub fn read(self) -> Option<Sp<Vec<T>>> {
        match self {
            Many::Read(v) => Some(v),
            _ => None,
        }
    }

    /// The entries; absent counts as none, broken as a failed record.
    pub fn or_empty(self) -> Option<Vec<T>> {
        match self {
            Many::Absent => Some(Vec::new()),
            Many::Broken(_) => None,
            Many::Read(v) => Some(v.value),
        }
    }

    /// Whether some entry had a problem and was left out.
    pub fn broken(&self) -> bool {
        matches!(self, Many::Broken(_))
    }

    /// The entries that read, whatever the others did.
    pub fn partial(self) -> Vec<T> {
        match self {
            Many::Absent => Vec::new(),
            Many::Broken(v) => v,
            Many::Read(v) => v.value,
        }
    }

    /// The entries with their span, absent as `None`; broken as a failed record.
    pub fn optional(self) -> Option<Option<Sp<Vec<T>>>> {
        match self {
            Many::Absent => Some(None),
            Many::Broken(_) => None,
            Many::Read(v) => Some(Some(v)),
        }
    }
}

/// Reads the keys of one table.
pub struct Reader<'t, 'i> {
    table: &'t DeTable<'i>,
    /// The text the table was parsed from, which its spans point into.
    text: &'i str,
    /// The kind of record read (`None` for the configuration), and the list of it
    /// whose entry this table is (`items` …): where a key written in Chinese is named.
    kind: Option<Kind>,
    list: Option<&'static str>,
    /// The table's span; `None` for a whole file, whose missing keys concern the file.
    span: Option<Span>,
    /// The dotted prefix of keys in messages (`items[2].`).
    prefix: String,
    known: Vec<&'static str>,
    all_known: bool,
    /// Keys found missing, reported at [`Reader::finish`] (unless written misspelled).
    missing: Vec<String>,
}

impl<'t, 'i> Reader<'t, 'i> {
    /// A reader of a file's top-level table, parsed from `text`, of a record of `kind`.
    pub fn document(table: &'t DeTable<'i>, text: &'i str, kind: Option<Kind>) -> Self {
        Reader {
            table,
            text,
            kind,
            list: None,
            span: None,
            prefix: String::new(),
            known: Vec::new(),
            all_known: false,
            missing: Vec::new(),
        }
    }

    /// The key as messages name it.
    fn path(&self, key: &str) -> String {
        format!("{}{key}", self.prefix)
    }

    /// The raw value of a key, marking the key as known.
    pub fn raw(&mut self, key: &'static str) -> Option<&'t Spanned<DeValue<'i>>> {
        self.known.push(key);
        self.table
            .iter()
            .find(|(k, _)| k.get_ref() == key)
            .map(|(_, v)| v)
    }

    /// An optional value; a present value of the wrong kind is reported.
    pub fn opt<T: FromToml>(&mut self, sink: &mut Sink, key: &'static str) -> Option<Sp<T>> {
        let raw = self.raw(key)?;
        let value = self.trimmed(sink, key, raw);
        match T::from_toml(&value, &self.path(key)) {
            Ok(value) => Some(Sp {
                value,
                span: raw.span().into(),
            }),
            Err(problem) => {
                sink.at(raw.span(), problem);
                None
            }
        }
    }

    /// A required value: absent is reported as missing, blank text as empty.
    pub fn req<T: FromToml>(&mut self, sink: &mut Sink, key: &'static str) -> Option<Sp<T>> {
        if !self.has(key) {
            self.known.push(key);
            self.missing(key);
            return None;
        }
        if let Some(raw) = self
            .raw(key)
            .filter(|raw| matches!(raw.get_ref(), DeValue::String(s) if s.trim().is_empty()))
        {
            sink.at(
                raw.span(),
                Problem::EmptyValue {
                    key: self.path(key),
                },
            );
            return None;
        }
        self.opt(sink, key)
    }

    /// A value as read: a string on one line without the white space at its ends (ASCII
    /// or full-width), which is warned about, so that `"门卫室　"` and `"门卫室"` are one
    /// location; a multi-line string (notes) as written, and a blank one as it is (it is
    /// reported as blank where that matters).
    fn trimmed(
        &self,
        sink: &mut Sink,
        key: &str,
        raw: &'t Spanned<DeValue<'i>>,
    ) -> Cow<'t, DeValue<'i>> {
        let value = raw.get_ref();
        let DeValue::String(text) = value else {
            return Cow::Borrowed(value);
        };
        let trimmed = text.trim();
        let written = self.text.get(raw.span()).unwrap_or_default();
        let multi_line = written.starts_with("\"\"\"") || written.starts_with("'''");
        if trimmed.len() == text.len() || trimmed.is_empty() || multi_line {
            return Cow::Borrowed(value);
        }
        sink.at(
            raw.span(),
            Problem::SpaceAtEnds {
                key: self.path(key),
                written: written.to_owned(),
                fixed: format!("{key} = {}", crate::create::quoted(trimmed)),
            },
        );
        Cow::Owned(DeValue::String(Cow::Owned(trimmed.to_owned())))
    }

    /// Notes a missing key of this table (or the file), reported at [`Reader::finish`].
    pub fn missing(&mut self, key: &str) {
        self.missing.push(key.to_owned());
    }

    /// An array of tables (`[[key]]`), each entry read by `each`.
    pub fn tables<T>(
        &mut self,
        sink: &mut Sink,
        key: &'static str,
        mut each: impl FnMut(&mut Reader<'t, 'i>, &mut Sink) -> Option<T>,
    ) -> Many<T> {
        let Some(raw) = self.raw(key) else {
            return Many::Absent;
        };
        let span: Span = raw.span().into();
        let DeValue::Array(entries) = raw.get_ref() else {
            sink.at(
                span,
                wrong(raw.get_ref(), &self.path(key), Expected::Tables),
            );
            return Many::Broken(Vec::new());
        };
        let mut out = Vec::with_capacity(entries.len());
        let mut broken = false;
        for (n, entry) in entries.iter().enumerate() {
            let DeValue::Table(table) = entry.get_ref() else {
                sink.at(
                    entry.span(),
                    wrong(entry.get_ref(), &self.path(key), Expected::Tables),
                );
                broken = true;
                continue;
            };
            let mut reader = Reader {
                table,
                text: self.text,
                kind: self.kind,
                list: Some(key),
                span: Some(entry.span().into()),
                prefix: format!("{}{key}[{}].", self.prefix, n + 1),
                known: Vec::new(),
                all_known: false,
                missing: Vec::new(),
            };
            let value = each(&mut reader, sink);
            reader.finish(sink);
            broken |= value.is_none();
            out.extend(value);
        }
        if broken {
            Many::Broken(out)
        } else {
            Many::Read(Sp { value: out, span })
        }
    }

    /// An array of values (`revised = [2011-09-01, 2012-01-05]`), each entry with its
    /// own span, so that a problem with one entry (named `revised[2]`) is reported where
    /// it is written. One value without brackets is answered with the line that puts it
    /// in them; anything else that is not an array, as not `expected`.
    pub fn values<T: FromToml>(
        &mut self,
        sink: &mut Sink,
        key: &'static str,
        expected: Expected,
    ) -> Many<Sp<T>> {
        let Some(raw) = self.raw(key) else {
            return Many::Absent;
        };
        let span: Span = raw.span().into();
        let DeValue::Array(entries) = raw.get_ref() else {
            let problem = match T::from_toml(raw.get_ref(), &self.path(key)) {
                Ok(_) => Problem::NotAList {
                    key: self.path(key),
                    fixed: format!("{key} = [{}]", self.text.get(raw.span()).unwrap_or("")),
                },
                Err(_) => wrong(raw.get_ref(), &self.path(key), expected),
            };
            sink.at(span, problem);
            return Many::Broken(Vec::new());
        };
        let mut out = Vec::with_capacity(entries.len());
        let mut broken = false;
        for (n, entry) in entries.iter().enumerate() {
            let name = format!("{}[{}]", self.path(key), n + 1);
            match T::from_toml(entry.get_ref(), &name) {
                Ok(value) => out.push(Sp {
                    value,
                    span: entry.span().into(),
                }),
                Err(problem) => {
                    sink.at(entry.span(), problem);
                    broken = true;
                }
            }
        }
        if broken {
            Many::Broken(out)
        } else {
            Many::Read(Sp { value: out, span })
        }
    }

    /// A plain table (`[key]`), read by `each`; absent is reported as missing.
    pub fn table<T>(
        &mut self,
        sink: &mut Sink,
        key: &'static str,
        each: impl FnOnce(&mut Reader<'t, 'i>, &mut Sink) -> Option<T>,
    ) -> Option<T> {
        let Some(raw) = self.raw(key) else {
            self.missing(key);
            return None;
        };
        let DeValue::Table(table) = raw.get_ref() else {
            sink.at(
                raw.span(),
                wrong(raw.get_ref(), &self.path(key), Expected::Table),
            );
            return None;
        };
        let mut reader = Reader {
            table,
            text: self.text,
            kind: self.kind,
            list: Some(key),
            span: Some(raw.span().into()),
            prefix: format!("{}{key}.", self.prefix),
            known: Vec::new(),
            all_known: false,
            missing: Vec::new(),
        };
        let value = each(&mut reader, sink);
        reader.finish(sink);
        value
    }

    /// Every entry of the table, for tables with free keys (budget lines).
    pub fn entries(
        &self,
    ) -> impl Iterator<
        Item = (
            &'t Spanned<std::borrow::Cow<'i, str>>,
            &'t Spanned<DeValue<'i>>,
        ),
    > {
        self.table.iter()
    }

    /// Whether the table has this key (without marking it known).
    pub fn has(&self, key: &str) -> bool {
        self.table.iter().any(|(k, _)| k.get_ref() == key)
    }

    /// Marks every key of the table as known: for tables whose keys are data.
    pub fn accept_all(&mut self) {
        self.known.clear();
        self.all_known = true;
    }

    /// A key written in Chinese that names one of this table's keys (`名称` for `name`),
    /// no longer missing: the problem to report, with the line written in English.
    fn chinese(&mut self, name: &str, span: std::ops::Range<usize>) -> Option<Problem> {
        let expected = crate::exchange::key_named(self.kind?, self.list, name)
            .filter(|key| self.known.contains(key))?;
        self.missing.retain(|m| m != expected);
        let rest = self.text.get(span.end..).unwrap_or_default();
        let rest = rest.split('\n').next().unwrap_or_default();
        Some(Problem::ChineseKey {
            key: name.to_owned(),
            expected,
            fixed: super::slips::mended(&format!("{expected}{rest}")),
        })
    }

    /// Reports every key that no one asked for, and every missing key; a missing key
    /// written under a close name is one mistake, reported once, at the name.
    pub fn finish(mut self, sink: &mut Sink) {
        if !self.all_known {
            for (key, _) in self.table.iter() {
                let name = key.get_ref().as_ref();
                if self.known.contains(&name) {
                    continue;
                }
                if let Some(problem) = self.chinese(name, key.span()) {
                    sink.at(key.span(), problem);
                    continue;
                }
                let suggestion = closest(name, self.known.iter().copied());
                let problem = match self
                    .missing
                    .iter()
                    .position(|m| Some(m.as_str()) == suggestion)
                {
                    Some(n) => {
                        let expected = self.missing.remove(n);
                        Problem::MisspelledKey {
                            key: self.path(name),
                            expected: self.path(&expected),
                        }
                    }
                    None => Problem::UnknownKey {
                        key: self.path(name),
                        suggestion,
                    },
                };
                sink.at(key.span(), problem);
            }
        }
        for key in &self.missing {
            let problem = Problem::MissingKey {
                key: self.path(key),
            };
            match self.span {
                Some(span) => sink.at(span, problem),
                None => sink.whole(problem),
            }
        }
    }
}

/// The value without its span.
pub fn val<T>(field: Option<Sp<T>>) -> Option<T> {
    field.map(|f| f.value)
}

/// A chosen value, keeping its span.
pub fn chosen<T>(field: Option<Sp<Chosen<T>>>) -> Option<Sp<T>> {
    field.map(|f| Sp {
        value: f.value.0,
        span: f.span,
    })
}
