//! The navigation bar at the top of every page: home, the index of each kind with
//! pages of its own, then the reports.
//!
//! Templates get it twice: as a list (`nav`, shared by every page, for a `base.html`
//! of the office's own) and laid out for the page (`nav_html`, which the built-in
//! `base.html` shows). Written here rather than by a loop in the template, it costs
//! a build of 100,000 records about 0.3 processor-seconds less (of 3.6).

use crate::i18n::Lang;
use crate::model::{Kind, RecordPage};
use crate::site::html::escape_into;
use crate::site::words;

/// The sections of the site besides the kinds' indexes: `(section, link, word)`.
const REPORTS: &[(&str, &str, &str)] = &[
    ("months", "months/index.html", "months"),
    ("locations", "locations/index.html", "locations"),
    ("ranking", "ranking.html", "ranking"),
    ("open", "open.html", "open_items"),
    ("semesters", "semesters/index.html", "semesters"),
];

/// A link in the navigation bar.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Item {
    /// The section of the pages it leads to (a page's `section` marks it current).
    pub section: &'static str,
    /// Where it leads, from the site's top.
    pub href: String,
    /// Its text.
    pub label: &'static str,
}

/// The navigation bar's links, in order: home, the index of each kind with pages of its
/// own, then the reports (budgets are shown by month, under 月报).
pub fn items(lang: Lang) -> Vec<Item> {
    let home = ("home", "index.html".to_owned(), "home");
    let kinds = Kind::ALL
        .into_iter()
        .filter(|k| k.info().page == RecordPage::Own)
        .map(|k| (k.folder(), format!("{}/index.html", k.folder()), k.folder()));
    let reports = REPORTS
        .iter()
        .map(|(section, href, word)| (*section, (*href).to_owned(), *word));
    std::iter::once(home)
        .chain(kinds)
        .chain(reports)
        .map(|(section, href, word)| Item {
            section,
            href,
            label: words::word(lang, word),
        })
        .collect()
}

/// The bar's list as the page at depth `root` in `section` shows it, the link to its
/// own section marked current.
pub fn html(items: &[Item], root: &str, section: &str) -> String {
    let mut out = String::with_capacity(64 * items.len());
    out.push_str("  <ul>");
    for item in items {
        out.push_str("\n    <li><a href=\"");
        escape_into(&mut out, root);
        escape_into(&mut out, &item.href);
        out.push('"');
        if item.section == section {
            out.push_str(" aria-current=\"page\"");
        }
        out.push('>');
        escape_into(&mut out, item.label);
        out.push_str("</a></li>");
    }
    out.push_str("\n  </ul>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The list laid out here is the one the built-in `base.html` laid out from `nav`
    /// before it took `nav_html`, byte for byte.
    #[test]
    fn laid_out_as_the_template_lays_out_the_list() {
        let mut tera = tera::Tera::default();
        tera.autoescape_on(vec![".html"]);
        let loop_ = "  <ul>\n  {%- for item in nav %}\n    <li><a href=\"{{ root }}{{ item.href }}\"{% if item.section == section %} aria-current=\"page\"{% endif %}>{{ item.label }}</a></li>\n  {%- endfor %}\n  </ul>";
        tera.add_raw_template("nav.html", loop_).unwrap();
        for lang in [Lang::ZhCn, Lang::En] {
            let items = items(lang);
            for (root, section) in [("", "home"), ("../../", "repairs"), ("../", "search")] {
                let mut ctx = tera::Context::new();
                ctx.insert("nav", &items);
                ctx.insert("root", root);
                ctx.insert("section", section);
                let by_template = tera.render("nav.html", &ctx).unwrap();
                assert_eq!(html(&items, root, section), by_template);
            }
        }
        let marked = html(&items(Lang::En), "../", "repairs");
        assert!(marked.contains("<a href=\"../repairs/index.html\" aria-current=\"page\">"));
        assert_eq!(marked.matches("aria-current").count(), 1);
    }
}
