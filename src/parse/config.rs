//! The keys of `zongwu.toml`, as FORMAT.md lists them (each kind's keys are read by its
//! module in [`crate::kinds`]).
//!
//! Sections that fail keep their defaults, so that the rest can still be checked.

use super::fields::{Choice, Chosen, Many, Positive, Reader, Sink, val};
use crate::amount::Amount;
use crate::diag::Problem;
use crate::i18n::Lang;
use crate::model::{Config, Rules, School, Semester, Site};

impl Choice for Lang {
    const NAMES: &'static [&'static str] = &Lang::NAMES;
    const WORDS: &'static [&'static str] = &["中文", "英文"];
    const VALUES: &'static [Self] = &[Lang::ZhCn, Lang::En];
}

/// `[school]` of `zongwu.toml`.
fn school(r: &mut Reader, s: &mut Sink) -> Option<School> {
    let name = r.req::<String>(s, "name");
    let office = r.req::<String>(s, "office");
    Some(School {
        name: val(name)?,
        office: val(office)?,
    })
}

/// `[site]` of `zongwu.toml`.
fn site(r: &mut Reader, s: &mut Sink) -> Option<Site> {
    let title = r.req::<String>(s, "title");
    let language = r.opt::<Chosen<Lang>>(s, "language");
    let base_url = r.opt::<String>(s, "base_url");
    Some(Site {
        title: val(title)?,
        language: language.map_or(Lang::ZhCn, |l| l.value.0),
        base_url: val(base_url).filter(|u| !u.is_empty()),
    })
}

/// `[rules]` of `zongwu.toml`: every key optional.
fn rules(r: &mut Reader, s: &mut Sink) -> Option<Rules> {
    let defaults = Rules::default();
    let tender_threshold = r.opt::<Amount>(s, "tender_threshold");
    let min_bids = r.opt::<Positive>(s, "min_bids");
    let repair_overdue_days = r.opt::<Positive>(s, "repair_overdue_days");
    let rectify_default_days = r.opt::<Positive>(s, "rectify_default_days");
    let repair_category = r.opt::<String>(s, "repair_category");
    Some(Rules {
        tender_threshold: val(tender_threshold).unwrap_or(defaults.tender_threshold),
        min_bids: val(min_bids).map_or(defaults.min_bids, |n| n.0),
        repair_overdue_days: val(repair_overdue_days).map_or(defaults.repair_overdue_days, |n| n.0),
        rectify_default_days: val(rectify_default_days)
            .map_or(defaults.rectify_default_days, |n| n.0),
        repair_category: val(repair_category).unwrap_or(defaults.repair_category),
    })
}

/// One `[[semester]]` of `zongwu.toml`.
fn semester(r: &mut Reader, s: &mut Sink) -> Option<Semester> {
    let id = r.req::<String>(s, "id");
    let title = r.req::<String>(s, "title");
    let start = r.req(s, "start");
    let end = r.req(s, "end");
    Some(Semester {
        id: id?,
        title: val(title)?,
        start: start?,
        end: end?,
    })
}

/// `zongwu.toml`. Sections that fail keep their defaults, so the rest can be checked.
pub fn config(r: &mut Reader, s: &mut Sink) -> Option<Config> {
    let school = r.table(s, "school", school);
    let site = r.table(s, "site", site);
    let rules = if r.has("rules") {
        r.table(s, "rules", rules)
    } else {
        Some(Rules::default())
    };
    let semesters = r.tables(s, "semester", semester);
    match &semesters {
        Many::Absent => r.missing("semester"),
        Many::Read(list) if list.is_empty() => s.at(
            list.span,
            Problem::EmptyList {
                key: "semester".to_owned(),
            },
        ),
        _ => {}
    }
    Some(Config {
        school: school.unwrap_or_default(),
        site: site.unwrap_or_default(),
        rules: rules.unwrap_or_default(),
        semesters: semesters.partial(),
    })
}
