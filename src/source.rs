//! The text of every file read, and positions in it: [`SourceMap`], [`FileId`], [`Span`].
//!
//! Records keep byte spans; only diagnostics turn them into lines and columns.

use std::ops::Range;

/// The index of a file in the [`SourceMap`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FileId(pub u32);

/// A byte range inside one file's text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Span {
    /// First byte.
    pub start: u32,
    /// One past the last byte.
    pub end: u32,
}

impl Span {
    /// The byte range as `usize`.
    pub fn range(self) -> Range<usize> {
        self.start as usize..self.end as usize
    }
}

impl From<Range<usize>> for Span {
    fn from(r: Range<usize>) -> Span {
        let clamp = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        Span {
            start: clamp(r.start),
            end: clamp(r.end),
        }
    }
}

/// A value with the span it was written at (a default value has an empty span).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Sp<T> {
    /// The value.
    pub value: T,
    /// Where it stands in its file.
    pub span: Span,
}

impl<T> std::ops::Deref for Sp<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.value
    }
}

impl<T: serde::Serialize> serde::Serialize for Sp<T> {
    /// Transparent where people read it (templates, JSON): only the value. A binary
    /// format (the build's cache of parsed records) keeps the span as well, so that a
    /// record read back points its diagnostics at the right spot.
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if s.is_human_readable() {
            self.value.serialize(s)
        } else {
            (&self.value, self.span.start, self.span.end).serialize(s)
        }
    }
}

impl<'de, T: serde::Deserialize<'de>> serde::Deserialize<'de> for Sp<T> {
    /// The other way round from serialising: a bare value (with no span) from text,
    /// the value and its span from a binary format.
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Sp<T>, D::Error> {
        if d.is_human_readable() {
            Ok(Sp {
                value: T::deserialize(d)?,
                span: Span::default(),
            })
        } else {
            let (value, start, end) = <(T, u32, u32)>::deserialize(d)?;
            Ok(Sp {
                value,
                span: Span { start, end },
            })
        }
    }
}

impl<T: schemars::JsonSchema> schemars::JsonSchema for Sp<T> {
    fn inline_schema() -> bool {
        T::inline_schema()
    }

    fn schema_name() -> std::borrow::Cow<'static, str> {
        T::schema_name()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        T::json_schema(generator)
    }
}

/// One file read from the records directory.
#[derive(Clone, Debug)]
pub struct Source {
    /// Path relative to the records directory, `/`-separated.
    pub path: String,
    /// The text (empty where the file could not be read as UTF-8, or was not read).
    pub text: String,
    /// Whether the record was taken from the build cache instead of this text, which
    /// is then read only if a diagnostic needs it ([`SourceMap::read_unread`]).
    pub unread: bool,
}

/// A 1-based line and column (in characters).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct LineCol {
    /// Line number, from 1.
    pub line: usize,
    /// Column in characters, from 1.
    pub column: usize,
}

impl Source {
    /// The line and column of a byte offset (clamped to the text).
    pub fn line_col(&self, offset: usize) -> LineCol {
        let offset = floor_char_boundary(&self.text, offset.min(self.text.len()));
        let before = &self.text[..offset];
        let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = before[line_start..].chars().count() + 1;
        LineCol { line, column }
    }

    /// The whole lines that a byte range touches, with the offset where they start.
    pub fn lines_around(&self, range: Range<usize>) -> (usize, &str) {
        let len = self.text.len();
        let start = floor_char_boundary(&self.text, range.start.min(len));
        let end = floor_char_boundary(&self.text, range.end.clamp(start, len));
        let first = self.text[..start].rfind('\n').map_or(0, |i| i + 1);
        let last = self.text[end..].find('\n').map_or(len, |i| end + i);
        (first, &self.text[first..last])
    }
}

/// The largest char boundary at or below `i`.
fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Every file read in one run, indexed by [`FileId`] in path order.
#[derive(Clone, Debug, Default)]
pub struct SourceMap {
    files: Vec<Source>,
    /// The records directory as the command was given it (`records/`, or empty for the
    /// current folder): what makes a file's path one to open from where the command ran.
    base: String,
}

impl SourceMap {
    /// A map of the given files; their order gives their ids.
    pub fn new(files: Vec<Source>) -> SourceMap {
        SourceMap {
            files,
            base: String::new(),
        }
    }

    /// The same files, shown under the records directory `root` as it was given.
    pub fn under(mut self, root: &std::path::Path) -> SourceMap {
        let root = root.to_string_lossy();
        let root = root.trim_start_matches("./").trim_end_matches('/');
        self.base = match root {
            "" | "." => String::new(),
            root => format!("{root}/"),
        };
        self
    }

    /// A file's path as people open it from where the command ran.
    pub fn shown(&self, file: FileId) -> String {
        format!("{}{}", self.base, self.get(file).path)
    }

    /// Adds a file; its id follows the others.
    pub fn push(&mut self, source: Source) -> FileId {
        self.files.push(source);
        FileId(u32::try_from(self.files.len() - 1).unwrap_or(u32::MAX))
    }

    /// How many files there are.
    pub fn len(&self) -> usize {
        self.files.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// The file with this id.
    pub fn get(&self, id: FileId) -> &Source {
        &self.files[id.0 as usize]
    }

    /// Reads the texts of these files if they were not read (under the records
    /// directory `root`), so that diagnostics can quote them. A file that cannot be read
    /// any more is quoted as empty.
    pub fn read_unread(&mut self, root: &std::path::Path, files: impl Iterator<Item = FileId>) {
        for id in files {
            let source = &mut self.files[id.0 as usize];
            if std::mem::take(&mut source.unread) {
                source.text = std::fs::read_to_string(root.join(&source.path)).unwrap_or_default();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_columns_in_characters() {
        let s = Source {
            path: "a.toml".into(),
            text: "a = 1\nname = \"监控\" x\n".into(),
            unread: false,
        };
        let x = s.text.find(" x").unwrap() + 1;
        assert_eq!(
            s.line_col(x),
            LineCol {
                line: 2,
                column: 13
            }
        );
        assert_eq!(s.line_col(0), LineCol { line: 1, column: 1 });
        assert_eq!(s.lines_around(x..x + 1), (6, "name = \"监控\" x"));
    }
}
