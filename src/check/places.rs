//! The room register (`locations.toml`): its names unique, each room in a building it
//! lists; and, where it exists, every place a record names is a room or a building of
//! it.

use super::Found;
use crate::diag::Problem;
use crate::kinds::{Record, dispatch};
use crate::model::{Field, Kind, Records, Register};
use std::collections::HashMap;

/// Each name written once, each room's building listed, no room named like a building.
pub(super) fn register(records: &Records, found: &mut Found) {
    let Some(register) = &records.register else {
        return;
    };
    let file = records.register_file;
    let mut seen: HashMap<&str, bool> = HashMap::new();
    for b in &register.buildings {
        if seen.insert(b.name.as_str(), true).is_some() {
            let name = b.name.to_string();
            found.at(file, &b.name, Problem::DuplicatePlace { name });
        }
    }
    for r in &register.rooms {
        match seen.insert(r.name.as_str(), false) {
            Some(true) => {
                let name = r.name.to_string();
                found.at(file, &r.name, Problem::RoomNamedLikeBuilding { name });
            }
            Some(false) => {
                let name = r.name.to_string();
                found.at(file, &r.name, Problem::DuplicatePlace { name });
            }
            None => {}
        }
        if register.building(&r.building).is_none() {
            let buildings = register.buildings.iter().map(|b| b.name.as_str());
            let problem = Problem::UnknownBuilding {
                building: r.building.to_string(),
                suggestion: nearest(&r.building, buildings).map(str::to_owned),
            };
            found.at(file, &r.building, problem);
        }
    }
}

/// Every place a record names is a room or a building of the register, and so is
/// every place an audit line found its card at (`found_at`); not judged while an entry
/// of the register is left out for its errors: its name may be missing.
pub(super) fn locations(records: &Records, found: &mut Found) {
    let Some(register) = records.register.as_ref().filter(|r| r.complete) else {
        return;
    };
    let mut place = |file, key: String, name: &Field<String>| {
        if register.place(name).is_none() {
            let problem = Problem::UnknownLocation {
                key,
                name: name.to_string(),
                suggestion: suggest(register, name).map(str::to_owned),
            };
            found.at(file, name, problem);
        }
    };
    for kind in Kind::located() {
        dispatch!(kind, K => for record in K::all(records) {
            for located in record.locations() {
                place(record.origin.file, located.key.into_owned(), located.name);
            }
        });
    }
    for inspection in &records.inspections {
        for (key, at) in inspection.found_at() {
            place(inspection.origin.file, key, at);
        }
    }
}

/// The name of the register that `written` most likely means.
fn suggest<'r>(register: &'r Register, written: &str) -> Option<&'r str> {
    nearest(written, register.names())
}

/// The name that `written` most likely means: the one it is once full-width
/// characters (`１`, `（`, `　`, typed with a Chinese input method on) are made
/// half-width and spaces dropped, else the closest by edit distance over characters.
fn nearest<'a>(written: &str, names: impl Iterator<Item = &'a str> + Clone) -> Option<&'a str> {
    let folded = fold(written);
    let same = names.clone().find(|name| fold(name) == folded);
    same.or_else(|| crate::parse::closest(written, names))
}

/// A name with full-width ASCII made half-width, without white space, in lower case.
fn fold(name: &str) -> String {
    name.chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            c => c,
        })
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::nearest;

    const NAMES: [&str; 4] = ["1号教学楼", "1号教学楼301", "实验楼", "高一(3)班教室"];

    #[test]
    fn a_full_width_slip_is_the_name_it_means() {
        let near = |w| nearest(w, NAMES.into_iter());
        assert_eq!(near("１号教学楼３０１"), Some("1号教学楼301"));
        assert_eq!(near("1号教学楼 301"), Some("1号教学楼301"));
        assert_eq!(near("高一（3）班教室"), Some("高一(3)班教室"));
    }

    #[test]
    fn a_typo_is_the_name_nearest_by_characters() {
        let near = |w| nearest(w, NAMES.into_iter());
        assert_eq!(near("1号教学楼31"), Some("1号教学楼301"));
        assert_eq!(near("实验搂"), Some("实验楼"));
        assert_eq!(near("操场"), None);
    }
}
