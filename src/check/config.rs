//! Rules of `zongwu.toml` and of the summaries that belong to its semesters.

use super::Found;
use crate::diag::Problem;
use crate::model::{RecordId, Records};
use std::collections::BTreeSet;

/// Each semester ends after it starts; ids are unique; ranges do not overlap.
pub(super) fn semesters(records: &Records, found: &mut Found) {
    let file = records.config_file;
    let semesters = &records.config.semesters;
    let mut seen = BTreeSet::new();
    for (i, s) in semesters.iter().enumerate() {
        found.order(file, ("end", &s.end), ("start", &s.start));
        if !RecordId::is_valid(&s.id) {
            found.at(
                file,
                &s.id,
                Problem::BadId {
                    id: s.id.to_string(),
                },
            );
        }
        if !seen.insert(s.id.as_str()) {
            found.at(
                file,
                &s.id,
                Problem::DuplicateSemester {
                    id: s.id.to_string(),
                },
            );
        }
        for earlier in &semesters[..i] {
            if *s.start <= *earlier.end && *earlier.start <= *s.end {
                let problem = Problem::SemesterOverlap {
                    id: s.id.to_string(),
                    other: earlier.id.to_string(),
                };
                found.at(file, &s.start, problem);
            }
        }
    }
}

/// Every summary names a semester (not judged while `zongwu.toml` has errors).
pub(super) fn summaries(records: &Records, found: &mut Found) {
    if !records.config_read {
        return;
    }
    for summary in &records.summaries {
        if !records
            .config
            .semesters
            .iter()
            .any(|s| *s.id == summary.semester)
        {
            found.whole(
                summary.file,
                Problem::OrphanSummary {
                    id: summary.semester.clone(),
                },
            );
        }
    }
}
