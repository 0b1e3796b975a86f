//! A fixed asset card (一物一卡).

use super::{Field, Origin, RecordId};
use crate::amount::Amount;
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
