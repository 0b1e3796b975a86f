//! An inspection (安全检查, 公物检查, 资产清查), with findings, class scores or an audit.

use super::{Kind, Record};
use crate::model::Records;
use crate::model::{Field, Origin, RecordId};
use crate::parse::{Choice, Percent, Reader, Sink, chosen, val};
use crate::status::{self, Dated};
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
        "other",
    ];
    /// The Chinese words, in the order of `NAMES`, accepted in records and sheets.
    pub const WORDS: &'static [&'static str] = &[
        "安全检查",
        "消防检查",
        "公物检查",
        "食堂检查",
        "资产清查",
        "其他检查",
    ];
    /// Every type, in the order of [`InspectionType::NAMES`].
    pub const ALL: [InspectionType; 6] = [
        InspectionType::Safety,
        InspectionType::Fire,
        InspectionType::Property,
        InspectionType::Canteen,
        InspectionType::AssetAudit,
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
    pub found: bool,
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
    pub location: Option<String>,
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
    let note = r.opt::<String>(s, "note");
    Some(AuditEntry {
        asset: asset?,
        found: val(found)?,
        note: val(note),
    })
}

impl Record for Inspection {
    const KIND: Kind = Kind::Inspection;

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
            location: val(location),
            findings: findings.or_empty()?,
            scores: scores.optional()?,
            audit: audit.optional()?,
            notes: val(notes),
        })
    }
}
