//! Semester narratives: the office's Markdown, whose figures are Tera expressions over
//! the semester's `stats` (plus `school` and `semester`). [`crate::compute`] renders
//! each once; `check` reports a failure at its line, the pages show the result.

use crate::compute::stats::Stats;
use crate::model::{Config, Semester};
use serde_json::json;

/// A narrative split from its front matter: TOML between `+++` lines before the
/// Markdown, as in Zola. `date = 2012-01-08` is the day the summary is signed (its
/// 落款); without it, the semester's end.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Parts<'t> {
    /// The day it is signed.
    pub date: Option<chrono::NaiveDate>,
    /// The Markdown after the front matter.
    pub body: &'t str,
    /// How many lines the front matter takes (to number the body's lines in the file).
    pub lines: usize,
}

/// Splits a narrative's front matter (if any) from its body.
pub fn parts(text: &str) -> Parts<'_> {
    let plain = Parts {
        date: None,
        body: text,
        lines: 0,
    };
    let Some(rest) = text
        .strip_prefix("+++\n")
        .or_else(|| text.strip_prefix("+++\r\n"))
    else {
        return plain;
    };
    let Some(end) = rest.find("\n+++") else {
        return plain;
    };
    let front = &rest[..end];
    let after = &rest[end + 4..];
    let body = after
        .strip_prefix("\r\n")
        .or_else(|| after.strip_prefix('\n'))
        .unwrap_or(after);
    let date = front
        .parse::<toml::Table>()
        .ok()
        .and_then(|t| t.get("date")?.as_datetime()?.date)
        .and_then(|d| chrono::NaiveDate::from_ymd_opt(d.year.into(), d.month.into(), d.day.into()));
    Parts {
        date,
        body,
        lines: text[..text.len() - body.len()].matches('\n').count(),
    }
}

/// A narrative that cannot be rendered: where, and why.
#[derive(Clone, Debug, PartialEq)]
pub struct NarrativeError {
    /// 1-based line and 0-based byte column in the narrative, where known.
    pub at: Option<(usize, usize)>,
    /// What is wrong, in Tera's words.
    pub detail: String,
    /// Whether the expression could not be parsed (else it failed to evaluate).
    pub syntax: bool,
}

/// The values a narrative can use: `stats` (the semester's figures), `prev` (the
/// previous semester's, or null for the first), `school`, `semester` (`id`, `title`,
/// `start`, `end`).
pub fn context(
    config: &Config,
    semester: &Semester,
    stats: &Stats,
    prev: Option<&Stats>,
) -> tera::Context {
    let mut ctx = tera::Context::new();
    ctx.insert("stats", stats);
    ctx.insert("prev", &prev);
    ctx.insert("school", &school(config));
    ctx.insert("semester", semester);
    ctx
}

fn school(config: &Config) -> serde_json::Value {
    json!({"name": config.school.name, "office": config.school.office})
}

/// The `money` filter: an amount as prose writes it, `85.00万元` from 10,000 yuan up,
/// else grouped yuan, `1,200.50元`. What is not an amount is left as it is.
fn money(text: &str) -> String {
    match crate::amount::Amount::parse(text.trim_matches('"')) {
        Ok(a) if a.fen() >= 1_000_000 => a.wan(),
        Ok(a) => format!("{}元", a.grouped()),
        Err(_) => text.to_owned(),
    }
}

/// The `number` filter: a number without needless decimals (`1.0` → `1`).
fn number(text: &str) -> String {
    text.strip_suffix(".0").unwrap_or(text).to_owned()
}

/// Renders the expressions of a narrative; the result is still Markdown.
pub fn render(text: &str, context: &tera::Context) -> Result<String, NarrativeError> {
    let mut tera = tera::Tera::default();
    tera.autoescape_on(Vec::<&str>::new());
    tera.register_filter(
        "money",
        |x: tera::Value, _: tera::Kwargs, _: &tera::State| money(&x.to_string()),
    );
    tera.register_filter(
        "number",
        |x: tera::Value, _: tera::Kwargs, _: &tera::State| number(&x.to_string()),
    );
    let name = "narrative.md";
    let error = |e: tera::Error| {
        let (at, detail, syntax) = match e.kind() {
            tera::ErrorKind::SyntaxError(r) => (
                Some((r.span().start_line, r.span().start_col)),
                r.message().to_owned(),
                true,
            ),
            tera::ErrorKind::RenderingError(r) => (
                Some((r.span().start_line, r.span().start_col)),
                r.message().to_owned(),
                false,
            ),
            other => (None, other.to_string(), false),
        };
        NarrativeError { at, detail, syntax }
    };
    tera.add_raw_template(name, text).map_err(error)?;
    tera.render(name, context).map_err(error)
}

#[cfg(test)]
mod tests {
    use super::render;

    #[test]
    fn money_and_numbers_read_as_prose_writes_them() {
        let mut ctx = tera::Context::new();
        ctx.insert("planned", "850000.00");
        ctx.insert("cost", "4543.50");
        ctx.insert("days", &1.0);
        let text = "{{ planned | money }},{{ cost | money }},{{ days | number }} 天";
        assert_eq!(render(text, &ctx).unwrap(), "85.00万元,4,543.50元,1 天");
    }
}
