//! Updating a record file from its rows in a sheet: only the keys whose values changed
//! are rewritten; the user's comments, order and spelling of everything else stay.
//!
//! "Changed" is decided on the record as zongwu reads it, not on the text: `650`,
//! `650.00` and `"650.00"` are one price, `"询价"` and `"quotation"` one method, so a
//! sheet exported and imported again changes nothing.

use crate::model::Kind;
use toml_edit::{DocumentMut, Item};

/// The record a text reads as, as JSON; `None` if it does not read.
fn read(kind: Kind, text: &str) -> Option<serde_json::Value> {
    super::parsed(kind, text).map(|p| p.json())
}

/// Sets `key` of `doc` to the sheet's item, or removes it when the sheet has none; a
/// value keeps the comment written after it, a key or a table the lines above it.
fn set(doc: &mut DocumentMut, key: &str, item: Option<&Item>) {
    match (doc.get_mut(key), item) {
        (Some(slot), Some(item)) => {
            let mut item = item.clone();
            match (&*slot, &mut item) {
                (Item::Value(old), Item::Value(new)) => *new.decor_mut() = old.decor().clone(),
                (Item::Table(old), Item::Table(new)) => *new.decor_mut() = old.decor().clone(),
                (Item::ArrayOfTables(old), Item::ArrayOfTables(new)) => {
                    for (old, new) in old.iter().zip(new.iter_mut()) {
                        *new.decor_mut() = old.decor().clone();
                    }
                }
                _ => {}
            }
            *slot = item;
        }
        (None, Some(item)) => {
            doc.insert(key, item.clone());
        }
        (Some(_), None) => {
            doc.remove(key);
        }
        (None, None) => {}
    }
}

/// Whether a key's values as read are the same. A text that differs only by white
/// space at its ends is the same: a sheet's cells are read without it, and a
/// multi-line text (`notes = """…"""`, Markdown) ends with a line break that means
/// nothing.
fn same(before: Option<&serde_json::Value>, after: Option<&serde_json::Value>) -> bool {
    match (before, after) {
        (Some(serde_json::Value::String(b)), Some(serde_json::Value::String(a))) => {
            b.trim() == a.trim()
        }
        _ => before == after,
    }
}

/// The text of an existing record file (`old`) with the keys of `keys` (the sheet's
/// columns) that the sheet's draft changed set to the draft's values. Returns `old`
/// itself when nothing changed; `None` if either text is not TOML.
pub(super) fn merged(kind: Kind, old: &str, draft: &str, keys: &[&str]) -> Option<String> {
    let original: DocumentMut = old.parse().ok()?;
    let sheet: DocumentMut = draft.parse().ok()?;
    let mut all = original.clone();
    for key in keys {
        set(&mut all, key, sheet.get(key));
    }
    let (before, after) = (read(kind, old), read(kind, &all.to_string()));
    let changed: Vec<&&str> = keys
        .iter()
        .filter(|key| match (&before, &after) {
            (Some(b), Some(a)) => !same(b.get(**key), a.get(**key)),
            // What does not read is reported by the check: keep the sheet's text.
            _ => original.get(key).map(Item::to_string) != sheet.get(key).map(Item::to_string),
        })
        .collect();
    if changed.is_empty() {
        return Some(old.to_owned());
    }
    let mut doc = original;
    for key in changed {
        set(&mut doc, key, sheet.get(key));
    }
    Some(doc.to_string())
}

#[cfg(test)]
mod tests {
    use super::merged;
    use crate::model::Kind;

    const OLD: &str = "# 一物一卡\nname = \"书架\"   # 名称\ncategory = \"家具\"\nlocation = \"图书馆\"\nunit_price = 650\nacquired = 2011-09-01\ntags = [\"木\"]\n";

    #[test]
    fn the_same_values_in_other_spellings_change_nothing() {
        let draft = "name = \"书架\"\ncategory = \"家具\"\nlocation = \"图书馆\"\nunit_price = \"650.00\"\nacquired = 2011-09-01\n";
        let keys = ["name", "category", "location", "unit_price", "acquired"];
        assert_eq!(merged(Kind::Asset, OLD, draft, &keys).as_deref(), Some(OLD));
    }

    #[test]
    fn only_changed_keys_are_rewritten_keeping_comments_and_other_keys() {
        let draft = "name = \"大书架\"\ncategory = \"家具\"\nlocation = \"阅览室\"\nunit_price = 650\nacquired = 2011-09-01\n";
        let keys = [
            "name",
            "category",
            "location",
            "unit_price",
            "acquired",
            "custodian",
        ];
        let text = merged(Kind::Asset, OLD, draft, &keys).unwrap();
        assert_eq!(
            text,
            "# 一物一卡\nname = \"大书架\"   # 名称\ncategory = \"家具\"\nlocation = \"阅览室\"\nunit_price = 650\nacquired = 2011-09-01\ntags = [\"木\"]\n"
        );
    }

    #[test]
    fn multi_line_notes_read_back_from_a_cell_change_nothing() {
        let old = format!("{OLD}notes = \"\"\"\n**第一条** 木质。\n\n**第二条** 防潮。\n\"\"\"\n");
        let draft = "name = \"书架\"\nnotes = \"**第一条** 木质。\\n\\n**第二条** 防潮。\"\n";
        let keys = ["name", "notes"];
        assert_eq!(merged(Kind::Asset, &old, draft, &keys), Some(old.clone()));
        let edited = draft.replace("防潮", "防火");
        let text = merged(Kind::Asset, &old, &edited, &keys).unwrap();
        assert!(text.contains("防火") && !text.contains("防潮"), "{text}");
    }

    #[test]
    fn an_emptied_cell_removes_its_key_and_a_new_one_adds_it() {
        let old = format!("{OLD}custodian = \"王\"\n");
        let draft = "name = \"书架\"\ncategory = \"家具\"\nlocation = \"图书馆\"\nunit_price = 650\nacquired = 2011-09-01\nunit = \"个\"\n";
        let keys = ["name", "custodian", "unit"];
        let text = merged(Kind::Asset, &old, draft, &keys).unwrap();
        assert!(
            !text.contains("custodian") && text.contains("unit = \"个\""),
            "{text}"
        );
    }
}
