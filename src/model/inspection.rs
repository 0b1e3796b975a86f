//! An inspection (安全检查, 公物检查, 资产清查), with findings, class scores or an audit.

use super::{Field, Origin, RecordId};
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
