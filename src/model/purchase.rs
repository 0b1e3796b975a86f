//! A purchase (申请 → 报批 → 购买 → 入库 → 领取).

use super::{Field, Origin};
use crate::amount::Amount;
use chrono::NaiveDate;

/// How a purchase was procured.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Method {
    /// 招标.
    Tender,
    /// 政府采购.
    Government,
    /// 询价.
    Quotation,
    /// 直接采购.
    Direct,
}

impl Method {
    /// The spellings in record files, in variant order.
    pub const NAMES: &'static [&'static str] = &["tender", "government", "quotation", "direct"];
    /// The Chinese words, in the order of `NAMES`, accepted in records and sheets.
    pub const WORDS: &'static [&'static str] = &["招标", "政府采购", "询价", "直接采购"];
    /// Every method, in the order of [`Method::NAMES`].
    pub const ALL: [Method; 4] = [
        Method::Tender,
        Method::Government,
        Method::Quotation,
        Method::Direct,
    ];

    /// The spelling in record files.
    pub fn as_str(self) -> &'static str {
        Method::NAMES[self as usize]
    }
}

/// One line of a purchase.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize, schemars::JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Item {
    /// What.
    pub name: String,
    /// How many (at least 1).
    #[schemars(range(min = 1))]
    pub quantity: u32,
    /// 台, 个 …
    pub unit: Option<String>,
    /// Price of one.
    pub unit_price: Amount,
}

/// One bid of a tender.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize, schemars::JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Bid {
    /// The bidder.
    pub vendor: String,
    /// The amount bid.
    pub amount: Amount,
    /// Whether this bid won.
    #[serde(default)]
    pub won: Field<bool>,
}

/// One purchase.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize, schemars::JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Purchase {
    /// Id and file.
    #[serde(flatten)]
    #[schemars(skip)]
    pub origin: Origin,
    /// What is bought.
    pub title: String,
    /// Budget category.
    pub category: String,
    /// How it is procured.
    pub method: Field<Method>,
    /// Who asked for it.
    pub requester: String,
    /// 申请.
    pub requested: Field<NaiveDate>,
    /// 报批.
    pub approved: Option<Field<NaiveDate>>,
    /// 购买.
    pub purchased: Option<Field<NaiveDate>>,
    /// 入库.
    pub received: Option<Field<NaiveDate>>,
    /// 领取.
    pub issued: Option<Field<NaiveDate>>,
    /// The supplier.
    pub vendor: Option<Field<String>>,
    /// The lines bought (at least one).
    #[schemars(length(min = 1))]
    pub items: Vec<Item>,
    /// The bids of a tender, with the span of the `bids` key.
    pub bids: Option<Field<Vec<Bid>>>,
    /// Markdown notes.
    pub notes: Option<String>,
}

impl Purchase {
    /// The sum of the items: never written, always computed.
    pub fn total(&self) -> Amount {
        self.items
            .iter()
            .map(|i| i.unit_price.times(i.quantity))
            .sum()
    }
}
