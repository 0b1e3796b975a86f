//! Semester narratives: the office's Markdown, whose figures are Tera expressions over
//! the semester's `stats` (plus `school` and `semester`). Rendering them here lets
//! `check` report a wrong expression at its line, and `build` use the same result.

use crate::model::{Config, Records, Semester, Summary};
use crate::source::SourceMap;
use crate::stats::Stats;
use serde_json::json;

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

/// The values a narrative can use: `stats` (the semester's figures), `school`,
/// `semester` (`id`, `title`, `start`, `end`).
pub fn context(config: &Config, semester: &Semester, stats: &Stats) -> tera::Context {
    let mut ctx = tera::Context::new();
    ctx.insert("stats", stats);
    ctx.insert("school", &school(config));
    ctx.insert("semester", semester);
    ctx
}

fn school(config: &Config) -> serde_json::Value {
    json!({"name": config.school.name, "office": config.school.office})
}

/// Renders the expressions of a narrative; the result is still Markdown.
pub fn render(text: &str, context: &tera::Context) -> Result<String, NarrativeError> {
    let mut tera = tera::Tera::default();
    tera.autoescape_on(Vec::<&str>::new());
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

/// Renders every summary that belongs to a semester, with `stats` the figures of each
/// semester in the order of `zongwu.toml` ([`crate::stats::all`]). A summary of no
/// semester is a warning of `check`, and is not rendered.
pub fn render_all<'r>(
    records: &'r Records,
    sources: &SourceMap,
    stats: &[Stats],
) -> Vec<(&'r Summary, Result<String, NarrativeError>)> {
    let semesters = &records.config.semesters;
    records
        .summaries
        .iter()
        .filter_map(|summary| {
            let i = semesters.iter().position(|s| *s.id == summary.semester)?;
            let text = &sources.get(summary.file).text;
            let context = context(&records.config, &semesters[i], stats.get(i)?);
            Some((summary, render(text, &context)))
        })
        .collect()
}
