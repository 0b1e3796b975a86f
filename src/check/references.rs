//! Ids across records: each unique within its kind, each reference resolving.

use super::Found;
use crate::diag::Problem;
use crate::model::{Asset, Field, Kind, RecordId, Records};
use crate::source::{FileId, SourceMap};
use std::collections::{HashMap, HashSet};

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
    fn resolve(
        &self,
        found: &mut Found,
        file: FileId,
        key: &str,
        reference: &Field<RecordId>,
    ) -> bool {
        if self.ids.contains(reference.as_str()) {
            return true;
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
        false
    }
}

/// Every reference names an existing record; a repair's asset was not disposed before.
pub(super) fn resolve(records: &Records, found: &mut Found) {
    let purchases = Index::new(records, Kind::Purchase);
    let assets = Index::new(records, Kind::Asset);
    let repairs = Index::new(records, Kind::Repair);
    let parsed_assets: HashMap<&str, &Asset> = records
        .assets
        .iter()
        .map(|a| (a.origin.id.as_str(), a))
        .collect();

    for asset in &records.assets {
        if let Some(p) = &asset.purchase {
            purchases.resolve(found, asset.origin.file, "purchase", p);
        }
    }
    for repair in &records.repairs {
        let Some(a) = &repair.asset else { continue };
        if !assets.resolve(found, repair.origin.file, "asset", a) {
            continue;
        }
        let disposed = parsed_assets
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
    for inspection in &records.inspections {
        let file = inspection.origin.file;
        for (n, finding) in inspection.findings.iter().enumerate() {
            if let Some(r) = &finding.repair {
                repairs.resolve(found, file, &format!("findings[{}].repair", n + 1), r);
            }
        }
        for (n, entry) in inspection.audit.iter().flat_map(|a| a.iter()).enumerate() {
            assets.resolve(
                found,
                file,
                &format!("audit[{}].asset", n + 1),
                &entry.asset,
            );
        }
    }
}
