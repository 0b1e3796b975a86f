//! An outsourcing or service contract (外包, 服务合同); its status on a day, between its
//! `start` and its `end`, is derived in [`crate::status`].

use super::{Kind, Record, Reference, SearchText};
use crate::amount::Amount;
use crate::check::Found;
use crate::compute::Idx;
use crate::create::{NewRecord, line};
use crate::exchange::layout::{ID, Layout, NOTES, Type, col};
use crate::model::Records;
use crate::model::Rules;
use crate::model::{Field, Origin, RecordId};
use crate::parse::{Reader, Sink, val};
use crate::site::Site;
use crate::site::pages::records::{Parts, Shown};
use crate::site::pages::{amount_cell, date_cell};
use crate::site::table::{Cell, Table};
use crate::site::words::Words;
use crate::status::{self, ContractStatus, Dated};
use chrono::NaiveDate;

/// One contract.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize, schemars::JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Contract {
    /// Id and file.
    #[serde(flatten)]
    #[schemars(skip)]
    pub origin: Origin,
    /// What is contracted.
    pub title: String,
    /// Who provides it.
    pub vendor: String,
    /// Free-text category (多媒体维护, 保洁, 绿化养护 …).
    pub category: String,
    /// When it was signed: before it, the contract does not exist.
    pub signed: Field<NaiveDate>,
    /// The first day it runs (planned).
    pub start: Field<NaiveDate>,
    /// The last day it runs (planned).
    pub end: Field<NaiveDate>,
    /// The contract's total.
    pub amount: Amount,
    /// The purchase behind it.
    pub purchase: Option<Field<RecordId>>,
    /// Markdown notes.
    pub notes: Option<String>,
}

/// The last day of a contract of one year that starts on `start` (2011-09-01 →
/// 2012-08-31): what a new contract's `end` is until the office writes its own.
pub(crate) fn a_year_from(start: NaiveDate) -> NaiveDate {
    start
        .checked_add_months(chrono::Months::new(12))
        .and_then(|d| d.pred_opt())
        .unwrap_or(start)
}

impl Dated for Contract {
    fn origin(&self) -> &Origin {
        &self.origin
    }
    fn first(&self) -> NaiveDate {
        *self.signed
    }
    /// Only `signed`: `start` and `end` are planned, and compared with the day instead.
    fn events(&self) -> Vec<(&'static str, &Field<NaiveDate>)> {
        vec![("signed", &self.signed)]
    }
    fn forget_after(&mut self, _: NaiveDate) {}
}

impl Record for Contract {
    const KIND: Kind = Kind::Contract;

    const WORDS: Words = &[
        ("contracts", "合同", "Contracts"),
        ("signed", "签订日期", "Signed"),
        ("start", "开始日期", "Start"),
        ("end", "结束日期", "End"),
        ("contract_amount", "合同金额（元）", "Amount (yuan)"),
        ("contract_not_started", "未开始", "Not started"),
        ("contract_active", "履行中", "Active"),
        ("contract_ending_soon", "即将到期", "Ending soon"),
        ("contract_ended", "已到期", "Ended"),
    ];

    const LAYOUT: Layout = Layout {
        id: ID,
        keeps_ids: false,
        columns: &[
            col("title", "合同名称", &["合同", "名称", "项目"], Type::Text),
            col(
                "vendor",
                "服务单位",
                &["供应商", "承包单位", "乙方"],
                Type::Text,
            ),
            col("category", "类别", &["合同类别"], Type::Text),
            col("signed", "签订日期", &["签订"], Type::Date),
            col("start", "开始日期", &["起始日期"], Type::Date),
            col("end", "结束日期", &["到期日期", "截止日期"], Type::Date),
            col(
                "amount",
                "合同金额",
                &["金额", "合同金额(元)"],
                Type::Amount,
            ),
            col("purchase", "来源采购", &["采购编号"], Type::Text),
            NOTES,
        ],
        lists: &[],
    };

    fn all(records: &Records) -> &Vec<Self> {
        &records.contracts
    }

    fn all_mut(records: &mut Records) -> &mut Vec<Self> {
        &mut records.contracts
    }

    /// `contracts/ID.toml`.
    fn parse(r: &mut Reader, s: &mut Sink, origin: Origin) -> Option<Self> {
        let title = r.req::<String>(s, "title");
        let vendor = r.req::<String>(s, "vendor");
        let category = r.req::<String>(s, "category");
        let signed = r.req::<NaiveDate>(s, "signed");
        let start = r.req::<NaiveDate>(s, "start");
        let end = r.req::<NaiveDate>(s, "end");
        let amount = r.req::<Amount>(s, "amount");
        let purchase = r.opt(s, "purchase");
        let notes = r.opt::<String>(s, "notes");
        Some(Contract {
            origin,
            title: val(title)?,
            vendor: val(vendor)?,
            category: val(category)?,
            signed: signed?,
            start: start?,
            end: end?,
            amount: val(amount)?,
            purchase,
            notes: val(notes),
        })
    }

    fn table(site: &Site, root: &str, which: &mut dyn Iterator<Item = Idx>) -> Table {
        site.contracts_table(root, which)
    }

    fn heading(site: &Site, i: Idx) -> (String, Option<Cell>) {
        let title = site.records.contracts[i].title.clone();
        (title, Some(site.contract_status_cell(i)))
    }

    fn page<'a>(site: &Site<'a>, i: Idx, root: &str) -> Shown<'a> {
        Shown::Own(site.contract_parts(i, root))
    }

    fn search_text(&self) -> SearchText<'_> {
        let mut text = vec![self.title.as_str(), &self.vendor, &self.category];
        text.extend(self.purchase.as_ref().map(|p| p.as_str()));
        SearchText {
            words: text,
            notes: self.notes.as_deref(),
            location: None,
        }
    }

    fn new_record(title: &str, today: NaiveDate) -> NewRecord {
        let a_year = a_year_from(today);
        NewRecord {
            head: "",
            lines: vec![
                line(
                    "title",
                    title,
                    "合同名称（必填），如 \"高中部多媒体设备维护外包\"",
                    "what is contracted (required)",
                ),
                line(
                    "vendor",
                    "\"\"",
                    "服务单位（必填）",
                    "who provides it (required)",
                ),
                line(
                    "category",
                    "\"\"",
                    "类别（必填），如 多媒体维护、保洁、绿化养护",
                    "category (required), e.g. 保洁",
                ),
                line(
                    "signed",
                    today,
                    "签订日期（必填），不加引号",
                    "date signed (required)",
                ),
                line(
                    "start",
                    today,
                    "开始日期（必填）",
                    "first day it runs (required)",
                ),
                line(
                    "end",
                    a_year,
                    "结束日期（必填），不早于开始日期",
                    "last day it runs (required), not before start",
                ),
                line(
                    "amount",
                    0,
                    "合同金额（元，必填）",
                    "the contract's total in yuan (required)",
                ),
            ],
            tail: "# purchase = \"P-2012-0001\"   # 来源采购的编号 / the purchase behind it\n",
        }
    }

    /// The end not before the start.
    fn check(&self, _: &Rules, found: &mut Found) {
        found.order(self.origin.file, ("end", &self.end), ("start", &self.start));
    }

    fn references(&self) -> Vec<Reference<'_>> {
        let purchase = self.purchase.iter();
        purchase
            .map(|p| Reference::to("purchase", Kind::Purchase, p))
            .collect()
    }
}

/// The kind's index rows and page on the site.
impl<'a> Site<'a> {
    /// The status badge of a contract on the day in question.
    pub(crate) fn contract_status_cell(&self, i: usize) -> Cell {
        let (key, class) = match status::contract(&self.records.contracts[i], self.c.day) {
            ContractStatus::NotStarted => ("contract_not_started", "waiting"),
            ContractStatus::Active => ("contract_active", "fixed"),
            ContractStatus::EndingSoon => ("contract_ending_soon", "open"),
            ContractStatus::Ended => ("contract_ended", "closed"),
        };
        Cell::status(self.w(key), class)
    }
    /// The table of some contracts.
    pub(crate) fn contracts_table(&self, root: &str, which: impl Iterator<Item = usize>) -> Table {
        let w = |k: &str| self.w(k);
        let mut t = Table::new(&[
            w("id"),
            w("title"),
            w("vendor"),
            w("category"),
            w("start"),
            w("end"),
            &format!("{}#", w("contract_amount")),
            w("status"),
        ]);
        t.extend(which, |i| {
            let c = &self.records.contracts[i];
            vec![
                self.record_cell(root, Kind::Contract, c.origin.id.as_str()),
                Cell::text(&c.title),
                Cell::text(&c.vendor),
                Cell::text(&c.category),
                date_cell(Some(*c.start)),
                date_cell(Some(*c.end)),
                amount_cell(c.amount),
                self.contract_status_cell(i),
            ]
        });
        t
    }
    pub(crate) fn contract_parts(&self, i: usize, root: &str) -> Parts<'a> {
        let c = &self.records.contracts[i];
        let f = |k, v| self.field(k, v);
        let fields = vec![
            f("id", Cell::text(c.origin.id.as_str())),
            f("title", Cell::text(&c.title)),
            f("vendor", Cell::text(&c.vendor)),
            f("category", Cell::text(&c.category)),
            f("signed", date_cell(Some(*c.signed))),
            f("start", date_cell(Some(*c.start))),
            f("end", date_cell(Some(*c.end))),
            f("contract_amount", Cell::text(c.amount.grouped())),
            f(
                "purchase",
                c.purchase.as_ref().map_or_else(
                    || Cell::text("—"),
                    |id| self.record_cell(root, Kind::Purchase, id.as_str()),
                ),
            ),
        ];
        (fields, Vec::new(), c.notes.as_deref())
    }
}

#[cfg(test)]
mod tests {
    use super::a_year_from;

    #[test]
    fn a_year_ends_the_day_before_the_same_day_next_year() {
        let d = |s: &str| s.parse::<chrono::NaiveDate>().unwrap();
        assert_eq!(a_year_from(d("2011-09-01")), d("2012-08-31"));
        assert_eq!(a_year_from(d("2011-03-01")), d("2012-02-29"), "a leap year");
    }
}
