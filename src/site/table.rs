//! Tables as the site shows them: headers and cells already formatted, with links
//! and sort keys. Index pages, sub-tables and CSV downloads all come from [`Table`].

use super::html::escape_into;

/// One cell.
#[derive(Clone, Debug, Default, serde::Serialize)]
pub struct Cell {
    /// The text shown (escaped by the template).
    pub text: String,
    /// A relative link, when the cell names a page.
    pub href: Option<String>,
    /// A key to sort by when the text does not sort well (dates, amounts).
    pub sort: Option<String>,
    /// A CSS class of the cell: `num` for numbers.
    pub class: Option<&'static str>,
    /// The CSS class of a status badge shown in the cell (`status status-open`): the
    /// badge is an element inside the cell, so the cell keeps the table's layout.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub badge: Option<String>,
    /// The semester figure the cell shows, if it shows one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub figure: Option<Tag>,
    /// Several links shown in the cell, in place of its text.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<Link>,
    /// A title: the exact value of a rounded figure.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// What stands between its links (`、`).
    #[serde(skip)]
    pub separator: &'static str,
}

/// A link: its text and where it leads.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Link {
    /// The text shown.
    pub text: String,
    /// A relative link.
    pub href: String,
}

/// The mark of an element that shows a semester figure: `data-figure` names it
/// (`2011-2012-1/stats.repairs.open`), `data-value` holds its value exactly as
/// `zongwu stats --format json` prints it.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Tag {
    /// `SEMESTER-ID/stats.NAME`.
    pub figure: String,
    /// The raw value.
    pub value: String,
    /// The previous semester's raw value of the same figure, where there is one to
    /// compare with (`data-previous`).
    pub previous: Option<String>,
    /// The change from it as shown: `▲ 3`, `▼ 12%`, `±0`.
    pub change: Option<String>,
}

impl Cell {
    /// A plain text cell.
    pub fn text(text: impl Into<String>) -> Cell {
        Cell {
            text: text.into(),
            ..Cell::default()
        }
    }

    /// A cell linking to a page.
    pub fn link(text: impl Into<String>, href: String) -> Cell {
        Cell {
            text: text.into(),
            href: Some(href),
            ..Cell::default()
        }
    }

    /// A right-aligned number, sorting by its value.
    pub fn num(text: impl ToString, sort: impl ToString) -> Cell {
        Cell {
            text: text.to_string(),
            sort: Some(sort.to_string()),
            class: Some("num"),
            ..Cell::default()
        }
    }

    /// The same cell, marked as showing a semester figure.
    pub fn tagged(self, tag: Tag) -> Cell {
        Cell {
            figure: Some(tag),
            ..self
        }
    }

    /// A status badge.
    pub fn status(text: &str, status: &str) -> Cell {
        Cell {
            text: text.to_owned(),
            badge: Some(format!("status status-{status}")),
            ..Cell::default()
        }
    }
}

/// A table with its headers. Templates get its headers, which columns are numeric,
/// and its rows as HTML (`body`: the `<tr>` elements of its `<tbody>`, a line each,
/// every value escaped), written here rather than by a template loop: at 100,000
/// records, laying out rows cell by cell in Tera was most of a build's time.
#[derive(Clone, Debug, Default)]
pub struct Table {
    /// Column headers.
    pub headers: Vec<String>,
    /// Which columns hold numbers (right-aligned).
    pub numeric: Vec<bool>,
    /// The rows.
    pub rows: Vec<Vec<Cell>>,
    /// Rows already written as HTML ([`Table::written_row`]), shown after `rows`: a
    /// row that many tables show (an asset card, in each semester's lists of records)
    /// is written once. They are not in the table's CSV.
    pub written: Vec<std::sync::Arc<str>>,
}

impl serde::Serialize for Table {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let written: usize = self.written.iter().map(|r| r.len()).sum();
        let mut body = String::with_capacity(self.rows.len() * 200 + written);
        for row in &self.rows {
            write_row(&mut body, row);
        }
        for row in &self.written {
            body.push_str(row);
        }
        let mut table = s.serialize_struct("Table", 3)?;
        table.serialize_field("headers", &self.headers)?;
        table.serialize_field("numeric", &self.numeric)?;
        let spliced = SPLICED.with_borrow_mut(|rows| match rows {
            Some(rows) if !body.is_empty() => {
                rows.push(std::mem::take(&mut body));
                true
            }
            _ => false,
        });
        table.serialize_field("body", if spliced { MARK.as_str() } else { &body })?;
        table.end()
    }
}

thread_local! {
    /// While a page is laid out by [`splice_rows`]: the rows of each table it holds,
    /// in the order they were handed to its template.
    static SPLICED: std::cell::RefCell<Option<Vec<String>>> = const { std::cell::RefCell::new(None) };
}

/// What a template gets in place of a table's rows while [`splice_rows`] lays a page
/// out. A record's text may hold control characters, so the mark holds a number drawn
/// afresh by each run, which no record can know; it never reaches a page.
static MARK: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
    use std::hash::{BuildHasher, Hasher};
    let drawn = std::collections::hash_map::RandomState::new()
        .build_hasher()
        .finish();
    format!("\u{1}zongwu:rows:{drawn:016x}\u{1}")
});

/// Lays out a page (`lay_out` hands its tables to the template and runs it) with each
/// table's rows put in after the template has run, where it wrote them: a list's rows
/// are most of its page, and copied once this way rather than through the template's
/// values and its output. Should the page not hold exactly one mark per table (a
/// template of the office's own may leave rows out), it is laid out again as is.
pub fn splice_rows<E>(mut lay_out: impl FnMut() -> Result<Vec<u8>, E>) -> Result<Vec<u8>, E> {
    SPLICED.set(Some(Vec::new()));
    let page = lay_out();
    let rows = SPLICED.take().unwrap_or_default();
    let page = page?;
    if rows.is_empty() {
        return Ok(page);
    }
    // The marks, found by their first byte (a fast search for one byte).
    let mark = MARK.as_bytes();
    let marks: Vec<usize> = memchr::memchr_iter(mark[0], &page)
        .filter(|&at| page[at..].starts_with(mark))
        .collect();
    if marks.len() != rows.len() {
        return lay_out();
    }
    let mut out = Vec::with_capacity(page.len() + rows.iter().map(String::len).sum::<usize>());
    let mut from = 0;
    for (at, rows) in marks.into_iter().zip(&rows) {
        out.extend_from_slice(&page[from..at]);
        out.extend_from_slice(rows.as_bytes());
        from = at + mark.len();
    }
    out.extend_from_slice(&page[from..]);
    Ok(out)
}

/// Appends a row as a line of HTML.
fn write_row(out: &mut String, row: &[Cell]) {
    out.push_str("\n<tr>");
    for cell in row {
        cell.write(out);
    }
    out.push_str("</tr>");
}

impl Cell {
    /// Appends the cell as a `<td>` element.
    fn write(&self, out: &mut String) {
        let attribute = |out: &mut String, name: &str, value: &str| {
            out.push_str(name);
            out.push_str("=\"");
            escape_into(out, value);
            out.push('"');
        };
        out.push_str("<td");
        if let Some(class) = self.class.filter(|c| !c.is_empty()) {
            attribute(out, " class", class);
        }
        // A key equal to the text is the text the sorting script reads without it.
        if let Some(sort) = self.sort.as_ref().filter(|s| **s != self.text) {
            attribute(out, " data-sort", sort);
        }
        if let Some(title) = self.title.as_deref().filter(|t| !t.is_empty()) {
            attribute(out, " title", title);
        }
        if let Some(tag) = &self.figure {
            attribute(out, " data-figure", &tag.figure);
            attribute(out, " data-value", &tag.value);
            if let Some(previous) = &tag.previous {
                attribute(out, " data-previous", previous);
            }
        }
        out.push('>');
        let link = |out: &mut String, href: &str, text: &str| {
            attribute(out, "<a href", href);
            out.push('>');
            escape_into(out, text);
            out.push_str("</a>");
        };
        match (&self.badge, &self.href) {
            (Some(badge), _) if !badge.is_empty() => {
                attribute(out, "<span class", badge);
                out.push('>');
                escape_into(out, &self.text);
                out.push_str("</span>");
            }
            (_, Some(href)) if !href.is_empty() => link(out, href, &self.text),
            _ if !self.links.is_empty() => {
                for (n, l) in self.links.iter().enumerate() {
                    if n > 0 {
                        escape_into(out, self.separator);
                    }
                    link(out, &l.href, &l.text);
                }
            }
            _ => escape_into(out, &self.text),
        }
        if let Some(change) = self.figure.as_ref().and_then(|t| t.change.as_deref()) {
            attribute(out, "<span class", "change");
            out.push('>');
            escape_into(out, change);
            out.push_str("</span>");
        }
        out.push_str("</td>");
    }
}

impl Table {
    /// An empty table with these headers; a header ending in `#` is numeric.
    pub fn new(headers: &[&str]) -> Table {
        Table {
            headers: headers
                .iter()
                .map(|h| h.trim_end_matches('#').to_owned())
                .collect(),
            numeric: headers.iter().map(|h| h.ends_with('#')).collect(),
            rows: Vec::new(),
            written: Vec::new(),
        }
    }

    /// How many rows it has, written or not.
    pub fn len(&self) -> usize {
        self.rows.len() + self.written.len()
    }

    /// Whether it has no rows.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// A row written as HTML once, to be shown in many tables ([`Table::written`]).
    pub fn written_row(row: &[Cell]) -> std::sync::Arc<str> {
        let mut out = String::with_capacity(256);
        write_row(&mut out, row);
        out.into()
    }

    /// Adds a row.
    pub fn push(&mut self, row: Vec<Cell>) {
        debug_assert_eq!(row.len(), self.headers.len());
        self.rows.push(row);
    }

    /// Adds a row for each of `which`, made by `row`: in parallel for a long list.
    pub fn extend<F>(&mut self, which: impl Iterator<Item = usize>, row: F)
    where
        F: Fn(usize) -> Vec<Cell> + Sync,
    {
        use rayon::prelude::*;
        let which: Vec<usize> = which.collect();
        self.rows
            .par_extend(which.par_iter().with_min_len(256).map(|&i| row(i)));
        debug_assert!(self.rows.iter().all(|r| r.len() == self.headers.len()));
    }

    /// The table as CSV, UTF-8 with a byte order mark so that Excel reads Chinese
    /// (long tables written in parallel, a block of rows each).
    pub fn to_csv(&self) -> Vec<u8> {
        use rayon::prelude::*;
        let lines = |rows: &mut dyn Iterator<Item = Vec<std::borrow::Cow<'_, str>>>| {
            let mut out = Vec::new();
            {
                let mut writer = csv::WriterBuilder::new()
                    .terminator(csv::Terminator::CRLF)
                    .from_writer(&mut out);
                // Writing to a Vec cannot fail.
                for row in rows {
                    let _ = writer.write_record(row.iter().map(|c| c.as_bytes()));
                }
                let _ = writer.flush();
            }
            out
        };
        let headers = lines(&mut std::iter::once(
            self.headers.iter().map(|h| h.as_str().into()).collect(),
        ));
        let blocks: Vec<Vec<u8>> = self
            .rows
            .par_chunks(1024)
            .map(|rows| {
                lines(
                    &mut rows
                        .iter()
                        .map(|r| r.iter().map(|c| csv_safe(&c.text)).collect()),
                )
            })
            .collect();
        [b"\xEF\xBB\xBF".to_vec(), headers]
            .into_iter()
            .chain(blocks)
            .flatten()
            .collect()
    }
}

/// Defuses spreadsheet formulas: a cell starting with `=`, `+`, `-`, `@` gets a `'`.
pub fn csv_safe(text: &str) -> std::borrow::Cow<'_, str> {
    match text.chars().next() {
        Some('=' | '+' | '@' | '\t' | '\r') => format!("'{text}").into(),
        Some('-') if text.parse::<f64>().is_err() => format!("'{text}").into(),
        _ => text.into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_are_spliced_in_where_the_template_puts_them_or_the_page_is_laid_out_as_is() {
        let mut t = Table::new(&["名称"]);
        t.push(vec![Cell::text("<书架>")]);
        t.written.push(Table::written_row(&[Cell::text("桌")]));
        let lay_out = |t: &Table, template: &str| {
            let mut tera = tera::Tera::default();
            tera.add_raw_template("t", template).unwrap();
            let mut context = tera::Context::new();
            splice_rows(|| {
                context.insert("t", t);
                let mut page = Vec::new();
                tera.render_to("t", &context, &mut page).map(|()| page)
            })
            .map(|page| String::from_utf8(page).unwrap())
            .unwrap()
        };
        let rows = "\n<tr><td>&lt;书架&gt;</td></tr>\n<tr><td>桌</td></tr>";
        assert_eq!(
            lay_out(&t, "<tbody>{{ t.body | safe }}</tbody>"),
            format!("<tbody>{rows}</tbody>")
        );
        // Twice, or not at all: laid out again with the rows as the template's value.
        assert_eq!(
            lay_out(&t, "{{ t.body | safe }}|{{ t.body | safe }}"),
            format!("{rows}|{rows}")
        );
        assert_eq!(lay_out(&t, "{{ t.headers[0] }}"), "名称");
        // A record's text holding what looks like a mark is only text.
        t.headers[0] = "\u{1}zongwu:rows\u{1}".to_owned();
        assert_eq!(
            lay_out(&t, "{{ t.headers[0] | safe }}"),
            "\u{1}zongwu:rows\u{1}"
        );
        assert!(SPLICED.with_borrow(Option::is_none), "left as it was");
    }

    #[test]
    fn csv_has_bom_quotes_and_no_formulas() {
        let mut t = Table::new(&["名称", "金额#"]);
        t.push(vec![Cell::text("书架, 大"), Cell::num("650.00", 65000)]);
        t.push(vec![
            Cell::text("=HYPERLINK(\"x\")"),
            Cell::num("-1.00", -100),
        ]);
        let csv = String::from_utf8(t.to_csv()).unwrap();
        assert_eq!(
            csv,
            "\u{feff}名称,金额\r\n\"书架, 大\",650.00\r\n\"'=HYPERLINK(\"\"x\"\")\",-1.00\r\n"
        );
        assert_eq!(t.numeric, vec![false, true]);
    }
}
