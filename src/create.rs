//! Creating files for the user: `zongwu new` (a record with the next free id) and the
//! one way zongwu ever writes into a records directory, [`write_new`]: atomically, and
//! never over an existing file.

use crate::i18n::{Lang, display_width};
use crate::kinds::{Record, dispatch};
use crate::model::{Kind, Records};
use crate::source::SourceMap;
use chrono::NaiveDate;
use std::io::Write as _;
use std::path::{Path, PathBuf};

/// Writes a new file atomically (a temporary file beside it, then a hard link, which
/// fails if the target exists), so the file is either whole or absent, and an existing
/// file is never replaced.
pub fn write_new(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    let name = path
        .file_name()
        .map_or_else(|| "new".into(), |n| n.to_string_lossy().into_owned());
    let temp = path.with_file_name(format!(".{name}.zongwu-{}", std::process::id()));
    let result = (|| {
        let mut file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&temp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        std::fs::hard_link(&temp, path)
    })();
    let _ = std::fs::remove_file(&temp);
    result
}

/// Replaces a file atomically (a temporary file beside it, then a rename).
fn replace(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let name = path
        .file_name()
        .map_or_else(|| "file".into(), |n| n.to_string_lossy().into_owned());
    let temp = path.with_file_name(format!(".{name}.zongwu-{}", std::process::id()));
    let result = std::fs::write(&temp, bytes).and_then(|()| std::fs::rename(&temp, path));
    if result.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    result
}

/// One file of a change to a records directory: its path, the text it was read with
/// (`None` for a new file) and its new text.
pub struct FileWrite<'a> {
    /// The file.
    pub path: PathBuf,
    /// What it held when it was read; `None` for a file to create.
    pub old: Option<&'a str>,
    /// What it is to hold.
    pub text: &'a str,
}

/// Writes several files as one change: a new file is created (never over an existing
/// one), a changed file replaced atomically, and only if it still holds what it was
/// read with (no one else's edit is clobbered). If any write fails, those already
/// written are put back as they were, and the failing file is returned with its error.
pub fn write_all(writes: &[FileWrite]) -> Result<(), (PathBuf, std::io::Error)> {
    for (n, w) in writes.iter().enumerate() {
        let result = match w.old {
            None => write_new(&w.path, w.text.as_bytes()),
            Some(old) => match std::fs::read_to_string(&w.path) {
                Ok(now) if now == old => replace(&w.path, w.text.as_bytes()),
                Ok(_) => Err(std::io::Error::other(
                    "改动过了，请重新导入 / changed since it was read; import again",
                )),
                Err(e) => Err(e),
            },
        };
        if let Err(err) = result {
            for done in writes[..n].iter().rev() {
                let _ = match done.old {
                    None => std::fs::remove_file(&done.path),
                    Some(old) => replace(&done.path, old.as_bytes()),
                };
            }
            return Err((w.path.clone(), err));
        }
    }
    Ok(())
}

/// The ids that end in a number (`R-2012-0042`), as their pattern (`R-2012-`) and number.
fn numbered<'a>(existing: impl Iterator<Item = &'a str>) -> Vec<(&'a str, &'a str)> {
    existing
        .filter_map(|id| {
            let digits = id.len() - id.bytes().rev().take_while(u8::is_ascii_digit).count();
            (digits < id.len()).then(|| id.split_at(digits))
        })
        .collect()
}

/// A pattern that numbers ids within a year (`R-2012-`): what stands before the year,
/// the year, and what after it.
fn year_in(pattern: &str) -> Option<(&str, &str, &str)> {
    let upto = pattern.trim_end_matches(|c: char| !c.is_ascii_digit());
    let before = upto.trim_end_matches(|c: char| c.is_ascii_digit());
    let year = &upto[before.len()..];
    let is_year = year.len() == 4 && year.starts_with(['1', '2']);
    (is_year && upto.len() < pattern.len()).then(|| (before, year, &pattern[upto.len()..]))
}

/// The id of a new record first dated `day`, after the existing ones: in the most recent
/// pattern, with `day`'s year where the pattern has a year (`R-2012-0042` → `R-2026-0001`
/// for a record of 2026), numbered after the highest id of that pattern and padded alike
/// (`R-2026-0007` → `R-2026-0008`). Without ids, `PREFIX-YEAR-0001`.
pub fn next_id<'a>(kind: Kind, existing: impl Iterator<Item = &'a str>, day: NaiveDate) -> String {
    let numbered = numbered(existing);
    let year = day.format("%Y").to_string();
    let Some(latest) = numbered.iter().map(|(pattern, _)| *pattern).max() else {
        return format!("{}-{year}-0001", kind.info().prefix);
    };
    let pattern = match year_in(latest) {
        Some((before, _, after)) => format!("{before}{year}{after}"),
        None => latest.to_owned(),
    };
    let highest = |pattern: &str| {
        numbered
            .iter()
            .filter(|(p, _)| *p == pattern)
            .map(|(_, n)| (n.parse::<u64>().unwrap_or(0), n.len()))
            .max()
    };
    let (last, width) = highest(&pattern)
        .or_else(|| highest(latest).map(|(_, width)| (0, width)))
        .unwrap_or((0, 4));
    format!("{pattern}{:0width$}", last + 1)
}

/// A string as a TOML basic string.
pub fn quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    escape_into(&mut out, text, false);
    out.push('"');
    out
}

/// A text of several lines as a TOML multi-line string, `"""` on lines of their own, as
/// `notes` are written by hand: readable in an editor, and read back as the text with
/// a line break at its end.
pub fn quoted_lines(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    out.push_str("\"\"\"\n");
    escape_into(&mut out, text, true);
    out.push_str("\n\"\"\"");
    out
}

/// Writes `text` escaped for a TOML basic string: quotes, backslashes and control
/// characters; with `lines` (a multi-line string), line breaks and tabs as they are.
fn escape_into(out: &mut String, text: &str, lines: bool) {
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' | '\t' if lines => out.push(c),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => {}
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
}

/// What `zongwu new` writes for a kind: a head, the keys to fill in (each with its
/// comment), and a tail of commented keys.
pub struct NewRecord {
    /// Text before the keys (a table's header).
    pub head: &'static str,
    /// The keys, aligned and commented in the language asked for.
    pub lines: Vec<Line>,
    /// Text after the keys: optional keys, commented out.
    pub tail: &'static str,
}

/// A key of a new record: its line, and the comment that says what to fill in.
pub struct Line {
    key: &'static str,
    value: String,
    zh: &'static str,
    en: &'static str,
}

/// A key of a new record with its value and its comment in Chinese and in English.
pub fn line(key: &'static str, value: impl ToString, zh: &'static str, en: &'static str) -> Line {
    Line {
        key,
        value: value.to_string(),
        zh,
        en,
    }
}

/// The text of a new record of `kind`: every required key, a comment on each, today's
/// date where the kind has one. Blank texts are placeholders that `check` reports
/// until they are filled in.
pub fn record_text(kind: Kind, title: Option<&str>, today: NaiveDate, lang: Lang) -> String {
    let title = quoted(title.unwrap_or(""));
    let new = dispatch!(kind, K => K::new_record(&title, today));
    new_text(new, lang)
}

/// The text of a new record: its head, its keys aligned with their comments in
/// `lang`, its tail.
pub fn new_text(new: NewRecord, lang: Lang) -> String {
    let NewRecord { head, lines, tail } = new;
    let text = |l: &Line| format!("{} = {}", l.key, l.value);
    let width = lines
        .iter()
        .map(|l| display_width(&text(l)))
        .max()
        .unwrap_or(0);
    let mut out = String::from(head);
    for l in &lines {
        let text = text(l);
        let pad = width - display_width(&text);
        out.push_str(&format!(
            "{text}{}  # {}\n",
            " ".repeat(pad),
            lang.pick(l.zh, l.en)
        ));
    }
    out.push_str(tail);
    out
}

/// The id and the file of a new record of `kind` (not a budget, whose id is its
/// month) first dated `day`, after every record of `records` (whose files are in
/// `sources`, under `root`): [`next_id`] at [`new_record_path`].
pub fn next_record(
    root: &Path,
    records: &Records,
    sources: &SourceMap,
    kind: Kind,
    day: NaiveDate,
) -> (String, PathBuf) {
    let ids = records.ids.get(&kind).into_iter().flatten();
    let existing: Vec<(&str, PathBuf)> = ids
        .map(|(id, file)| (id.as_str(), root.join(&sources.get(*file).path)))
        .collect();
    let id = next_id(kind, existing.iter().map(|(id, _)| *id), day);
    let beside = existing.iter().map(|(id, path)| (*id, path.as_path()));
    let path = new_record_path(root, kind, &id, beside);
    (id, path)
}

/// Where `zongwu new` puts the record `id` of `kind`, given the existing records of
/// the kind and their files: beside the last record of its id's pattern; when it is the
/// first of its year, beside the last of the most recent pattern, in a folder of its own
/// year where that one is in a folder of its year (`repairs/2012/` → `repairs/2026/`);
/// else in the kind's folder.
pub fn new_record_path<'a>(
    root: &Path,
    kind: Kind,
    id: &str,
    existing: impl Iterator<Item = (&'a str, &'a Path)>,
) -> PathBuf {
    let existing: Vec<(&str, &Path)> = existing.collect();
    let numbered = numbered(existing.iter().map(|(id, _)| *id));
    let last_of = |pattern: &str| {
        existing
            .iter()
            .zip(&numbered)
            .filter(|(_, (p, _))| *p == pattern)
            .max_by_key(|(_, (_, n))| n.parse::<u64>().unwrap_or(0))
            .map(|((_, path), (p, _))| (*p, *path))
    };
    let pattern = id.trim_end_matches(|c: char| c.is_ascii_digit());
    let latest = numbered.iter().map(|(p, _)| *p).max();
    let beside = last_of(pattern).or_else(|| last_of(latest?));
    let folder = beside.and_then(|(its_pattern, path)| {
        let folder = path.parent()?;
        let by_year = year_in(its_pattern)
            .is_some_and(|(_, year, _)| folder.file_name().is_some_and(|n| n == year));
        Some(match year_in(pattern) {
            Some((_, year, _)) if by_year => folder.with_file_name(year),
            _ => folder.to_path_buf(),
        })
    });
    folder
        .unwrap_or_else(|| root.join(kind.folder()))
        .join(format!("{id}.toml"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day() -> NaiveDate {
        NaiveDate::from_ymd_opt(2012, 9, 5).unwrap()
    }

    #[test]
    fn next_id_follows_the_pattern() {
        let ids = ["R-2011-0099", "R-2012-0041", "R-2012-0042", "misc"];
        assert_eq!(next_id(Kind::Repair, ids.into_iter(), day()), "R-2012-0043");
        assert_eq!(
            next_id(Kind::Asset, ["A-9", "A-10"].into_iter(), day()),
            "A-11"
        );
        assert_eq!(
            next_id(Kind::Asset, std::iter::empty(), day()),
            "A-2012-0001"
        );
        assert_eq!(
            next_id(Kind::Purchase, ["P-000123"].into_iter(), day()),
            "P-000124"
        );
    }

    #[test]
    fn next_id_takes_the_year_of_the_records_date() {
        let in_2026 = NaiveDate::from_ymd_opt(2026, 3, 1).unwrap();
        let ids = ["A-2011-0099", "A-2012-0004"];
        assert_eq!(
            next_id(Kind::Asset, ids.into_iter(), in_2026),
            "A-2026-0001"
        );
        let ids = ["A-2012-0004", "A-2026-0007", "A-2011-0099"];
        assert_eq!(next_id(Kind::Asset, ids.into_iter(), day()), "A-2012-0005");
        assert_eq!(
            next_id(Kind::Asset, ids.into_iter(), in_2026),
            "A-2026-0008"
        );
        assert_eq!(
            next_id(Kind::Repair, ["R-2011-042"].into_iter(), in_2026),
            "R-2026-001",
            "padded alike"
        );
    }

    #[test]
    fn a_new_record_goes_beside_its_pattern_in_its_years_folder() {
        let root = Path::new("r");
        let existing = [
            ("A-2011-0001", Path::new("r/assets/2011/A-2011-0001.toml")),
            ("A-2012-0004", Path::new("r/assets/2012/A-2012-0004.toml")),
        ];
        let path = |id| new_record_path(root, Kind::Asset, id, existing.iter().copied());
        assert_eq!(
            path("A-2012-0005"),
            Path::new("r/assets/2012/A-2012-0005.toml")
        );
        assert_eq!(
            path("A-2026-0001"),
            Path::new("r/assets/2026/A-2026-0001.toml")
        );
        let flat = [("A-2012-0004", Path::new("r/assets/A-2012-0004.toml"))];
        assert_eq!(
            new_record_path(root, Kind::Asset, "A-2026-0001", flat.into_iter()),
            Path::new("r/assets/A-2026-0001.toml")
        );
        assert_eq!(
            new_record_path(root, Kind::Budget, "2026-12", std::iter::empty()),
            Path::new("r/budgets/2026-12.toml")
        );
    }

    #[test]
    fn write_new_never_overwrites() {
        let dir = std::env::temp_dir().join(format!("zongwu-create-{}", std::process::id()));
        let path = dir.join("a/R-1.toml");
        write_new(&path, b"one").unwrap();
        assert!(write_new(&path, b"two").is_err());
        assert_eq!(std::fs::read(&path).unwrap(), b"one");
        assert_eq!(
            std::fs::read_dir(path.parent().unwrap()).unwrap().count(),
            1,
            "no temporary file left"
        );
        std::fs::remove_dir_all(dir).unwrap();
    }
}
