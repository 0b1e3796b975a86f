//! zongwu keeps a school General Affairs Office's records (fixed assets, repairs,
//! purchases, inspections, budgets) as TOML files and checks, computes and publishes them.
//!
//! The pipeline runs one way:
//!
//! ```text
//! records dir ─walk─▶ files ─parse (spans)─▶ typed records ─check─▶ diagnostics
//!                                                  │
//!                                                  ▼  (on the day in question)
//!                                               compute ─▶ statuses, links, figures,
//!                                                  │       narratives, history
//!                                                  ▼
//!                                               render ─▶ site/ (staged, swapped in), PDF
//! ```
//!
//! - [`load`] walks the directory and reads every file (in parallel), using [`parse`]
//!   to turn each into a typed [`model`] record, keeping spans for diagnostics;
//! - [`check`] applies the rules between fields and between records;
//! - [`compute`] works out, once and on one day, everything the pages show; the rules
//!   of that day (what has happened, where each record stands) live in [`status`];
//! - [`site`] and [`pdf`] only present what was computed;
//! - [`diag`] holds the diagnostics and renders them (rustc style, or JSON).
//!
//! [`validate`] runs loading, checking and computing for a directory.

pub mod amount;
pub mod check;
pub mod cli;
pub mod compute;
pub mod create;
pub mod diag;
pub mod exchange;
pub mod history;
pub mod i18n;
pub mod init;
pub mod load;
pub mod model;
pub mod narrative;
pub mod parse;
pub mod pdf;
pub mod schema;
pub mod serve;
pub mod site;
pub mod source;
pub mod status;

pub use i18n::Lang;

use chrono::NaiveDate;
use compute::Computed;
use load::{LoadError, Loaded};
use std::path::Path;

/// The days a command works with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Days {
    /// The day in question: statuses and figures are computed on it (`--today`).
    pub question: NaiveDate,
    /// Today as far as warnings go: an event dated after it is probably a typo.
    pub today: NaiveDate,
}

/// A records directory loaded, checked and computed.
pub struct Checked {
    /// The records and sources, with every diagnostic, sorted.
    pub loaded: Loaded,
    /// What the records imply on the day in question.
    pub computed: Computed,
}

/// Loads, checks and computes a records directory; with `history`, the records' git
/// history is read for the pages.
pub fn validate(root: &Path, days: Days, history: bool) -> Result<Checked, LoadError> {
    let mut loaded = load::load(root)?;
    let found = check::check(&loaded.records, &loaded.sources, days.today);
    loaded.diagnostics.extend(found);
    let history = history
        .then(|| history::read(root))
        .flatten()
        .unwrap_or_default();
    let computed = compute::compute(&loaded.records, &loaded.sources, days.question, history);
    let narratives = check::narratives(&computed, &loaded.sources);
    loaded.diagnostics.extend(narratives);
    diag::sort(&mut loaded.diagnostics);
    Ok(Checked { loaded, computed })
}
