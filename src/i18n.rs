//! The two languages of zongwu's fixed words: Simplified Chinese (the default) and English.
//!
//! Every word the tool prints or writes that does not come from a record is chosen
//! through [`Lang`], so a site or a diagnostic is entirely in one language.

use std::fmt;
use std::str::FromStr;

/// A language for messages and site words.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, serde::Serialize, schemars::JsonSchema,
)]
pub enum Lang {
    /// Simplified Chinese, `zh-CN`: the default.
    #[default]
    #[serde(rename = "zh-CN")]
    ZhCn,
    /// English, `en`.
    #[serde(rename = "en")]
    En,
}

impl Lang {
    /// The accepted spellings, as written in `zongwu.toml` and on the command line.
    pub const NAMES: [&'static str; 2] = ["zh-CN", "en"];

    /// The BCP 47 tag, for `lang` attributes and for display.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::ZhCn => "zh-CN",
            Lang::En => "en",
        }
    }

    /// The language of the system's locale (`LC_ALL`, `LC_MESSAGES`, `LANG`): Chinese
    /// for `zh_*`, English otherwise.
    pub fn of_system() -> Lang {
        let chinese = ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .filter_map(|k| std::env::var(k).ok())
            .find(|v| !v.is_empty())
            .is_some_and(|v| v.starts_with("zh"));
        if chinese { Lang::ZhCn } else { Lang::En }
    }

    /// Picks the Chinese or the English text.
    pub fn pick<T>(self, zh: T, en: T) -> T {
        match self {
            Lang::ZhCn => zh,
            Lang::En => en,
        }
    }
}

/// A decimal number written with thousands separators: `-1234567.50` → `-1,234,567.50`.
pub fn group_thousands(number: &str) -> String {
    let (int, frac) = number
        .split_once('.')
        .map_or((number, None), |(i, f)| (i, Some(f)));
    let (sign, digits) = int.strip_prefix('-').map_or(("", int), |d| ("-", d));
    let mut out = String::with_capacity(number.len() + digits.len() / 3);
    out.push_str(sign);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if let Some(frac) = frac {
        out.push('.');
        out.push_str(frac);
    }
    out
}

/// A date as `2011-09-01` (chrono's own format, written without its formatting
/// machinery: tables show a date per row).
pub fn iso_date(date: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    let year = date.year();
    if !(0..=9999).contains(&year) {
        return date.to_string();
    }
    let digits = |n: u32, width: usize, out: &mut String| {
        for place in (0..width).rev() {
            out.push(char::from(b'0' + (n / 10u32.pow(place as u32) % 10) as u8));
        }
    };
    let mut out = String::with_capacity(10);
    digits(year as u32, 4, &mut out);
    out.push('-');
    digits(date.month(), 2, &mut out);
    out.push('-');
    digits(date.day(), 2, &mut out);
    out
}

/// A date as a Chinese document writes it: `2011年8月20日`.
pub fn date_zh(date: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    format!("{}年{}月{}日", date.year(), date.month(), date.day())
}

/// A date as a sentence writes it: `2011年9月1日`, `1 September 2011`.
pub fn date_written(date: chrono::NaiveDate, lang: Lang) -> String {
    match lang {
        Lang::ZhCn => date_zh(date),
        Lang::En => date.format("%-d %B %Y").to_string(),
    }
}

/// A date as a Chinese letter is signed, in Chinese numerals: `二〇一二年一月八日`.
pub fn date_signed(date: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    const DIGITS: [char; 10] = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
    let digit = |d: u32| DIGITS[d as usize % 10];
    let year: String = date
        .year()
        .to_string()
        .chars()
        .filter_map(|c| c.to_digit(10))
        .map(digit)
        .collect();
    // 1–31: 八, 十, 十二, 二十, 二十三, 三十一.
    let number = |n: u32| match (n / 10, n % 10) {
        (0, u) => digit(u).to_string(),
        (1, 0) => "十".to_owned(),
        (1, u) => format!("十{}", digit(u)),
        (t, 0) => format!("{}十", digit(t)),
        (t, u) => format!("{}十{}", digit(t), digit(u)),
    };
    format!("{year}年{}月{}日", number(date.month()), number(date.day()))
}

/// The columns a text takes in a terminal or an aligned file: Chinese characters
/// (and other wide forms) take two.
pub fn display_width(text: &str) -> usize {
    text.chars()
        .map(|c| {
            if ('\u{2E80}'..='\u{FFEF}').contains(&c) {
                2
            } else {
                1
            }
        })
        .sum()
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.tag())
    }
}

impl FromStr for Lang {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "zh-CN" | "zh" => Ok(Lang::ZhCn),
            "en" => Ok(Lang::En),
            other => Err(format!("unknown language `{other}`: use zh-CN or en")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{Lang, date_signed, date_written, date_zh, iso_date};

    #[test]
    fn dates_in_chinese_and_as_a_letter_signs_them() {
        let d = |s: &str| s.parse().unwrap();
        assert_eq!(date_zh(d("2011-08-20")), "2011年8月20日");
        assert_eq!(date_signed(d("2012-01-08")), "二〇一二年一月八日");
        assert_eq!(date_signed(d("2010-10-10")), "二〇一〇年十月十日");
        assert_eq!(date_signed(d("2026-12-31")), "二〇二六年十二月三十一日");
        assert_eq!(date_signed(d("2012-02-20")), "二〇一二年二月二十日");
        assert_eq!(date_written(d("2011-09-01"), Lang::ZhCn), "2011年9月1日");
        assert_eq!(date_written(d("2011-09-01"), Lang::En), "1 September 2011");
        for day in ["2011-09-01", "0099-12-31", "9999-01-10", "2012-02-29"] {
            assert_eq!(iso_date(d(day)), day);
        }
        let far = chrono::NaiveDate::from_ymd_opt(10000, 1, 1).unwrap();
        assert_eq!(iso_date(far), far.to_string());
    }
}
