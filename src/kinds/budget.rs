//! A month's budget (月头有预算, 月尾有结算).

use super::{Kind, Record, SearchText};
use crate::amount::Amount;
use crate::compute::Idx;
use crate::create::{NewRecord, line};
use crate::diag::Problem;
use crate::exchange::layout::{Layout, List, NOTES, Type, col};
use crate::model::Records;
use crate::model::{Field, Origin};
use crate::parse::{FromToml, Reader, Sink, val};
use crate::site::Site;
use crate::site::pages::amount_cell;
use crate::site::pages::records::Shown;
use crate::site::table::{Cell, Table};
use crate::site::words::Words;
use crate::status::Dated;
use chrono::{Datelike, NaiveDate};
use std::collections::BTreeMap;
use std::fmt;

/// A calendar month.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Month {
    /// The year.
    pub year: i32,
    /// 1–12.
    pub month: u32,
}

impl Month {
    /// Reads `YYYY-MM`; `None` unless it is a real month.
    pub fn parse(stem: &str) -> Option<Month> {
        let (y, m) = stem.split_once('-')?;
        if y.len() != 4 || m.len() != 2 || !y.bytes().chain(m.bytes()).all(|b| b.is_ascii_digit()) {
            return None;
        }
        let month = Month {
            year: y.parse().ok()?,
            month: m.parse().ok()?,
        };
        (1..=12).contains(&month.month).then_some(month)
    }

    /// The month a date falls in.
    pub fn of(date: NaiveDate) -> Month {
        Month {
            year: date.year(),
            month: date.month(),
        }
    }

    /// A day of this month (clamped to the month's length by the caller's choice of day).
    pub fn day(self, day: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(self.year, self.month, day)
    }

    /// The month as a column heading: `4月` in Chinese, `2012-04` in English.
    pub fn month_label(self, lang: crate::i18n::Lang) -> String {
        lang.pick(format!("{}月", self.month), self.to_string())
    }

    /// The month after this one.
    pub fn next(self) -> Month {
        match self.month {
            12 => Month {
                year: self.year + 1,
                month: 1,
            },
            m => Month {
                year: self.year,
                month: m + 1,
            },
        }
    }
}

impl fmt::Display for Month {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

impl serde::Serialize for Month {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for Month {
    /// Read back from `YYYY-MM`.
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Month, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        Month::parse(&text).ok_or_else(|| serde::de::Error::custom(format!("not a month: {text}")))
    }
}

/// One month's budget.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize, schemars::JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Budget {
    /// Id (the month, as the file stem) and file.
    #[serde(flatten)]
    #[schemars(skip)]
    pub origin: Origin,
    /// The month (the file's name).
    #[schemars(skip)]
    pub month: Month,
    /// Planned amount per category.
    pub lines: BTreeMap<String, Amount>,
    /// Markdown notes.
    pub notes: Option<String>,
}

/// A budget is a plan: it has no events, and the day in question forgets nothing of it.
impl Dated for Budget {
    fn origin(&self) -> &Origin {
        &self.origin
    }
    /// A plan is there from the start: no day in question leaves it out.
    fn first(&self) -> NaiveDate {
        NaiveDate::MIN
    }
    fn events(&self) -> Vec<(&'static str, &Field<NaiveDate>)> {
        Vec::new()
    }
    fn forget_after(&mut self, _: NaiveDate) {}
}

impl Record for Budget {
    const KIND: Kind = Kind::Budget;

    const WORDS: Words = &[
        ("planned", "预算（元）", "Budget (yuan)"),
        ("actual", "实际支出（元）", "Actual (yuan)"),
        ("difference", "结余（元）", "Remaining (yuan)"),
        ("budget_notes", "预算说明", "Budget notes"),
    ];

    const LAYOUT: Layout = Layout {
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

    fn all(records: &Records) -> &Vec<Self> {
        &records.budgets
    }

    fn all_mut(records: &mut Records) -> &mut Vec<Self> {
        &mut records.budgets
    }

    /// `budgets/YYYY-MM.toml`.
    fn parse(r: &mut Reader, s: &mut Sink, origin: Origin) -> Option<Self> {
        let month = Month::parse(origin.id.as_str());
        if month.is_none() {
            s.whole(Problem::BadMonth {
                stem: origin.id.to_string(),
            });
        }
        let lines = r.table(s, "lines", |lines, s| {
            let mut out = BTreeMap::new();
            let mut ok = true;
            for (key, value) in lines.entries() {
                let key = key.get_ref().to_string();
                match <Amount as FromToml>::from_toml(value.get_ref(), &format!("lines.{key}")) {
                    Ok(amount) => {
                        out.insert(key, amount);
                    }
                    Err(problem) => {
                        s.at(value.span(), problem);
                        ok = false;
                    }
                }
            }
            // Every category is a key of its own: none of them is unknown.
            lines.accept_all();
            ok.then_some(out)
        });
        let notes = r.opt::<String>(s, "notes");
        Some(Budget {
            origin,
            month: month?,
            lines: lines?,
            notes: val(notes),
        })
    }

    fn table(site: &Site, root: &str, which: &mut dyn Iterator<Item = Idx>) -> Table {
        let budgets = &site.records.budgets;
        site.budgets_table(root, which.map(|i| budgets[i].month))
    }

    /// Every month with something in it, budgeted or not.
    fn index(site: &Site, root: &str) -> Table {
        site.budgets_table(root, site.c.months.keys().copied())
    }

    fn heading(site: &Site, i: Idx) -> (String, Option<Cell>) {
        (site.records.budgets[i].origin.id.to_string(), None)
    }

    /// A budget is shown on the page of its month.
    fn page<'a>(site: &Site<'a>, i: Idx, _: &str) -> Shown<'a> {
        Shown::Other(site.month_page(site.records.budgets[i].month))
    }

    /// A budget has no page of its own to find.
    fn search_text(&self) -> SearchText<'_> {
        SearchText::default()
    }

    fn new_record(_: &str, _: NaiveDate) -> NewRecord {
        NewRecord {
            head: "[lines]   # 每个类别一行：类别 = 金额（元）/ one line per category: category = yuan\n",
            lines: vec![line("\"维修\"", 0, "维修", "repairs")],
            tail: "",
        }
    }

    /// A budget is shown on its month's page.
    fn months(&self) -> Vec<Month> {
        vec![self.month]
    }
}

/// The kind's index rows and page on the site.
impl<'a> Site<'a> {
    /// An empty table of budget against spending by month.
    pub(crate) fn budget_table(&self) -> Table {
        let w = |k: &str| self.w(k);
        Table::new(&[
            w("month"),
            &format!("{}#", w("planned")),
            &format!("{}#", w("actual")),
            &format!("{}#", w("difference")),
        ])
    }
    /// The table of monthly budgets against actual spending, for some months.
    pub(crate) fn budgets_table(
        &self,
        root: &str,
        months: impl Iterator<Item = crate::model::Month>,
    ) -> Table {
        let mut t = self.budget_table();
        for month in months {
            let total = self
                .c
                .months
                .get(&month)
                .map(|m| m.total)
                .unwrap_or_default();
            t.push(vec![
                self.month_cell(root, month),
                amount_cell(total.planned),
                amount_cell(total.actual),
                amount_cell(total.left()),
            ]);
        }
        t
    }
}
