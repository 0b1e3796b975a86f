//! The sheet layout of each kind: which columns a record has, under which headers,
//! and how its lists (a purchase's items and bids, an inspection's findings, scores and
//! audit lines, a budget's lines) spread over the rows of one record.
//!
//! A record takes as many rows as its longest list, all with its id in the first
//! column; its own columns are filled on the first row. Row *n* holds the *n*-th entry
//! of every list, so items and bids sit side by side.

use super::ExchangeError;
use crate::i18n::Lang;
use crate::model::{InspectionType, Kind, Method, Severity};

/// How a column's cells become TOML values and back.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Type {
    /// A string.
    Text,
    /// A `YYYY-MM-DD` date.
    Date,
    /// Yuan, at most two decimals.
    Amount,
    /// A whole number.
    Integer,
    /// Any number (scores).
    Number,
    /// Yes or no (是/否, true/false).
    Bool,
    /// Strings separated by 、 or commas.
    List,
    /// One of the names, or its Chinese word (the site's word `{prefix}_{name}`).
    Choice(&'static str, &'static [&'static str]),
}

/// A column: the key it fills, its Chinese header and other accepted headers.
pub(super) struct Column {
    /// The key in the record (or in a list's table).
    pub key: &'static str,
    /// The Chinese header.
    pub zh: &'static str,
    /// Other headers accepted on import.
    pub aliases: &'static [&'static str],
    /// The cell type.
    pub kind: Type,
}

/// A list of tables in a record, one entry per row.
pub(super) struct List {
    /// The record key of the list.
    pub key: &'static str,
    /// The columns of an entry.
    pub columns: &'static [Column],
    /// Whether the list is a table of `first column = second column` (budget lines)
    /// rather than an array of tables.
    pub map: bool,
}

/// The sheet form of a kind.
pub(super) struct Layout {
    /// The id column: its cells group the rows of a record.
    pub id: Column,
    /// Whether imported records keep the sheet's ids (budgets: the id is the month);
    /// otherwise they get new ids.
    pub keeps_ids: bool,
    /// The record's own columns.
    pub columns: &'static [Column],
    /// The record's lists.
    pub lists: &'static [List],
}

const fn col(
    key: &'static str,
    zh: &'static str,
    aliases: &'static [&'static str],
    kind: Type,
) -> Column {
    Column {
        key,
        zh,
        aliases,
        kind,
    }
}

const ID: Column = col("id", "编号", &["ID"], Type::Text);
const NOTES: Column = col("notes", "备注", &["说明"], Type::Text);

const ASSET: Layout = Layout {
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

const REPAIR: Layout = Layout {
    id: ID,
    keeps_ids: false,
    columns: &[
        col("title", "报修内容", &["事项", "故障"], Type::Text),
        col("location", "地点", &["报修地点", "位置"], Type::Text),
        col("asset", "资产编号", &["资产"], Type::Text),
        col("reported", "报修日期", &[], Type::Date),
        col("reporter", "报修人", &[], Type::Text),
        col("responsible_class", "责任班级", &["班级"], Type::Text),
        col("assignee", "维修人", &[], Type::Text),
        col("fixed", "维修日期", &["完成日期"], Type::Date),
        col("verified", "验收日期", &[], Type::Date),
        col("cost", "费用", &["维修费用", "费用(元)"], Type::Amount),
        NOTES,
    ],
    lists: &[],
};

const PURCHASE: Layout = Layout {
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

const INSPECTION: Layout = Layout {
    id: ID,
    keeps_ids: false,
    columns: &[
        col("title", "检查名称", &["名称", "事项"], Type::Text),
        col(
            "type",
            "检查类型",
            &["类型"],
            Type::Choice("type", InspectionType::NAMES),
        ),
        col("date", "检查日期", &["日期"], Type::Date),
        col("inspector", "检查人", &[], Type::Text),
        col("location", "地点", &["检查地点"], Type::Text),
        NOTES,
    ],
    lists: &[
        List {
            key: "findings",
            columns: &[
                col("description", "发现问题", &["问题"], Type::Text),
                col(
                    "severity",
                    "严重程度",
                    &[],
                    Type::Choice("severity", Severity::NAMES),
                ),
                col("due", "整改期限", &[], Type::Date),
                col("rectified", "整改日期", &[], Type::Date),
                col("repair", "报修单", &["报修编号"], Type::Text),
            ],
            map: false,
        },
        List {
            key: "scores",
            columns: &[
                col("class", "班级", &[], Type::Text),
                col("score", "得分", &["分数"], Type::Number),
            ],
            map: false,
        },
        List {
            key: "audit",
            columns: &[
                col("asset", "清查资产", &["资产编号"], Type::Text),
                col("found", "在位", &["是否在位"], Type::Bool),
                col("note", "清查说明", &[], Type::Text),
            ],
            map: false,
        },
    ],
};

const BUDGET: Layout = Layout {
    id: col("month", "月份", &["id", "编号"], Type::Text),
    keeps_ids: true,
    columns: &[NOTES],
    lists: &[List {
        key: "lines",
        columns: &[
            col("category", "类别", &["预算类别"], Type::Text),
            col("amount", "金额", &["预算", "金额(元)"], Type::Amount),
        ],
        map: true,
    }],
};

/// The sheet layout of a kind.
pub(super) fn layout(kind: Kind) -> &'static Layout {
    match kind {
        Kind::Asset => &ASSET,
        Kind::Repair => &REPAIR,
        Kind::Purchase => &PURCHASE,
        Kind::Inspection => &INSPECTION,
        Kind::Budget => &BUDGET,
    }
}

/// The key of a record of `kind` (or of an entry of its list `list`: `items`,
/// `findings` …) that a Chinese word names: the column's header or another header
/// that import accepts, or the site's word for it (`名称`, `存放地点`, `单价`). The keys
/// of a table of free keys (a budget's lines) are data: none is named.
pub(crate) fn key_named(kind: Kind, list: Option<&str>, word: &str) -> Option<&'static str> {
    let layout = layout(kind);
    let columns = match list {
        None => layout.columns,
        Some(key) => {
            layout
                .lists
                .iter()
                .find(|l| l.key == key && !l.map)?
                .columns
        }
    };
    let site = |key| crate::site::words::find(Lang::ZhCn, key);
    columns
        .iter()
        .find(|c| {
            let names = [c.zh].into_iter().chain(c.aliases.iter().copied());
            names.chain(site(c.key)).any(|name| same_header(name, word))
        })
        .map(|c| c.key)
}

/// What a sheet column holds.
#[derive(Clone, Copy)]
pub(super) enum Slot {
    /// The id column.
    Id,
    /// A column of the record.
    Field(&'static Column),
    /// A column of the list with this index.
    Entry(usize, &'static Column),
}

impl Layout {
    /// The header of a record column, or of a list column (`items.name` in English).
    pub fn header(&self, list: Option<&List>, column: &Column, chinese: bool) -> String {
        match (chinese, list) {
            (true, _) => column.zh.to_owned(),
            (false, None) => column.key.to_owned(),
            (false, Some(list)) => format!("{}.{}", list.key, column.key),
        }
    }

    /// Every header in sheet order.
    pub fn headers(&self, chinese: bool) -> Vec<String> {
        let mut headers = vec![self.header(None, &self.id, chinese)];
        headers.extend(self.columns.iter().map(|c| self.header(None, c, chinese)));
        for list in self.lists {
            headers.extend(
                list.columns
                    .iter()
                    .map(|c| self.header(Some(list), c, chinese)),
            );
        }
        headers
    }

    /// Every slot with the headers that name it.
    fn slots(&self) -> Vec<(Slot, Vec<String>)> {
        let names = |list: Option<&List>, c: &Column| {
            let mut names = vec![self.header(list, c, true), self.header(list, c, false)];
            names.extend(c.aliases.iter().map(|a| (*a).to_owned()));
            names
        };
        let mut slots = vec![(Slot::Id, names(None, &self.id))];
        slots.extend(
            self.columns
                .iter()
                .map(|c| (Slot::Field(c), names(None, c))),
        );
        for (i, list) in self.lists.iter().enumerate() {
            slots.extend(
                list.columns
                    .iter()
                    .map(|c| (Slot::Entry(i, c), names(Some(list), c))),
            );
        }
        slots
    }

    /// Finds the slot of each header; unknown and repeated headers are errors (row 1).
    /// A header names the first slot that accepts it, so a record column wins over a
    /// list column of the same Chinese word only where the record column comes first.
    pub fn map_headers(
        &self,
        headers: &[String],
        lang: Lang,
    ) -> Result<Vec<Option<Slot>>, ExchangeError> {
        let slots = self.slots();
        let mut errors = Vec::new();
        let mut taken: Vec<usize> = Vec::new();
        let mapped = headers
            .iter()
            .map(|h| {
                let h = h.trim().trim_start_matches('\u{feff}');
                let found = slots.iter().enumerate().find(|(i, (_, names))| {
                    !taken.contains(i) && names.iter().any(|n| same_header(n, h))
                });
                match found {
                    Some((i, (slot, _))) => {
                        taken.push(i);
                        Some(*slot)
                    }
                    None if h.is_empty() => None,
                    None => {
                        let repeated = slots.iter().any(|(_, n)| n.iter().any(|n| n == h));
                        let message = if repeated {
                            lang.pick("这一列重复了", "column repeated").to_owned()
                        } else {
                            let names = slots.iter().flat_map(|(_, n)| n[..2].iter());
                            let hint = crate::parse::closest(h, names.map(String::as_str))
                                .map(|s| {
                                    lang.pick(
                                        format!("；是不是 {s}？"),
                                        format!("; did you mean {s}?"),
                                    )
                                })
                                .unwrap_or_default();
                            lang.pick(format!("未知的列{hint}"), format!("unknown column{hint}"))
                        };
                        errors.push((1, h.to_owned(), message));
                        None
                    }
                }
            })
            .collect();
        if errors.is_empty() {
            Ok(mapped)
        } else {
            Err(ExchangeError::Rows(errors))
        }
    }

    /// The header (`中文/key`) of the column whose key a message names in backticks:
    /// among the columns of `list` if given, else of the record, then of its lists.
    pub fn column_named_in(&self, message: &str, list: Option<usize>) -> Option<String> {
        let named = |key: &str| message.contains(&format!("`{key}`"));
        let own = match list {
            Some(_) => None,
            None => self.columns.iter().find(|c| named(c.key)),
        };
        own.map(|c| format!("{}/{}", c.zh, c.key)).or_else(|| {
            let lists = self.lists.iter().enumerate();
            lists
                .filter(|(i, _)| list.is_none_or(|l| l == *i))
                .find_map(|(_, list)| {
                    let c = list
                        .columns
                        .iter()
                        .find(|c| named(c.key) || message.contains(&format!(".{}`", c.key)))
                        .or_else(|| named(list.key).then(|| &list.columns[0]))?;
                    Some(format!("{}/{}.{}", c.zh, list.key, c.key))
                })
        })
    }
}

/// Whether a sheet's header names a column: letters in any case, and brackets typed
/// either way (`单价(元)` and `单价（元）`).
fn same_header(name: &str, header: &str) -> bool {
    let fold = |c: char| match c {
        '（' => '(',
        '）' => ')',
        c => c.to_ascii_lowercase(),
    };
    name.chars().map(fold).eq(header.chars().map(fold))
}
