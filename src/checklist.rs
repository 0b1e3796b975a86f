//! `zongwu checklist`: the sheet an asset audit (资产清查) takes round one location —
//! every card there on the day, with a box to tick, where each was found if not there
//! and how many were counted — printed to A4 as `zongwu pdf` prints ([`crate::pdf`]),
//! and the asset-audit inspection to type the results back into, one `[[audit]]` line
//! per card, so that typing them back is editing, not typing ids.

use crate::compute::{Computed, Idx, audit};
use crate::create::{NewRecord, line, new_text, quoted};
use crate::i18n::Lang;
use crate::model::Asset;
use crate::site::html::escape;
use chrono::NaiveDate;

/// The sheet of one location on one day.
pub struct Checklist<'c> {
    /// The records as of the day.
    pub c: &'c Computed,
    /// The location, as records write it.
    pub location: &'c str,
    /// The cards there on the day ([`audit::assets_at`]), in record order.
    pub assets: Vec<Idx>,
    /// The language of its words.
    pub lang: Lang,
    /// The id of the inspection written for it, if one was.
    pub record: Option<String>,
}

/// The PDF a checklist is written to by default: `LOCATION-DAY.pdf` (a `/`, `\\` or
/// control character of the location as `-`).
pub fn file_name(location: &str, day: NaiveDate) -> std::path::PathBuf {
    let safe = |c: char| match c == '/' || c == '\\' || c.is_control() {
        true => '-',
        false => c,
    };
    let name: String = location.chars().map(safe).collect();
    std::path::PathBuf::from(format!("{name}-{day}.pdf"))
}

/// Why a checklist cannot be made for a location: it is none that any record names.
pub struct UnknownLocation {
    /// The known location closest to what was asked, if one is close.
    pub suggestion: Option<String>,
}

impl<'c> Checklist<'c> {
    /// The checklist of `location` on the day in question of `c`; a location that no
    /// record names is an error, with the closest known location.
    pub fn of(c: &'c Computed, location: &'c str, lang: Lang) -> Result<Self, UnknownLocation> {
        if !c.locations.contains_key(location) {
            let known = c.locations.keys().map(String::as_str);
            let suggestion = crate::parse::closest(location, known).map(str::to_owned);
            return Err(UnknownLocation { suggestion });
        }
        Ok(Checklist {
            assets: audit::assets_at(&c.records, location, c.day),
            c,
            location,
            lang,
            record: None,
        })
    }

    fn cards(&self) -> impl Iterator<Item = &Asset> {
        self.assets.iter().map(|&i| &self.c.records.assets[i])
    }

    /// The title of the sheet and of its inspection: 3号教学楼301资产清查.
    fn title(&self) -> String {
        let location = self.location;
        self.lang.pick(
            format!("{location}资产清查"),
            format!("Asset audit of {location}"),
        )
    }

    /// The asset-audit inspection to type the results into: dated the day, at the
    /// location, one `[[audit]]` line per card (`found = true`, to be corrected), each
    /// with the card's name and quantity as a comment.
    pub fn record_text(&self) -> String {
        let lang = self.lang;
        let new = NewRecord {
            head: "",
            lines: vec![
                line(
                    "title",
                    quoted(&self.title()),
                    "检查名称",
                    "what the inspection was",
                ),
                line("type", "\"asset-audit\"", "资产清查", "an asset audit"),
                line("date", self.c.day, "清查日期", "the day of the audit"),
                line(
                    "inspector",
                    "\"\"",
                    "清查人（必填）",
                    "inspector (required)",
                ),
                line("location", quoted(self.location), "清查地点", "where"),
            ],
            tail: "",
        };
        let mut out = new_text(new, lang);
        out.push_str(lang.pick(
            "\n# 清查结果：没有找到的改成 found = false；在别处找到的加一行 found_at = \"实际位置\"；\n# 清点数量少于卡片上的数量时加一行 quantity = 清点数。\n",
            "\n# Results: write found = false for what was not found; add found_at = \"where\" for\n# what was found elsewhere, and quantity = N where fewer were counted than the card holds.\n",
        ));
        for a in self.cards() {
            let unit = a.unit.as_deref().unwrap_or("");
            let comment = format!("{}（{}），{} {unit}", a.name, a.category, a.quantity);
            let comment = lang.pick(
                comment,
                format!("{} ({}), {} {unit}", a.name, a.category, a.quantity),
            );
            out.push_str(&format!(
                "\n[[audit]]\nasset = {}   # {}\nfound = true\n",
                quoted(a.origin.id.as_str()),
                comment.trim_end()
            ));
        }
        out
    }

    /// The sheet as a page to print on A4: a header (school, location, day, the
    /// inspector's line), the cards in a table with a box to tick and room for where
    /// each was found and how many, the signatures, and page numbers at each foot.
    pub fn html(&self) -> String {
        let lang = self.lang;
        let school = &self.c.records.config.school;
        let e = |t: &str| escape(t);
        let mut rows = String::new();
        for (n, a) in self.cards().enumerate() {
            let unit = a.unit.as_deref().unwrap_or("");
            rows.push_str(&format!(
                "<tr><td class=\"num\">{}</td><td class=\"id\">{}</td><td>{}</td><td class=\"nowrap\">{}</td>\
                 <td class=\"num\">{} {}</td><td class=\"box\">☐</td><td></td><td></td></tr>\n",
                n + 1,
                e(a.origin.id.as_str()),
                e(&a.name),
                e(&a.category),
                a.quantity,
                e(unit),
            ));
        }
        if self.assets.is_empty() {
            let none = lang.pick(
                "该地点当日没有在账的资产卡片。",
                "No card is on the books at this location on the day.",
            );
            rows.push_str(&format!("<tr><td colspan=\"8\">{none}</td></tr>\n"));
        }
        let w = |zh: &'static str, en: &'static str| lang.pick(zh, en);
        let record = self.record.as_deref().map_or_else(String::new, |id| {
            format!("<p>{}{}</p>", w("清查记录：", "Audit record: "), e(id))
        });
        let day = crate::i18n::date_written(self.c.day, lang);
        let footer = w(
            "第 \" counter(page) \" 页，共 \" counter(pages) \" 页",
            "Page \" counter(page) \" of \" counter(pages) \"",
        );
        format!(
            r#"<!DOCTYPE html>
<html lang="{tag}">
<head>
<meta charset="utf-8">
<title>{title}</title>
<style>
@page {{ size: A4; margin: 16mm 14mm 18mm;
  @top-right {{ content: "{top}"; font-size: 8pt; color: #555; }}
  @bottom-center {{ content: "{footer}"; font-size: 9pt; color: #555; }} }}
body {{ font-family: "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", sans-serif; font-size: 10.5pt; color: #000; margin: 0; }}
h1 {{ font-size: 16pt; text-align: center; margin: 0 0 2mm; }}
.school {{ text-align: center; margin: 0 0 4mm; }}
.head {{ display: grid; grid-template-columns: 1fr 1fr; gap: 1mm 8mm; margin-bottom: 4mm; }}
.head p {{ margin: 0; }}
.blank {{ display: inline-block; min-width: 45mm; border-bottom: 1px solid #000; }}
table {{ width: 100%; border-collapse: collapse; }}
th, td {{ border: 1px solid #000; padding: 1.6mm 1.5mm; vertical-align: top; }}
th {{ background: #eee; font-weight: bold; white-space: nowrap; }}
thead {{ display: table-header-group; }}
tr {{ break-inside: avoid; }}
td.num {{ text-align: right; white-space: nowrap; }}
td.id, td.nowrap {{ white-space: nowrap; }}
td.box {{ text-align: center; font-size: 13pt; }}
col.where {{ width: 30%; }}
col.counted {{ width: 11%; }}
.signature {{ margin-top: 10mm; display: grid; grid-template-columns: 1fr 1fr; gap: 6mm 8mm; break-inside: avoid; }}
.signature p {{ margin: 0; }}
</style>
</head>
<body>
<h1>{title}</h1>
<p class="school">{school}{office}</p>
<div class="head">
<p>{location_word}{location}</p>
<p>{day_word}{day}</p>
<p>{inspector_word}<span class="blank"></span></p>
<p>{cards_word}{count}</p>
{record}
</div>
<table>
<colgroup><col><col><col><col><col><col><col class="where"><col class="counted"></colgroup>
<thead><tr><th>{n}</th><th>{id}</th><th>{name}</th><th>{category}</th><th>{quantity}</th><th>{found}</th><th>{found_at}</th><th>{counted}</th></tr></thead>
<tbody>
{rows}</tbody>
</table>
<div class="signature">
<p>{inspector_sign}<span class="blank"></span></p>
<p>{keeper_sign}<span class="blank"></span></p>
<p>{date_sign}<span class="blank"></span></p>
</div>
</body>
</html>
"#,
            tag = lang.tag(),
            title = e(&self.title()),
            top = css_string(&format!("{} · {} · {day}", school.name, self.location)),
            school = e(&school.name),
            office = e(&school.office),
            location_word = w("清查地点：", "Location: "),
            location = e(self.location),
            day_word = w("清查日期：", "Date: "),
            inspector_word = w("清查人：", "Inspector: "),
            cards_word = w("资产卡片：", "Cards: "),
            count = self.assets.len(),
            n = w("序号", "No."),
            id = w("编号", "ID"),
            name = w("名称", "Name"),
            category = w("类别", "Category"),
            quantity = w("卡片数量", "On the card"),
            found = w("在位", "Found"),
            found_at = w("实际位置（不在原处时）", "Found elsewhere (where)"),
            counted = w("清点数量", "Counted"),
            inspector_sign = w("清查人签名：", "Inspector's signature: "),
            keeper_sign = w("保管人签名：", "Keeper's signature: "),
            date_sign = w("日期：", "Date: "),
        )
    }
}

/// Text inside a CSS string of a `<style>` element (where HTML escapes are not read):
/// quotes, backslashes, `<` (no `</style>` can end the element) and line breaks as CSS
/// escapes.
fn css_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '"' | '\\' | '<' | '>' | '&' => out.push_str(&format!("\\{:x} ", c as u32)),
            c if c.is_control() => out.push_str(&format!("\\{:x} ", c as u32)),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::css_string;

    #[test]
    fn a_css_string_cannot_end_its_string_or_its_style() {
        assert_eq!(css_string("门卫室"), "门卫室");
        assert_eq!(css_string("a\"b</style>"), "a\\22 b\\3c /style\\3e ");
    }
}
