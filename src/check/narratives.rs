//! Semester narratives: every expression names a real figure and parses.

use super::Found;
use crate::diag::{Diagnostic, Problem};
use crate::model::Records;
use crate::narrative;
use crate::source::{SourceMap, Span};

/// Renders each summary with its semester's figures; a failure points at its line.
pub(super) fn narratives(records: &Records, sources: &SourceMap, found: &mut Found) {
    if records.summaries.is_empty() {
        return;
    }
    let stats = crate::stats::all(records);
    for (summary, result) in narrative::render_all(records, sources, &stats) {
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
    use super::offset;

    #[test]
    fn columns_count_characters() {
        let text = "标题\n新增监控头{{ x }}个\n";
        let at = offset(text, 2, 5).unwrap();
        assert_eq!(&text[at..at + 2], "{{");
        assert_eq!(offset(text, 9, 0), None);
    }
}
