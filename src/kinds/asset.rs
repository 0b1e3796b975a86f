//! A fixed asset card (一物一卡).

use super::{Kind, Record};
use crate::amount::Amount;
use crate::model::Records;
use crate::model::{Field, Origin, RecordId};
use crate::parse::{Positive, Price, Reader, Sink, val};
use crate::status::{self, Dated};
use chrono::NaiveDate;

/// One fixed asset, or a batch of identical items on one card.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize, schemars::JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Asset {
    /// Id and file.
    #[serde(flatten)]
    #[schemars(skip)]
    pub origin: Origin,
    /// What it is.
    pub name: String,
    /// Free-text category, grouped in reports.
    pub category: String,
    /// Building / room.
    pub location: String,
    /// Person or team responsible.
    pub custodian: Option<String>,
    /// Identical items on this card (at least 1).
    #[serde(default = "one")]
    #[schemars(range(min = 1))]
    pub quantity: u32,
    /// 台, 个, 套 …
    pub unit: Option<String>,
    /// Price of one item.
    pub unit_price: Amount,
    /// Date it entered the books.
    pub acquired: Field<NaiveDate>,
    /// The purchase it came from.
    pub purchase: Option<Field<RecordId>>,
    /// Date it left the books.
    pub disposed: Option<Field<NaiveDate>>,
    /// Why it left the books.
    pub disposal_reason: Option<String>,
    /// Free tags.
    #[serde(default)]
    pub tags: Vec<String>,
    /// Markdown notes.
    pub notes: Option<String>,
}

/// The quantity of a card that does not give one.
fn one() -> u32 {
    1
}

impl Asset {
    /// Quantity × unit price.
    pub fn value(&self) -> Amount {
        self.unit_price.times(self.quantity)
    }
}

impl Dated for Asset {
    fn origin(&self) -> &Origin {
        &self.origin
    }
    fn first(&self) -> NaiveDate {
        *self.acquired
    }
    fn events(&self) -> Vec<(&'static str, &Field<NaiveDate>)> {
        let mut out = vec![("acquired", &self.acquired)];
        out.extend(self.disposed.as_ref().map(|d| ("disposed", d)));
        out
    }
    fn forget_after(&mut self, day: NaiveDate) {
        status::forget(&mut self.disposed, day);
    }
}

impl Record for Asset {
    const KIND: Kind = Kind::Asset;

    fn all(records: &Records) -> &Vec<Self> {
        &records.assets
    }

    fn all_mut(records: &mut Records) -> &mut Vec<Self> {
        &mut records.assets
    }

    /// `assets/ID.toml`.
    fn parse(r: &mut Reader, s: &mut Sink, origin: Origin) -> Option<Self> {
        let name = r.req::<String>(s, "name");
        let category = r.req::<String>(s, "category");
        let location = r.req::<String>(s, "location");
        let custodian = r.opt::<String>(s, "custodian");
        let quantity = r.opt::<Positive>(s, "quantity");
        let unit = r.opt::<String>(s, "unit");
        let unit_price = r.req::<Price>(s, "unit_price");
        let acquired = r.req::<NaiveDate>(s, "acquired");
        let purchase = r.opt(s, "purchase");
        let disposed = r.opt(s, "disposed");
        let disposal_reason = r.opt::<String>(s, "disposal_reason");
        let tags = r.opt::<Vec<String>>(s, "tags");
        let notes = r.opt::<String>(s, "notes");
        Some(Asset {
            origin,
            name: val(name)?,
            category: val(category)?,
            location: val(location)?,
            custodian: val(custodian),
            quantity: quantity.map_or(1, |q| q.value.0),
            unit: val(unit),
            unit_price: val(unit_price)?.0,
            acquired: acquired?,
            purchase,
            disposed,
            disposal_reason: val(disposal_reason),
            tags: val(tags).unwrap_or_default(),
            notes: val(notes),
        })
    }
}
