//! The room register on the site (`locations.toml`): the locations index grouped by
//! building, a building's page with its rooms rolled up into it, a room's building and
//! keeper. What each place holds is worked out once, in [`crate::compute::rooms`].

use super::{Page, Section, Site, amount_cell, opt_cell};
use crate::compute::Idx;
use crate::compute::rooms::Holding;
use crate::model::{Place, Register};
use crate::site::table::{Cell, Link, Table};

impl Site<'_> {
    /// The register's place of this name, where there is a register.
    pub(crate) fn place(&self, name: &str) -> Option<Place<'_>> {
        self.records.register.as_ref()?.place(name)
    }

    /// Who answers for a place, as shown beside it: `负责人 高一(3)班班主任`.
    pub(crate) fn keeper_note(&self, name: &str) -> Option<String> {
        let keeper = self.place(name)?.keeper()?;
        Some(format!("{} {keeper}", self.w("keeper")))
    }

    /// The names whose records a location's page lists: a building's own and its
    /// rooms', or the one name.
    pub(super) fn names_at<'n>(&'n self, name: &'n str) -> Vec<&'n str> {
        let mut names = vec![name];
        if let (Some(register), Some(Place::Building(..))) =
            (&self.records.register, self.place(name))
        {
            names.extend(register.rooms_of(name).map(|(_, r)| r.name.as_str()));
        }
        names
    }

    /// The locations index with a register: each building (its own row first, the
    /// room a dash), then each of its rooms under it; each row ends with the cells
    /// `row` makes of the place's name.
    pub(super) fn locations_by_building(
        &self,
        register: &Register,
        counts: &[&str],
        row: impl Fn(&str) -> Vec<Cell>,
    ) -> Table {
        let mut headers = vec![self.w("building_of_room"), self.w("room"), self.w("keeper")];
        headers.extend(counts);
        let mut t = Table::new(&headers);
        let mut push = |building: &str, room: Option<&str>, keeper: Option<&str>| {
            let mut cells = vec![
                self.location_cell("../", building),
                room.map_or_else(|| Cell::text("—"), |r| self.location_cell("../", r)),
                opt_cell(keeper),
            ];
            cells.extend(row(room.unwrap_or(building)));
            t.push(cells);
        };
        for b in &register.buildings {
            push(&b.name, None, b.keeper.as_deref());
            for (_, room) in register.rooms_of(&b.name) {
                push(&b.name, Some(&room.name), room.keeper.as_deref());
            }
        }
        t
    }

    /// What a building's or a room's page shows besides its records: who answers for
    /// it; a room's building and use; a building's rooms with what each holds, and
    /// its totals.
    pub(super) fn place_parts(&self, place: Place, root: &str, page: &mut Page) {
        let mut intro = Vec::new();
        match place {
            Place::Room(_, room) => {
                intro.push(format!(
                    "{} {}",
                    self.w("building_of_room"),
                    room.building.as_str()
                ));
                if let Some(use_) = &room.use_ {
                    intro.push(format!("{} {use_}", self.w("room_use")));
                }
                let building = self.location_cell(root, &room.building);
                if let Some(href) = building.href {
                    let link = Link {
                        text: building.text,
                        href,
                    };
                    page.context.insert("see_also", &[link]);
                }
            }
            Place::Building(b, _) => page.sections.insert(0, self.rooms_section(b, root)),
        }
        let name = match place {
            Place::Room(_, r) => r.name.as_str(),
            Place::Building(_, b) => b.name.as_str(),
        };
        intro.extend(self.keeper_note(name));
        page.context.insert("intro", &intro.join(" · "));
    }

    /// A building's rooms, each with its keeper, use and what it holds; the
    /// building's own row where records name it, and the building's totals.
    fn rooms_section(&self, b: Idx, root: &str) -> Section {
        let (Some(register), Some(rollup)) = (&self.records.register, &self.c.rooms) else {
            return Section::default();
        };
        let w = |k: &str| self.w(k);
        let mut t = Table::new(&[
            w("room"),
            w("room_use"),
            w("keeper"),
            &format!("{}#", w("asset_cards")),
            &format!("{}#", w("value")),
            &format!("{}#", w("open_repairs_short")),
            &format!("{}#", w("open_findings_short")),
        ]);
        let figures = |h: &Holding| {
            [
                Cell::num(h.assets.count, h.assets.count),
                amount_cell(h.assets.value),
                Cell::num(h.open_repairs, h.open_repairs),
                Cell::num(h.open_findings, h.open_findings),
            ]
        };
        let building = &register.buildings[b];
        let held = &rollup.buildings[b];
        if held.own != Holding::default() {
            let mut row = vec![
                Cell::text(w("building_itself")),
                Cell::text("—"),
                opt_cell(building.keeper.as_deref()),
            ];
            row.extend(figures(&held.own));
            t.push(row);
        }
        for (i, room) in register.rooms_of(&building.name) {
            // A room's name is not broken across lines (1号教学/楼301).
            let place = Cell {
                class: Some("place"),
                ..self.location_cell(root, &room.name)
            };
            let mut row = vec![
                place,
                opt_cell(room.use_.as_deref()),
                opt_cell(room.keeper.as_deref()),
            ];
            row.extend(figures(&rollup.rooms[i]));
            t.push(row);
        }
        let mut total = vec![Cell::text(w("total_row")), Cell::text(""), Cell::text("")];
        total.extend(figures(&held.total));
        t.push(total);
        self.titled("rooms", t)
    }
}

/// The records of a kind at some places, in the records' order, each once.
pub(super) fn merged<'a>(lists: impl Iterator<Item = &'a Vec<Idx>>) -> Vec<Idx> {
    let mut all: Vec<Idx> = lists.flatten().copied().collect();
    all.sort_unstable();
    all.dedup();
    all
}
