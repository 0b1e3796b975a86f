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
    let mut out = String::from(sign);
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
