//! Rules within one record: workflow dates in order, each step after the one before,
//! keys required by others, tenders, and the sections each inspection type may have.

use super::Found;
use crate::diag::Problem;
use crate::model::{Field, InspectionType, Method, Records};
use crate::source::FileId;
use chrono::NaiveDate;

/// Disposal after acquisition, and with a reason.
pub(super) fn assets(records: &Records, found: &mut Found) {
    for asset in &records.assets {
        let file = asset.origin.file;
        if let Some(disposed) = &asset.disposed {
            found.order(file, ("disposed", disposed), ("acquired", &asset.acquired));
            if asset
                .disposal_reason
                .as_ref()
                .is_none_or(|r| r.trim().is_empty())
            {
                found.at(
                    file,
                    disposed,
                    Problem::RequiredWith {
                        key: "disposal_reason",
                        because: "disposed",
                    },
                );
            }
        }
    }
}

/// A chain of workflow steps: each set step needs the one before it and its date.
fn chain(
    found: &mut Found,
    file: FileId,
    first: (&str, &Field<NaiveDate>),
    rest: &[(&'static str, Option<&Field<NaiveDate>>)],
) {
    let mut latest = first;
    let mut previous: &'static str = "";
    for (i, (key, date)) in rest.iter().enumerate() {
        if let Some(date) = date {
            if i > 0 && rest[i - 1].1.is_none() {
                found.at(
                    file,
                    date,
                    Problem::MissingStep {
                        key: (*key).to_owned(),
                        needs: previous,
                    },
                );
            }
            found.order(file, (key, date), latest);
            latest = (key, date);
        }
        previous = key;
    }
}

/// 报修 → 维修 → 反馈.
pub(super) fn repairs(records: &Records, found: &mut Found) {
    for repair in &records.repairs {
        let steps = [
            ("fixed", repair.fixed.as_ref()),
            ("verified", repair.verified.as_ref()),
        ];
        chain(
            found,
            repair.origin.file,
            ("reported", &repair.reported),
            &steps,
        );
    }
}

/// 申请 → 报批 → 购买 → 入库 → 领取, vendors, and tenders.
pub(super) fn purchases(records: &Records, found: &mut Found) {
    let rules = &records.config.rules;
    for p in &records.purchases {
        let file = p.origin.file;
        let steps = [
            ("approved", p.approved.as_ref()),
            ("purchased", p.purchased.as_ref()),
            ("received", p.received.as_ref()),
            ("issued", p.issued.as_ref()),
        ];
        chain(found, file, ("requested", &p.requested), &steps);
        match (&p.purchased, &p.vendor) {
            (Some(purchased), None) => found.at(
                file,
                purchased,
                Problem::RequiredWith {
                    key: "vendor",
                    because: "purchased",
                },
            ),
            (Some(_), Some(vendor)) if vendor.trim().is_empty() => found.at(
                file,
                vendor,
                Problem::EmptyValue {
                    key: "vendor".to_owned(),
                },
            ),
            _ => {}
        }
        let total = p.total();
        if total >= rules.tender_threshold
            && matches!(*p.method, Method::Quotation | Method::Direct)
        {
            let problem = Problem::TenderRequired {
                total: total.to_string(),
                threshold: rules.tender_threshold.to_string(),
                method: p.method.as_str().to_owned(),
            };
            found.at(file, &p.method, problem);
        }
        if *p.method != Method::Tender {
            continue;
        }
        let Some(bids) = &p.bids else {
            found.at(
                file,
                &p.method,
                Problem::RequiredWith {
                    key: "bids",
                    because: "method = \"tender\"",
                },
            );
            continue;
        };
        if bids.len() < rules.min_bids as usize {
            found.at(
                file,
                bids,
                Problem::TooFewBids {
                    count: bids.len(),
                    min: rules.min_bids,
                },
            );
        }
        let winners: Vec<_> = bids.iter().filter(|b| *b.won).collect();
        match (winners.as_slice(), &p.vendor) {
            ([winner], Some(vendor)) if p.purchased.is_some() && winner.vendor != **vendor => {
                let problem = Problem::WinnerVendor {
                    winner: winner.vendor.clone(),
                    vendor: vendor.to_string(),
                };
                found.at(file, vendor, problem);
            }
            ([_], _) => {}
            (many, _) => found.at(file, bids, Problem::WinningBids { count: many.len() }),
        }
    }
}

/// Findings' dates, and `scores` / `audit` only on their own inspection types.
pub(super) fn inspections(records: &Records, found: &mut Found) {
    for x in &records.inspections {
        let file = x.origin.file;
        for (n, finding) in x.findings.iter().enumerate() {
            for (key, date) in [("due", &finding.due), ("rectified", &finding.rectified)] {
                if let Some(date) = date {
                    found.order(
                        file,
                        (&format!("findings[{}].{key}", n + 1), date),
                        ("date", &x.date),
                    );
                }
            }
        }
        if let Some(scores) = x
            .scores
            .as_ref()
            .filter(|_| *x.kind != InspectionType::Property)
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
        if let Some(audit) = x
            .audit
            .as_ref()
            .filter(|_| *x.kind != InspectionType::AssetAudit)
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
}
