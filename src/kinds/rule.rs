//! A rule of the office's rule book (规章制度): in force from `adopted` until `retired`
//! ([`crate::status::in_force`]). Besides its index and its pages, the kind has a page
//! of its own that reads like the printed rule book: `Spec::RuleBook`.

use super::{Kind, KindPage, Record, SearchText};
use crate::check::Found;
use crate::compute::Idx;
use crate::create::{NewRecord, line};
use crate::diag::Expected;
use crate::exchange::layout::{ID, Layout, NOTES, Type, col};
use crate::i18n::date_written;
use crate::model::{Field, Origin, Records, Rules};
use crate::parse::{Reader, Sink, val};
use crate::site::Site;
use crate::site::markdown;
use crate::site::pages::records::{Parts, Shown};
use crate::site::pages::{Page, Spec, date_cell, opt_cell};
use crate::site::table::{Cell, Link, Table};
use crate::site::words::Words;
use crate::status::{self, Dated};
use chrono::NaiveDate;
use std::collections::BTreeMap;

/// One rule of the rule book.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize, schemars::JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Rule {
    /// Id and file.
    #[serde(flatten)]
    #[schemars(skip)]
    pub origin: Origin,
    /// Its title, without the 《》.
    pub title: String,
    /// Free-text area of the rule book (财务, 校产, 安全, 食堂, 环境 …).
    pub area: String,
    /// The day it came into force.
    pub adopted: Field<NaiveDate>,
    /// The days it was revised, in order, each with its own span.
    #[serde(default)]
    pub revised: Vec<Field<NaiveDate>>,
    /// The day it was retired: from then on it is no longer in force.
    pub retired: Option<Field<NaiveDate>>,
    /// Who keeps it.
    pub owner: Option<String>,
    /// The rule's text (Markdown).
    pub notes: Option<String>,
}

impl Dated for Rule {
    fn origin(&self) -> &Origin {
        &self.origin
    }
    fn first(&self) -> NaiveDate {
        *self.adopted
    }
    fn events(&self) -> Vec<(&'static str, &Field<NaiveDate>)> {
        let mut out = vec![("adopted", &self.adopted)];
        out.extend(self.revised.iter().map(|d| ("revised", d)));
        out.extend(self.retired.as_ref().map(|d| ("retired", d)));
        out
    }
    fn forget_after(&mut self, day: NaiveDate) {
        self.revised.retain(|d| **d <= day);
        status::forget(&mut self.retired, day);
    }
}

impl Record for Rule {
    const KIND: Kind = Kind::Rule;

    const WORDS: Words = &[
        ("rules", "规章制度", "Rule book"),
        ("rule_title", "制度名称", "Title"),
        ("area", "类别", "Area"),
        ("adopted", "施行日期", "Adopted"),
        ("revised", "修订日期", "Revised"),
        ("last_revised", "最近修订", "Last revised"),
        ("retired", "废止日期", "Retired"),
        ("owner", "负责人", "Kept by"),
        ("validity", "效力", "In force"),
        ("status_in_force", "现行", "In force"),
        ("status_retired", "已废止", "Retired"),
        ("rule_text", "条文", "Text"),
        ("revisions", "修订记录", "Revisions"),
        ("revision", "修订", "Revision"),
        ("revision_nth", "第{n}次修订", "Revision {n}"),
        ("rule_book", "规章制度汇编", "The rule book in full"),
        (
            "rule_book_intro",
            "按类别汇编全部制度，共 {total} 项，现行 {in_force} 项；每项制度的编号链接到它的页面。",
            "Every rule, by area: {total} rules, {in_force} in force; each rule's id links to its page.",
        ),
        ("in_force_since", "自{date}起施行", "In force since {date}"),
        (
            "in_force_until",
            "自{date}起施行，{retired}废止",
            "In force from {date}; retired on {retired}",
        ),
        ("revised_on", "修订：{dates}", "Revised: {dates}"),
        ("area_in_force", "现行 {count} 项", "{count} in force"),
        ("rules_retired", "已废止的制度", "Retired rules"),
        ("contents", "目录", "Contents"),
    ];

    const LAYOUT: Layout = Layout {
        id: ID,
        keeps_ids: false,
        columns: &[
            col("title", "制度名称", &["名称", "制度"], Type::Text),
            col("area", "类别", &["方面", "制度类别"], Type::Text),
            col(
                "adopted",
                "施行日期",
                &["制定日期", "发布日期", "实施日期"],
                Type::Date,
            ),
            col("revised", "修订日期", &["修订"], Type::Dates),
            col("retired", "废止日期", &[], Type::Date),
            col("owner", "负责人", &["责任人", "负责部门"], Type::Text),
            NOTES,
        ],
        lists: &[],
    };

    const PAGES: &'static [KindPage] = &[BOOK];

    const NOTES_TITLE: &'static str = "rule_text";

    fn all(records: &Records) -> &Vec<Self> {
        &records.rules
    }

    fn all_mut(records: &mut Records) -> &mut Vec<Self> {
        &mut records.rules
    }

    /// `rules/ID.toml`.
    fn parse(r: &mut Reader, s: &mut Sink, origin: Origin) -> Option<Self> {
        let title = r.req::<String>(s, "title");
        let area = r.req::<String>(s, "area");
        let adopted = r.req::<NaiveDate>(s, "adopted");
        let revised = r.values::<NaiveDate>(s, "revised", Expected::Dates);
        let retired = r.opt(s, "retired");
        let owner = r.opt::<String>(s, "owner");
        let notes = r.opt::<String>(s, "notes");
        Some(Rule {
            origin,
            title: val(title)?,
            area: val(area)?,
            adopted: adopted?,
            revised: revised.or_empty()?,
            retired,
            owner: val(owner),
            notes: val(notes),
        })
    }

    fn table(site: &Site, root: &str, which: &mut dyn Iterator<Item = Idx>) -> Table {
        site.rules_table(root, which)
    }

    fn heading(site: &Site, i: Idx) -> (String, Option<Cell>) {
        let title = site.records.rules[i].title.clone();
        (title, Some(site.rule_status_cell(i)))
    }

    fn page<'a>(site: &Site<'a>, i: Idx, _root: &str) -> Shown<'a> {
        Shown::Own(site.rule_parts(i))
    }

    fn search_text(&self) -> SearchText<'_> {
        let mut text = vec![self.title.as_str(), &self.area];
        text.extend(self.owner.as_deref());
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
                    "制度名称（必填），不加书名号，如 \"财务报销制度\"",
                    "the rule's title without 《》 (required)",
                ),
                line(
                    "area",
                    "\"\"",
                    "类别（必填），如 财务、校产、安全、食堂、环境",
                    "area (required), e.g. 财务",
                ),
                line(
                    "adopted",
                    today,
                    "施行日期（必填），不加引号",
                    "the day it came into force (required)",
                ),
                line("owner", "\"总务处\"", "负责人", "who keeps it"),
            ],
            tail: "# revised = [2012-09-01]   # 修订日期，按先后写 / days revised, in order\n# retired = 2013-09-01     # 废止日期 / the day it was retired\n# 制度正文（Markdown），每条一段 / the rule's text, an article a paragraph\nnotes = \"\"\"\n**第一条** \n\"\"\"\n",
        }
    }

    /// Revisions after adoption and in order; retirement after both.
    fn check(&self, _: &Rules, found: &mut Found) {
        let file = self.origin.file;
        let adopted = ("adopted".to_owned(), &self.adopted);
        let revised: Vec<(String, &Field<NaiveDate>)> = (self.revised.iter().enumerate())
            .map(|(n, d)| (format!("revised[{}]", n + 1), d))
            .collect();
        let mut before = &adopted;
        for revision in &revised {
            let earlier = match **revision.1 < *self.adopted {
                true => &adopted,
                false => before,
            };
            found.order(file, (&revision.0, revision.1), (&earlier.0, earlier.1));
            before = revision;
        }
        if let Some(retired) = &self.retired {
            let latest = revised.iter().max_by_key(|(_, d)| ***d);
            let earlier = match latest {
                Some(latest) if **retired >= *self.adopted => latest,
                _ => &adopted,
            };
            found.order(file, ("retired", retired), (&earlier.0, earlier.1));
        }
    }
}

/// A rule as the rule book shows it.
#[derive(serde::Serialize)]
struct BookRule {
    /// The link to its page, with its id.
    link: Link,
    /// Its title.
    title: String,
    /// Since when it is in force (and when it was retired).
    validity: String,
    /// Its revisions by the day in question, in a sentence.
    revised: Option<String>,
    /// Its text, as sanitised HTML.
    text: Option<String>,
}

/// An area of the rule book: its rules in force, then those retired.
#[derive(serde::Serialize)]
struct BookArea {
    /// The area.
    name: String,
    /// The anchor the contents link to.
    anchor: String,
    /// How many of its rules are in force, in words.
    in_force: String,
    /// Its rules in force, by the day they were adopted.
    rules: Vec<BookRule>,
    /// Its rules retired, likewise.
    retired: Vec<BookRule>,
}

/// The rule book: a page of the kind's own, beside its index.
const BOOK: KindPage = KindPage {
    spec: Spec::RuleBook,
    file: "book.html",
    title: "rule_book",
};

/// From the rule book to the site's top.
const BOOK_ROOT: &str = "../";

/// The kind's index rows, pages and rule book on the site.
impl<'a> Site<'a> {
    /// The status badge of a rule on the day in question.
    fn rule_status_cell(&self, i: Idx) -> Cell {
        match status::in_force(&self.records.rules[i], self.c.day) {
            true => Cell::status(self.w("status_in_force"), "in-force"),
            false => Cell::status(self.w("status_retired"), "retired"),
        }
    }

    /// Whether a rule is in force and since when, in a sentence: 自2011年9月1日起施行.
    fn validity(&self, r: &Rule) -> String {
        let date = date_written(*r.adopted, self.lang);
        match &r.retired {
            Some(retired) => self
                .w("in_force_until")
                .replace("{date}", &date)
                .replace("{retired}", &date_written(**retired, self.lang)),
            None => self.w("in_force_since").replace("{date}", &date),
        }
    }

    /// The table of some rules.
    pub(crate) fn rules_table(&self, root: &str, which: impl Iterator<Item = usize>) -> Table {
        let w = |k: &str| self.w(k);
        let mut t = Table::new(&[
            w("id"),
            w("rule_title"),
            w("area"),
            w("adopted"),
            w("last_revised"),
            w("status"),
        ]);
        t.extend(which, |i| {
            let r = &self.records.rules[i];
            vec![
                self.record_cell(root, Kind::Rule, r.origin.id.as_str()),
                Cell::text(&r.title),
                Cell::text(&r.area),
                date_cell(Some(*r.adopted)),
                date_cell(status::last_revised(r, self.c.day)),
                self.rule_status_cell(i),
            ]
        });
        t
    }

    /// A rule's page: its fields, since when it is in force, its revisions.
    pub(crate) fn rule_parts(&self, i: usize) -> Parts<'a> {
        let r = &self.records.rules[i];
        let f = |k, v| self.field(k, v);
        let fields = vec![
            f("id", Cell::text(r.origin.id.as_str())),
            f("rule_title", Cell::text(&r.title)),
            f("area", Cell::text(&r.area)),
            f("owner", opt_cell(r.owner.as_deref())),
            f("adopted", date_cell(Some(*r.adopted))),
            f("retired", date_cell(r.retired.as_ref().map(|d| **d))),
            f("validity", Cell::text(self.validity(r))),
        ];
        let mut revisions = Table::new(&[self.w("revision"), self.w("revised")]);
        for (n, date) in r.revised.iter().enumerate() {
            let nth = self.w("revision_nth").replace("{n}", &(n + 1).to_string());
            revisions.push(vec![Cell::text(nth), date_cell(Some(**date))]);
        }
        let sections = self.section("revisions", revisions).into_iter().collect();
        (fields, sections, r.notes.as_deref())
    }

    /// A rule as the rule book shows it.
    fn book_rule(&self, i: Idx) -> BookRule {
        let r = &self.records.rules[i];
        let dates: Vec<String> = (r.revised.iter())
            .map(|d| date_written(**d, self.lang))
            .collect();
        let revised = (!dates.is_empty()).then(|| {
            let dates = dates.join(self.w("list_separator"));
            self.w("revised_on").replace("{dates}", &dates)
        });
        BookRule {
            link: Link {
                text: r.origin.id.to_string(),
                href: self.href(BOOK_ROOT, Kind::Rule, r.origin.id.as_str()),
            },
            title: r.title.clone(),
            validity: self.validity(r),
            revised,
            text: r.notes.as_deref().map(|n| markdown::to_html(n, BOOK_ROOT)),
        }
    }

    /// The rule book (`rules/book.html`): every rule, by area (in the order of their
    /// names), each area with how many of its rules are in force, its rules in force by
    /// the day they were adopted, then those retired; each rule with since when it is in
    /// force, its revisions and its text.
    pub(crate) fn rule_book(&self) -> Page {
        let rules = &self.records.rules;
        let mut by_area: BTreeMap<&str, Vec<Idx>> = BTreeMap::new();
        for (i, r) in rules.iter().enumerate() {
            by_area.entry(&r.area).or_default().push(i);
        }
        let day = self.c.day;
        let mut in_force_total = 0;
        let areas: Vec<BookArea> = by_area
            .into_iter()
            .enumerate()
            .map(|(n, (name, mut which))| {
                which.sort_by_key(|&i| (*rules[i].adopted, &rules[i].origin.id));
                let (current, retired): (Vec<Idx>, Vec<Idx>) = which
                    .into_iter()
                    .partition(|&i| status::in_force(&rules[i], day));
                in_force_total += current.len();
                BookArea {
                    name: name.to_owned(),
                    anchor: format!("area-{}", n + 1),
                    in_force: (self.w("area_in_force"))
                        .replace("{count}", &current.len().to_string()),
                    rules: current.into_iter().map(|i| self.book_rule(i)).collect(),
                    retired: retired.into_iter().map(|i| self.book_rule(i)).collect(),
                }
            })
            .collect();
        let intro = (self.w("rule_book_intro"))
            .replace("{total}", &rules.len().to_string())
            .replace("{in_force}", &in_force_total.to_string());
        let mut ctx = self.context(self.w(BOOK.title), BOOK_ROOT, Kind::Rule.folder());
        ctx.insert("kind", self.w(Kind::Rule.folder()));
        ctx.insert("intro", &intro);
        ctx.insert("areas", &areas);
        Page {
            path: format!("{}/{}", Kind::Rule.folder(), BOOK.file),
            template: "book.html",
            context: ctx,
            sections: Vec::new(),
            parted: false,
            extra: Vec::new(),
        }
    }
}
