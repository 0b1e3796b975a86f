//! Asset labels (一物一卡): A4 sheets of self-adhesive labels, one per asset card, each
//! with the school's name, the card's name, id, category, location and acquisition date,
//! and a QR code of the card's page on the published site (`site.base_url`), or of its
//! bare id when the site has no address.
//!
//! The labels are one HTML page, a sheet per A4 page, that [`crate::pdf::print`] prints
//! as it prints a summary. The page depends on the records and the day in question only.

use crate::compute::Idx;
use crate::i18n::Lang;
use crate::model::{Kind, Place, Records};
use crate::site::html::escape_into;
use crate::site::pages::{published, record_path};
use crate::site::words::word;
use crate::source::SourceMap;
use chrono::NaiveDate;

/// A sheet of label stock: how many labels across and down, and where they are.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Layout {
    /// 24 labels of 70 × 37 mm, 3 across and 8 down, edge to edge (the common Chinese
    /// A4 24-up stock): 0.5 mm above and below.
    #[value(name = "3x8")]
    ThreeByEight,
    /// 14 labels of 99.1 × 38.1 mm, 2 across and 7 down (Avery L7163 and its likes):
    /// 15.15 mm above and below, 4.65 mm at the sides, 2.5 mm between the columns.
    #[value(name = "2x7")]
    TwoBySeven,
}

/// The measures of a [`Layout`], in millimetres.
struct Measures {
    across: usize,
    down: usize,
    width: f64,
    height: f64,
    top: f64,
    left: f64,
    gap: f64,
    /// The size of the text, in points (the school's name a little smaller, the card's
    /// name and id a little larger; never under 7 pt).
    font: f64,
}

impl Layout {
    fn measures(self) -> Measures {
        match self {
            Layout::ThreeByEight => Measures {
                across: 3,
                down: 8,
                width: 70.0,
                height: 37.0,
                top: 0.5,
                left: 0.0,
                gap: 0.0,
                font: 8.0,
            },
            Layout::TwoBySeven => Measures {
                across: 2,
                down: 7,
                width: 99.1,
                height: 38.1,
                top: 15.15,
                left: 4.65,
                gap: 2.5,
                font: 9.5,
            },
        }
    }

    /// Labels on one sheet.
    pub fn per_sheet(self) -> usize {
        let m = self.measures();
        m.across * m.down
    }
}

/// Which asset cards get a label.
#[derive(Clone, Copy, Debug)]
pub enum Pick<'a> {
    /// Every card on the books.
    All,
    /// The cards on the books at a location ([`crate::compute::audit::assets_at`]).
    At(&'a str),
    /// These cards, by id.
    Ids(&'a [String]),
}

/// Why no labels are printed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// No card has this id on the day in question (a typo, or not acquired yet).
    UnknownId {
        /// The id asked for.
        id: String,
        /// The id of a card that it likely misspells.
        closest: Option<String>,
    },
    /// The card left the books on this day: a disposed asset gets no label.
    Disposed {
        /// The card's id.
        id: String,
        /// The day it was disposed.
        on: NaiveDate,
    },
    /// No card on the books is at this location.
    NoneAt {
        /// The location asked for.
        location: String,
        /// A location of cards on the books it likely misspells.
        closest: Option<String>,
    },
    /// No card is on the books at all.
    Nothing,
    /// The QR code cannot hold this card's address (a `base_url` of thousands of
    /// characters).
    TooLong {
        /// The card's id.
        id: String,
    },
}

impl Refusal {
    /// What went wrong and what to type instead, on the day in question.
    pub fn message(&self, lang: Lang, day: NaiveDate) -> String {
        let hint = |closest: &Option<String>| match closest {
            Some(c) => lang.pick(format!("是不是 “{c}”？"), format!(" Did you mean \"{c}\"?")),
            None => String::new(),
        };
        match self {
            Refusal::UnknownId { id, closest } => lang.pick(
                format!("{day} 没有编号为 “{id}” 的资产卡片（编号写错了，或那天还没有购置）。{}", hint(closest)),
                format!("there is no asset card \"{id}\" on {day} (a typo, or not acquired by then).{}", hint(closest)),
            ),
            Refusal::Disposed { id, on } => lang.pick(
                format!("资产 “{id}” 已于 {on} 报废，不在账上，不打印标签。请从 --ids 中去掉它。"),
                format!("asset \"{id}\" was disposed on {on}: it is off the books and gets no label. Leave it out of --ids."),
            ),
            Refusal::NoneAt { location, closest } => lang.pick(
                format!("{day} 在账的资产中没有存放在 “{location}” 的。{}", hint(closest)),
                format!("no asset on the books on {day} is at \"{location}\".{}", hint(closest)),
            ),
            Refusal::Nothing => lang.pick(
                format!("{day} 没有在账的资产，没有标签可打印。"),
                format!("no asset is on the books on {day}: there is no label to print."),
            ),
            Refusal::TooLong { id } => lang.pick(
                format!("资产 “{id}” 的网址太长，二维码装不下；请缩短 zongwu.toml 中的 site.base_url。"),
                format!("the address of asset \"{id}\" is too long for a QR code; shorten site.base_url in zongwu.toml."),
            ),
        }
    }
}

/// The cards to label on `day` (the records as they stood then), by location, then id.
/// Only cards on the books are labelled: one named by `--ids` that was disposed is
/// refused, not left out silently.
pub fn select(records: &Records, day: NaiveDate, pick: Pick) -> Result<Vec<Idx>, Refusal> {
    let assets = &records.assets;
    let on_books = |i: &Idx| crate::status::on_books(&assets[*i], day);
    let mut picked: Vec<Idx> = match pick {
        Pick::All => (0..assets.len()).filter(on_books).collect(),
        Pick::At(place) => crate::compute::audit::assets_at(records, place, day),
        Pick::Ids(ids) => {
            let mut picked = Vec::new();
            for id in ids {
                let Some(i) = assets.iter().position(|a| a.origin.id.as_str() == id) else {
                    let known = assets.iter().map(|a| a.origin.id.as_str());
                    let closest = crate::parse::closest(id, known).map(str::to_owned);
                    return Err(Refusal::UnknownId {
                        id: id.clone(),
                        closest,
                    });
                };
                if let Some(on) = &assets[i].disposed {
                    return Err(Refusal::Disposed {
                        id: id.clone(),
                        on: **on,
                    });
                }
                picked.push(i);
            }
            picked
        }
    };
    picked.sort_by_key(|&i| (assets[i].location.as_str(), assets[i].origin.id.as_str()));
    picked.dedup();
    match (picked.is_empty(), pick) {
        (false, _) => Ok(picked),
        (true, Pick::At(place)) => {
            // The places of cards on the books, and the buildings that hold them.
            let mut places: Vec<&str> = (0..assets.len())
                .filter(on_books)
                .map(|i| assets[i].location.as_str())
                .collect();
            let register = records.register.as_ref();
            let buildings = places.iter().filter_map(|p| match register?.place(p)? {
                Place::Room(_, room) => Some(room.building.as_str()),
                Place::Building(..) => None,
            });
            places.extend(buildings.collect::<Vec<_>>());
            places.sort_unstable();
            places.dedup();
            Err(Refusal::NoneAt {
                location: place.to_owned(),
                closest: crate::parse::closest(place, places.into_iter()).map(str::to_owned),
            })
        }
        (true, _) => Err(Refusal::Nothing),
    }
}

/// What a card's QR code holds: the absolute address of its page on the published site
/// (the page the site builds for it, under `site.base_url`), or its bare id when the
/// site has no address.
pub fn target(records: &Records, sources: &SourceMap, i: Idx) -> String {
    let origin = &records.assets[i].origin;
    let id = origin.id.as_str();
    match &records.config.site.base_url {
        Some(base) => published(
            base,
            &record_path(Kind::Asset, id, &sources.get(origin.file).path),
        ),
        None => id.to_owned(),
    }
}

/// The QR code of `text` as inline SVG, quiet zone (4 modules) included: error
/// correction level M, one unit a module, drawn at whatever size the page gives it.
fn qr_svg(text: &str) -> Option<String> {
    use qrcode::{EcLevel, QrCode, render::svg};
    let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M).ok()?;
    let svg = code
        .render::<svg::Color>()
        .module_dimensions(1, 1)
        .quiet_zone(true)
        .build();
    // The renderer writes a standalone file: inline, the XML declaration has no place.
    svg.find("<svg").map(|at| svg[at..].to_owned())
}

/// The font variables of the site's stylesheet (its `:root` rule): the labels are set
/// in the CJK font stack the site and the printed summary use.
fn font_stack() -> &'static str {
    const STYLE: &str = include_str!("../templates/style.css");
    let start = STYLE.find(":root").unwrap_or(0);
    let end = STYLE[start..].find('}').map_or(start, |n| start + n + 1);
    &STYLE[start..end]
}

/// The stylesheet of a layout: A4 with no page margin (the sheet places its labels
/// itself, to the millimetre of the stock), one sheet a page; a label's text wraps (the
/// name, on at most two lines) or is cut with an ellipsis, never crossing its label.
fn style(layout: Layout) -> String {
    let m = layout.measures();
    // The code as large as the label's height allows, 1 mm clear above and below.
    let qr = m.height - 2.0;
    format!(
        "{fonts}
@page {{ size: A4; margin: 0; }}
* {{ box-sizing: border-box; }}
html, body {{ margin: 0; padding: 0; }}
body {{ font-family: var(--sans); color: #000; background: #fff; }}
.sheet {{ width: 210mm; height: 296mm; padding: {top}mm 0 0 {left}mm; display: grid;
  grid-template-columns: repeat({across}, {width}mm); grid-auto-rows: {height}mm;
  column-gap: {gap}mm; overflow: hidden; break-after: page; }}
.sheet:last-child {{ break-after: auto; }}
.label {{ display: flex; align-items: center; overflow: hidden; padding: 1mm 2mm 1mm 0; }}
.label svg {{ flex: none; width: {qr}mm; height: {qr}mm; display: block; }}
.text {{ flex: 1; min-width: 0; line-height: 1.25; font-size: {font}pt; }}
.text p {{ margin: 0; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }}
.text .school {{ font-size: .875em; }}
.text .name {{ font-size: 1.2em; font-weight: bold; white-space: normal; overflow-wrap: anywhere;
  display: -webkit-box; -webkit-box-orient: vertical; -webkit-line-clamp: 2; margin: .3mm 0; }}
.text .id {{ font-size: 1.125em; font-weight: bold; font-family: ui-monospace, \"DejaVu Sans Mono\", monospace; }}
.text span {{ color: #333; }}
",
        fonts = font_stack(),
        top = m.top,
        left = m.left,
        across = m.across,
        width = m.width,
        height = m.height,
        gap = m.gap,
        font = m.font,
    )
}

/// The labels of the cards `picked` (in that order) as one HTML page, a sheet an A4
/// page; the same records, day and picks give the same bytes.
pub fn html(
    records: &Records,
    sources: &SourceMap,
    picked: &[Idx],
    layout: Layout,
    lang: Lang,
) -> Result<String, Refusal> {
    let mut out = format!(
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<title>",
        lang.tag()
    );
    escape_into(&mut out, &records.config.school.name);
    out.push(' ');
    out.push_str(word(lang, "asset_labels"));
    out.push_str("</title>\n<style>\n");
    out.push_str(&style(layout));
    out.push_str("</style>\n</head>\n<body>\n");
    let school = &records.config.school.name;
    for sheet in picked.chunks(layout.per_sheet()) {
        out.push_str("<section class=\"sheet\">\n");
        for &i in sheet {
            let asset = &records.assets[i];
            let id = asset.origin.id.as_str();
            let svg = qr_svg(&target(records, sources, i))
                .ok_or_else(|| Refusal::TooLong { id: id.to_owned() })?;
            out.push_str("<div class=\"label\">");
            out.push_str(&svg);
            out.push_str("<div class=\"text\">");
            let mut line = |class: &str, caption: &str, value: &str| {
                out.push_str("<p");
                if !class.is_empty() {
                    out.push_str(&format!(" class=\"{class}\""));
                }
                out.push('>');
                if !caption.is_empty() {
                    out.push_str("<span>");
                    out.push_str(caption);
                    out.push_str("</span> ");
                }
                escape_into(&mut out, value);
                out.push_str("</p>");
            };
            line("school", "", school);
            line("name", "", &asset.name);
            line("id", "", id);
            line("", word(lang, "category"), &asset.category);
            line("", word(lang, "location"), &asset.location);
            line("", word(lang, "acquired"), &asset.acquired.to_string());
            out.push_str("</div></div>\n");
        }
        out.push_str("</section>\n");
    }
    out.push_str("</body>\n</html>\n");
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_labels_use_the_sites_cjk_fonts() {
        let fonts = font_stack();
        assert!(fonts.starts_with(":root {") && fonts.ends_with('}'));
        assert!(fonts.contains("--sans: \"Noto Sans CJK SC\""), "{fonts}");
    }

    #[test]
    fn a_qr_code_is_inline_svg_with_its_quiet_zone() {
        let svg = qr_svg("A-2011-0001").unwrap();
        // Version 1 (21 modules) and 4 modules of quiet zone on each side.
        assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
        assert!(svg.contains("viewBox=\"0 0 29 29\""), "{svg}");
        assert!(svg.ends_with("</svg>"));
    }

    #[test]
    fn the_sheets_fill_a4() {
        for layout in [Layout::ThreeByEight, Layout::TwoBySeven] {
            let m = layout.measures();
            let wide = 2.0 * m.left + m.across as f64 * m.width + (m.across - 1) as f64 * m.gap;
            let tall = 2.0 * m.top + m.down as f64 * m.height;
            assert!((wide - 210.0).abs() < 0.01, "{layout:?}: {wide}");
            assert!((tall - 297.0).abs() < 0.01, "{layout:?}: {tall}");
            assert!(
                m.font * 0.875 >= 7.0,
                "{layout:?}: the school's name under 7 pt"
            );
        }
        assert_eq!(Layout::ThreeByEight.per_sheet(), 24);
        assert_eq!(Layout::TwoBySeven.per_sheet(), 14);
    }
}
