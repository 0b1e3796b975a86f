//! The keys of each kind of record, as FORMAT.md lists them.
//!
//! Every key is asked for before any result is used, so one file reports all its
//! problems; a record is returned only when every required key read cleanly.

use super::fields::{Choice, Chosen, Many, Percent, Positive, Price, Reader, Sink};
use crate::amount::Amount;
use crate::diag::Problem;
use crate::i18n::Lang;
use crate::model::{
    Asset, AuditEntry, Bid, Budget, Config, Finding, Inspection, InspectionType, Item, Method,
    Month, Origin, Purchase, Repair, Rules, School, Score, Semester, Severity, Site,
};
use crate::source::Sp;
use chrono::NaiveDate;
use std::collections::BTreeMap;

impl Choice for Method {
    const NAMES: &'static [&'static str] = Method::NAMES;
    const WORDS: &'static [&'static str] = Method::WORDS;
    const VALUES: &'static [Self] = &Method::ALL;
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

impl Choice for Lang {
    const NAMES: &'static [&'static str] = &Lang::NAMES;
    const WORDS: &'static [&'static str] = &["中文", "英文"];
    const VALUES: &'static [Self] = &[Lang::ZhCn, Lang::En];
}

/// The value without its span.
fn val<T>(field: Option<Sp<T>>) -> Option<T> {
    field.map(|f| f.value)
}

/// A chosen value, keeping its span.
fn chosen<T>(field: Option<Sp<Chosen<T>>>) -> Option<Sp<T>> {
    field.map(|f| Sp {
        value: f.value.0,
        span: f.span,
    })
}

/// `assets/ID.toml`.
pub fn asset(r: &mut Reader, s: &mut Sink, origin: Origin) -> Option<Asset> {
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
        location: val(location)?,
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

/// `repairs/ID.toml`.
pub fn repair(r: &mut Reader, s: &mut Sink, origin: Origin) -> Option<Repair> {
    let title = r.req::<String>(s, "title");
    let location = r.req::<String>(s, "location");
    let asset = r.opt(s, "asset");
    let reported = r.req::<NaiveDate>(s, "reported");
    let reporter = r.req::<String>(s, "reporter");
    let responsible_class = r.opt::<String>(s, "responsible_class");
    let assignee = r.opt::<String>(s, "assignee");
    let fixed = r.opt(s, "fixed");
    let verified = r.opt(s, "verified");
    let cost = r.opt::<Amount>(s, "cost");
    let notes = r.opt::<String>(s, "notes");
    Some(Repair {
        origin,
        title: val(title)?,
        location: val(location)?,
        asset,
        reported: reported?,
        reporter: val(reporter)?,
        responsible_class: val(responsible_class),
        assignee: val(assignee),
        fixed,
        verified,
        cost: val(cost),
        notes: val(notes),
    })
}

/// One `[[items]]` of a purchase.
fn item(r: &mut Reader, s: &mut Sink) -> Option<Item> {
    let name = r.req::<String>(s, "name");
    let quantity = r.req::<Positive>(s, "quantity");
    let unit = r.opt::<String>(s, "unit");
    let unit_price = r.req::<Price>(s, "unit_price");
    Some(Item {
        name: val(name)?,
        quantity: val(quantity)?.0,
        unit: val(unit),
        unit_price: val(unit_price)?.0,
    })
}

/// One `[[bids]]` of a purchase.
fn bid(r: &mut Reader, s: &mut Sink) -> Option<Bid> {
    let vendor = r.req::<String>(s, "vendor");
    let amount = r.req::<Amount>(s, "amount");
    let won = r.opt::<bool>(s, "won");
    let won = won.unwrap_or(Sp {
        value: false,
        span: Default::default(),
    });
    Some(Bid {
        vendor: val(vendor)?,
        amount: val(amount)?,
        won,
    })
}

/// `purchases/ID.toml`.
pub fn purchase(r: &mut Reader, s: &mut Sink, origin: Origin) -> Option<Purchase> {
    let title = r.req::<String>(s, "title");
    let category = r.req::<String>(s, "category");
    let method = chosen(r.req(s, "method"));
    let requester = r.req::<String>(s, "requester");
    let requested = r.req::<NaiveDate>(s, "requested");
    let approved = r.opt(s, "approved");
    let purchased = r.opt(s, "purchased");
    let received = r.opt(s, "received");
    let issued = r.opt(s, "issued");
    let vendor = r.opt(s, "vendor");
    let items = r.tables(s, "items", item);
    match &items {
        Many::Absent => r.missing("items"),
        Many::Read(list) if list.is_empty() => s.at(
            list.span,
            Problem::EmptyList {
                key: "items".to_owned(),
            },
        ),
        _ => {}
    }
    let bids = r.tables(s, "bids", bid);
    let notes = r.opt::<String>(s, "notes");
    Some(Purchase {
        origin,
        title: val(title)?,
        category: val(category)?,
        method: method?,
        requester: val(requester)?,
        requested: requested?,
        approved,
        purchased,
        received,
        issued,
        vendor,
        items: items.read().filter(|i| !i.is_empty())?.value,
        bids: bids.optional()?,
        notes: val(notes),
    })
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

/// `inspections/ID.toml`.
pub fn inspection(r: &mut Reader, s: &mut Sink, origin: Origin) -> Option<Inspection> {
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

/// `budgets/YYYY-MM.toml`.
pub fn budget(r: &mut Reader, s: &mut Sink, origin: Origin) -> Option<Budget> {
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
            match <Amount as super::fields::FromToml>::from_toml(
                value.get_ref(),
                &format!("lines.{key}"),
            ) {
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
