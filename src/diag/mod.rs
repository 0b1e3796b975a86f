//! Diagnostics: one structured [`Diagnostic`] per mistake, rendered for people
//! ([`render::human`]) and for machines ([`render::json`]).
//!
//! A diagnostic names a [`Problem`] (which carries the code, the message and the hint in
//! both languages) and where it is: a file and, unless it is about the whole file, a span.

pub mod messages;
pub mod render;

pub use messages::{Encoding, Expected, Problem};

use crate::source::{FileId, Span};

/// How bad a diagnostic is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The records are wrong: `check` exits 1, `build` refuses.
    Error,
    /// Worth a look; nothing fails.
    Warning,
}

/// One mistake found in the records.
#[derive(Clone, Debug, PartialEq)]
pub struct Diagnostic {
    /// What is wrong.
    pub problem: Problem,
    /// The file it is in.
    pub file: FileId,
    /// Where in the file; `None` when it is about the whole file.
    pub span: Option<Span>,
}

impl Diagnostic {
    /// A diagnostic at a span.
    pub fn at(file: FileId, span: Span, problem: Problem) -> Diagnostic {
        Diagnostic {
            problem,
            file,
            span: Some(span),
        }
    }

    /// A diagnostic about a whole file.
    pub fn file(file: FileId, problem: Problem) -> Diagnostic {
        Diagnostic {
            problem,
            file,
            span: None,
        }
    }

    /// The severity, which the problem decides.
    pub fn severity(&self) -> Severity {
        self.problem.severity()
    }
}

/// Sorts diagnostics by file, position and code, and drops exact repeats:
/// the same records always print the same list.
pub fn sort(diags: &mut Vec<Diagnostic>) {
    diags.sort_by(|a, b| {
        (a.file, a.span.map(|s| (s.start, s.end)), a.problem.code())
            .cmp(&(b.file, b.span.map(|s| (s.start, s.end)), b.problem.code()))
            .then_with(|| {
                a.problem
                    .message(crate::Lang::En)
                    .cmp(&b.problem.message(crate::Lang::En))
            })
    });
    diags.dedup();
}

/// Whether any diagnostic is an error.
pub fn has_errors(diags: &[Diagnostic]) -> bool {
    diags.iter().any(|d| d.severity() == Severity::Error)
}
