//! zongwu keeps a school General Affairs Office's records (fixed assets, repairs,
//! purchases, inspections, budgets) as TOML files and checks them.
//!
//! The pipeline runs one way:
//!
//! ```text
//! records dir ─walk─▶ files ─parse (spans)─▶ typed records ─check─▶ diagnostics
//! ```
//!
//! - [`load`] walks the directory and reads every file (in parallel), using [`parse`]
//!   to turn each into a typed [`model`] record, keeping spans for diagnostics;
//! - [`check`] applies the rules between fields and between records;
//! - [`diag`] holds the diagnostics and renders them (rustc style, or JSON).
//!
//! [`validate`] runs the whole of it for a directory.

pub mod amount;
pub mod check;
pub mod cli;
pub mod create;
pub mod derive;
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
pub mod stats;

pub use i18n::Lang;

use diag::Diagnostic;
use load::{LoadError, Loaded};
use std::path::Path;

/// Loads and checks a records directory: the records with every diagnostic, sorted.
pub fn validate(root: &Path) -> Result<Loaded, LoadError> {
    let mut loaded = load::load(root)?;
    let found: Vec<Diagnostic> = check::check(&loaded.records, &loaded.sources);
    loaded.diagnostics.extend(found);
    diag::sort(&mut loaded.diagnostics);
    Ok(loaded)
}
