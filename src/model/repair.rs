//! A repair ticket (报修 → 维修 → 反馈) and its derived status.

use super::{Field, Origin, RecordId};
use crate::amount::Amount;
use chrono::NaiveDate;

/// One repair ticket.
#[derive(Clone, Debug, serde::Serialize, schemars::JsonSchema)]
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

/// Where a ticket stands; derived, never written.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum RepairStatus {
    /// Not fixed.
    Open,
    /// Fixed, not yet verified.
    Fixed,
    /// Verified by the reporter.
    Closed,
}

impl Repair {
    /// The status on `day` (dates after it are not yet known then).
    pub fn status_on(&self, day: NaiveDate) -> RepairStatus {
        let by = |d: &Option<Field<NaiveDate>>| d.as_ref().is_some_and(|d| **d <= day);
        if by(&self.verified) {
            RepairStatus::Closed
        } else if by(&self.fixed) {
            RepairStatus::Fixed
        } else {
            RepairStatus::Open
        }
    }

    /// Whether the ticket is open and older than `overdue_days` on `day`.
    pub fn overdue_on(&self, day: NaiveDate, overdue_days: u32) -> bool {
        *self.reported <= day
            && self.status_on(day) == RepairStatus::Open
            && (day - *self.reported).num_days() > i64::from(overdue_days)
    }
}
