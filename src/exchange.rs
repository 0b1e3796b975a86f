//! Spreadsheets in and out: `zongwu export` writes a kind's records as CSV or XLSX;
//! `zongwu import` reads such a sheet (columns by header, English keys or the usual
//! Chinese headers), checks every row as the record it would become, and only if all
//! rows are valid writes one record file per row, with new ids.

use crate::amount::Amount;
use crate::model::{Kind, Records};

/// How a column's cells become TOML values.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Type {
    Text,
    Date,
    Amount,
    Integer,
    List,
}

/// A column: the record key, its Chinese header and other accepted headers.
struct Column {
    key: &'static str,
    zh: &'static str,
    aliases: &'static [&'static str],
    kind: Type,
}

const fn col(
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

/// The columns of assets, in the order of FORMAT.md.
const ASSET: &[Column] = &[
    col("name", "名称", &["资产名称", "品名"], Type::Text),
    col("category", "类别", &["分类", "资产类别"], Type::Text),
    col("location", "存放地点", &["地点", "位置"], Type::Text),
    col("custodian", "保管人", &["责任人", "使用人"], Type::Text),
    col("quantity", "数量", &[], Type::Integer),
    col("unit", "单位", &["计量单位"], Type::Text),
    col("unit_price", "单价", &["单价(元)", "价格"], Type::Amount),
    col(
        "acquired",
        "购置日期",
        &["入账日期", "购入日期"],
        Type::Date,
    ),
    col("purchase", "来源采购", &["采购编号"], Type::Text),
    col("disposed", "报废日期", &[], Type::Date),
    col("disposal_reason", "报废原因", &[], Type::Text),
    col("tags", "标签", &[], Type::List),
    col("notes", "备注", &[], Type::Text),
];

/// The columns of repairs, in the order of FORMAT.md.
const REPAIR: &[Column] = &[
    col("title", "报修内容", &["事项", "故障"], Type::Text),
    col("location", "地点", &["报修地点", "位置"], Type::Text),
    col("asset", "资产编号", &["资产"], Type::Text),
    col("reported", "报修日期", &[], Type::Date),
    col("reporter", "报修人", &[], Type::Text),
    col("responsible_class", "责任班级", &["班级"], Type::Text),
    col("assignee", "维修人", &[], Type::Text),
    col("fixed", "维修日期", &["完成日期"], Type::Date),
    col("verified", "验收日期", &[], Type::Date),
    col("cost", "费用", &["维修费用", "费用(元)"], Type::Amount),
    col("notes", "备注", &[], Type::Text),
];

/// The columns of a kind, where zongwu can exchange it as a flat sheet.
fn columns(kind: Kind) -> Option<&'static [Column]> {
    match kind {
        Kind::Asset => Some(ASSET),
        Kind::Repair => Some(REPAIR),
        _ => None,
    }
}

/// A sheet of text cells with a header row.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Sheet {
    /// The header row.
    pub headers: Vec<String>,
    /// The data rows.
    pub rows: Vec<Vec<String>>,
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
    /// The kind has no flat sheet form.
    Unsupported(Kind),
    /// The file could not be read or written.
    File(String),
    /// Rows or headers that are wrong: `(row, column header, message)`; row 1 is the header.
    Rows(Vec<(usize, String, String)>),
}

/// The id column, first in every exported sheet; ignored on import (ids are new).
const ID: (&str, &str) = ("id", "编号");

/// The records of a kind as a sheet, with Chinese or English headers.
pub fn export(records: &Records, kind: Kind, chinese: bool) -> Result<Sheet, ExchangeError> {
    let columns = columns(kind).ok_or(ExchangeError::Unsupported(kind))?;
    let mut headers = vec![if chinese { ID.1 } else { ID.0 }.to_owned()];
    headers.extend(
        columns
            .iter()
            .map(|c| if chinese { c.zh } else { c.key }.to_owned()),
    );
    let date = |d: &crate::model::Field<chrono::NaiveDate>| d.to_string();
    let opt = |s: &Option<String>| s.clone().unwrap_or_default();
    let rows = match kind {
        Kind::Asset => records
            .assets
            .iter()
            .map(|a| {
                vec![
                    a.origin.id.to_string(),
                    a.name.clone(),
                    a.category.clone(),
                    a.location.clone(),
                    opt(&a.custodian),
                    a.quantity.to_string(),
                    opt(&a.unit),
                    a.unit_price.to_string(),
                    date(&a.acquired),
                    a.purchase
                        .as_ref()
                        .map(|p| p.to_string())
                        .unwrap_or_default(),
                    a.disposed.as_ref().map(date).unwrap_or_default(),
                    opt(&a.disposal_reason),
                    a.tags.join("、"),
                    opt(&a.notes),
                ]
            })
            .collect(),
        _ => records
            .repairs
            .iter()
            .map(|r| {
                vec![
                    r.origin.id.to_string(),
                    r.title.clone(),
                    r.location.clone(),
                    r.asset.as_ref().map(|a| a.to_string()).unwrap_or_default(),
                    date(&r.reported),
                    r.reporter.clone(),
                    opt(&r.responsible_class),
                    opt(&r.assignee),
                    r.fixed.as_ref().map(date).unwrap_or_default(),
                    r.verified.as_ref().map(date).unwrap_or_default(),
                    r.cost.map(|c| c.to_string()).unwrap_or_default(),
                    opt(&r.notes),
                ]
            })
            .collect(),
    };
    Ok(Sheet { headers, rows })
}

/// Finds the column of each header; unknown and repeated headers are errors.
fn map_headers(
    kind: Kind,
    headers: &[String],
) -> Result<Vec<Option<&'static Column>>, ExchangeError> {
    let columns = columns(kind).ok_or(ExchangeError::Unsupported(kind))?;
    let mut errors = Vec::new();
    let mut seen: Vec<&str> = Vec::new();
    let mapped = headers
        .iter()
        .map(|h| {
            let h = h.trim().trim_start_matches('\u{feff}');
            if h == ID.0 || h == ID.1 {
                return None;
            }
            let found = columns
                .iter()
                .find(|c| c.key.eq_ignore_ascii_case(h) || c.zh == h || c.aliases.contains(&h));
            match found {
                Some(c) if seen.contains(&c.key) => {
                    errors.push((1, h.to_owned(), format!("column repeated: {}", c.key)))
                }
                Some(c) => seen.push(c.key),
                None if h.is_empty() => {}
                None => {
                    let names = columns.iter().flat_map(|c| [c.key, c.zh]);
                    let hint = crate::parse::closest(h, names)
                        .map(|s| format!("; did you mean {s}?"))
                        .unwrap_or_default();
                    errors.push((1, h.to_owned(), format!("unknown column{hint}")));
                }
            }
            found
        })
        .collect();
    if errors.is_empty() {
        Ok(mapped)
    } else {
        Err(ExchangeError::Rows(errors))
    }
}

/// A cell as a TOML value of its column's type. Cells that are not of the type are
/// written as strings, so that the record check reports them as it would in a file.
fn value(kind: Type, cell: &str) -> String {
    let quoted = format!(
        "\"{}\"",
        cell.replace('\\', "\\\\")
            .replace('"', "\\\"")
            .replace('\n', "\\n")
            .replace('\r', "")
    );
    match kind {
        Type::Date if chrono::NaiveDate::parse_from_str(cell, "%Y-%m-%d").is_ok() => {
            cell.to_owned()
        }
        Type::Amount if Amount::parse(cell).is_ok() => cell.to_owned(),
        Type::Integer if cell.parse::<u32>().is_ok() => cell.to_owned(),
        Type::List => {
            let items: Vec<String> = cell
                .split(['、', ',', ','])
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(|s| value(Type::Text, s))
                .collect();
            format!("[{}]", items.join(", "))
        }
        _ => quoted,
    }
}

/// The TOML text of each row, with the column header of each line (for errors).
pub fn rows_to_toml(
    kind: Kind,
    sheet: &Sheet,
) -> Result<Vec<(String, Vec<String>)>, ExchangeError> {
    let mapped = map_headers(kind, &sheet.headers)?;
    Ok(sheet
        .rows
        .iter()
        .map(|row| {
            let mut text = String::new();
            let mut lines = Vec::new();
            for ((cell, column), header) in row.iter().zip(&mapped).zip(&sheet.headers) {
                let (Some(column), cell) = (column, cell.trim()) else {
                    continue;
                };
                if cell.is_empty() {
                    continue;
                }
                text.push_str(&format!("{} = {}\n", column.key, value(column.kind, cell)));
                lines.push(header.clone());
            }
            (text, lines)
        })
        .collect())
}

/// Reads a sheet from a file (CSV by default, XLSX by extension or format).
pub fn read(path: &std::path::Path, format: Format) -> Result<Sheet, ExchangeError> {
    let failed = |e: String| ExchangeError::File(format!("{}: {e}", path.display()));
    let mut rows: Vec<Vec<String>> = match format {
        Format::Csv => {
            let bytes = std::fs::read(path).map_err(|e| failed(e.to_string()))?;
            let text = String::from_utf8(bytes)
                .map_err(|_| failed("not UTF-8; save it as \"CSV UTF-8\"".into()))?;
            let mut reader = csv::ReaderBuilder::new()
                .has_headers(false)
                .flexible(true)
                .from_reader(text.as_bytes());
            reader
                .records()
                .map(|r| {
                    r.map(|r| r.iter().map(str::to_owned).collect())
                        .map_err(|e| failed(e.to_string()))
                })
                .collect::<Result<_, _>>()?
        }
        Format::Xlsx => {
            use calamine::Reader;
            let mut book = calamine::open_workbook_auto(path).map_err(|e| failed(e.to_string()))?;
            let range = book
                .worksheet_range_at(0)
                .ok_or_else(|| failed("no worksheet".into()))?
                .map_err(|e| failed(e.to_string()))?;
            range
                .rows()
                .map(|row| row.iter().map(cell_text).collect())
                .collect()
        }
    };
    rows.retain(|r| r.iter().any(|c| !c.trim().is_empty()));
    if rows.is_empty() {
        return Ok(Sheet::default());
    }
    let headers = rows.remove(0);
    Ok(Sheet { headers, rows })
}

/// The text of a spreadsheet cell; dates as `YYYY-MM-DD`.
fn cell_text(cell: &calamine::Data) -> String {
    match cell {
        calamine::Data::DateTime(dt) => dt
            .as_datetime()
            .map_or_else(|| dt.to_string(), |d| d.date().to_string()),
        calamine::Data::DateTimeIso(s) => s.get(..10).unwrap_or(s).to_owned(),
        calamine::Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{f:.0}"),
        other => other.to_string(),
    }
}

/// Writes a sheet as bytes of the format.
pub fn write(sheet: &Sheet, format: Format) -> Result<Vec<u8>, ExchangeError> {
    match format {
        Format::Csv => {
            let mut out = b"\xEF\xBB\xBF".to_vec();
            {
                let mut writer = csv::Writer::from_writer(&mut out);
                let all = std::iter::once(&sheet.headers).chain(&sheet.rows);
                for row in all {
                    writer
                        .write_record(row)
                        .map_err(|e| ExchangeError::File(e.to_string()))?;
                }
                writer
                    .flush()
                    .map_err(|e| ExchangeError::File(e.to_string()))?;
            }
            Ok(out)
        }
        Format::Xlsx => {
            let mut book = rust_xlsxwriter::Workbook::new();
            let sheet_out = book.add_worksheet();
            let failed = |e: rust_xlsxwriter::XlsxError| ExchangeError::File(e.to_string());
            for (c, header) in sheet.headers.iter().enumerate() {
                sheet_out
                    .write_string(0, c as u16, header)
                    .map_err(failed)?;
            }
            for (r, row) in sheet.rows.iter().enumerate() {
                for (c, cell) in row.iter().enumerate() {
                    let (r, c) = (r as u32 + 1, c as u16);
                    match cell.parse::<f64>() {
                        Ok(n)
                            if !cell.starts_with('0') || cell == "0" || cell.starts_with("0.") =>
                        {
                            sheet_out.write_number(r, c, n)
                        }
                        _ => sheet_out.write_string(r, c, cell),
                    }
                    .map_err(failed)?;
                }
            }
            book.save_to_buffer().map_err(failed)
        }
    }
}

/// A record file that an import will write.
pub struct NewFile {
    /// Its path, relative to the records directory.
    pub path: String,
    /// Its text.
    pub text: String,
}

/// Checks every row of a sheet as the record it would become (alone, and with the
/// existing records for ids and references) and returns the files to write, or every
/// problem by row and column.
pub fn import(
    loaded: &crate::load::Loaded,
    kind: Kind,
    sheet: &Sheet,
    lang: crate::Lang,
    today: chrono::NaiveDate,
) -> Result<Vec<NewFile>, ExchangeError> {
    use crate::model::{Origin, RecordId};
    use crate::parse::{self, Parsed, Sink};
    let rows = rows_to_toml(kind, sheet)?;
    let mut records = loaded.records.clone();
    let mut sources = loaded.sources.clone();
    let mut files = Vec::new();
    let mut diags = Vec::new();
    let first = sources.len();
    for (text, _) in &rows {
        let existing = records
            .ids
            .get(&kind)
            .into_iter()
            .flatten()
            .map(|(id, _)| id.as_str());
        let id = crate::create::next_id(kind, existing, today);
        let path = format!("{}/{id}.toml", kind.folder());
        let file = sources.push(crate::source::Source {
            path: path.clone(),
            text: text.clone(),
        });
        let mut sink = Sink {
            file,
            diags: Vec::new(),
        };
        let origin = Origin {
            id: RecordId(id.clone()),
            file,
        };
        match parse::record(kind, origin, text, &mut sink) {
            Some(Parsed::Asset(a)) => records.assets.push(a),
            Some(Parsed::Repair(r)) => records.repairs.push(r),
            _ => {}
        }
        diags.extend(sink.diags);
        records
            .ids
            .entry(kind)
            .or_default()
            .push((RecordId(id), file));
        files.push(NewFile {
            path,
            text: text.clone(),
        });
    }
    diags.extend(
        crate::check::check(&records, &sources)
            .into_iter()
            .filter(|d| d.file.0 as usize >= first),
    );
    crate::diag::sort(&mut diags);
    let errors: Vec<(usize, String, String)> = diags
        .iter()
        .filter(|d| d.severity() == crate::diag::Severity::Error)
        .map(|d| {
            let n = d.file.0 as usize - first;
            let (text, headers) = &rows[n];
            let column = match d.span {
                Some(span) => {
                    let line = text[..span.start as usize].matches('\n').count();
                    headers.get(line).cloned().unwrap_or_default()
                }
                None => columns(kind)
                    .into_iter()
                    .flatten()
                    .find(|c| {
                        d.problem
                            .message(crate::Lang::En)
                            .contains(&format!("`{}`", c.key))
                    })
                    .map_or_else(String::new, |c| format!("{}/{}", c.zh, c.key)),
            };
            (n + 2, column, d.problem.message(lang))
        })
        .collect();
    if errors.is_empty() {
        Ok(files)
    } else {
        Err(ExchangeError::Rows(errors))
    }
}
