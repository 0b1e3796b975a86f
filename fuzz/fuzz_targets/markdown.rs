//! Fuzzes `site::markdown::to_html` (record `notes`, semester narratives) and checks that
//! no live markup survives the sanitiser:
//!
//! - no script/style/frame/object/embed/SVG/math/form/base/meta/link element, no
//!   comment or declaration;
//! - no event handler (`on…`), `style` or namespaced attribute;
//! - every URL attribute (`href`, `src`, `cite`, …) is, read the way a browser reads it
//!   (character references decoded, tab/CR/LF removed, outer spaces and controls
//!   trimmed), either an `http:`/`https:`/`mailto:` URL, a `#fragment`, or a path
//!   into `{root}attachments/` that no `..` segment (also `%2e` spellings) leads out
//!   of; `src` only on `img` and only into `attachments/`. So no `javascript:`,
//!   `vbscript:` or `data:` URL gets through.
//!
//! Finding 1 (see README.md, fixed): ammonia keeps tab/CR/LF inside a relative URL and
//! a browser removes them, so `<a href="attachments/.&#9;./.&#9;./x">` left
//! `attachments/`; zongwu now refuses such URLs.
//!
//! Input: arbitrary bytes; only valid UTF-8 is used (Markdown reaches `to_html` as a
//! `&str` from a record or summary file read as UTF-8). Both page depths are rendered:
//! `"../"` (a record page, one folder down) and `""` (the site root).

#![no_main]

use libfuzzer_sys::fuzz_target;

/// Elements that must never appear in the output.
const BANNED_ELEMENTS: &[&str] = &[
    "script", "style", "iframe", "frame", "frameset", "object", "embed", "svg", "math", "form",
    "base", "meta", "link", "applet", "noscript", "template", "input", "button", "textarea",
    "select", "body", "html", "head",
];

/// Attributes whose value a browser treats as a URL.
const URL_ATTRIBUTES: &[&str] = &[
    "href",
    "src",
    "cite",
    "action",
    "formaction",
    "background",
    "poster",
    "srcset",
    "data",
    "codebase",
    "longdesc",
    "usemap",
    "ping",
    "lowsrc",
    "dynsrc",
    "manifest",
    "profile",
    "classid",
    "archive",
];

/// One tag of the output: its name and attributes (names lower-cased, values raw).
struct Tag<'a> {
    raw: &'a str,
    name: String,
    attrs: Vec<(String, &'a str)>,
}

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c')
}

/// Splits HTML into its tags, following the HTML tokenizer's rules for names and
/// quoted/unquoted attribute values (so a `>` or `<` inside a quoted value does not end
/// or start a tag). Text is skipped.
fn tags(html: &str) -> Vec<Tag<'_>> {
    let b = html.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(lt) = html[i..].find('<').map(|n| i + n) {
        let start = lt;
        i = lt + 1;
        let name_start = i;
        while i < b.len() && !is_space(b[i]) && !matches!(b[i], b'/' | b'>')
            || i == name_start && i < b.len() && b[i] == b'/'
        {
            i += 1;
        }
        let name = html[name_start..i].to_ascii_lowercase();
        let mut attrs = Vec::new();
        loop {
            while i < b.len() && (is_space(b[i]) || b[i] == b'/') {
                i += 1;
            }
            if i >= b.len() || b[i] == b'>' {
                break;
            }
            // An attribute name may start with `=`; it ends at space, `/`, `>` or `=`.
            let an_start = i;
            i += 1;
            while i < b.len() && !is_space(b[i]) && !matches!(b[i], b'/' | b'=' | b'>') {
                i += 1;
            }
            let an = html[an_start..i].to_ascii_lowercase();
            let mut j = i;
            while j < b.len() && is_space(b[j]) {
                j += 1;
            }
            let mut value = "";
            if j < b.len() && b[j] == b'=' {
                i = j + 1;
                while i < b.len() && is_space(b[i]) {
                    i += 1;
                }
                if i < b.len() && matches!(b[i], b'"' | b'\'') {
                    let quote = b[i];
                    let vs = i + 1;
                    let ve = b[vs..]
                        .iter()
                        .position(|&c| c == quote)
                        .map_or(b.len(), |n| vs + n);
                    value = &html[vs..ve];
                    i = (ve + 1).min(b.len());
                } else {
                    let vs = i;
                    while i < b.len() && !is_space(b[i]) && b[i] != b'>' {
                        i += 1;
                    }
                    value = &html[vs..i];
                }
            }
            attrs.push((an, value));
        }
        let end = (i + 1).min(b.len());
        out.push(Tag {
            raw: &html[start..end],
            name,
            attrs,
        });
        i = end;
    }
    out
}

/// An attribute value the way a browser's URL parser sees it: character references
/// decoded (numeric, and the named ones that matter), leading and trailing C0 controls
/// and spaces trimmed, tab/CR/LF removed anywhere, lower-cased.
fn browser_url(value: &str) -> String {
    let mut decoded = String::with_capacity(value.len());
    let mut rest = value;
    while let Some(c) = rest.chars().next() {
        if c == '&' {
            if let Some(end) = rest[1..].find(';').map(|n| n + 1) {
                let entity = &rest[1..end];
                let ch = if let Some(hex) = entity
                    .strip_prefix("#x")
                    .or_else(|| entity.strip_prefix("#X"))
                {
                    u32::from_str_radix(hex, 16).ok().and_then(char::from_u32)
                } else if let Some(dec) = entity.strip_prefix('#') {
                    dec.parse::<u32>().ok().and_then(char::from_u32)
                } else {
                    match entity.to_ascii_lowercase().as_str() {
                        "colon" => Some(':'),
                        "tab" => Some('\t'),
                        "newline" => Some('\n'),
                        "amp" => Some('&'),
                        "quot" => Some('"'),
                        "lt" => Some('<'),
                        "gt" => Some('>'),
                        "nbsp" => Some('\u{a0}'),
                        "sol" => Some('/'),
                        "period" => Some('.'),
                        "percnt" => Some('%'),
                        _ => None,
                    }
                };
                if let Some(ch) = ch {
                    decoded.push(ch);
                    rest = &rest[end + 1..];
                    continue;
                }
            }
        }
        decoded.push(c);
        rest = &rest[c.len_utf8()..];
    }
    decoded
        .trim_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect::<String>()
        .to_ascii_lowercase()
}

/// The scheme of a URL, if it has one (`[a-z][a-z0-9+.-]*:`).
fn scheme(url: &str) -> Option<&str> {
    let colon = url.find(':')?;
    let s = &url[..colon];
    let mut chars = s.chars();
    (chars.next()?.is_ascii_alphabetic()
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')))
    .then_some(s)
}

/// Whether a relative URL (already browser-normalised) stays inside
/// `{root}attachments/`: nothing after that prefix is a `..` segment in any spelling.
fn stays_in_attachments(url: &str, root: &str) -> bool {
    let Some(rest) = url
        .strip_prefix(root)
        .and_then(|u| u.strip_prefix("attachments/"))
    else {
        return false;
    };
    let path = rest.split(['?', '#']).next().unwrap_or_default();
    !path
        .split(['/', '\\'])
        .any(|seg| matches!(seg, ".." | ".%2e" | "%2e." | "%2e%2e"))
}

/// Panics if `html` has live markup.
fn assert_inert(markdown: &str, root: &str, html: &str) {
    let fail = |what: String, tag: &str| -> ! {
        panic!("{what} in {tag}\ninput: {markdown:?}\nroot: {root:?}\nhtml: {html}")
    };
    for tag in tags(html) {
        let element = tag.name.trim_start_matches('/');
        if element.starts_with('!') || element.starts_with('?') {
            fail("comment or declaration".into(), tag.raw);
        }
        if BANNED_ELEMENTS.contains(&element) {
            fail(format!("banned element <{element}>"), tag.raw);
        }
        for (name, value) in &tag.attrs {
            if name.starts_with("on") || name == "style" || name.contains(':') {
                fail(format!("banned attribute {name}="), tag.raw);
            }
            if !URL_ATTRIBUTES.contains(&name.as_str()) {
                continue;
            }
            let url = browser_url(value);
            let ok = match scheme(&url) {
                Some(s) => matches!(s, "http" | "https" | "mailto") && name != "src",
                None if url.starts_with('#') => name != "src",
                None => stays_in_attachments(&url, root),
            };
            if !ok {
                fail(format!("unsafe URL {name}={url:?}"), tag.raw);
            }
            if name == "src" && element != "img" {
                fail(format!("src= on <{element}>"), tag.raw);
            }
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(markdown) = std::str::from_utf8(data) else {
        return;
    };
    for root in ["../", ""] {
        let html = zongwu::site::markdown::to_html(markdown, root);
        assert_inert(markdown, root, &html);
    }
});
