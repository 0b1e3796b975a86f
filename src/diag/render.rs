//! Rendering diagnostics: like rustc's for people, a JSON array for machines.

use super::{Diagnostic, Severity};
use crate::i18n::Lang;
use crate::source::SourceMap;
use annotate_snippets::{AnnotationKind, Group, Level, Origin, Renderer, Snippet};

/// Renders diagnostics for a terminal, followed by a one-line count.
///
/// `styled` adds ANSI colours. Snippets are cut to the lines the span touches, so even a
/// very large file renders quickly.
pub fn human(diags: &[Diagnostic], sources: &SourceMap, lang: Lang, styled: bool) -> String {
    let renderer = if styled {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let mut out = String::new();
    for d in diags {
        let source = sources.get(d.file);
        let path = sources.shown(d.file);
        let (code, name) = d.problem.code_name();
        let message = d.problem.message(lang);
        let level = match d.severity() {
            Severity::Error => Level::ERROR.with_name(lang.pick("错误", "error")),
            Severity::Warning => Level::WARNING.with_name(lang.pick("警告", "warning")),
        };
        let id = format!("{code} {name}");
        let title = level.primary_title(message.as_str()).id(id.as_str());
        let mut group = match d.span {
            Some(span) => {
                let (start, text) = source.lines_around(span.range());
                let line = source.line_col(start).line;
                let local = span.start as usize - start.min(span.start as usize);
                let local = local
                    ..(span.end as usize)
                        .saturating_sub(start)
                        .clamp(local, text.len());
                title.element(
                    Snippet::source(text)
                        .line_start(line)
                        .path(path.as_str())
                        .annotation(AnnotationKind::Primary.span(local)),
                )
            }
            None => title.element(Origin::path(path.as_str())),
        };
        let hint = d.problem.hint(lang);
        if let Some(hint) = &hint {
            group = group.element(
                Level::HELP
                    .with_name(lang.pick("提示", "help"))
                    .message(hint.as_str()),
            );
        }
        out.push_str(&renderer.render(&[group] as &[Group]));
        out.push_str("\n\n");
    }
    out.push_str(&summary_line(diags, lang));
    out
}

/// `共发现 2 个错误，1 个警告。` / `2 errors, 1 warning`; or that all is well.
pub fn summary_line(diags: &[Diagnostic], lang: Lang) -> String {
    let errors = diags
        .iter()
        .filter(|d| d.severity() == Severity::Error)
        .count();
    let warnings = diags.len() - errors;
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    match (errors, warnings, lang) {
        (0, 0, Lang::ZhCn) => "检查通过：没有发现问题。".to_owned(),
        (0, 0, Lang::En) => "all records are valid.".to_owned(),
        (e, w, Lang::ZhCn) => format!("共发现 {e} 个错误，{w} 个警告。"),
        (e, w, Lang::En) => format!("found {} and {}.", plural(e, "error"), plural(w, "warning")),
    }
}

/// One diagnostic as the JSON contract gives it.
#[derive(serde::Serialize)]
struct JsonDiagnostic<'a> {
    file: &'a str,
    line: Option<usize>,
    column: Option<usize>,
    severity: Severity,
    code: &'static str,
    message: String,
    hint: Option<String>,
}

/// Renders diagnostics as one JSON array (pretty-printed, with a final newline).
pub fn json(diags: &[Diagnostic], sources: &SourceMap, lang: Lang) -> String {
    let items: Vec<JsonDiagnostic> = diags
        .iter()
        .map(|d| {
            let source = sources.get(d.file);
            let pos = d.span.map(|s| source.line_col(s.start as usize));
            JsonDiagnostic {
                file: &source.path,
                line: pos.map(|p| p.line),
                column: pos.map(|p| p.column),
                severity: d.severity(),
                code: d.problem.code(),
                message: d.problem.message(lang),
                hint: d.problem.hint(lang),
            }
        })
        .collect();
    let mut out = serde_json::to_string_pretty(&items).unwrap_or_else(|_| "[]".to_owned());
    out.push('\n');
    out
}
