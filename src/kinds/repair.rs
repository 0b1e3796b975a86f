//! A repair ticket (报修 → 维修 → 反馈); its status is derived in [`crate::status`].

use super::{Kind, Record};
use crate::amount::Amount;
use crate::model::Records;
use crate::model::{Field, Origin, RecordId};
use crate::parse::{Reader, Sink, val};
use crate::status::{self, Dated};
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

impl Dated for Repair {
    fn origin(&self) -> &Origin {
        &self.origin
    }
    fn first(&self) -> NaiveDate {
        *self.reported
    }
    fn events(&self) -> Vec<(&'static str, &Field<NaiveDate>)> {
        let mut out = vec![("reported", &self.reported)];
        out.extend(self.fixed.as_ref().map(|d| ("fixed", d)));
        out.extend(self.verified.as_ref().map(|d| ("verified", d)));
        out
    }
    fn forget_after(&mut self, day: NaiveDate) {
        status::forget(&mut self.fixed, day);
        status::forget(&mut self.verified, day);
        if self.fixed.is_none() {
            self.cost = None; // what the fix cost is known once it is done
        }
    }
}

impl Record for Repair {
    const KIND: Kind = Kind::Repair;

    fn all(records: &Records) -> &Vec<Self> {
        &records.repairs
    }

    fn all_mut(records: &mut Records) -> &mut Vec<Self> {
        &mut records.repairs
    }

    /// `repairs/ID.toml`.
    fn parse(r: &mut Reader, s: &mut Sink, origin: Origin) -> Option<Self> {
        let title = r.req::<String>(s, "title");
        let location = r.req::<String>(s, "location");
        let asset = r.opt(s, "asset");
        let reported = r.req::<NaiveDate>(s, "reported");
        let reporter = r.req::<String>(s, "reporter");
        let responsible_class = r.opt::<String>(s, "responsible_class");
        let assignee = r.opt::<String>(s, "assignee");
        let fixed = r.opt(s, "fixed");
        let verified = r.opt(s, "verified");
        let cost = r.opt::<Amount>(s, "cost");
        let notes = r.opt::<String>(s, "notes");
        Some(Repair {
            origin,
            title: val(title)?,
            location: val(location)?,
            asset,
            reported: reported?,
            reporter: val(reporter)?,
            responsible_class: val(responsible_class),
            assignee: val(assignee),
            fixed,
            verified,
            cost: val(cost),
            notes: val(notes),
        })
    }
}
