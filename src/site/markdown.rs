//! Markdown to sanitised HTML, for record `notes` and semester narratives, and to plain
//! text, for search.
//!
//! pulldown-cmark renders; ammonia keeps only harmless markup: no script, style, frame,
//! form or SVG; no event handler or `style` attribute; links only to http, https and
//! mailto; images only from the records' `attachments/` folder. A relative link may only
//! point into `attachments/`, and is rewritten to work from the page's depth, so no path
//! in a record reaches outside the records folder. Not for trusted template HTML.

use ammonia::{Builder, UrlRelative, UrlRelativeEvaluate};
use pulldown_cmark::{Options, Parser, html};
use std::borrow::Cow;
use std::collections::HashSet;
use std::sync::LazyLock;

/// The published copy of the records' attachments, relative to the site root.
const ATTACHMENTS: &str = "attachments/";

/// Whether a relative URL stays inside `attachments/`. Browsers drop tabs and line
/// breaks from URLs (`.&#9;.` is `..` to them), so a URL with any control character
/// is refused outright, as is any `%`-escape.
fn is_attachment(url: &str) -> bool {
    url.starts_with(ATTACHMENTS)
        && !url.chars().any(|c| c.is_control())
        && !url
            .split(['/', '\\'])
            .any(|segment| segment == ".." || segment.contains('%'))
}

/// Keeps fragments, rewrites links into `attachments/` for the page's depth, and
/// drops every other relative URL.
struct Relative {
    root: &'static str,
}

impl UrlRelativeEvaluate<'static> for Relative {
    fn evaluate<'u>(&self, url: &'u str) -> Option<Cow<'u, str>> {
        if url.starts_with('#') {
            Some(url.into())
        } else if is_attachment(url) {
            Some(format!("{}{url}", self.root).into())
        } else {
            None
        }
    }
}

/// A sanitiser whose relative links start from a page at depth `root` (`""`, `"../"`).
fn cleaner(root: &'static str) -> Builder<'static> {
    let mut builder = Builder::default();
    builder
        .url_schemes(HashSet::from(["http", "https", "mailto"]))
        .link_rel(Some("noopener noreferrer"))
        .url_relative(UrlRelative::Custom(Box::new(Relative { root })))
        .attribute_filter(|element, attribute, value| match (element, attribute) {
            ("img", "src") if !is_attachment(value) => None,
            _ => Some(value.into()),
        });
    builder
}

static TOP: LazyLock<Builder<'static>> = LazyLock::new(|| cleaner(""));
static NESTED: LazyLock<Builder<'static>> = LazyLock::new(|| cleaner("../"));

/// The Markdown the office writes, as read for its pages and for search alike: with
/// tables and strikethrough.
fn parser(markdown: &str) -> Parser<'_> {
    Parser::new_ext(
        markdown,
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH,
    )
}

/// Renders Markdown to sanitised HTML for a page whose path to the site root is
/// `root`: `""` at the top, anything else (`"../"`) one folder down.
pub fn to_html(markdown: &str, root: &str) -> String {
    let mut raw = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut raw, parser(markdown));
    let cleaner = if root.is_empty() { &*TOP } else { &*NESTED };
    cleaner.clean(&raw).to_string()
}

/// The words of Markdown as a reader sees them, for search: its text and code, without
/// its marks, link targets or HTML tags; blocks, cells and line breaks become spaces,
/// and every run of spaces one.
pub fn to_text(markdown: &str) -> String {
    use pulldown_cmark::{Event, TagEnd};
    let mut text = String::with_capacity(markdown.len());
    for event in parser(markdown) {
        match event {
            Event::Text(words) | Event::Code(words) => text.push_str(&words),
            Event::Html(html) | Event::InlineHtml(html) => {
                // The text between the tags of raw HTML.
                let mut in_tag = false;
                text.extend(html.chars().filter(|&c| {
                    let outside = !in_tag && c != '<';
                    in_tag = (in_tag || c == '<') && c != '>';
                    outside
                }));
            }
            Event::End(
                TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::BlockQuote(_)
                | TagEnd::CodeBlock
                | TagEnd::Item
                | TagEnd::TableCell
                | TagEnd::TableRow
                | TagEnd::TableHead,
            )
            | Event::SoftBreak
            | Event::HardBreak
            | Event::Rule => text.push(' '),
            _ => {}
        }
    }
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::{to_html, to_text};

    #[test]
    fn text_for_search_keeps_the_words_and_drops_the_marks() {
        assert_eq!(
            to_text(
                "**第一条** 教室、办公室做到*人走灯灭*。\n第二行\n\n- 已登记\n- 见[扫描件](attachments/scan.pdf)\n\n| 楼 | 数 |\n|---|---|\n| 1号楼 | `2` |\n\n<b>加粗</b>\n\n<div>\n块\n</div>"
            ),
            "第一条 教室、办公室做到人走灯灭。 第二行 已登记 见扫描件 楼 数 1号楼 2 加粗 块"
        );
        assert_eq!(to_text(""), "");
    }

    #[test]
    fn renders_markdown() {
        let html = to_html(
            "- **已登记**\n- 第二项\n\n| a | b |\n|---|---|\n| 1 | 2 |\n",
            "",
        );
        assert!(html.contains("<li><strong>已登记</strong></li>"));
        assert!(html.contains("<table>") && html.contains("<td>2</td>"));
    }

    #[test]
    fn attachments_work_from_any_depth_and_nothing_escapes() {
        let html = to_html(
            "[扫描件](attachments/scan.pdf) ![照片](attachments/a.jpg)",
            "../",
        );
        assert!(html.contains("href=\"../attachments/scan.pdf\""));
        assert!(html.contains("src=\"../attachments/a.jpg\""));
        for escape in [
            "[x](../../etc/passwd)",
            "[x](attachments/../../x)",
            "[x](/etc/passwd)",
            "![x](http://example.com/a.png)",
            // Found by fuzzing: an entity for a tab, which browsers drop from URLs.
            "<a href=\"attachments/.&#9;./.&#9;./etc/passwd\">x</a>",
            "<a href=\"attachments/.&#10;./x\">x</a>",
            "![x](<attachments/.\t./.\t./etc/passwd>)",
        ] {
            let html = to_html(escape, "");
            assert!(
                !html.contains("etc/passwd")
                    && !html.contains("src=")
                    && !html.contains("../x")
                    && !html.contains("href=\"attachments"),
                "{escape}: {html}"
            );
        }
        assert!(to_html("[x](https://example.com)", "").contains("rel=\"noopener noreferrer\""));
    }

    /// Vectors from the OWASP XSS filter evasion cheat sheet, in Markdown and raw HTML.
    const XSS: &[&str] = &[
        "<script>alert(1)</script>",
        "<SCRIPT SRC=http://xss.rocks/xss.js></SCRIPT>",
        "<ScRiPt>alert(1)</sCrIpT>",
        "<img src=x onerror=alert(1)>",
        "<IMG SRC=\"javascript:alert('XSS');\">",
        "<IMG SRC=javascript:alert('XSS')>",
        "<IMG SRC=JaVaScRiPt:alert('XSS')>",
        "<IMG SRC=&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;&#97;&#108;&#101;&#114;&#116;&#40;&#39;&#88;&#83;&#83;&#39;&#41;>",
        "<IMG SRC=\"jav&#x09;ascript:alert('XSS');\">",
        "<a href=\"  javascript:alert(1)\">x</a>",
        "<a href=\"jav&#x0A;ascript:alert(1)\">x</a>",
        "[x](javascript:alert(1))",
        "[x](JAVASCRIPT:alert(1))",
        "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
        "<svg onload=alert(1)>",
        "<svg><script>alert(1)</script></svg>",
        "<iframe src=\"javascript:alert(1)\"></iframe>",
        "<style>body{background:url(javascript:alert(1))}</style>",
        "<div style=\"background:url(javascript:alert(1))\">x</div>",
        "</textarea><script>alert(1)</script>",
        "<math><mi xlink:href=\"javascript:alert(1)\">x</mi></math>",
        "<object data=\"javascript:alert(1)\"></object>",
        "<embed src=\"javascript:alert(1)\">",
        "<base href=\"javascript:alert(1)//\">",
        "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
        "<form action=\"javascript:alert(1)\"><input type=submit></form>",
        "<details open ontoggle=alert(1)>",
        "<body onload=alert(1)>",
        "<a href=\"vbscript:msgbox(1)\">x</a>",
        "<link rel=stylesheet href=\"http://xss.rocks/xss.css\">",
        "<table background=\"javascript:alert(1)\"><tr><td>x</td></tr></table>",
    ];

    /// The tags of some HTML (text is escaped, so every `<` starts a tag).
    fn tags(html: &str) -> String {
        html.split('<')
            .skip(1)
            .map(|t| t.split('>').next().unwrap_or_default())
            .collect::<Vec<_>>()
            .join("\n<")
    }

    #[test]
    fn no_xss_vector_survives() {
        for vector in XSS {
            let html = format!("<{}", tags(&to_html(vector, "../").to_lowercase()));
            for bad in [
                "<script",
                "javascript:",
                "vbscript:",
                "data:",
                "<style",
                "<iframe",
                "<svg",
                "<math",
                "<object",
                "<embed",
                "<base",
                "<meta",
                "<form",
                "<link",
                "style=",
                "onerror",
                "onload",
                "ontoggle",
                "xlink",
                "background=",
            ] {
                assert!(!html.contains(bad), "{vector} → {html} contains {bad}");
            }
        }
    }
}
