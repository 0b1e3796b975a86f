//! What people type: a line the TOML parser cannot read, looked at as a clerk would
//! have typed it — with a Chinese input method on (full-width `“ ” ＝ ， １２`), a date
//! as Excel or a letter writes it (`2011/9/1`, `2011年9月1日`, `2026-11-3`), an amount
//! with separators or a currency (`1,200`, `¥5,800.00`, `1200元`) — and the line as it
//! should be written.

use chrono::NaiveDate;

/// A slip of the keyboard found on one line, with the line as it should be.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Slip {
    /// Full-width characters outside quotes (`chars` lists them once each).
    FullWidth { chars: String, fixed: String },
    /// A date written another way.
    Date { written: String, fixed: String },
    /// A number with thousands separators, a currency sign or a unit.
    Number { written: String, fixed: String },
    /// Text written without its double quotes.
    Unquoted { written: String, fixed: String },
}

/// The half-width character of a full-width one that TOML needs half-width.
fn half_width(c: char) -> Option<char> {
    Some(match c {
        '“' | '”' | '＂' | '「' | '」' => '"',
        '‘' | '’' | '＇' => '\'',
        '＝' => '=',
        '，' | '、' => ',',
        '：' => ':',
        '；' => ';',
        '［' | '【' => '[',
        '］' | '】' => ']',
        '｛' => '{',
        '｝' => '}',
        '＃' => '#',
        '．' | '。' => '.',
        '－' => '-',
        '／' => '/',
        '　' => ' ',
        '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
        _ => return None,
    })
}

/// Whether a character is a quote mark of a Chinese input method.
fn full_width_quote(c: char) -> bool {
    matches!(c, '“' | '”' | '＂' | '「' | '」')
}

/// The line with its full-width characters outside ASCII quotes made half-width, and
/// the full-width characters found (each once). A string opened with a full-width
/// quote is closed by the next one; inside an ASCII-quoted string they are text.
fn to_half_width(line: &str) -> (String, String) {
    let (mut out, mut found) = (String::with_capacity(line.len()), String::new());
    // Inside a string: opened by an ASCII quote (`Some(true)`) or a full-width one.
    let mut open: Option<bool> = None;
    for c in line.chars() {
        let convert = match open {
            Some(true) => false,
            Some(false) => full_width_quote(c) || c == '"',
            None => true,
        };
        let half = half_width(c).filter(|_| convert);
        if half.is_some() && !found.contains(c) {
            found.push(c);
        }
        out.push(half.unwrap_or(c));
        open = match (open, c) {
            (None, '"') => Some(true),
            (None, c) if full_width_quote(c) => Some(false),
            (Some(true), '"') => None,
            (Some(false), c) if full_width_quote(c) || c == '"' => None,
            (open, _) => open,
        };
    }
    (out, found)
}

/// A date written as `2011/9/1`, `2011.9.1`, `2011年9月1日` or `2026-11-3`.
pub fn date(text: &str) -> Option<NaiveDate> {
    let text = text.trim().trim_matches('"');
    let parts: Vec<&str> = text
        .trim_end_matches('日')
        .split(['/', '.', '-', '年', '月'])
        .collect();
    let [y, m, d] = parts.as_slice() else {
        return None;
    };
    if y.len() != 4 || !(1..=2).contains(&m.len()) || !(1..=2).contains(&d.len()) {
        return None;
    }
    NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
}

/// A number written with thousands separators, a currency sign, a unit or in 万 or 千
/// (`1,200`, `¥5,800.00`, `1200元`, `1.2万元`), as TOML wants it (`1200`, `5800.00`,
/// `12000`): exactly, with the decimal point moved in the digits, and at most two
/// decimals.
pub fn number(text: &str) -> Option<String> {
    let text = text.trim().trim_matches('"').trim();
    let bare = text
        .trim_start_matches(['¥', '￥', '$'])
        .trim_end_matches('元')
        .trim();
    let (bare, zeros) = match (bare.strip_suffix('万'), bare.strip_suffix('千')) {
        (Some(wan), _) => (wan.trim_end(), 4),
        (_, Some(qian)) => (qian.trim_end(), 3),
        _ => (bare, 0),
    };
    let plain: String = bare.chars().filter(|c| *c != ',').collect();
    let (whole, frac) = plain.split_once('.').unwrap_or((&plain, ""));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    let grouped = bare.contains(',')
        && bare.split('.').next().is_some_and(|w| {
            let mut groups = w.split(',');
            groups.next().is_some_and(|g| (1..=3).contains(&g.len()))
                && groups.all(|g| g.len() == 3)
        });
    let changed = grouped || bare.len() != text.len();
    if !changed || whole.is_empty() || !digits(whole) || !digits(frac) {
        return None;
    }
    if zeros == 0 {
        return (frac.len() <= 2).then_some(plain);
    }
    // 1.2万: the digits 12 and three zeros, the point four places to the right.
    let frac = frac.trim_end_matches('0');
    let shifted = format!("{whole}{frac:0<zeros$}");
    let (whole, frac) = shifted.split_at(whole.len() + zeros);
    let whole = match whole.trim_start_matches('0') {
        "" => "0",
        whole => whole,
    };
    match frac.len() {
        0 => Some(whole.to_owned()),
        1 | 2 => Some(format!("{whole}.{frac}")),
        _ => None,
    }
}

/// The key and the value of a `key = value` line (comment removed).
fn split(line: &str) -> Option<(&str, &str)> {
    let (key, value) = line.split_once('=')?;
    let value = match value.find(" #") {
        Some(at) if !value[..at].contains('"') || value[..at].matches('"').count() % 2 == 0 => {
            &value[..at]
        }
        _ => value,
    };
    Some((key.trim(), value.trim()))
}

/// What the clerk most likely meant on a line the parser could not read.
pub fn diagnose(line: &str) -> Option<Slip> {
    let line = line.trim_end_matches(['\r', '\n']);
    let (half, found) = to_half_width(line);
    // A comma, full stop or semicolon typed after the value.
    let half = if found.is_empty() {
        half
    } else {
        half.trim_end().trim_end_matches([',', '.', ';']).to_owned()
    };
    let fixed_value = split(&half).and_then(|(key, value)| {
        let written = value.to_owned();
        if let Some(d) = date(value).filter(|d| d.to_string() != value) {
            return Some((written, format!("{key} = {d}"), true));
        }
        number(value).map(|n| (written, format!("{key} = {n}"), false))
    });
    if !found.is_empty() {
        let fixed = fixed_value.map_or(half, |(_, fixed, _)| fixed);
        return Some(Slip::FullWidth {
            chars: found
                .chars()
                .map(String::from)
                .collect::<Vec<_>>()
                .join(" "),
            fixed,
        });
    }
    if let Some((written, fixed, is_date)) = fixed_value {
        return Some(if is_date {
            Slip::Date { written, fixed }
        } else {
            Slip::Number { written, fixed }
        });
    }
    let (key, value) = split(&half)?;
    // Text, not a number gone wrong: `1号楼` is text, `12x` and `1.2345678万` are not.
    let text_like = if value.starts_with(|c: char| c.is_ascii_digit()) {
        !value.trim_end_matches(['元', '万', '千']).is_ascii()
    } else {
        value.chars().next().is_some_and(char::is_alphabetic)
    };
    let plain_text = text_like && !matches!(value, "true" | "false") && !value.contains(['"', '=']);
    plain_text.then(|| Slip::Unquoted {
        written: value.to_owned(),
        fixed: format!("{key} = \"{value}\""),
    })
}

/// A `key = value` line as it should be written: with its slip mended, else as it is,
/// without its comment.
pub fn mended(line: &str) -> String {
    match diagnose(line) {
        Some(
            Slip::FullWidth { fixed, .. }
            | Slip::Date { fixed, .. }
            | Slip::Number { fixed, .. }
            | Slip::Unquoted { fixed, .. },
        ) => fixed,
        None => split(line).map_or_else(|| line.trim().to_owned(), |(k, v)| format!("{k} = {v}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn full(chars: &str, fixed: &str) -> Option<Slip> {
        Some(Slip::FullWidth {
            chars: chars.into(),
            fixed: fixed.into(),
        })
    }

    #[test]
    fn full_width_characters_are_named_and_made_half_width() {
        assert_eq!(
            diagnose("name = “灭火器”"),
            full("“ ”", "name = \"灭火器\"")
        );
        assert_eq!(
            diagnose("name = ＂灭火器＂"),
            full("＂", "name = \"灭火器\"")
        );
        assert_eq!(
            diagnose("title ＝ \"灭火器\""),
            full("＝", "title = \"灭火器\"")
        );
        assert_eq!(diagnose("quantity = １２"), full("１ ２", "quantity = 12"));
        assert_eq!(
            diagnose("category = \"消防\"，"),
            full("，", "category = \"消防\"")
        );
        // Inside quotes, full-width punctuation is text.
        assert_eq!(diagnose("location = \"高一（1）班，东\""), None);
        assert_eq!(diagnose("title = \"建设“平安校园”\""), None);
    }

    #[test]
    fn dates_written_otherwise_are_given_their_spelling() {
        let date = |written: &str, fixed: &str| {
            Some(Slip::Date {
                written: written.into(),
                fixed: fixed.into(),
            })
        };
        assert_eq!(
            diagnose("acquired = 2011/9/1"),
            date("2011/9/1", "acquired = 2011-09-01")
        );
        assert_eq!(
            diagnose("acquired = 2011.9.1"),
            date("2011.9.1", "acquired = 2011-09-01")
        );
        assert_eq!(
            diagnose("acquired = 2026年11月20日"),
            date("2026年11月20日", "acquired = 2026-11-20")
        );
        assert_eq!(
            diagnose("verified = 2026-11-3"),
            date("2026-11-3", "verified = 2026-11-03")
        );
        assert_eq!(diagnose("acquired = 2011/2/30"), None, "no such day");
        assert_eq!(
            diagnose("acquired = ２０１１/9/1"),
            full("２ ０ １", "acquired = 2011-09-01")
        );
    }

    #[test]
    fn text_without_quotes_is_given_its_quotes() {
        let unquoted = Some(Slip::Unquoted {
            written: "家具".into(),
            fixed: "category = \"家具\"".into(),
        });
        assert_eq!(diagnose("category = 家具"), unquoted);
        assert_eq!(diagnose("category = 家具 # 类别"), unquoted);
        assert_eq!(diagnose("quantity = 12x"), None, "not plain text");
        assert_eq!(
            diagnose("location = 1号楼"),
            Some(Slip::Unquoted {
                written: "1号楼".into(),
                fixed: "location = \"1号楼\"".into()
            })
        );
        assert_eq!(diagnose("name = \"a\" \"b\""), None);
    }

    #[test]
    fn amounts_with_separators_or_currency_are_given_as_numbers() {
        let number = |written: &str, fixed: &str| {
            Some(Slip::Number {
                written: written.into(),
                fixed: fixed.into(),
            })
        };
        assert_eq!(
            diagnose("unit_price = 1,200"),
            number("1,200", "unit_price = 1200")
        );
        assert_eq!(
            diagnose("unit_price = 5,800.00 # 单价"),
            number("5,800.00", "unit_price = 5800.00")
        );
        assert_eq!(
            diagnose("unit_price = ¥5,800"),
            number("¥5,800", "unit_price = 5800")
        );
        assert_eq!(
            diagnose("unit_price = 1200元"),
            number("1200元", "unit_price = 1200")
        );
        assert_eq!(
            diagnose("unit_price = 1.2万"),
            number("1.2万", "unit_price = 12000")
        );
        assert_eq!(
            diagnose("unit_price = 1.2万元"),
            number("1.2万元", "unit_price = 12000")
        );
        assert_eq!(
            diagnose("unit_price = 0.05万"),
            number("0.05万", "unit_price = 500")
        );
        assert_eq!(
            diagnose("unit_price = 1.234567万"),
            number("1.234567万", "unit_price = 12345.67")
        );
        assert_eq!(
            diagnose("unit_price = 1,200万"),
            number("1,200万", "unit_price = 12000000")
        );
        assert_eq!(
            diagnose("unit_price = 3.5千"),
            number("3.5千", "unit_price = 3500")
        );
        assert_eq!(
            diagnose("unit_price = ３万"),
            full("３", "unit_price = 30000")
        );
        assert_eq!(
            diagnose("unit_price = 1.2345678万"),
            None,
            "more than two decimals of yuan: no line to write, and not text"
        );
        assert_eq!(diagnose("unit_price = 1,20"), None, "not a thousands group");
        assert_eq!(diagnose("unit_price = 1200"), None, "nothing to fix");
    }
}
