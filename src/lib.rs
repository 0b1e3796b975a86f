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
//!   to turn each into a typed [`model`] record, keeping spans for diagnostics; each
//!   kind of record is a module of [`kinds`], reached through its table;
//! - [`check`] applies the rules between fields and between records;
//! - [`compute`] works out, once and on one day, everything the pages show; the rules
//!   of that day (what has happened, where each record stands) live in [`status`];
//! - [`site`], [`pdf`] and [`labels`] only present what was computed;
//! - [`diag`] holds the diagnostics and renders them (rustc style, or JSON).
//!
//! [`validate`] loads and checks a directory; [`Checked::open`] also computes it.
//!
//! Around the pipeline: [`cli`] (the commands, with [`help`] in Chinese), [`serve`] (the preview server),
//! [`create`] and [`init`] (the only writers of record files, with [`exchange`] for
//! spreadsheets and [`schema`] for editor schemas), [`history`] (git), [`narrative`]
//! (the summaries' expressions), [`amount`] (exact yuan), [`source`] (files and spans)
//! and [`i18n`] (languages).

pub mod amount;
pub mod cache;
pub mod check;
pub mod cli;
pub mod compute;
pub mod create;
pub mod diag;
pub mod exchange;
pub mod help;
pub mod history;
pub mod i18n;
pub mod init;
pub mod kinds;
pub mod labels;
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

use cache::{Cache, Reused};
use chrono::NaiveDate;
use compute::Computed;
use diag::Diagnostic;
use load::{Listing, LoadError, Loaded};
use source::SourceMap;
use std::path::Path;

/// The days a command works with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Days {
    /// The day in question: statuses and figures are computed on it (`--today`).
    pub question: NaiveDate,
    /// Today as far as warnings go: an event dated after it is probably a typo.
    pub today: NaiveDate,
}

impl Days {
    /// The days of a command given `--today` (or not): the day in question is that day
    /// or today; warnings always compare with the calendar's today.
    pub fn asked(today: Option<NaiveDate>) -> Days {
        let clock = chrono::Local::now().date_naive();
        Days {
            question: today.unwrap_or(clock),
            today: clock,
        }
    }
}

/// A records directory loaded, checked and computed.
pub struct Checked {
    /// Every file read.
    pub sources: SourceMap,
    /// Every diagnostic, sorted.
    pub diagnostics: Vec<Diagnostic>,
    /// What the records imply on the day in question.
    pub computed: Computed,
}

/// Loads and checks a records directory (all but its narratives, which need
/// [`compute`]): the records with every diagnostic, sorted. Events dated after `today`
/// are warned about.
pub fn validate(root: &Path, today: NaiveDate) -> Result<Loaded, LoadError> {
    let listing = load::list(root, false)?;
    validate_reusing(root, today, Cache::default(), listing).map(|(loaded, _)| loaded)
}

/// [`validate`] from a listing, taking the records of unchanged files from the build
/// cache.
fn validate_reusing(
    root: &Path,
    today: NaiveDate,
    cache: Cache,
    listing: Listing,
) -> Result<(Loaded, Reused), LoadError> {
    let (mut loaded, reused) = load::load_reusing(root, cache, listing)?;
    let found = check::check(&loaded.records, &loaded.sources, today);
    loaded.diagnostics.extend(found);
    diag::sort(&mut loaded.diagnostics);
    Ok((loaded, reused))
}

impl Checked {
    /// Loads, checks and computes a records directory on `days`; with `history`, the
    /// records' git history is read for the pages.
    pub fn open(root: &Path, days: Days, history: bool) -> Result<Checked, LoadError> {
        let listing = load::list(root, false)?;
        Checked::open_reusing(root, days, history, Cache::default(), Some(listing))
            .map(|(checked, _)| checked)
    }

    /// [`Checked::open`] from the listing of the records (listed here if there is
    /// none), taking the records of files found as `cache` has them from it; with what
    /// was reused, for the next cache and for what changed.
    pub fn open_reusing(
        root: &Path,
        days: Days,
        history: bool,
        cache: Cache,
        listing: Option<Listing>,
    ) -> Result<(Checked, Reused), LoadError> {
        let listing = match listing {
            Some(listing) => listing,
            None => load::list(root, cache.keep)?,
        };
        let (
            Loaded {
                mut sources,
                records,
                mut diagnostics,
            },
            reused,
        ) = validate_reusing(root, days.today, cache, listing)?;
        let history = history
            .then(|| history::read(root, days.question))
            .flatten()
            .unwrap_or_default();
        let computed = compute::compute(records, &sources, days.question, history);
        diagnostics.extend(check::narratives(&computed, &sources));
        diag::sort(&mut diagnostics);
        sources.read_unread(root, diagnostics.iter().map(|d| d.file));
        let checked = Checked {
            sources,
            diagnostics,
            computed,
        };
        Ok((checked, reused))
    }
}
