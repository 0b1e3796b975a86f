//! Sheets as files: CSV (UTF-8 with a byte order mark, so that Excel opens it) and XLSX.
//! CSV is read as Excel on a Chinese Windows saves it too: GBK/GB18030 or UTF-16, with
//! commas, tabs or semicolons between cells.

use super::{ExchangeError, Format, Row, Sheet};
use crate::site::table::csv_safe;

/// A CSV cell as written before [`csv_safe`] defused it (`'=1` → `=1`).
fn undefused(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if csv_safe(rest).len() > rest.len() => rest,
        _ => cell,
    }
}

/// Whether a cell is a number as people write it (`12`, `850.50`, not `007` or `1e3`),
/// and so a number in Excel.
fn is_plain_number(cell: &str) -> bool {
    let (whole, fraction) = cell.split_once('.').unwrap_or((cell, "0"));
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    digits(whole) && digits(fraction) && (whole == "0" || !whole.starts_with('0'))
}

/// The text of a CSV file: UTF-8 (with or without its byte order mark), UTF-16 (by its
/// byte order mark, or by the zero bytes of mostly-ASCII UTF-16), else GB18030, which
/// is GBK and GB2312 too: what Excel writes on a Chinese Windows.
fn decode(bytes: &[u8]) -> String {
    use encoding_rs::{GB18030, UTF_16BE, UTF_16LE};
    if let Some((encoding, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        return encoding
            .decode_without_bom_handling(&bytes[bom..])
            .0
            .into_owned();
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return text.to_owned();
    }
    let zeros_at = |parity: usize| {
        bytes
            .iter()
            .skip(parity)
            .step_by(2)
            .filter(|b| **b == 0)
            .count()
            * 4
            > bytes.len()
    };
    let encoding = if zeros_at(1) {
        UTF_16LE
    } else if zeros_at(0) {
        UTF_16BE
    } else {
        GB18030
    };
    encoding.decode_without_bom_handling(bytes).0.into_owned()
}

/// The separator of a CSV file: comma, tab or semicolon, whichever its header line has
/// most of outside quotes.
fn separator(text: &str) -> u8 {
    let header = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let mut quoted = false;
    let mut counts = [0usize; 3];
    for c in header.chars() {
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => counts[0] += 1,
            '\t' if !quoted => counts[1] += 1,
            ';' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let best = (0..3)
        .max_by_key(|i| (counts[*i], std::cmp::Reverse(*i)))
        .unwrap_or(0);
    [b',', b'\t', b';'][best]
}

/// Reads a sheet from a file (CSV by default, XLSX by extension or format).
pub fn read(path: &std::path::Path, format: Format) -> Result<Sheet, ExchangeError> {
    let failed = |e: String| ExchangeError::File(format!("{}: {e}", path.display()));
    // Every row with its number in the file (1-based), blank rows dropped.
    let mut first = 1;
    let rows: Vec<Vec<String>> = match format {
        Format::Csv => {
            let bytes = std::fs::read(path).map_err(|e| failed(e.to_string()))?;
            let text = decode(&bytes);
            let mut reader = csv::ReaderBuilder::new()
                .has_headers(false)
                .flexible(true)
                .delimiter(separator(&text))
                .from_reader(text.as_bytes());
            reader
                .records()
                .map(|r| {
                    r.map(|r| r.iter().map(|c| undefused(c).to_owned()).collect())
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
            first += range.start().map_or(0, |(row, _)| row as usize);
            range
                .rows()
                .map(|row| row.iter().map(cell_text).collect())
                .collect()
        }
    };
    let mut rows = rows
        .into_iter()
        .zip(first..)
        .filter(|(cells, _)| cells.iter().any(|c| !c.trim().is_empty()))
        .map(|(cells, line)| Row { line, cells });
    let Some(header) = rows.next() else {
        return Ok(Sheet::default());
    };
    Ok(Sheet {
        headers: header.cells,
        rows: rows.collect(),
    })
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
                let all =
                    std::iter::once(&sheet.headers).chain(sheet.rows.iter().map(|r| &r.cells));
                for row in all {
                    writer
                        .write_record(row.iter().map(|c| csv_safe(c).into_owned()))
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
                for (c, cell) in row.cells.iter().enumerate() {
                    let (r, c) = (r as u32 + 1, c as u16);
                    match cell.parse::<f64>() {
                        Ok(n) if is_plain_number(cell) => sheet_out.write_number(r, c, n),
                        _ => sheet_out.write_string(r, c, cell),
                    }
                    .map_err(failed)?;
                }
            }
            book.save_to_buffer().map_err(failed)
        }
    }
}
