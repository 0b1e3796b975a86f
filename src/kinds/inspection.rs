//! An inspection (安全检查, 公物检查, 资产清查), with findings, class scores or an audit.

use super::{Kind, Located, Record, Reference, SearchText};
use crate::check::Found;
use crate::compute::Idx;
use crate::compute::audit::Outcome;
use crate::create::{NewRecord, line};
use crate::diag::Problem;
use crate::exchange::layout::{ID, Layout, List, NOTES, Type, col};
use crate::model::Rules;
use crate::model::{Asset, Records};
use crate::model::{Field, Origin, RecordId};
use crate::parse::{Choice, Count, Percent, Reader, Sink, chosen, val};
use crate::site::Site;
use crate::site::pages::records::{Parts, Shown, format_number};
use crate::site::pages::{date_cell, opt_cell};
use crate::site::table::{Cell, Table};
use crate::site::words::Words;
use crate::status::{self, Dated, FindingStatus};
use chrono::NaiveDate;

/// What was inspected.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "kebab-case")]
pub enum InspectionType {
    /// 安全检查.
    Safety,
    /// 消防检查.
    Fire,
    /// 公物检查 (with class scores).
    Property,
    /// 食堂检查.
    Canteen,
    /// 资产清查 (with an audit).
    AssetAudit,
    /// 演练: an evacuation or fire drill.
    Drill,
    /// Anything else.
    Other,
}

impl InspectionType {
    /// The spellings in record files, in variant order.
    pub const NAMES: &'static [&'static str] = &[
        "safety",
        "fire",
        "property",
        "canteen",
        "asset-audit",
        "drill",
        "other",
    ];
    /// The Chinese words, in the order of `NAMES`, accepted in records and sheets.
    pub const WORDS: &'static [&'static str] = &[
        "安全检查",
        "消防检查",
        "公物检查",
        "食堂检查",
        "资产清查",
        "演练",
        "其他检查",
    ];
    /// Every type, in the order of [`InspectionType::NAMES`].
    pub const ALL: [InspectionType; 7] = [
        InspectionType::Safety,
        InspectionType::Fire,
        InspectionType::Property,
        InspectionType::Canteen,
        InspectionType::AssetAudit,
        InspectionType::Drill,
        InspectionType::Other,
    ];

    /// The spelling in record files.
    pub fn as_str(self) -> &'static str {
        InspectionType::NAMES[self as usize]
    }
}

/// How serious a finding is.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// 低.
    Low,
    /// 中.
    Medium,
    /// 高.
    High,
}

impl Severity {
    /// The spellings in record files, in variant order.
    pub const NAMES: &'static [&'static str] = &["low", "medium", "high"];
    /// The Chinese words, in the order of `NAMES`, accepted in records and sheets.
    pub const WORDS: &'static [&'static str] = &["低", "中", "高"];
    /// Every severity, in the order of [`Severity::NAMES`].
    pub const ALL: [Severity; 3] = [Severity::Low, Severity::Medium, Severity::High];
}

/// Something an inspection found that must be put right.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize, schemars::JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Finding {
    /// What was found.
    pub description: String,
    /// How serious.
    pub severity: Severity,
    /// When it must be rectified.
    pub due: Option<Field<NaiveDate>>,
    /// When it was rectified.
    pub rectified: Option<Field<NaiveDate>>,
    /// The repair ticket that rectifies it.
    pub repair: Option<Field<RecordId>>,
}

/// A class's score in the monthly property check.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize, schemars::JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Score {
    /// The class, e.g. 高一(3)班.
    pub class: String,
    /// 0–100.
    #[schemars(range(min = 0, max = 100))]
    pub score: f64,
}

/// One line of an asset audit: is the asset really there?
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize, schemars::JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct AuditEntry {
    /// The asset checked.
    pub asset: Field<RecordId>,
    /// Whether it was found.
    pub found: Field<bool>,
    /// Where it was found, when not at its card's location.
    pub found_at: Option<Field<String>>,
    /// How many of the card's items were counted (by default all when found, none
    /// when not).
    pub quantity: Option<Field<u32>>,
    /// A remark.
    pub note: Option<String>,
}

/// One inspection.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize, schemars::JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Inspection {
    /// Id and file.
    #[serde(flatten)]
    #[schemars(skip)]
    pub origin: Origin,
    /// What it was.
    pub title: String,
    /// The `type` key.
    #[serde(rename = "type")]
    pub kind: Field<InspectionType>,
    /// When.
    pub date: Field<NaiveDate>,
    /// Who inspected.
    pub inspector: String,
    /// Where.
    pub location: Option<Field<String>>,
    /// What was found.
    #[serde(default)]
    pub findings: Vec<Finding>,
    /// Class scores (property checks only); the span is the key's.
    pub scores: Option<Field<Vec<Score>>>,
    /// Audit lines (asset audits only); the span is the key's.
    pub audit: Option<Field<Vec<AuditEntry>>>,
    /// Markdown notes.
    pub notes: Option<String>,
}

impl Dated for Inspection {
    fn origin(&self) -> &Origin {
        &self.origin
    }
    fn first(&self) -> NaiveDate {
        *self.date
    }
    fn events(&self) -> Vec<(&'static str, &Field<NaiveDate>)> {
        let mut out = vec![("date", &self.date)];
        out.extend(
            self.findings
                .iter()
                .filter_map(|f| f.rectified.as_ref().map(|d| ("rectified", d))),
        );
        out
    }
    fn forget_after(&mut self, day: NaiveDate) {
        for f in &mut self.findings {
            status::forget(&mut f.rectified, day);
        }
    }
}

impl Choice for InspectionType {
    const NAMES: &'static [&'static str] = InspectionType::NAMES;
    const WORDS: &'static [&'static str] = InspectionType::WORDS;
    const VALUES: &'static [Self] = &InspectionType::ALL;
}

impl Choice for Severity {
    const NAMES: &'static [&'static str] = Severity::NAMES;
    const WORDS: &'static [&'static str] = Severity::WORDS;
    const VALUES: &'static [Self] = &Severity::ALL;
}

/// One `[[findings]]` of an inspection.
fn finding(r: &mut Reader, s: &mut Sink) -> Option<Finding> {
    let description = r.req::<String>(s, "description");
    let severity = chosen(r.req(s, "severity"));
    let due = r.opt(s, "due");
    let rectified = r.opt(s, "rectified");
    let repair = r.opt(s, "repair");
    Some(Finding {
        description: val(description)?,
        severity: val(severity)?,
        due,
        rectified,
        repair,
    })
}

/// One `[[scores]]` of a property inspection.
fn score(r: &mut Reader, s: &mut Sink) -> Option<Score> {
    let class = r.req::<String>(s, "class");
    let score = r.req::<Percent>(s, "score");
    Some(Score {
        class: val(class)?,
        score: val(score)?.0,
    })
}

/// One `[[audit]]` line of an asset audit.
fn audit(r: &mut Reader, s: &mut Sink) -> Option<AuditEntry> {
    let asset = r.req(s, "asset");
    let found = r.req::<bool>(s, "found");
    let found_at = r.opt::<String>(s, "found_at");
    let quantity = r.opt::<Count>(s, "quantity");
    let note = r.opt::<String>(s, "note");
    Some(AuditEntry {
        asset: asset?,
        found: found?,
        found_at,
        quantity: quantity.map(|q| Field {
            value: q.value.0,
            span: q.span,
        }),
        note: val(note),
    })
}

impl AuditEntry {
    /// How many of its card's items the line counted: its `quantity`, else all when
    /// found and none when not.
    pub fn counted(&self, card: &Asset) -> u32 {
        match &self.quantity {
            Some(q) => **q,
            None if *self.found => card.quantity,
            None => 0,
        }
    }

    /// The line's own rules: no `found_at` or counted items when not found, some
    /// counted when found, no blank `found_at`. `n` is its place in `audit`, from 0.
    fn check(&self, file: crate::source::FileId, n: usize, found: &mut Found) {
        let key = |k: &str| format!("audit[{}].{k}", n + 1);
        if let Some(at) = &self.found_at {
            if at.trim().is_empty() {
                found.at(
                    file,
                    at,
                    Problem::EmptyValue {
                        key: key("found_at"),
                    },
                );
            } else if !*self.found {
                let problem = Problem::AuditContradiction {
                    key: key("found_at"),
                    written: format!("\"{}\"", at.value),
                    found: false,
                };
                found.at(file, at, problem);
            }
        }
        if let Some(q) = &self.quantity
            && (**q == 0) == *self.found
        {
            let problem = Problem::AuditContradiction {
                key: key("quantity"),
                written: q.to_string(),
                found: *self.found,
            };
            found.at(file, q, problem);
        }
    }
}

impl Inspection {
    /// Every `found_at` of the audit lines (but blank ones, an error of their own),
    /// with its key (`audit[2].found_at`) and span: the places besides its `location`
    /// that the inspection names, for a room register to check as locations.
    pub fn found_at(&self) -> Vec<(String, &Field<String>)> {
        let lines = self.audit.iter().flat_map(|a| a.iter()).enumerate();
        let at = lines.filter_map(|(n, line)| Some((n, line.found_at.as_ref()?)));
        at.filter(|(_, at)| !at.trim().is_empty())
            .map(|(n, at)| (format!("audit[{}].found_at", n + 1), at))
            .collect()
    }
}

impl Record for Inspection {
    const KIND: Kind = Kind::Inspection;

    const WORDS: Words = &[
        ("inspector", "检查人", "Inspector"),
        ("findings", "发现问题", "Findings"),
        ("description", "问题", "Finding"),
        ("severity", "严重程度", "Severity"),
        ("due", "整改期限", "Due"),
        ("rectified", "整改日期", "Rectified"),
        ("scores", "班级得分", "Class scores"),
        ("score", "得分", "Score"),
        ("audit", "清查结果", "Audit"),
        ("found", "在位", "Found"),
        ("note", "说明", "Note"),
        ("found_at", "实际位置", "Found at"),
        ("counted", "清点数量", "Counted"),
        ("on_card", "卡片数量", "On the card"),
        ("lines_fine", "账实相符", "As on the books"),
        ("lines_missing", "不在位", "Missing"),
        ("lines_moved", "位置变动", "Found elsewhere"),
        ("lines_short", "数量不足", "Counted short"),
        ("last_audit", "最近清查", "Last audit"),
        ("status_rectified", "已整改", "Rectified"),
        ("status_unrectified", "待整改", "Open"),
        ("type_safety", InspectionType::WORDS[0], "Safety"),
        ("type_fire", InspectionType::WORDS[1], "Fire"),
        ("type_property", InspectionType::WORDS[2], "Property"),
        ("type_canteen", InspectionType::WORDS[3], "Canteen"),
        ("type_asset-audit", InspectionType::WORDS[4], "Asset audit"),
        ("type_drill", InspectionType::WORDS[5], "Drill"),
        ("type_other", InspectionType::WORDS[6], "Other"),
        ("severity_low", Severity::WORDS[0], "Low"),
        ("severity_medium", Severity::WORDS[1], "Medium"),
        ("severity_high", Severity::WORDS[2], "High"),
    ];

    const LAYOUT: Layout = Layout {
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
                    col("found_at", "实际位置", &["实际地点"], Type::Text),
                    col("quantity", "清点数量", &["实有数量"], Type::Integer),
                    col("note", "清查说明", &[], Type::Text),
                ],
                map: false,
            },
        ],
    };

    fn all(records: &Records) -> &Vec<Self> {
        &records.inspections
    }

    fn all_mut(records: &mut Records) -> &mut Vec<Self> {
        &mut records.inspections
    }

    /// `inspections/ID.toml`.
    fn parse(r: &mut Reader, s: &mut Sink, origin: Origin) -> Option<Self> {
        let title = r.req::<String>(s, "title");
        let kind = chosen(r.req(s, "type"));
        let date = r.req::<NaiveDate>(s, "date");
        let inspector = r.req::<String>(s, "inspector");
        let location = r.opt::<String>(s, "location");
        let findings = r.tables(s, "findings", finding);
        let scores = r.tables(s, "scores", score);
        let audit = r.tables(s, "audit", audit);
        let notes = r.opt::<String>(s, "notes");
        Some(Inspection {
            origin,
            title: val(title)?,
            kind: kind?,
            date: date?,
            inspector: val(inspector)?,
            location,
            findings: findings.or_empty()?,
            scores: scores.optional()?,
            audit: audit.optional()?,
            notes: val(notes),
        })
    }

    fn table(site: &Site, root: &str, which: &mut dyn Iterator<Item = Idx>) -> Table {
        site.inspections_table(root, which)
    }

    fn heading(site: &Site, i: Idx) -> (String, Option<Cell>) {
        (site.records.inspections[i].title.clone(), None)
    }

    fn page<'a>(site: &Site<'a>, i: Idx, root: &str) -> Shown<'a> {
        Shown::Own(site.inspection_parts(i, root))
    }

    fn search_text(&self) -> SearchText<'_> {
        let mut text = vec![self.title.as_str(), &self.inspector];
        text.extend(self.location.as_deref().map(String::as_str));
        text.extend(self.findings.iter().map(|f| f.description.as_str()));
        let scores = self.scores.iter().flat_map(|s| s.iter());
        text.extend(scores.map(|s| s.class.as_str()));
        let audit = self.audit.iter().flat_map(|a| a.iter());
        text.extend(audit.filter_map(|a| a.note.as_deref()));
        text.extend(self.found_at().into_iter().map(|(_, at)| at.as_str()));
        SearchText {
            words: text,
            notes: self.notes.as_deref(),
            location: self.location.as_deref().map(String::as_str),
        }
    }

    fn new_record(title: &str, today: NaiveDate) -> NewRecord {
        NewRecord {
            head: "",
            lines: vec![
                line(
                    "title",
                    title,
                    "检查名称（必填）",
                    "what the inspection was (required)",
                ),
                line(
                    "type",
                    "\"safety\"",
                    "类型：safety 安全、fire 消防、property 公物、canteen 食堂、asset-audit 资产清查、drill 演练、other 其他",
                    "safety, fire, property, canteen, asset-audit, drill or other",
                ),
                line("date", today, "检查日期（必填）", "date (required)"),
                line(
                    "inspector",
                    "\"\"",
                    "检查人（必填）",
                    "inspector (required)",
                ),
            ],
            tail: "\n# [[findings]]\n# description = \"\"   # 发现的问题 / what was found\n# severity = \"low\"    # low、medium、high\n",
        }
    }

    /// Findings' dates, and `scores` / `audit` only on their own inspection types.
    fn check(&self, _: &Rules, found: &mut Found) {
        let file = self.origin.file;
        for (n, finding) in self.findings.iter().enumerate() {
            for (key, date) in [("due", &finding.due), ("rectified", &finding.rectified)] {
                if let Some(date) = date {
                    found.order(
                        file,
                        (&format!("findings[{}].{key}", n + 1), date),
                        ("date", &self.date),
                    );
                }
            }
        }
        if let Some(scores) = self
            .scores
            .as_ref()
            .filter(|_| *self.kind != InspectionType::Property)
        {
            found.at(
                file,
                scores,
                Problem::MisplacedTable {
                    key: "scores",
                    needs_type: "property",
                },
            );
        }
        for (n, line) in self.audit.iter().flat_map(|a| a.iter()).enumerate() {
            line.check(file, n, found);
        }
        if let Some(audit) = self
            .audit
            .as_ref()
            .filter(|_| *self.kind != InspectionType::AssetAudit)
        {
            found.at(
                file,
                audit,
                Problem::MisplacedTable {
                    key: "audit",
                    needs_type: "asset-audit",
                },
            );
        }
    }

    fn references(&self) -> Vec<Reference<'_>> {
        let findings = self.findings.iter().enumerate();
        let repairs = findings.filter_map(|(n, f)| {
            let key = format!("findings[{}].repair", n + 1);
            Some(Reference::to(key, Kind::Repair, f.repair.as_ref()?))
        });
        let audit = self.audit.iter().flat_map(|a| a.iter()).enumerate();
        let assets = audit.map(|(n, line)| {
            Reference::to(format!("audit[{}].asset", n + 1), Kind::Asset, &line.asset)
        });
        repairs.chain(assets).collect()
    }

    fn locations(&self) -> Vec<Located<'_>> {
        // Every place the inspection names, each with its key: what the room register
        // checks (`check::places`) and what the pages of places list. Where an audit
        // found a card (`found_at`) is not where the inspection was: the register
        // checks it on its own.
        self.location
            .iter()
            .map(|l| Located::at("location", l))
            .collect()
    }
}

/// The kind's index rows and page on the site.
impl<'a> Site<'a> {
    /// The status badge of a finding on the day in question.
    pub(crate) fn finding_status_cell(&self, x: usize, n: usize) -> Cell {
        self.finding_badge(self.c.findings[x][n])
    }
    /// The badge of a finding status.
    pub(crate) fn finding_badge(&self, status: FindingStatus) -> Cell {
        match status {
            FindingStatus::Rectified => Cell::status(self.w("status_rectified"), "rectified"),
            FindingStatus::Open => Cell::status(self.w("status_unrectified"), "open"),
            FindingStatus::Overdue => Cell::status(self.w("status_overdue"), "overdue"),
        }
    }
    /// A severity in words.
    pub(crate) fn severity_cell(&self, severity: Severity) -> Cell {
        Cell::text(self.w(&format!("severity_{}", severity.name())))
    }
    /// The table of some inspections.
    pub(crate) fn inspections_table(
        &self,
        root: &str,
        which: impl Iterator<Item = usize>,
    ) -> Table {
        let w = |k: &str| self.w(k);
        let mut t = Table::new(&[
            w("id"),
            w("title"),
            w("type"),
            w("date"),
            w("location"),
            w("inspector"),
            &format!("{}#", w("findings")),
            &format!("{}#", w("findings_open")),
        ]);
        t.extend(which, |i| {
            let x = &self.records.inspections[i];
            let open = self.c.findings[i]
                .iter()
                .filter(|s| **s != FindingStatus::Rectified)
                .count();
            vec![
                self.record_cell(root, Kind::Inspection, x.origin.id.as_str()),
                Cell::text(&x.title),
                Cell::text(self.w(&format!("type_{}", x.kind.as_str()))),
                date_cell(Some(*x.date)),
                self.opt_location_cell(root, x.location.as_deref().map(String::as_str)),
                Cell::text(&x.inspector),
                Cell::num(x.findings.len(), x.findings.len()),
                Cell::num(open, open),
            ]
        });
        t
    }
    /// The table of some audit lines, `(inspection, line)`; with `inspection`, columns
    /// of the inspection and its date first.
    pub(crate) fn audit_table(
        &self,
        root: &str,
        lines: impl Iterator<Item = (Idx, usize)>,
        inspection: bool,
    ) -> Table {
        let w = |k: &str| self.w(k);
        let mut headers = Vec::new();
        if inspection {
            headers.extend([w("inspections"), w("date")]);
        }
        let counted = format!("{}#", w("counted"));
        let on_card = format!("{}#", w("on_card"));
        headers.extend([
            w("asset"),
            w("name"),
            w("location"),
            w("found"),
            w("found_at"),
        ]);
        headers.extend([counted.as_str(), on_card.as_str(), w("note")]);
        let mut t = Table::new(&headers);
        for (x, n) in lines {
            let insp = &self.records.inspections[x];
            let Some(line) = insp.audit.as_ref().map(|a| &a[n]) else {
                continue;
            };
            let card = self.index.get(&(Kind::Asset, line.asset.as_str()));
            let card = card.map(|&a| &self.records.assets[a]);
            let mut row = Vec::new();
            if inspection {
                row.push(self.record_cell(root, Kind::Inspection, insp.origin.id.as_str()));
                row.push(date_cell(Some(*insp.date)));
            }
            let counted = card.map(|a| line.counted(a));
            row.extend([
                self.record_cell(root, Kind::Asset, line.asset.as_str()),
                opt_cell(card.map(|a| a.name.as_str())),
                self.opt_location_cell(root, card.map(|a| a.location.as_str())),
                Cell::text(w(if *line.found { "yes" } else { "no" })),
                self.opt_location_cell(root, line.found_at.as_deref().map(String::as_str)),
                counted.map_or_else(|| Cell::text("—"), |q| Cell::num(q, q)),
                card.map_or_else(|| Cell::text("—"), |a| Cell::num(a.quantity, a.quantity)),
                opt_cell(line.note.as_deref()),
            ]);
            t.push(row);
        }
        t
    }
    pub(crate) fn inspection_parts(&self, i: usize, root: &str) -> Parts<'a> {
        let x = &self.records.inspections[i];
        let id = x.origin.id.as_str();
        let f = |k, v| self.field(k, v);
        let fields = vec![
            f("id", Cell::text(id)),
            f("title", Cell::text(&x.title)),
            f(
                "type",
                Cell::text(self.w(&format!("type_{}", x.kind.as_str()))),
            ),
            f("date", date_cell(Some(*x.date))),
            f("inspector", Cell::text(&x.inspector)),
            self.location_field(root, x.location.as_deref().map(String::as_str)),
        ];
        let w = |k: &str| self.w(k);
        let mut findings = Table::new(&[
            w("description"),
            w("severity"),
            w("due"),
            w("rectified"),
            w("repair"),
            w("status"),
        ]);
        let rules = &self.records.config.rules;
        for (n, finding) in x.findings.iter().enumerate() {
            let due = status::finding_due(x, n, rules);
            findings.push(vec![
                Cell::text(&finding.description),
                self.severity_cell(finding.severity),
                date_cell(Some(due)),
                date_cell(finding.rectified.as_ref().map(|d| **d)),
                self.opt_record_cell(
                    root,
                    Kind::Repair,
                    finding.repair.as_ref().map(|r| r.as_str()),
                ),
                self.finding_status_cell(i, n),
            ]);
        }
        let mut scores = Table::new(&[w("class"), &format!("{}#", w("score"))]);
        for s in x.scores.iter().flat_map(|s| s.iter()) {
            scores.push(vec![
                Cell::text(&s.class),
                Cell::num(format_number(s.score), s.score),
            ]);
        }
        let outcomes = &self.c.audits[i];
        let lines = |keep: &dyn Fn(Outcome) -> bool| {
            let lines = (0..outcomes.len()).filter(|&n| keep(outcomes[n]));
            self.audit_table(root, lines.map(|n| (i, n)), false)
        };
        let audit = [
            ("lines_fine", lines(&Outcome::fine)),
            ("lines_missing", lines(&|o| o.missing)),
            ("lines_moved", lines(&|o| o.moved)),
            ("lines_short", lines(&|o| o.short)),
        ];
        let audit = audit.into_iter().filter_map(|(key, table)| {
            let n = table.rows.len();
            let mut section = self.section(key, table)?;
            let count = self.lang.pick(format!("（{n}）"), format!(" ({n})"));
            section.title = format!("{}{}{}{count}", w("audit"), w("colon"), section.title);
            Some(section)
        });
        let sections = [
            self.section("findings", findings),
            self.section("scores", scores),
        ]
        .into_iter()
        .flatten()
        .chain(audit)
        .collect();
        (fields, sections, x.notes.as_deref())
    }
}
