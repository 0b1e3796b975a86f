//! Check: the rules between fields of one record (each kind's, from its module:
//! [`crate::kinds::Record::check`]) and between records, over the parsed [`Records`]. Parsing already reported syntax, keys, types and value formats;
//! [`narratives`] reports the summaries that [`crate::compute`] could not render.

mod config;
mod dates;
mod narratives;
mod places;
mod references;

use crate::diag::{Diagnostic, Problem};
use crate::kinds::{Record, dispatch};
use crate::model::{Field, Kind, Records};
use crate::source::{FileId, SourceMap};
use chrono::NaiveDate;

/// Where the checks put what they find.
pub struct Found {
    diags: Vec<Diagnostic>,
}

impl Found {
    /// Reports a problem at a field.
    pub(crate) fn at<T>(&mut self, file: FileId, field: &Field<T>, problem: Problem) {
        self.diags.push(Diagnostic::at(file, field.span, problem));
    }

    /// Reports a problem about a whole file.
    fn whole(&mut self, file: FileId, problem: Problem) {
        self.diags.push(Diagnostic::file(file, problem));
    }

    /// A chain of workflow steps: each set step needs the one before it and its date.
    pub(crate) fn chain(
        &mut self,
        file: FileId,
        first: (&str, &Field<NaiveDate>),
        rest: &[(&'static str, Option<&Field<NaiveDate>>)],
    ) {
        let mut latest = first;
        let mut previous: &'static str = "";
        for (i, (key, date)) in rest.iter().enumerate() {
            if let Some(date) = date {
                if i > 0 && rest[i - 1].1.is_none() {
                    self.at(
                        file,
                        date,
                        Problem::MissingStep {
                            key: (*key).to_owned(),
                            needs: previous,
                        },
                    );
                }
                self.order(file, (key, date), latest);
                latest = (key, date);
            }
            previous = key;
        }
    }

    /// A text that another key requires (`vendor` once `purchased` is set): missing, it
    /// is reported at that key; blank, at the text.
    pub(crate) fn required_text<T>(
        &mut self,
        file: FileId,
        because: (&'static str, &Field<T>),
        key: &'static str,
        text: Option<&Field<String>>,
    ) {
        match text {
            None => {
                let problem = Problem::RequiredWith {
                    key,
                    because: because.0,
                };
                self.at(file, because.1, problem);
            }
            Some(text) if text.trim().is_empty() => {
                let problem = Problem::EmptyValue {
                    key: key.to_owned(),
                };
                self.at(file, text, problem);
            }
            Some(_) => {}
        }
    }

    /// Reports `later` if it is before `earlier`.
    pub(crate) fn order(
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
    references::disposed_assets(records, &mut found);
    references::audit_cards(records, &mut found);
    places::register(records, &mut found);
    places::locations(records, &mut found);
    let rules = &records.config.rules;
    for kind in Kind::ALL {
        dispatch!(kind, K => K::all(records).iter().for_each(|r| r.check(rules, &mut found)));
    }
    crate::kinds::project::mixed_units(records, &mut found);
    dates::after_today(records, today, &mut found);
    dates::budgets_outside_semesters(records, &mut found);
    found.diags
}
