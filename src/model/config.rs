//! `zongwu.toml`: the school, the site, the rules and the semesters.

use super::Field;
use crate::amount::Amount;
use crate::i18n::Lang;
use chrono::NaiveDate;

/// `[school]`.
#[derive(Clone, Debug, Default, serde::Serialize, schemars::JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct School {
    /// The school's name.
    pub name: String,
    /// The office's name.
    pub office: String,
}

/// `[site]`.
#[derive(Clone, Debug, Default, serde::Serialize, schemars::JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Site {
    /// The site's title.
    pub title: String,
    /// The language of every fixed word.
    #[serde(default)]
    pub language: Lang,
    /// Optional absolute address of the published site.
    pub base_url: Option<String>,
}

/// `[rules]`: thresholds that the checks and the figures use.
#[derive(Clone, Debug, serde::Serialize, schemars::JsonSchema)]
#[serde(default)]
#[schemars(deny_unknown_fields)]
pub struct Rules {
    /// A purchase whose total is at or over this must be a tender or government purchase.
    pub tender_threshold: Amount,
    /// A tender lists at least this many bids.
    pub min_bids: u32,
    /// An open repair older than this many days is overdue.
    pub repair_overdue_days: u32,
    /// A finding without `due` is due this many days after the inspection.
    pub rectify_default_days: u32,
    /// The budget category repair costs are counted under.
    pub repair_category: String,
}

impl Default for Rules {
    fn default() -> Rules {
        Rules {
            tender_threshold: Amount::from_fen(50_000 * 100),
            min_bids: 3,
            repair_overdue_days: 7,
            rectify_default_days: 14,
            repair_category: "维修".to_owned(),
        }
    }
}

/// One `[[semester]]`.
#[derive(Clone, Debug, serde::Serialize, schemars::JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Semester {
    /// Its id, also the name of its summary file.
    pub id: Field<String>,
    /// Its title.
    pub title: String,
    /// First day.
    pub start: Field<NaiveDate>,
    /// Last day.
    pub end: Field<NaiveDate>,
}

impl Semester {
    /// Whether `day` lies within the semester (both ends included).
    pub fn contains(&self, day: NaiveDate) -> bool {
        *self.start <= day && day <= *self.end
    }
}

/// The whole configuration.
#[derive(Clone, Debug, Default, serde::Serialize, schemars::JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Config {
    /// `[school]`.
    pub school: School,
    /// `[site]`.
    pub site: Site,
    /// `[rules]`.
    #[serde(default)]
    pub rules: Rules,
    /// The semesters (`[[semester]]`), in file order.
    #[serde(rename = "semester")]
    #[schemars(length(min = 1))]
    pub semesters: Vec<Semester>,
}
