//! Semester narratives: every expression names a real figure and parses.

use crate::compute::Computed;
use crate::diag::{Diagnostic, Problem};
use crate::source::{SourceMap, Span};

/// A narrative that [`crate::compute`] could not render is an error at its line.
pub fn narratives(computed: &Computed, sources: &SourceMap) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    for narrative in &computed.narratives {
        let Err(err) = &narrative.text else { continue };
        let file = narrative.file;
        let text = &sources.get(file).text;
        let at = err.at.and_then(|(line, col)| offset(text, line, col));
        let detail = err.detail.clone();
        let semesters = &computed.records.config.semesters;
        let problem = if err.syntax {
            Problem::NarrativeSyntax { detail }
        } else if at.is_some_and(|start| names_prev(&text[..start]))
            && computed.previous(narrative.semester).is_none()
        {
            let semester = semesters[narrative.semester].id.to_string();
            Problem::NoPrevious { semester }
        } else {
            Problem::NarrativeValue { detail }
        };
        let diagnostic = match at {
            Some(start) => {
                let end = text[start..]
                    .find(['\n', '}'])
                    .map_or(text.len(), |n| start + n.max(1));
                Diagnostic::at(file, Span::from(start..end), problem)
            }
            None => Diagnostic::file(file, problem),
        };
        found.push(diagnostic);
    }
    found
}

/// Whether the expression that the text before a position ends inside begins with
/// `prev` (`{{ prev.repairs.` … or `{% if prev.` …).
fn names_prev(before: &str) -> bool {
    let open = before.rfind("{{").max(before.rfind("{%"));
    open.is_some_and(|at| {
        let expression = before[at + 2..].trim_start();
        let expression = expression.strip_prefix("if ").unwrap_or(expression);
        expression.trim_start().starts_with("prev")
    })
}

/// The byte offset of a 1-based line and a 0-based column counted in characters.
fn offset(text: &str, line: usize, col: usize) -> Option<usize> {
    let mut lines = text.split_inclusive('\n');
    let start: usize = lines
        .by_ref()
        .take(line.checked_sub(1)?)
        .map(str::len)
        .sum();
    let line_text = lines.next()?.trim_end_matches(['\n', '\r']);
    Some(
        start
            + line_text
                .char_indices()
                .nth(col)
                .map_or(line_text.len(), |(i, _)| i),
    )
}

#[cfg(test)]
mod tests {
    use super::{names_prev, offset};

    #[test]
    fn an_expression_naming_prev_is_known() {
        assert!(names_prev("比上学期{{ prev."));
        assert!(names_prev("{% if prev.repairs"));
        assert!(!names_prev("{{ stats.repairs."));
        assert!(!names_prev("{{ prev }} {{ stats."));
        assert!(!names_prev("no expression"));
    }

    #[test]
    fn columns_count_characters() {
        let text = "标题\n新增监控头{{ x }}个\n";
        let at = offset(text, 2, 5).unwrap();
        assert_eq!(&text[at..at + 2], "{{");
        assert_eq!(offset(text, 9, 0), None);
    }
}
