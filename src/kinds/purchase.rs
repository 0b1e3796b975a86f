//! A purchase (申请 → 报批 → 购买 → 入库 → 领取).

use super::{Kind, Record, SearchText};
use crate::amount::Amount;
use crate::check::Found;
use crate::compute::Idx;
use crate::create::{NewRecord, line};
use crate::diag::Problem;
use crate::exchange::layout::{ID, Layout, List, NOTES, Type, col};
use crate::model::Records;
use crate::model::Rules;
use crate::model::{Field, Origin};
use crate::parse::{Choice, Many, Positive, Price, Reader, Sink, chosen, val};
use crate::site::Site;
use crate::site::pages::records::{Parts, Shown};
use crate::site::pages::{amount_cell, date_cell, opt_cell};
use crate::site::table::{Cell, Table};
use crate::site::words::Words;
use crate::source::Sp;
use crate::status::{self, Dated, Stage};
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

    const WORDS: Words = &[
        ("method", "采购方式", "Method"),
        ("requester", "申请人", "Requester"),
        ("requested", "申请日期", "Requested"),
        ("approved", "批准日期", "Approved"),
        ("purchased", "购买日期", "Purchased"),
        ("received", "入库日期", "Received"),
        ("issued", "领取日期", "Issued"),
        ("vendor", "供应商", "Vendor"),
        ("items", "采购明细", "Items"),
        ("bids", "投标情况", "Bids"),
        ("bid_amount", "报价（元）", "Bid (yuan)"),
        ("won", "中标", "Won"),
        ("stage", "当前环节", "Stage"),
        ("stage_requested", "待审批", "Awaiting approval"),
        ("stage_approved", "待购买", "Awaiting purchase"),
        ("stage_purchased", "待入库", "Awaiting receipt"),
        ("stage_received", "待领取", "Awaiting issue"),
        ("stage_issued", "已领取", "Issued"),
        ("method_tender", Method::WORDS[0], "Tender"),
        (
            "method_government",
            Method::WORDS[1],
            "Government procurement",
        ),
        ("method_quotation", Method::WORDS[2], "Quotation"),
        ("method_direct", Method::WORDS[3], "Direct purchase"),
    ];

    const LAYOUT: Layout = Layout {
        id: ID,
        keeps_ids: false,
        columns: &[
            col("title", "采购项目", &["项目", "名称"], Type::Text),
            col("category", "类别", &["预算类别"], Type::Text),
            col(
                "method",
                "采购方式",
                &["方式"],
                Type::Choice("method", Method::NAMES),
            ),
            col("requester", "申请人", &[], Type::Text),
            col("requested", "申请日期", &[], Type::Date),
            col("approved", "批准日期", &["报批日期"], Type::Date),
            col("purchased", "购买日期", &[], Type::Date),
            col("received", "入库日期", &[], Type::Date),
            col("issued", "领取日期", &[], Type::Date),
            col("vendor", "供应商", &["中标单位"], Type::Text),
            NOTES,
        ],
        lists: &[
            List {
                key: "items",
                columns: &[
                    col("name", "物品", &["品名", "物品名称"], Type::Text),
                    col("quantity", "数量", &[], Type::Integer),
                    col("unit", "单位", &[], Type::Text),
                    col("unit_price", "单价", &["单价(元)"], Type::Amount),
                ],
                map: false,
            },
            List {
                key: "bids",
                columns: &[
                    col("vendor", "投标单位", &[], Type::Text),
                    col("amount", "投标金额", &["报价"], Type::Amount),
                    col("won", "中标", &["是否中标"], Type::Bool),
                ],
                map: false,
            },
        ],
    };

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

    fn table(site: &Site, root: &str, which: &mut dyn Iterator<Item = Idx>) -> Table {
        site.purchases_table(root, which)
    }

    fn heading(site: &Site, i: Idx) -> (String, Option<Cell>) {
        let title = site.records.purchases[i].title.clone();
        (title, Some(site.stage_cell(i)))
    }

    fn page<'a>(site: &Site<'a>, i: Idx, root: &str) -> Shown<'a> {
        Shown::Own(site.purchase_parts(i, root))
    }

    fn search_text(&self) -> SearchText<'_> {
        let mut text = vec![self.title.as_str(), &self.category, &self.requester];
        text.extend(self.vendor.as_ref().map(|v| v.as_str()));
        text.extend(self.items.iter().map(|x| x.name.as_str()));
        let bids = self.bids.iter().flat_map(|b| b.iter());
        text.extend(bids.map(|b| b.vendor.as_str()));
        SearchText {
            words: text,
            notes: self.notes.as_deref(),
            location: None,
        }
    }

    fn new_record(title: &str, today: NaiveDate) -> NewRecord {
        NewRecord {
            head: "",
            lines: vec![
                line(
                    "title",
                    title,
                    "采购事项（必填）",
                    "what is bought (required)",
                ),
                line(
                    "category",
                    "\"\"",
                    "预算类别（必填），如 教学设备",
                    "budget category (required)",
                ),
                line(
                    "method",
                    "\"quotation\"",
                    "采购方式：tender 招标、government 政府采购、quotation 询价、direct 直接采购",
                    "tender, government, quotation or direct",
                ),
                line(
                    "requester",
                    "\"\"",
                    "申请人（必填）",
                    "who asks for it (required)",
                ),
                line(
                    "requested",
                    today,
                    "申请日期（必填）",
                    "date requested (required)",
                ),
            ],
            tail: "\n[[items]]\nname = \"\"          # 物品名称（必填）/ item (required)\nquantity = 1\nunit = \"台\"\nunit_price = 0      # 单价（元）/ price of one, yuan\n",
        }
    }

    /// 申请 → 报批 → 购买 → 入库 → 领取, vendors, and tenders.
    fn check(&self, rules: &Rules, found: &mut Found) {
        let file = self.origin.file;
        let steps = [
            ("approved", self.approved.as_ref()),
            ("purchased", self.purchased.as_ref()),
            ("received", self.received.as_ref()),
            ("issued", self.issued.as_ref()),
        ];
        found.chain(file, ("requested", &self.requested), &steps);
        if let Some(purchased) = &self.purchased {
            let vendor = self.vendor.as_ref();
            found.required_text(file, ("purchased", purchased), "vendor", vendor);
        }
        let total = self.total();
        if total >= rules.tender_threshold
            && matches!(*self.method, Method::Quotation | Method::Direct)
        {
            let problem = Problem::TenderRequired {
                total: total.to_string(),
                threshold: rules.tender_threshold.to_string(),
                method: self.method.as_str().to_owned(),
            };
            found.at(file, &self.method, problem);
        }
        if *self.method != Method::Tender {
            return;
        }
        let Some(bids) = &self.bids else {
            found.at(
                file,
                &self.method,
                Problem::RequiredWith {
                    key: "bids",
                    because: "method = \"tender\"",
                },
            );
            return;
        };
        if bids.len() < rules.min_bids as usize {
            found.at(
                file,
                bids,
                Problem::TooFewBids {
                    count: bids.len(),
                    min: rules.min_bids,
                },
            );
        }
        let winners: Vec<_> = bids.iter().filter(|b| *b.won).collect();
        match (winners.as_slice(), &self.vendor) {
            ([winner], Some(vendor)) if self.purchased.is_some() && winner.vendor != **vendor => {
                let problem = Problem::WinnerVendor {
                    winner: winner.vendor.clone(),
                    vendor: vendor.to_string(),
                };
                found.at(file, vendor, problem);
            }
            ([_], _) => {}
            (many, _) => found.at(file, bids, Problem::WinningBids { count: many.len() }),
        }
    }
}

/// The kind's index rows and page on the site.
impl<'a> Site<'a> {
    /// The stage badge of a purchase.
    pub(crate) fn stage_cell(&self, i: usize) -> Cell {
        let stage = self.c.stages[i];
        let key = match stage {
            Stage::Requested => "stage_requested",
            Stage::Approved => "stage_approved",
            Stage::Purchased => "stage_purchased",
            Stage::Received => "stage_received",
            Stage::Issued => "stage_issued",
        };
        Cell::status(
            self.w(key),
            if stage == Stage::Issued {
                "closed"
            } else {
                "waiting"
            },
        )
    }
    /// The table of some purchases.
    pub(crate) fn purchases_table(&self, root: &str, which: impl Iterator<Item = usize>) -> Table {
        let w = |k: &str| self.w(k);
        let mut t = Table::new(&[
            w("id"),
            w("title"),
            w("category"),
            w("method"),
            w("requested"),
            w("purchased"),
            &format!("{}#", w("total")),
            w("stage"),
        ]);
        t.extend(which, |i| {
            let p = &self.records.purchases[i];
            vec![
                self.record_cell(root, Kind::Purchase, p.origin.id.as_str()),
                Cell::text(&p.title),
                Cell::text(&p.category),
                Cell::text(self.w(&format!("method_{}", p.method.as_str()))),
                date_cell(Some(*p.requested)),
                date_cell(p.purchased.as_ref().map(|d| **d)),
                amount_cell(p.total()),
                self.stage_cell(i),
            ]
        });
        t
    }
    pub(crate) fn purchase_parts(&self, i: usize, root: &str) -> Parts<'a> {
        let p = &self.records.purchases[i];
        let id = p.origin.id.as_str();
        let f = |k, v| self.field(k, v);
        let fields = vec![
            f("id", Cell::text(id)),
            f("title", Cell::text(&p.title)),
            f("category", Cell::text(&p.category)),
            f(
                "method",
                Cell::text(self.w(&format!("method_{}", p.method.as_str()))),
            ),
            f("requester", Cell::text(&p.requester)),
            f("requested", date_cell(Some(*p.requested))),
            f("approved", date_cell(p.approved.as_ref().map(|d| **d))),
            f("purchased", date_cell(p.purchased.as_ref().map(|d| **d))),
            f("received", date_cell(p.received.as_ref().map(|d| **d))),
            f("issued", date_cell(p.issued.as_ref().map(|d| **d))),
            f("vendor", opt_cell(p.vendor.as_ref().map(|v| v.as_str()))),
            f("total", Cell::text(p.total().grouped())),
        ];
        let w = |k: &str| self.w(k);
        let mut items = Table::new(&[
            w("name"),
            &format!("{}#", w("quantity")),
            w("unit"),
            &format!("{}#", w("unit_price")),
            &format!("{}#", w("value")),
        ]);
        for item in &p.items {
            items.push(vec![
                Cell::text(&item.name),
                Cell::num(item.quantity, item.quantity),
                opt_cell(item.unit.as_deref()),
                amount_cell(item.unit_price),
                amount_cell(item.unit_price.times(item.quantity)),
            ]);
        }
        let mut bids = Table::new(&[w("vendor"), &format!("{}#", w("bid_amount")), w("won")]);
        for bid in p.bids.iter().flat_map(|b| b.iter()) {
            bids.push(vec![
                Cell::text(&bid.vendor),
                amount_cell(bid.amount),
                Cell::text(if *bid.won { w("yes") } else { "" }),
            ]);
        }
        let assets = self
            .c
            .links
            .assets_of_purchase
            .get(id)
            .into_iter()
            .flatten()
            .copied();
        let sections = [
            self.section("items", items),
            self.section("bids", bids),
            self.section("assets", self.assets_table(root, assets)),
        ]
        .into_iter()
        .flatten()
        .collect();
        (fields, sections, p.notes.as_deref())
    }
}
