//! The keys of `locations.toml`, the room register, as FORMAT.md lists them. The rules
//! between its entries (names unique, each room's building listed) are in `check`.

use super::fields::{Reader, Sink, val};
use crate::model::{Building, Register, Room};

/// One `[[building]]`.
fn building(r: &mut Reader, s: &mut Sink) -> Option<Building> {
    let name = r.req::<String>(s, "name");
    let keeper = r.opt::<String>(s, "keeper");
    Some(Building {
        name: name?,
        keeper: val(keeper),
    })
}

/// One `[[room]]`.
fn room(r: &mut Reader, s: &mut Sink) -> Option<Room> {
    let name = r.req::<String>(s, "name");
    let building = r.req::<String>(s, "building");
    let keeper = r.opt::<String>(s, "keeper");
    let use_ = r.opt::<String>(s, "use");
    Some(Room {
        name: name?,
        building: building?,
        keeper: val(keeper),
        use_: val(use_),
    })
}

/// `locations.toml`: every entry that reads (an entry missing a key or with a value of
/// the wrong type is reported and left out, so that the rest can still be checked).
pub fn register(r: &mut Reader, s: &mut Sink) -> Option<Register> {
    let buildings = r.tables(s, "building", building);
    let rooms = r.tables(s, "room", room);
    let complete = !buildings.broken() && !rooms.broken();
    Some(Register::new(
        buildings.partial(),
        rooms.partial(),
        complete,
    ))
}
