//! Parse: one file's text → one typed record and its diagnostics.
//!
//! Syntax, keys, types, value formats (dates, amounts, choices) are checked here, where
//! the TOML tree is at hand; rules between fields and between records are in `check`.

mod config;
mod fields;
mod register;
pub use fields::closest;
pub mod slips;

pub use fields::{
    Choice, Chosen, Count, FromToml, Many, Percent, Positive, Price, Reader, Sink, Size, chosen,
    val,
};

use crate::diag::Problem;
pub use crate::kinds::Parsed;
use crate::kinds::Record;
use crate::model::{Config, Kind, Origin, Register};
use crate::source::Span;
use slips::Slip;
use toml::de::DeTable;

/// Parses the TOML text and hands the document to `read`. A line the parser cannot
/// read is reported once — as the slip it most likely is ([`slips`]), else as a syntax
/// error — and blanked, so that the rest of the file is still read and checked; a key
/// on a blanked line is not reported missing as well.
fn with_document<T>(
    text: &str,
    sink: &mut Sink,
    kind: Option<Kind>,
    read: impl FnOnce(&mut Reader, &mut Sink) -> Option<T>,
) -> Option<T> {
    let (document, errors) = DeTable::parse_recoverable(text);
    if errors.is_empty() {
        return read_document(document.get_ref(), text, kind, sink, read);
    }
    let owned = |errors: Vec<toml::de::Error>| -> Vec<(String, Option<std::ops::Range<usize>>)> {
        let each = |e: toml::de::Error| (e.message().trim().to_owned(), e.span());
        errors.into_iter().map(each).collect()
    };
    let mut errors = owned(errors);
    // The parser may stop at the first of several broken lines: blank what it found and
    // parse again, until the rest reads (or nothing more can be found).
    let mut blanked = text.to_owned();
    let mut lines: Vec<(usize, usize)> = Vec::new();
    let mut keys: Vec<String> = Vec::new();
    let headers = kind.map(|_| Headers::of(text));
    loop {
        let mut found = false;
        for (detail, span) in errors {
            let Some(span) = span else {
                sink.whole(Problem::Syntax { detail });
                return None;
            };
            let start = text[..span.start.min(text.len())]
                .rfind('\n')
                .map_or(0, |n| n + 1);
            let end = text[start..].find('\n').map_or(text.len(), |n| start + n);
            if lines.contains(&(start, end)) {
                continue;
            }
            found = true;
            lines.push((start, end));
            let kind = kind.zip(headers.as_ref());
            keys.extend(broken_line(text, start..end, span, detail, kind, sink));
            // Spaces in place of the line keep every later position where it was.
            let cr = text[start..end].ends_with('\r');
            let blank = " ".repeat(end - start - usize::from(cr)) + if cr { "\r" } else { "" };
            blanked.replace_range(start..end, &blank);
        }
        if !found {
            return None;
        }
        let (document, next) = DeTable::parse_recoverable(&blanked);
        if next.is_empty() {
            // The rest of the file is read for its own mistakes; the record itself,
            // missing what the broken lines held, is left out of the checks between
            // records, and a key of a broken line is not also reported missing.
            let _ = read_document(document.get_ref(), &blanked, kind, sink, read);
            sink.diags.retain(|d| {
                !matches!(&d.problem, Problem::MissingKey { key }
                    if keys.iter().any(|k| key.rsplit('.').next() == Some(k.as_str())))
            });
            return None;
        }
        errors = owned(next);
    }
}

/// Reports a line the parser could not read — as a key written in Chinese (of a record
/// of `kind`, whose text has these headers), as the slip it most likely is, else as a
/// syntax error at `span` — and returns the key written on it (in English).
fn broken_line(
    text: &str,
    line: std::ops::Range<usize>,
    span: std::ops::Range<usize>,
    detail: String,
    kind: Option<(Kind, &Headers)>,
    sink: &mut Sink,
) -> Option<String> {
    let start = line.start;
    let line = &text[line];
    let key = line
        .split_once(['=', '＝'])
        .map(|(key, rest)| (key.trim().trim_matches('"'), rest));
    if let Some((written, rest)) = key {
        let named = |(kind, headers): (Kind, &Headers)| {
            crate::exchange::key_named(kind, headers.before(start), written)
        };
        if let Some(expected) = kind.filter(|_| !written.is_ascii()).and_then(named) {
            let at = start + line.find(written).unwrap_or(0);
            let problem = Problem::ChineseKey {
                key: written.to_owned(),
                expected,
                fixed: slips::mended(&format!("{expected} = {rest}")),
            };
            sink.at(at..at + written.len(), problem);
            return Some(expected.to_owned());
        }
    }
    let value_at = line.find(['=', '＝']).map(|n| {
        let after = n + line[n..].chars().next().map_or(1, char::len_utf8);
        start + after + (line[after..].len() - line[after..].trim_start().len())
    });
    let value = value_at.map(|v| Span::from(v..start + line.trim_end().len()));
    let (problem, at_value) = match slips::diagnose(line) {
        Some(Slip::FullWidth { chars, fixed }) => (Problem::FullWidth { chars, fixed }, false),
        Some(Slip::Date { written, fixed }) => (Problem::DateSpelling { written, fixed }, true),
        Some(Slip::Number { written, fixed }) => (Problem::NumberSpelling { written, fixed }, true),
        Some(Slip::Unquoted { written, fixed }) => (Problem::Unquoted { written, fixed }, true),
        None => (Problem::Syntax { detail }, false),
    };
    match value.filter(|_| at_value) {
        Some(value) => sink.at(value, problem),
        None => sink.at(span, problem),
    }
    key.map(|(written, _)| written.to_owned())
}

/// The table headers of a text (`[[items]]`, `[lines]`): where each line starts, and
/// the table's name.
struct Headers<'a>(Vec<(usize, &'a str)>);

impl<'a> Headers<'a> {
    fn of(text: &'a str) -> Headers<'a> {
        let mut at = 0;
        let mut found = Vec::new();
        for line in text.split_inclusive('\n') {
            let header = line.trim_start().strip_prefix('[');
            if let Some(name) = header.and_then(|h| h.trim_start_matches('[').split(']').next()) {
                found.push((at, name.trim()));
            }
            at += line.len();
        }
        Headers(found)
    }

    /// The table of a line that starts at `at`: the last header above it, or `None` at
    /// the top of the file.
    fn before(&self, at: usize) -> Option<&'a str> {
        let n = self.0.partition_point(|(start, _)| *start < at);
        Some(self.0.get(n.checked_sub(1)?)?.1)
    }
}

/// Reads a document that parsed from `text`.
fn read_document<'i, T>(
    table: &DeTable<'i>,
    text: &'i str,
    kind: Option<Kind>,
    sink: &mut Sink,
    read: impl FnOnce(&mut Reader, &mut Sink) -> Option<T>,
) -> Option<T> {
    let mut reader = Reader::document(table, text, kind);
    let value = read(&mut reader, sink);
    reader.finish(sink);
    value
}

/// Parses a record file of `kind`.
pub fn record(kind: Kind, origin: Origin, text: &str, sink: &mut Sink) -> Option<Parsed> {
    with_document(
        text,
        sink,
        Some(kind),
        |r, sink| crate::kinds::dispatch!(kind, K => K::parse(r, sink, origin).map(Parsed::from)),
    )
}

/// Parses `zongwu.toml`.
pub fn config(text: &str, sink: &mut Sink) -> Option<Config> {
    with_document(text, sink, None, config::config)
}

/// Parses `locations.toml`, the room register.
pub fn register(text: &str, sink: &mut Sink) -> Option<Register> {
    with_document(text, sink, None, register::register)
}
