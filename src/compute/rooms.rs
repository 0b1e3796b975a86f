//! The room register on the day in question: what each room holds (assets on the
//! books, repairs open, findings not rectified), and each building with its rooms
//! rolled up into it.

use super::RepairState;
use super::links::AtLocation;
use super::stats::Tally;
use crate::model::{Kind, Records, Register};
use crate::status::{self, FindingStatus, RepairStatus};
use chrono::NaiveDate;
use std::collections::BTreeMap;

/// What a place holds on the day in question.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Holding {
    /// The assets on the books there.
    pub assets: Tally,
    /// The repairs there not fixed yet.
    pub open_repairs: usize,
    /// The findings of inspections there not rectified yet (due or overdue).
    pub open_findings: usize,
}

impl Holding {
    /// Adds what another place holds.
    fn add(&mut self, other: &Holding) {
        self.assets.count += other.assets.count;
        self.assets.quantity += other.assets.quantity;
        self.assets.value += other.assets.value;
        self.open_repairs += other.open_repairs;
        self.open_findings += other.open_findings;
    }
}

/// The register's places on the day in question.
#[derive(Clone, Debug, Default)]
pub struct Rollup {
    /// Each room's holding, in the register's order.
    pub rooms: Vec<Holding>,
    /// Each building's, in the register's order.
    pub buildings: Vec<BuildingHolding>,
}

/// What a building holds.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct BuildingHolding {
    /// What the records that name the building itself (not a room of it) hold.
    pub own: Holding,
    /// That and what its rooms hold.
    pub total: Holding,
}

/// What the records at one place hold on `day`.
fn holding(
    records: &Records,
    at: Option<&AtLocation>,
    day: NaiveDate,
    repairs: &[RepairState],
    findings: &[Vec<FindingStatus>],
) -> Holding {
    let mut out = Holding::default();
    let Some(at) = at else { return out };
    let of = |kind: Kind| at.get(&kind).into_iter().flatten().copied();
    for a in of(Kind::Asset).map(|i| &records.assets[i]) {
        if status::on_books(a, day) {
            out.assets.add(a.quantity, a.value());
        }
    }
    out.open_repairs = of(Kind::Repair)
        .filter(|&i| repairs[i].status == RepairStatus::Open)
        .count();
    out.open_findings = of(Kind::Inspection)
        .flat_map(|x| &findings[x])
        .filter(|f| **f != FindingStatus::Rectified)
        .count();
    out
}

/// Rolls the rooms of the register up into their buildings.
pub fn rollup(
    records: &Records,
    register: &Register,
    locations: &BTreeMap<String, AtLocation>,
    day: NaiveDate,
    (repairs, findings): (&[RepairState], &[Vec<FindingStatus>]),
) -> Rollup {
    let of = |name: &str| holding(records, locations.get(name), day, repairs, findings);
    let rooms: Vec<Holding> = register.rooms.iter().map(|r| of(&r.name)).collect();
    let buildings = register
        .buildings
        .iter()
        .map(|b| {
            let own = of(&b.name);
            let mut total = own;
            for (i, _) in register.rooms_of(&b.name) {
                total.add(&rooms[i]);
            }
            BuildingHolding { own, total }
        })
        .collect();
    Rollup { rooms, buildings }
}
