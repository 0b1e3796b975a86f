//! The records as typed values: the whole [`Records`] set, with what every record has
//! (its [`Origin`]) and the configuration; each kind's type is in [`crate::kinds`].
//!
//! Nothing here knows about files on disk or HTML; values keep the [`Sp`] spans that
//! the checks need to point at mistakes.

mod config;
mod register;

pub use crate::kinds::asset::Asset;
pub use crate::kinds::budget::{Budget, Month};
pub use crate::kinds::contract::Contract;
pub use crate::kinds::event::{Event, EventType};
pub use crate::kinds::incident::Incident;
pub use crate::kinds::inspection::{
    AuditEntry, Finding, Inspection, InspectionType, Score, Severity,
};
pub use crate::kinds::project::Project;
pub use crate::kinds::purchase::{Bid, Item, Method, Purchase};
pub use crate::kinds::repair::Repair;
pub use crate::kinds::rule::Rule;
pub use crate::kinds::{Kind, KindInfo, RecordPage};
pub use config::{Config, Rules, School, Semester, Site};
pub use register::{Building, Place, Register, Room};

use crate::kinds::Record;
use crate::source::{FileId, Sp};
use std::collections::BTreeMap;
use std::fmt;

/// A record id: the file stem, unique within its kind.
#[derive(
    Clone,
    Debug,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    serde::Serialize,
    serde::Deserialize,
    schemars::JsonSchema,
)]
#[serde(transparent)]
pub struct RecordId(#[schemars(pattern(r"^[A-Za-z0-9][A-Za-z0-9._-]*$"))] pub String);

impl RecordId {
    /// Whether a file stem is a valid id: `[A-Za-z0-9][A-Za-z0-9._-]*`.
    pub fn is_valid(stem: &str) -> bool {
        let mut bytes = stem.bytes();
        bytes.next().is_some_and(|b| b.is_ascii_alphanumeric())
            && bytes.all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'))
    }

    /// The id as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for RecordId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::borrow::Borrow<str> for RecordId {
    fn borrow(&self) -> &str {
        &self.0
    }
}

/// Where a record came from: its id and its file.
#[derive(
    Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize, schemars::JsonSchema,
)]
pub struct Origin {
    /// The id (file stem).
    pub id: RecordId,
    /// The file, for diagnostics.
    #[serde(skip)]
    pub file: FileId,
}

/// A semester narrative file: `summaries/ID.md`.
#[derive(Clone, Debug)]
pub struct Summary {
    /// The semester id it belongs to (the file stem).
    pub semester: String,
    /// The file.
    pub file: FileId,
}

/// Every record of a directory that parsed, with the ids of all record files.
#[derive(Clone, Debug, Default)]
pub struct Records {
    /// `zongwu.toml`, where it parsed (defaults otherwise).
    pub config: Config,
    /// The file of `zongwu.toml`.
    pub config_file: FileId,
    /// Whether `zongwu.toml` was read without any problem (else some settings and
    /// semesters may be missing, and rules that depend on them say nothing).
    pub config_read: bool,
    /// `locations.toml`, where it exists (every entry that read); without it,
    /// locations are free text.
    pub register: Option<Register>,
    /// The file of `locations.toml`.
    pub register_file: FileId,
    /// Fixed assets.
    pub assets: Vec<Asset>,
    /// Repair tickets.
    pub repairs: Vec<Repair>,
    /// Purchases.
    pub purchases: Vec<Purchase>,
    /// Inspections.
    pub inspections: Vec<Inspection>,
    /// Monthly budgets.
    pub budgets: Vec<Budget>,
    /// Works projects.
    pub projects: Vec<Project>,
    /// Outsourcing and service contracts.
    pub contracts: Vec<Contract>,
    /// Safety incidents.
    pub incidents: Vec<Incident>,
    /// Meetings, training and visits.
    pub events: Vec<Event>,
    /// The rule book.
    pub rules: Vec<Rule>,
    /// Semester narratives.
    pub summaries: Vec<Summary>,
    /// Every record file's id per kind (also of files that did not parse), with the file
    /// it is in: what references resolve against and what duplicates are found in.
    pub ids: BTreeMap<Kind, Vec<(RecordId, FileId)>>,
}

impl Records {
    /// How many records of a kind there are.
    pub fn count(&self, kind: Kind) -> usize {
        crate::kinds::dispatch!(kind, K => K::all(self).len())
    }

    /// Makes room for `additional` more records of a kind.
    pub fn reserve(&mut self, kind: Kind, additional: usize) {
        crate::kinds::dispatch!(kind, K => K::all_mut(self).reserve(additional))
    }

    /// Takes out the record of a kind with this id.
    pub fn remove(&mut self, kind: Kind, id: &str) {
        crate::kinds::dispatch!(kind, K => K::all_mut(self).retain(|r| r.origin.id.as_str() != id))
    }

    /// The id and file of the `i`th record of a kind.
    pub fn origin(&self, kind: Kind, i: usize) -> &Origin {
        crate::kinds::dispatch!(kind, K => &K::all(self)[i].origin)
    }
}

/// The JSON Schema of a choice: its English names or its Chinese words.
macro_rules! choice_schema {
    ($($choice:ident),*) => {$(
        impl schemars::JsonSchema for $choice {
            fn schema_name() -> std::borrow::Cow<'static, str> {
                stringify!($choice).into()
            }

            fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
                let all: Vec<&str> = $choice::NAMES.iter().chain($choice::WORDS).copied().collect();
                schemars::json_schema!({"type": "string", "enum": all})
            }
        }
    )*};
}

choice_schema!(Method, InspectionType, Severity, EventType);

/// The span-carrying value type used in record fields.
pub type Field<T> = Sp<T>;
