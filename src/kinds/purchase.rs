//! A purchase (申请 → 报批 → 购买 → 入库 → 领取).

use super::{Kind, Record};
use crate::amount::Amount;
use crate::diag::Problem;
use crate::model::Records;
use crate::model::{Field, Origin};
use crate::parse::{Choice, Many, Positive, Price, Reader, Sink, chosen, val};
use crate::source::Sp;
use crate::status::{self, Dated};
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

impl Dated for Purchase {
    fn origin(&self) -> &Origin {
        &self.origin
    }
    fn first(&self) -> NaiveDate {
        *self.requested
    }
    fn events(&self) -> Vec<(&'static str, &Field<NaiveDate>)> {
        let mut out = vec![("requested", &self.requested)];
        let steps = [
            ("approved", &self.approved),
            ("purchased", &self.purchased),
            ("received", &self.received),
            ("issued", &self.issued),
        ];
        out.extend(
            steps
                .into_iter()
                .filter_map(|(key, d)| d.as_ref().map(|d| (key, d))),
        );
        out
    }
    fn forget_after(&mut self, day: NaiveDate) {
        for step in [
            &mut self.approved,
            &mut self.purchased,
            &mut self.received,
            &mut self.issued,
        ] {
            status::forget(step, day);
        }
    }
}

impl Choice for Method {
    const NAMES: &'static [&'static str] = Method::NAMES;
    const WORDS: &'static [&'static str] = Method::WORDS;
    const VALUES: &'static [Self] = &Method::ALL;
}

/// One `[[items]]` of a purchase.
fn item(r: &mut Reader, s: &mut Sink) -> Option<Item> {
    let name = r.req::<String>(s, "name");
    let quantity = r.req::<Positive>(s, "quantity");
    let unit = r.opt::<String>(s, "unit");
    let unit_price = r.req::<Price>(s, "unit_price");
    Some(Item {
        name: val(name)?,
        quantity: val(quantity)?.0,
        unit: val(unit),
        unit_price: val(unit_price)?.0,
    })
}

/// One `[[bids]]` of a purchase.
fn bid(r: &mut Reader, s: &mut Sink) -> Option<Bid> {
    let vendor = r.req::<String>(s, "vendor");
    let amount = r.req::<Amount>(s, "amount");
    let won = r.opt::<bool>(s, "won");
    let won = won.unwrap_or(Sp {
        value: false,
        span: Default::default(),
    });
    Some(Bid {
        vendor: val(vendor)?,
        amount: val(amount)?,
        won,
    })
}

impl Record for Purchase {
    const KIND: Kind = Kind::Purchase;

    fn all(records: &Records) -> &Vec<Self> {
        &records.purchases
    }

    fn all_mut(records: &mut Records) -> &mut Vec<Self> {
        &mut records.purchases
    }

    /// `purchases/ID.toml`.
    fn parse(r: &mut Reader, s: &mut Sink, origin: Origin) -> Option<Self> {
        let title = r.req::<String>(s, "title");
        let category = r.req::<String>(s, "category");
        let method = chosen(r.req(s, "method"));
        let requester = r.req::<String>(s, "requester");
        let requested = r.req::<NaiveDate>(s, "requested");
        let approved = r.opt(s, "approved");
        let purchased = r.opt(s, "purchased");
        let received = r.opt(s, "received");
        let issued = r.opt(s, "issued");
        let vendor = r.opt(s, "vendor");
        let items = r.tables(s, "items", item);
        match &items {
            Many::Absent => r.missing("items"),
            Many::Read(list) if list.is_empty() => s.at(
                list.span,
                Problem::EmptyList {
                    key: "items".to_owned(),
                },
            ),
            _ => {}
        }
        let bids = r.tables(s, "bids", bid);
        let notes = r.opt::<String>(s, "notes");
        Some(Purchase {
            origin,
            title: val(title)?,
            category: val(category)?,
            method: method?,
            requester: val(requester)?,
            requested: requested?,
            approved,
            purchased,
            received,
            issued,
            vendor,
            items: items.read().filter(|i| !i.is_empty())?.value,
            bids: bids.optional()?,
            notes: val(notes),
        })
    }
}
