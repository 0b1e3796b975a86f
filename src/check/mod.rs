//! Check: the rules between fields of one record and between records, over the parsed
//! [`Records`]. Parsing already reported syntax, keys, types and value formats;
//! [`narratives`] reports the summaries that [`crate::compute`] could not render.

mod config;
mod dates;
mod narratives;
mod references;
mod workflow;

use crate::diag::{Diagnostic, Problem};
use crate::model::{Field, Records};
use crate::source::{FileId, SourceMap};
use chrono::NaiveDate;

/// Where the checks put what they find.
pub(crate) struct Found {
    diags: Vec<Diagnostic>,
}

impl Found {
    /// Reports a problem at a field.
    fn at<T>(&mut self, file: FileId, field: &Field<T>, problem: Problem) {
        self.diags.push(Diagnostic::at(file, field.span, problem));
    }

    /// Reports a problem about a whole file.
    fn whole(&mut self, file: FileId, problem: Problem) {
        self.diags.push(Diagnostic::file(file, problem));
    }

    /// Reports `later` if it is before `earlier`.
    fn order(
        &mut self,
        file: FileId,
        later: (&str, &Field<NaiveDate>),
        earlier: (&str, &Field<NaiveDate>),
    ) {
        if **later.1 < **earlier.1 {
            let problem = Problem::DateOrder {
                key: later.0.to_owned(),
                date: later.1.to_string(),
                earlier_key: earlier.0.to_owned(),
                earlier: earlier.1.to_string(),
            };
            self.at(file, later.1, problem);
        }
    }
}

pub use narratives::narratives;

/// Runs every rule but the narratives' (which need [`crate::compute`]); events dated
/// after `today` are warned about. The diagnostics are unsorted.
pub fn check(records: &Records, sources: &SourceMap, today: NaiveDate) -> Vec<Diagnostic> {
    let mut found = Found { diags: Vec::new() };
    config::semesters(records, &mut found);
    config::summaries(records, &mut found);
    references::duplicates(records, sources, &mut found);
    references::resolve(records, &mut found);
    workflow::assets(records, &mut found);
    workflow::repairs(records, &mut found);
    workflow::purchases(records, &mut found);
    workflow::inspections(records, &mut found);
    dates::after_today(records, today, &mut found);
    dates::budgets_outside_semesters(records, &mut found);
    found.diags
}
