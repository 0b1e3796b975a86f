//! Semester narratives: every expression names a real figure and parses.

use super::Found;
use crate::diag::{Diagnostic, Problem};
use crate::model::Records;
use crate::narrative;
use crate::source::{SourceMap, Span};

/// Renders each summary with its semester's figures; a failure points at its line.
pub(super) fn narratives(records: &Records, sources: &SourceMap, found: &mut Found) {
    for (summary, result) in narrative::render_all(records, sources) {
        let Err(err) = result else { continue };
        let text = &sources.get(summary.file).text;
        let problem = if err.syntax {
            Problem::NarrativeSyntax { detail: err.detail }
        } else {
            Problem::NarrativeValue { detail: err.detail }
        };
        let diagnostic = match err.at.and_then(|(line, col)| offset(text, line, col)) {
            Some(start) => {
                let end = text[start..]
                    .find(['\n', '}'])
                    .map_or(text.len(), |n| start + n.max(1));
                Diagnostic::at(summary.file, Span::from(start..end), problem)
            }
            None => Diagnostic::file(summary.file, problem),
        };
        found.diags.push(diagnostic);
    }
}

/// The byte offset of a 1-based line and 0-based byte column.
fn offset(text: &str, line: usize, col: usize) -> Option<usize> {
    let start: usize = text
        .split_inclusive('\n')
        .take(line.checked_sub(1)?)
        .map(str::len)
        .sum();
    let line_len = text[start..].find('\n').unwrap_or(text.len() - start);
    let at = start + col.min(line_len);
    text.is_char_boundary(at).then_some(at)
}
