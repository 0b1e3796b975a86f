//! Ids across records: each unique within its kind, each reference resolving, and what
//! a record says about the record it names (a repaired or an audited asset).

use super::Found;
use crate::diag::Problem;
use crate::kinds::{Record, dispatch};
use crate::model::{Asset, Field, Kind, RecordId, Records};
use crate::source::{FileId, SourceMap};
use std::collections::{BTreeMap, HashMap, HashSet};

/// Two files of one kind with the same stem (in different sub-folders).
pub(super) fn duplicates(records: &Records, sources: &SourceMap, found: &mut Found) {
    for ids in records.ids.values() {
        let mut first: HashMap<&RecordId, FileId> = HashMap::with_capacity(ids.len());
        for (id, file) in ids {
            if let Some(other) = first.get(id) {
                let other = sources.get(*other).path.clone();
                found.whole(
                    *file,
                    Problem::DuplicateId {
                        id: id.to_string(),
                        other,
                    },
                );
            } else {
                first.insert(id, *file);
            }
        }
    }
}

/// The ids of one kind, for resolving references.
struct Index<'r> {
    kind: Kind,
    ids: HashSet<&'r str>,
}

/// Suggesting a near id means comparing with every id: only done for small sets.
const MAX_IDS_TO_SUGGEST_FROM: usize = 5_000;

impl<'r> Index<'r> {
    fn new(records: &'r Records, kind: Kind) -> Self {
        let ids = records
            .ids
            .get(&kind)
            .map(|v| v.iter().map(|(id, _)| id.as_str()).collect())
            .unwrap_or_default();
        Index { kind, ids }
    }

    /// Reports `reference` unless it names a record of this index's kind.
    fn resolve(&self, found: &mut Found, file: FileId, key: &str, reference: &Field<RecordId>) {
        if self.ids.contains(reference.as_str()) {
            return;
        }
        let suggestion = (self.ids.len() <= MAX_IDS_TO_SUGGEST_FROM)
            .then(|| {
                let mut sorted: Vec<&str> = self.ids.iter().copied().collect();
                sorted.sort_unstable();
                crate::parse::closest(reference.as_str(), sorted.into_iter()).map(str::to_owned)
            })
            .flatten();
        let problem = Problem::UnknownRef {
            key: key.to_owned(),
            kind: self.kind,
            id: reference.to_string(),
            suggestion,
        };
        found.at(file, reference, problem);
    }
}

/// Every reference names an existing record.
pub(super) fn resolve(records: &Records, found: &mut Found) {
    let mut indexes: BTreeMap<Kind, Index> = BTreeMap::new();
    for kind in Kind::ALL {
        dispatch!(kind, K => for record in K::all(records) {
            for reference in record.references() {
                let index = indexes
                    .entry(reference.kind)
                    .or_insert_with(|| Index::new(records, reference.kind));
                index.resolve(found, record.origin.file, &reference.key, reference.id);
            }
        });
    }
}

/// A repair's asset was not disposed before the repair was reported.
pub(super) fn disposed_assets(records: &Records, found: &mut Found) {
    let assets: HashMap<&str, &Asset> = records
        .assets
        .iter()
        .map(|a| (a.origin.id.as_str(), a))
        .collect();
    for repair in &records.repairs {
        let Some(a) = &repair.asset else { continue };
        let disposed = assets
            .get(a.as_str())
            .and_then(|asset| asset.disposed.as_ref());
        if let Some(disposed) = disposed.filter(|d| ***d < *repair.reported) {
            let problem = Problem::DisposedAsset {
                asset: a.to_string(),
                disposed: disposed.to_string(),
                reported: repair.reported.to_string(),
            };
            found.at(repair.origin.file, a, problem);
        }
    }
}

/// An audit line against its card: a `found_at` that is the card's own location, a
/// count above the card's quantity (warnings; an unknown card is reported by
/// [`resolve`]).
pub(super) fn audit_cards(records: &Records, found: &mut Found) {
    if records.inspections.iter().all(|x| x.audit.is_none()) {
        return;
    }
    let assets: HashMap<&str, &Asset> = records
        .assets
        .iter()
        .map(|a| (a.origin.id.as_str(), a))
        .collect();
    for x in &records.inspections {
        let lines = x.audit.iter().flat_map(|a| a.iter()).enumerate();
        for (n, line) in lines.filter(|(_, line)| *line.found) {
            let Some(card) = assets.get(line.asset.as_str()) else {
                continue;
            };
            let key = |k: &str| format!("audit[{}].{k}", n + 1);
            if let Some(at) = line.found_at.as_ref().filter(|at| ***at == *card.location) {
                let problem = Problem::AuditNotMoved {
                    key: key("found_at"),
                    location: at.to_string(),
                };
                found.at(x.origin.file, at, problem);
            }
            if let Some(q) = line.quantity.as_ref().filter(|q| ***q > card.quantity) {
                let problem = Problem::AuditOverCount {
                    key: key("quantity"),
                    counted: **q,
                    asset: card.origin.id.to_string(),
                    quantity: card.quantity,
                };
                found.at(x.origin.file, q, problem);
            }
        }
    }
}
