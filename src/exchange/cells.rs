//! One cell ↔ one value: sheet text to TOML on import, record values to text on export.

use super::layout::Type;
use crate::amount::Amount;
use crate::create::{quoted, quoted_lines};
use crate::i18n::Lang;
use crate::parse::slips;
use crate::site::words::word;

/// The spellings of yes and no in sheets.
const YES: &[&str] = &["是", "true", "yes", "y", "1", "√", "✓", "对"];
const NO: &[&str] = &["否", "false", "no", "n", "0", "×", "✗", "不是"];

/// A date as Excel stores it: days since 1899-12-30 (the serial of a date cell read as
/// a number), between 1950 and 2100.
fn excel_date(cell: &str) -> Option<chrono::NaiveDate> {
    let days: u32 = cell
        .parse()
        .ok()
        .filter(|d| (18_264..=73_051).contains(d))?;
    let epoch = chrono::NaiveDate::from_ymd_opt(1899, 12, 30)?;
    epoch.checked_add_days(chrono::Days::new(days.into()))
}

/// A cell as a TOML value of its column's type. Cells that are not of the type are
/// written as strings, so that the record check reports them as it would in a file.
pub(super) fn to_toml(kind: Type, cell: &str) -> String {
    let is = |words: &[&str]| words.iter().any(|w| w.eq_ignore_ascii_case(cell));
    match kind {
        Type::Date if chrono::NaiveDate::parse_from_str(cell, "%Y-%m-%d").is_ok() => {
            cell.to_owned()
        }
        Type::Date if slips::date(cell).is_some() || excel_date(cell).is_some() => {
            let date = slips::date(cell).or_else(|| excel_date(cell));
            date.map(|d| d.to_string()).unwrap_or_default()
        }
        Type::Amount if Amount::parse(cell).is_ok() => cell.to_owned(),
        Type::Amount | Type::Integer | Type::Number if slips::number(cell).is_some() => {
            to_toml(kind, &slips::number(cell).unwrap_or_default())
        }
        Type::Integer if cell.parse::<u32>().is_ok() => cell.to_owned(),
        Type::Number if cell.parse::<f64>().is_ok_and(f64::is_finite) => cell.to_owned(),
        Type::Bool if is(YES) => "true".to_owned(),
        Type::Bool if is(NO) => "false".to_owned(),
        Type::Choice(prefix, names) => {
            let name = names
                .iter()
                .find(|n| word(Lang::ZhCn, &format!("{prefix}_{n}")) == cell)
                .copied()
                .unwrap_or(cell);
            quoted(name)
        }
        Type::List | Type::Dates => {
            let each = |item: &str| match kind {
                Type::Dates => to_toml(Type::Date, item),
                _ => quoted(item),
            };
            let items: Vec<String> = cell
                .split(['、', ',', ','])
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(each)
                .collect();
            format!("[{}]", items.join(", "))
        }
        Type::Text if cell.contains('\n') => quoted_lines(cell),
        _ => quoted(cell),
    }
}

/// A record's value (as serialised) as the text of a cell; choices and yes/no in
/// Chinese words when the sheet is Chinese.
pub(super) fn to_cell(kind: Type, value: &serde_json::Value, chinese: bool) -> String {
    use serde_json::Value;
    match value {
        Value::Null => String::new(),
        Value::Bool(b) => match (chinese, b) {
            (true, true) => "是".to_owned(),
            (true, false) => "否".to_owned(),
            (false, b) => b.to_string(),
        },
        Value::String(s) => match kind {
            Type::Choice(prefix, _) if chinese => {
                word(Lang::ZhCn, &format!("{prefix}_{s}")).to_owned()
            }
            _ => s.clone(),
        },
        Value::Number(n) => match n.as_f64() {
            Some(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{f:.0}"),
            _ => n.to_string(),
        },
        Value::Array(items) => items
            .iter()
            .map(|i| to_cell(Type::Text, i, chinese))
            .collect::<Vec<_>>()
            .join("、"),
        Value::Object(_) => value.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn cells_become_toml_of_their_type_or_strings_for_the_check() {
        assert_eq!(to_toml(Type::Date, "2012-03-01"), "2012-03-01");
        // Dates and amounts as Excel writes them.
        assert_eq!(to_toml(Type::Date, "2012/3/1"), "2012-03-01");
        assert_eq!(to_toml(Type::Date, "2012年3月1日"), "2012-03-01");
        assert_eq!(
            to_toml(Type::Date, "40969"),
            "2012-03-01",
            "an Excel serial"
        );
        assert_eq!(to_toml(Type::Date, "2012/02/30"), "\"2012/02/30\"");
        assert_eq!(to_toml(Type::Amount, "850.50"), "850.50");
        assert_eq!(to_toml(Type::Amount, "5,800.00"), "5800.00");
        assert_eq!(to_toml(Type::Amount, "¥5,800"), "5800");
        assert_eq!(to_toml(Type::Integer, "1,200"), "1200");
        assert_eq!(to_toml(Type::Amount, "5,80"), "\"5,80\"");
        assert_eq!(to_toml(Type::Bool, "是"), "true");
        assert_eq!(to_toml(Type::Bool, "FALSE"), "false");
        assert_eq!(to_toml(Type::Bool, "也许"), "\"也许\"");
        let method = Type::Choice("method", crate::model::Method::NAMES);
        assert_eq!(to_toml(method, "招标"), "\"tender\"");
        assert_eq!(to_toml(method, "direct"), "\"direct\"");
        assert_eq!(to_toml(Type::List, "安防、室外"), "[\"安防\", \"室外\"]");
        assert_eq!(
            to_toml(Type::Dates, "2011-10-01、2012/1/5, 2012-02-30"),
            "[2011-10-01, 2012-01-05, \"2012-02-30\"]",
            "dates as dates, and what is not one as text for the check"
        );
        assert_eq!(
            to_toml(Type::Text, "a\"b\\c\u{7}"),
            "\"a\\\"b\\\\c\\u0007\""
        );
        assert_eq!(
            to_toml(Type::Text, "a\"b\\c\r\nd\u{7}"),
            "\"\"\"\na\\\"b\\\\c\nd\\u0007\n\"\"\"",
            "lines as lines, as notes are written"
        );
    }

    #[test]
    fn values_become_cells_in_the_sheet_language() {
        let method = Type::Choice("method", crate::model::Method::NAMES);
        assert_eq!(to_cell(method, &json!("tender"), true), "招标");
        assert_eq!(to_cell(method, &json!("tender"), false), "tender");
        assert_eq!(to_cell(Type::Bool, &json!(true), true), "是");
        assert_eq!(to_cell(Type::Number, &json!(95.0), false), "95");
        assert_eq!(to_cell(Type::Number, &json!(92.5), false), "92.5");
        assert_eq!(to_cell(Type::List, &json!(["a", "b"]), false), "a、b");
        assert_eq!(to_cell(Type::Text, &json!(null), false), "");
    }
}
