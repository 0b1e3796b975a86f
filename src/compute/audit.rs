//! Asset audits (资产清查): what each `[[audit]]` line of an asset-audit inspection
//! says against its card — missing, moved, counted short — and which cards are at a
//! location on a day, the list a checklist (and labels by location) is printed from.

use super::Idx;
use crate::model::{Asset, AuditEntry, InspectionType, Place, Records, Register};
use crate::status;
use chrono::NaiveDate;
use std::collections::HashMap;

/// What one audit line says against its card.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Outcome {
    /// `found = false`.
    pub missing: bool,
    /// Found at a `found_at` other than the card's location.
    pub moved: bool,
    /// Found, with a `quantity` below the card's.
    pub short: bool,
}

impl Outcome {
    /// The outcome of `line` against its card (`None` when the card is not among the
    /// records of the day: then only whether it was found counts).
    pub fn of(line: &AuditEntry, card: Option<&Asset>) -> Outcome {
        let found = *line.found;
        Outcome {
            missing: !found,
            moved: found
                && card.is_some_and(|a| line.found_at.as_ref().is_some_and(|l| **l != *a.location)),
            short: found
                && card.is_some_and(|a| line.quantity.as_ref().is_some_and(|q| **q < a.quantity)),
        }
    }

    /// Found where the card says, all of it.
    pub fn fine(self) -> bool {
        !(self.missing || self.moved || self.short)
    }
}

/// One audit line of an inspection, with its card and what it says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AuditLine {
    /// The inspection.
    pub inspection: Idx,
    /// The line's index in its `audit`.
    pub line: usize,
    /// The card it checks, if it is among the records of the day.
    pub asset: Option<Idx>,
    /// What it says.
    pub outcome: Outcome,
}

/// The cards by id, to find an audit line's card.
pub struct Cards<'r>(HashMap<&'r str, Idx>);

impl<'r> Cards<'r> {
    /// Every card of the records.
    pub fn of(records: &'r Records) -> Cards<'r> {
        let ids = records.assets.iter().enumerate();
        Cards(ids.map(|(i, a)| (a.origin.id.as_str(), i)).collect())
    }

    /// The audit lines of these inspections (the asset audits among them), in order.
    pub fn lines(
        &self,
        records: &Records,
        inspections: impl Iterator<Item = Idx>,
    ) -> Vec<AuditLine> {
        let mut out = Vec::new();
        for i in inspections {
            let x = &records.inspections[i];
            if *x.kind != InspectionType::AssetAudit {
                continue;
            }
            for (n, line) in x.audit.iter().flat_map(|a| a.iter()).enumerate() {
                let asset = self.0.get(line.asset.as_str()).copied();
                out.push(AuditLine {
                    inspection: i,
                    line: n,
                    asset,
                    outcome: Outcome::of(line, asset.map(|a| &records.assets[a])),
                });
            }
        }
        out
    }
}

/// The latest audit line naming asset `id` (by the inspection's date, then id): the
/// last audit that saw it, among the records as of the day in question.
pub fn last_seen(records: &Records, lines: &[(Idx, usize)]) -> Option<(Idx, usize)> {
    lines.iter().copied().max_by_key(|&(x, _)| {
        let x = &records.inspections[x];
        (*x.date, x.origin.id.as_str())
    })
}

/// The cards at `location` on `day`, in record order: on the books then (acquired by
/// it, not disposed by it) and [`at_location`]. A checklist lists these, and labels
/// are printed for them (`--location`).
pub fn assets_at(records: &Records, location: &str, day: NaiveDate) -> Vec<Idx> {
    let assets = records.assets.iter().enumerate();
    assets
        .filter(|(_, a)| {
            at_location(records.register.as_ref(), a, location) && status::on_books(a, day)
        })
        .map(|(i, _)| i)
        .collect()
}

/// Whether an asset is at `location`: its `location` is exactly that, or (with a room
/// register) a room of the building `location`. This is the one place that decides it.
pub fn at_location(register: Option<&Register>, asset: &Asset, location: &str) -> bool {
    let at = asset.location.as_str();
    at == location
        || matches!(register.and_then(|r| r.place(at)),
            Some(Place::Room(_, room)) if room.building.as_str() == location)
}
