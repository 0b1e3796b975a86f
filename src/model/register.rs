//! `locations.toml`: the room register (室室有人管) — the buildings, and the rooms in
//! them that records name as their `location`.

use super::Field;
use std::collections::HashMap;

/// One `[[building]]`.
#[derive(Clone, Debug, Default)]
pub struct Building {
    /// Its name, which records may name as a location too.
    pub name: Field<String>,
    /// Who answers for it.
    pub keeper: Option<String>,
}

/// One `[[room]]`.
#[derive(Clone, Debug, Default)]
pub struct Room {
    /// The exact text that records write as `location`.
    pub name: Field<String>,
    /// The building it is in: a `[[building]]`'s name.
    pub building: Field<String>,
    /// Who answers for it.
    pub keeper: Option<String>,
    /// What it is used for (教室, 实验室 …).
    pub use_: Option<String>,
}

/// A name of the register: a building or a room, with its index in its list.
#[derive(Clone, Copy, Debug)]
pub enum Place<'a> {
    /// A building.
    Building(usize, &'a Building),
    /// A room.
    Room(usize, &'a Room),
}

impl<'a> Place<'a> {
    /// Who answers for the place.
    pub fn keeper(self) -> Option<&'a str> {
        match self {
            Place::Building(_, b) => b.keeper.as_deref(),
            Place::Room(_, r) => r.keeper.as_deref(),
        }
    }
}

/// The whole register, as written (every entry that read).
#[derive(Clone, Debug, Default)]
pub struct Register {
    /// The buildings, in the file's order.
    pub buildings: Vec<Building>,
    /// The rooms, in the file's order.
    pub rooms: Vec<Room>,
    /// Whether every entry read (else a name may be missing, and the locations of
    /// records are not judged against the register).
    pub complete: bool,
    /// Every name, to its place (the first entry of a name written twice).
    by_name: HashMap<String, PlaceAt>,
}

/// Where a name of the register is: the index of its building or room.
#[derive(Clone, Copy, Debug)]
enum PlaceAt {
    Building(usize),
    Room(usize),
}

impl Register {
    /// The register of these buildings and rooms (`complete` if no entry was left out).
    pub fn new(buildings: Vec<Building>, rooms: Vec<Room>, complete: bool) -> Register {
        let mut by_name = HashMap::with_capacity(buildings.len() + rooms.len());
        for (i, b) in buildings.iter().enumerate() {
            by_name
                .entry(b.name.value.clone())
                .or_insert(PlaceAt::Building(i));
        }
        for (i, r) in rooms.iter().enumerate() {
            by_name
                .entry(r.name.value.clone())
                .or_insert(PlaceAt::Room(i));
        }
        Register {
            buildings,
            rooms,
            complete,
            by_name,
        }
    }

    /// The building or room of this name.
    pub fn place(&self, name: &str) -> Option<Place<'_>> {
        self.by_name.get(name).map(|at| match *at {
            PlaceAt::Building(i) => Place::Building(i, &self.buildings[i]),
            PlaceAt::Room(i) => Place::Room(i, &self.rooms[i]),
        })
    }

    /// The building of this name.
    pub fn building(&self, name: &str) -> Option<&Building> {
        match self.place(name)? {
            Place::Building(_, b) => Some(b),
            Place::Room(..) => None,
        }
    }

    /// Every name, buildings first, each in the file's order.
    pub fn names(&self) -> impl Iterator<Item = &str> + Clone {
        let buildings = self.buildings.iter().map(|b| b.name.as_str());
        buildings.chain(self.rooms.iter().map(|r| r.name.as_str()))
    }

    /// The rooms of a building, with their index, in the file's order.
    pub fn rooms_of<'s>(&'s self, building: &'s str) -> impl Iterator<Item = (usize, &'s Room)> {
        let rooms = self.rooms.iter().enumerate();
        rooms.filter(move |(_, r)| r.building.as_str() == building)
    }
}
