//! Parse: one file's text → one typed record and its diagnostics.
//!
//! Syntax, keys, types, value formats (dates, amounts, choices) are checked here, where
//! the TOML tree is at hand; rules between fields and between records are in `check`.

mod fields;
pub use fields::closest;
mod kinds;

pub use fields::Sink;

use crate::diag::Problem;
use crate::model::{Asset, Budget, Config, Inspection, Kind, Origin, Purchase, Repair};
use fields::Reader;
use toml::de::DeTable;

/// One parsed record of any kind.
#[derive(Clone, Debug)]
pub enum Parsed {
    /// An asset.
    Asset(Asset),
    /// A repair.
    Repair(Repair),
    /// A purchase.
    Purchase(Purchase),
    /// An inspection.
    Inspection(Inspection),
    /// A budget.
    Budget(Budget),
}

impl Parsed {
    /// Adds the record to the set of its kind.
    pub fn add_to(self, records: &mut crate::model::Records) {
        match self {
            Parsed::Asset(a) => records.assets.push(a),
            Parsed::Repair(r) => records.repairs.push(r),
            Parsed::Purchase(p) => records.purchases.push(p),
            Parsed::Inspection(x) => records.inspections.push(x),
            Parsed::Budget(b) => records.budgets.push(b),
        }
    }
}

/// Parses the TOML text, reporting syntax errors, and hands the document to `read`.
fn with_document<T>(
    text: &str,
    sink: &mut Sink,
    read: impl FnOnce(&mut Reader, &mut Sink) -> Option<T>,
) -> Option<T> {
    let (document, errors) = DeTable::parse_recoverable(text);
    let had_errors = !errors.is_empty();
    for error in errors {
        let detail = error.message().trim().to_owned();
        match error.span() {
            Some(span) => sink.at(span, Problem::Syntax { detail }),
            None => sink.whole(Problem::Syntax { detail }),
        }
    }
    if had_errors {
        return None;
    }
    let table = document.get_ref();
    let mut reader = Reader::document(table);
    let value = read(&mut reader, sink);
    reader.finish(sink);
    value
}

/// Parses a record file of `kind`.
pub fn record(kind: Kind, origin: Origin, text: &str, sink: &mut Sink) -> Option<Parsed> {
    with_document(text, sink, |r, sink| match kind {
        Kind::Asset => kinds::asset(r, sink, origin).map(Parsed::Asset),
        Kind::Repair => kinds::repair(r, sink, origin).map(Parsed::Repair),
        Kind::Purchase => kinds::purchase(r, sink, origin).map(Parsed::Purchase),
        Kind::Inspection => kinds::inspection(r, sink, origin).map(Parsed::Inspection),
        Kind::Budget => kinds::budget(r, sink, origin).map(Parsed::Budget),
    })
}

/// Parses `zongwu.toml`.
pub fn config(text: &str, sink: &mut Sink) -> Option<Config> {
    with_document(text, sink, kinds::config)
}
