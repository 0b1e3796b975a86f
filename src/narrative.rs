//! Semester narratives: the office's Markdown, whose figures are Tera expressions over
//! the semester's `stats` (plus `school` and `semester`). [`crate::compute`] renders
//! each once; `check` reports a failure at its line, the pages show the result.

use crate::compute::stats::Stats;
use crate::model::{Config, Semester};
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
