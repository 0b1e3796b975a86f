//! A fixed asset card (一物一卡).

use super::{Kind, Located, Record, Reference, SearchText};
use crate::amount::Amount;
use crate::check::Found;
use crate::compute::{Idx, audit};
use crate::create::{NewRecord, line};
use crate::diag::Problem;
use crate::exchange::layout::{ID, Layout, NOTES, Type, col};
use crate::model::Records;
use crate::model::Rules;
use crate::model::{Field, Origin, RecordId};
use crate::parse::{Positive, Price, Reader, Sink, val};
use crate::site::Site;
use crate::site::pages::records::{Parts, Shown};
use crate::site::pages::{amount_cell, date_cell, opt_cell};
use crate::site::table::{Cell, Table};
use crate::site::words::Words;
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
    pub location: Field<String>,
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

    const WORDS: Words = &[
        ("custodian", "保管人", "Custodian"),
        ("acquired", "购置日期", "Acquired"),
        ("disposed", "报废日期", "Disposed"),
        ("disposal_reason", "报废原因", "Disposal reason"),
        ("tags", "标签", "Tags"),
    ];

    const LAYOUT: Layout = Layout {
        id: ID,
        keeps_ids: false,
        columns: &[
            col("name", "名称", &["资产名称", "品名"], Type::Text),
            col("category", "类别", &["分类", "资产类别"], Type::Text),
            col("location", "存放地点", &["地点", "位置"], Type::Text),
            col("custodian", "保管人", &["责任人", "使用人"], Type::Text),
            col("quantity", "数量", &[], Type::Integer),
            col("unit", "单位", &["计量单位"], Type::Text),
            col("unit_price", "单价", &["单价(元)", "价格"], Type::Amount),
            col(
                "acquired",
                "购置日期",
                &["入账日期", "购入日期"],
                Type::Date,
            ),
            col("purchase", "来源采购", &["采购编号"], Type::Text),
            col("disposed", "报废日期", &[], Type::Date),
            col("disposal_reason", "报废原因", &[], Type::Text),
            col("tags", "标签", &[], Type::List),
            NOTES,
        ],
        lists: &[],
    };

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
            location: location?,
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

    fn table(site: &Site, root: &str, which: &mut dyn Iterator<Item = Idx>) -> Table {
        site.assets_table(root, which)
    }

    fn heading(site: &Site, i: Idx) -> (String, Option<Cell>) {
        (site.records.assets[i].name.clone(), None)
    }

    fn page<'a>(site: &Site<'a>, i: Idx, root: &str) -> Shown<'a> {
        Shown::Own(site.asset_parts(i, root))
    }

    fn search_text(&self) -> SearchText<'_> {
        let mut text = vec![self.name.as_str(), &self.category, &self.location];
        text.extend(
            [&self.custodian, &self.unit, &self.disposal_reason]
                .into_iter()
                .flatten()
                .map(String::as_str),
        );
        text.extend(self.tags.iter().map(String::as_str));
        SearchText {
            words: text,
            notes: self.notes.as_deref(),
            location: Some(self.location.as_str()),
        }
    }

    fn new_record(title: &str, today: NaiveDate) -> NewRecord {
        NewRecord {
            head: "",
            lines: vec![
                line(
                    "name",
                    title,
                    "名称（必填），如 \"半球形网络摄像机\"",
                    "what it is (required)",
                ),
                line(
                    "category",
                    "\"\"",
                    "类别（必填），如 安防、教学设备、家具、空调",
                    "category (required), e.g. 安防",
                ),
                line(
                    "location",
                    "\"\"",
                    "存放地点（必填），如 \"1号教学楼203\"",
                    "building / room (required)",
                ),
                line(
                    "quantity",
                    1,
                    "数量：这张卡片上相同物品的件数",
                    "identical items on this card",
                ),
                line("unit", "\"台\"", "单位：台、个、套……", "unit: 台, 个, 套 …"),
                line(
                    "unit_price",
                    0,
                    "单价（元，必填），最多两位小数",
                    "price of one item in yuan (required)",
                ),
                line(
                    "acquired",
                    today,
                    "购置日期（必填），不加引号",
                    "date it entered the books (required)",
                ),
            ],
            tail: "# purchase = \"P-2012-0001\"   # 来源采购的编号 / the purchase it came from\n",
        }
    }

    /// Disposal after acquisition, and with a reason.
    fn check(&self, _: &Rules, found: &mut Found) {
        let file = self.origin.file;
        if let Some(disposed) = &self.disposed {
            found.order(file, ("disposed", disposed), ("acquired", &self.acquired));
            if self
                .disposal_reason
                .as_ref()
                .is_none_or(|r| r.trim().is_empty())
            {
                found.at(
                    file,
                    disposed,
                    Problem::RequiredWith {
                        key: "disposal_reason",
                        because: "disposed",
                    },
                );
            }
        }
    }

    fn references(&self) -> Vec<Reference<'_>> {
        let purchase = self.purchase.iter();
        purchase
            .map(|p| Reference::to("purchase", Kind::Purchase, p))
            .collect()
    }

    fn locations(&self) -> Vec<Located<'_>> {
        vec![Located::at("location", &self.location)]
    }
}

/// The kind's index rows and page on the site.
impl<'a> Site<'a> {
    /// The table of some assets.
    pub(crate) fn assets_table(&self, root: &str, which: impl Iterator<Item = usize>) -> Table {
        let w = |k: &str| self.w(k);
        let mut t = Table::new(&[
            w("id"),
            w("name"),
            w("category"),
            w("location"),
            &format!("{}#", w("quantity")),
            &format!("{}#", w("unit_price")),
            &format!("{}#", w("value")),
            w("acquired"),
            w("disposed"),
        ]);
        t.extend(which, |i| {
            let a = &self.records.assets[i];
            vec![
                self.record_cell(root, Kind::Asset, a.origin.id.as_str()),
                Cell::text(&a.name),
                Cell::text(&a.category),
                self.location_cell(root, &a.location),
                Cell::num(a.quantity, a.quantity),
                amount_cell(a.unit_price),
                amount_cell(a.value()),
                date_cell(Some(*a.acquired)),
                date_cell(a.disposed.as_ref().map(|d| **d)),
            ]
        });
        t
    }
    /// The last audit that saw a card on the day in question: its date, whether it
    /// found the card, where and how many, leading to the inspection; a dash if none.
    fn last_audit_cell(&self, root: &str, a: &Asset) -> Cell {
        let lines = self.c.links.audits_of_asset.get(a.origin.id.as_str());
        let last = lines.and_then(|l| audit::last_seen(self.records, l));
        let Some((x, n)) = last else {
            return Cell::text("—");
        };
        let insp = &self.records.inspections[x];
        let Some(line) = insp.audit.as_ref().map(|l| &l[n]) else {
            return Cell::text("—");
        };
        let (colon, comma) = self.lang.pick(("：", "，"), (": ", ", "));
        let mut text = format!("{} {}{colon}", *insp.date, insp.origin.id);
        match *line.found {
            true => {
                let at = line
                    .found_at
                    .as_deref()
                    .map_or(a.location.as_str(), String::as_str);
                let unit = a.unit.as_deref().unwrap_or("");
                let counted = line.counted(a);
                let found = self.w("found");
                text.push_str(&format!("{found}{comma}{at}{comma}{counted} {unit}"));
                text.truncate(text.trim_end().len());
            }
            false => text.push_str(self.w("lines_missing")),
        }
        let link = self.record_cell(root, Kind::Inspection, insp.origin.id.as_str());
        Cell { text, ..link }
    }

    pub(crate) fn asset_parts(&self, i: usize, root: &str) -> Parts<'a> {
        let a = &self.records.assets[i];
        let id = a.origin.id.as_str();
        let f = |k, v| self.field(k, v);
        let fields = vec![
            f("id", Cell::text(id)),
            f("name", Cell::text(&a.name)),
            f("category", Cell::text(&a.category)),
            self.location_field(root, Some(&a.location)),
            f("custodian", opt_cell(a.custodian.as_deref())),
            f(
                "quantity",
                Cell::text(
                    format!("{} {}", a.quantity, a.unit.as_deref().unwrap_or("")).trim_end(),
                ),
            ),
            f("unit_price", Cell::text(a.unit_price.grouped())),
            f("value", Cell::text(a.value().grouped())),
            f("acquired", date_cell(Some(*a.acquired))),
            f(
                "purchase",
                a.purchase.as_ref().map_or_else(
                    || Cell::text("—"),
                    |p| self.record_cell(root, Kind::Purchase, p.as_str()),
                ),
            ),
            f("disposed", date_cell(a.disposed.as_ref().map(|d| **d))),
            f("disposal_reason", opt_cell(a.disposal_reason.as_deref())),
            f("last_audit", self.last_audit_cell(root, a)),
            f(
                "tags",
                Cell::text(if a.tags.is_empty() {
                    "—".to_owned()
                } else {
                    a.tags.join("、")
                }),
            ),
        ];
        let repairs = self
            .c
            .links
            .repairs_of_asset
            .get(id)
            .into_iter()
            .flatten()
            .copied();
        let audits = self.c.links.audits_of_asset.get(id);
        let audits = audits.map_or(&[][..], Vec::as_slice);
        let mut audits_newest = audits.to_vec();
        audits_newest.sort_by_key(|&(x, n)| {
            let x = &self.records.inspections[x];
            std::cmp::Reverse((*x.date, x.origin.id.as_str(), n))
        });
        let audit = self.audit_table(root, audits_newest.into_iter(), true);
        let sections = [
            self.section("repairs", self.repairs_table(root, repairs, self.c.day)),
            self.section("audit", audit),
        ]
        .into_iter()
        .flatten()
        .collect();
        (fields, sections, a.notes.as_deref())
    }
}
