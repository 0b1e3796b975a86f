//! A repair ticket (报修 → 维修 → 反馈); its status is derived in [`crate::status`].

use super::{Field, Origin, RecordId};
use crate::amount::Amount;
use chrono::NaiveDate;

/// One repair ticket.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize, schemars::JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Repair {
    /// Id and file.
    #[serde(flatten)]
    #[schemars(skip)]
    pub origin: Origin,
    /// What is broken.
    pub title: String,
    /// Where.
    pub location: String,
    /// The asset repaired.
    pub asset: Option<Field<RecordId>>,
    /// When it was reported.
    pub reported: Field<NaiveDate>,
    /// Who filed it.
    pub reporter: String,
    /// The class accountable for damage to its property.
    pub responsible_class: Option<String>,
    /// Who repairs it.
    pub assignee: Option<String>,
    /// When it was fixed.
    pub fixed: Option<Field<NaiveDate>>,
    /// When the reporter confirmed the fix.
    pub verified: Option<Field<NaiveDate>>,
    /// What it cost.
    pub cost: Option<Amount>,
    /// Markdown notes.
    pub notes: Option<String>,
}
