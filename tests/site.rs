//! `zongwu build`: the static site, from the example records and from fixtures.

mod common;

use common::{Records, files_under};
use std::path::Path;

/// Builds `records` into a fresh folder with a fixed day; returns the output folder.
fn build(records: &Path, extra: &[&str]) -> (tempfile::TempDir, std::process::Output) {
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("site");
    let mut args = vec![
        "build".as_ref(),
        records.as_os_str(),
        "--out".as_ref(),
        site.as_os_str(),
        "--today".as_ref(),
        "2012-06-30".as_ref(),
    ];
    args.extend(extra.iter().map(|a| std::ffi::OsStr::new(*a)));
    let output = common::zongwu(&args);
    (out, output)
}

fn read(site: &Path, rel: &str) -> String {
    std::fs::read_to_string(site.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// The values of `attr="…"` in some HTML.
fn attribute_values<'a>(html: &'a str, attr: &str) -> Vec<&'a str> {
    let needle = format!(" {attr}=\"");
    html.match_indices(&needle)
        .map(|(i, _)| {
            let rest = &html[i + needle.len()..];
            &rest[..rest.find('"').unwrap()]
        })
        .collect()
}

#[test]
fn example_records_build_every_expected_page() {
    let (out, output) = build(&common::example_records(), &[]);
    common::assert_success(&output);
    let site = out.path().join("site");
    let files = files_under(&site);
    for expected in [
        "index.html",
        "style.css",
        "table.js",
        "open.html",
        "ranking.html",
        "assets/index.html",
        "assets/index.csv",
        "repairs/index.html",
        "repairs/index.csv",
        "purchases/index.html",
        "purchases/index.csv",
        "inspections/index.html",
        "inspections/index.csv",
        "budgets/index.html",
        "budgets/index.csv",
        "months/index.html",
        "months/2011-09.html",
        "locations/index.html",
        "semesters/index.html",
        "semesters/2011-2012-1.html",
        "semesters/2011-2012-2.html",
        "semesters/trends.html",
    ] {
        assert!(files.iter().any(|f| f == expected), "missing {expected}");
    }
    // One page per record of each kind, but for the records that begin after the day
    // in question (2012-06-30): as if not yet written, they have no page.
    let later = [
        "repairs/2012/R-2012-0014.html",
        "repairs/2012/R-2012-0015.html",
        "repairs/2012/R-2012-0016.html",
        "purchases/2012/P-2012-0005.html",
        "inspections/2012/I-2012-0012.html",
        "inspections/2012/I-2012-0013.html",
    ];
    for kind in ["assets", "repairs", "purchases", "inspections"] {
        let expected: Vec<String> = files_under(&common::example_records().join(kind))
            .iter()
            // Pages are kept as the records are: repairs/2011/R-2011-0001.toml's
            // page is repairs/2011/R-2011-0001.html.
            .map(|f| format!("{kind}/{}", f.replace(".toml", ".html")))
            .filter(|page| !later.contains(&page.as_str()))
            .collect();
        let mut pages: Vec<&String> = files
            .iter()
            .filter(|f| {
                f.starts_with(&format!("{kind}/"))
                    && f.ends_with(".html")
                    && !f.ends_with("index.html")
            })
            .collect();
        pages.sort();
        let mut expected_sorted: Vec<&String> = expected.iter().collect();
        expected_sorted.sort();
        assert_eq!(pages, expected_sorted, "{kind}");
    }
    let home = read(&site, "index.html");
    assert!(home.contains("<html lang=\"zh-CN\">"));
    assert!(home.contains("<svg"), "the dashboard has charts");
    let csv = std::fs::read(site.join("assets/index.csv")).unwrap();
    assert!(csv.starts_with(b"\xEF\xBB\xBF"), "CSV has a BOM for Excel");
}

#[test]
fn every_internal_link_resolves_and_nothing_is_fetched_from_outside() {
    let (out, output) = build(&common::example_records(), &[]);
    common::assert_success(&output);
    let site = out.path().join("site");
    let mut checked = 0;
    for rel in files_under(&site).iter().filter(|f| f.ends_with(".html")) {
        let html = read(&site, rel);
        let dir = site.join(rel).parent().unwrap().to_path_buf();
        for url in attribute_values(&html, "src") {
            assert!(
                !url.contains(':') && !url.starts_with("//"),
                "{rel}: external resource {url}"
            );
            assert!(dir.join(url).exists(), "{rel}: missing {url}");
        }
        for url in attribute_values(&html, "href") {
            if url.starts_with("http://")
                || url.starts_with("https://")
                || url.starts_with("mailto:")
            {
                continue; // links written in notes, to click, not to load
            }
            assert!(
                !url.starts_with('/') && !url.contains(':'),
                "{rel}: non-relative link {url}"
            );
            let path = url.split(['#', '?']).next().unwrap();
            if !path.is_empty() {
                assert!(dir.join(path).exists(), "{rel}: dangling link {url}");
                checked += 1;
            }
        }
        assert_eq!(
            attribute_values(&html, "rel")
                .iter()
                .filter(|r| **r == "stylesheet")
                .count(),
            1,
            "{rel}: one stylesheet"
        );
    }
    assert!(checked > 1000, "only {checked} links checked");
}

/// Asserts that two sites hold the same files with the same bytes.
fn assert_same_site(a: &Path, b: &Path) {
    let files = files_under(a);
    assert_eq!(files, files_under(b));
    for f in &files {
        assert!(
            std::fs::read(a.join(f)).unwrap() == std::fs::read(b.join(f)).unwrap(),
            "{f} differs"
        );
    }
}

#[test]
fn two_builds_are_byte_identical() {
    let (a, out_a) = build(&common::example_records(), &[]);
    let (b, out_b) = build(&common::example_records(), &[]);
    assert!(out_a.status.success() && out_b.status.success());
    assert_same_site(&a.path().join("site"), &b.path().join("site"));
}

#[test]
fn a_rebuild_does_nothing_when_nothing_changed_and_equals_a_full_build_when_it_did() {
    let records = Records::new().with(
        "repairs/R-1.toml",
        "title = \"灯管不亮\"\nlocation = \"1号楼\"\nreported = 2012-03-01\nreporter = \"王老师\"\n",
    );
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("site");
    let rebuild = |extra: &[&str]| {
        let mut args = vec!["build", records.path().to_str().unwrap()];
        args.extend(["--out", site.to_str().unwrap(), "--lang", "en"]);
        if !extra.contains(&"--today") {
            args.extend(["--today", "2012-06-30"]);
        }
        args.extend(extra);
        let output = common::zongwu(&args);
        assert!(output.status.success(), "{output:?}");
        String::from_utf8(output.stderr).unwrap()
    };
    let full = |extra: &[&str]| {
        let mut args = vec!["--lang", "en"];
        args.extend(extra);
        let (dir, output) = build(records.path(), &args);
        assert!(output.status.success());
        dir
    };
    assert!(rebuild(&[]).starts_with("built"));
    let page = site.join("repairs/R-1.html");
    let written = std::fs::metadata(&page).unwrap().modified().unwrap();
    assert!(rebuild(&[]).contains("is up to date"), "nothing changed");
    assert_eq!(
        std::fs::metadata(&page).unwrap().modified().unwrap(),
        written
    );
    assert_same_site(&site, &full(&[]).path().join("site"));
    assert!(
        !out.path().join("site/.site.zongwu-build").exists()
            && out.path().join(".site.zongwu-build").exists(),
        "the manifest is beside the site, not published in it"
    );

    // A changed record updates the site in place; a deleted page, another day, --full:
    // each is a full build.
    records.write(
        "repairs/R-1.toml",
        "title = \"灯管不亮\"\nlocation = \"2号楼\"\nreported = 2012-03-01\nreporter = \"王老师\"\n",
    );
    assert!(rebuild(&[]).starts_with("updated"));
    assert!(read(&site, "repairs/R-1.html").contains("2号楼"));
    assert_same_site(&site, &full(&[]).path().join("site"));
    std::fs::remove_file(&page).unwrap();
    assert!(rebuild(&[]).starts_with("built"));
    assert!(page.exists());
    assert!(rebuild(&["--today", "2012-07-01"]).starts_with("built"));
    assert!(rebuild(&["--today", "2012-07-01"]).contains("is up to date"));
    assert!(rebuild(&["--today", "2012-07-01", "--full"]).starts_with("built"));
    assert!(rebuild(&["--timestamp"]).starts_with("built"));
}

#[test]
fn english_site_has_english_words() {
    let (out, output) = build(&common::example_records(), &["--lang", "en"]);
    assert!(output.status.success());
    let home = read(&out.path().join("site"), "index.html");
    assert!(home.contains("<html lang=\"en\">"));
    assert!(home.contains("Repairs") && home.contains("Open items"));
    // The summary dates its cover and signature as an English report does.
    let summary = read(&out.path().join("site"), "semesters/2011-2012-1.html");
    assert!(summary.contains("20 August 2011 — 10 February 2012"));
    assert!(summary.contains("<p>总务处, 泰州实验中学</p>\n    <p>8 January 2012</p>"));
}

#[test]
fn invalid_records_fail_and_leave_the_previous_site() {
    let records = Records::new().with(
        "assets/A-1.toml",
        "name = \"书架\"\ncategory = \"家具\"\nlocation = \"图书馆\"\nunit_price = 650\nacquired = 2011-09-01\n",
    );
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("site");
    let run = |records: &Records| {
        common::zongwu(&[
            "build".as_ref(),
            records.path().as_os_str(),
            "--out".as_ref(),
            site.as_os_str(),
        ])
    };
    assert!(run(&records).status.success());
    let before: Vec<(String, Vec<u8>)> = files_under(&site)
        .into_iter()
        .map(|f| (f.clone(), std::fs::read(site.join(&f)).unwrap()))
        .collect();

    records.write("repairs/R-1.toml", "title = \"灯管不亮\"\n");
    let failed = run(&records);
    assert_eq!(failed.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&failed.stderr).contains("E010"),
        "diagnostics are printed"
    );
    let after: Vec<(String, Vec<u8>)> = files_under(&site)
        .into_iter()
        .map(|f| (f.clone(), std::fs::read(site.join(&f)).unwrap()))
        .collect();
    assert!(before == after, "the previous site is untouched");
    let mut leftovers: Vec<_> = std::fs::read_dir(out.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    leftovers.sort();
    // The cache of parsed records stays: a record in it is taken only while its file
    // is as it was when read.
    assert_eq!(
        leftovers,
        [".site.zongwu-cache", "site"],
        "no staging folder left behind (nor the manifest: the next build is a full one)"
    );
}

#[test]
fn a_template_error_names_the_file_and_line_and_keeps_the_old_site() {
    let records = Records::new();
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("site");
    let run = || {
        common::zongwu(&[
            "build".as_ref(),
            records.path().as_os_str(),
            "--out".as_ref(),
            site.as_os_str(),
        ])
    };
    assert!(run().status.success());
    let home = std::fs::read(site.join("index.html")).unwrap();
    records.write("templates/record.html", "{% extends \"base.html\" %}\n{% block main %}\n{{ title | no_such_filter }}\n{% endblock main %}\n");
    records.write("assets/A-1.toml", "name = \"书架\"\ncategory = \"家具\"\nlocation = \"图书馆\"\nunit_price = 650\nacquired = 2011-09-01\n");
    let failed = run();
    assert_eq!(failed.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&failed.stderr);
    assert!(
        stderr.contains("record.html") && stderr.contains(":3"),
        "{stderr}"
    );
    assert_eq!(std::fs::read(site.join("index.html")).unwrap(), home);
}

#[test]
fn a_template_override_replaces_the_built_in_one() {
    let records = Records::new().with(
        "templates/home.html",
        "{% extends \"report.html\" %}{% block main %}<p>本校自定义首页</p>{% endblock main %}",
    );
    let (out, output) = build(records.path(), &[]);
    common::assert_success(&output);
    assert!(read(&out.path().join("site"), "index.html").contains("本校自定义首页"));
}

/// Payloads that must never become live markup, in every kind of field.
/// Vectors from the OWASP XSS filter evasion cheat sheet and Markdown-specific ones:
/// each goes into every text field of every kind, into notes and into a narrative.
const PAYLOADS: &[&str] = &[
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "javascript:alert(1)",
    "</textarea><script>alert(2)</script>",
    "\"><svg onload=alert(3)>",
    "' onmouseover='alert(4)",
    "<a href=\"javascript:alert(5)\">x</a>",
    "<iframe src=\"data:text/html,<script>alert(6)</script>\"></iframe>",
    "<style>body{display:none}</style>",
    "<IMG SRC=JaVaScRiPt:alert('XSS')>",
    "<IMG SRC=\"jav&#x09;ascript:alert('XSS');\">",
    "<IMG SRC=&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)>",
    "<<SCRIPT>alert(\"XSS\");//<</SCRIPT>",
    "<scr<script>ipt>alert(1)</script>",
    "<svg><script>alert(1)</script></svg>",
    "<svg><a xlink:href=\"javascript:alert(1)\"><text x=\"20\" y=\"20\">x</text></a></svg>",
    "<svg><animate onbegin=alert(1) attributeName=x dur=1s>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<object data=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\"></object>",
    "<embed src=\"javascript:alert(1)\">",
    "<form action=\"javascript:alert(1)\"><button formaction=javascript:alert(1)>x</button></form>",
    "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
    "<base href=\"javascript:alert(1)//\">",
    "<link rel=stylesheet href=\"http://evil.example/x.css\">",
    "<div style=\"background:url(javascript:alert(1))\">x</div>",
    "<input autofocus onfocus=alert(1)>",
    "<details open ontoggle=alert(1)>",
    "<body onload=alert(1)>",
    "[链接](javascript:alert(1))",
    "[链接](JaVaScRiPt:alert(1))",
    "[链接](vbscript:msgbox(1))",
    "[链接](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "![图](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
    "![图](javascript:alert(1))",
    "<javascript:alert(1)>",
    "[引用][x]\n\n[x]: javascript:alert(1)",
    "[上级](../../../../etc/passwd)",
    "![附件](attachments/../../../etc/passwd)",
    "![附件](attachments/%2e%2e/%2e%2e/etc/passwd)",
    "<a href=\"attachments/.&#9;./.&#9;./etc/passwd\">附件</a>",
];

#[test]
fn record_values_and_notes_never_yield_live_markup() {
    let records = Records::new();
    for (n, p) in PAYLOADS.iter().enumerate() {
        let q = p
            .replace('\\', "\\\\")
            .replace('"', "\\\"")
            .replace('\n', "\\n");
        let notes = format!(
            "{p}\n\n[点我](javascript:alert({n}))\n\n<img src=\"data:image/svg+xml,<svg onload=alert(1)>\">\n\n**粗体** {p}"
        );
        let notes = notes
            .replace('\\', "\\\\")
            .replace('"', "\\\"")
            .replace('\n', "\\n");
        records.write(
            &format!("assets/A-{n}.toml"),
            format!("name = \"{q}\"\ncategory = \"{q}\"\nlocation = \"{q}\"\ncustodian = \"{q}\"\nunit = \"{q}\"\nunit_price = 1\nacquired = 2011-09-01\ntags = [\"{q}\"]\nnotes = \"{notes}\"\n"),
        );
        records.write(
            &format!("repairs/R-{n}.toml"),
            format!("title = \"{q}\"\nlocation = \"{q}\"\nasset = \"A-{n}\"\nreported = 2011-09-02\nreporter = \"{q}\"\nresponsible_class = \"{q}\"\nassignee = \"{q}\"\nnotes = \"{notes}\"\n"),
        );
        records.write(
            &format!("purchases/P-{n}.toml"),
            format!("title = \"{q}\"\ncategory = \"{q}\"\nmethod = \"direct\"\nrequester = \"{q}\"\nrequested = 2011-09-01\nnotes = \"{notes}\"\n\n[[items]]\nname = \"{q}\"\nquantity = 1\nunit = \"{q}\"\nunit_price = 1\n"),
        );
        records.write(
            &format!("inspections/I-{n}.toml"),
            format!("title = \"{q}\"\ntype = \"property\"\ndate = 2011-09-03\ninspector = \"{q}\"\nlocation = \"{q}\"\nnotes = \"{notes}\"\n\n[[findings]]\ndescription = \"{q}\"\nseverity = \"low\"\n\n[[scores]]\nclass = \"{q}\"\nscore = 90\n"),
        );
    }
    records.write(
        "budgets/2011-09.toml",
        "[lines]\n\"<script>alert(7)</script>\" = 100\n",
    );
    records.write(
        "summaries/2011-2012-1.md",
        format!("# 总结\n\n{}\n", PAYLOADS.join("\n\n")),
    );
    let (out, output) = build(records.path(), &[]);
    common::assert_success(&output);
    let site = out.path().join("site");
    let mut pages = 0;
    for rel in files_under(&site).iter().filter(|f| f.ends_with(".html")) {
        let page = read(&site, rel).to_lowercase();
        // Text is escaped, so every `<` left starts a real tag: only tags can be live.
        let html: String = page
            .split('<')
            .skip(1)
            .map(|t| format!("<{}>\n", t.split('>').next().unwrap_or_default()))
            .collect();
        let scripts = html.matches("<script").count();
        assert_eq!(
            scripts,
            html.matches("<script src=\"").count(),
            "{rel}: inline script"
        );
        assert!(
            attribute_values(&html, "src")
                .iter()
                .all(|s| s.ends_with("table.js") || s.ends_with("search.js") || !s.contains(':')),
            "{rel}"
        );
        // No event handler on any tag, and no link or source outside the site but
        // http(s) and mailto links.
        // Attribute values are quoted and their quotes escaped: outside the quotes are
        // the tags' names and attributes (URL values are held to their schemes below).
        // zongwu's own search box (the header's form) is the only form.
        let html = match (
            html.find("<form class=\"site-search\""),
            html.find("</form>"),
        ) {
            (Some(start), Some(end)) => format!("{}{}", &html[..start], &html[end + 7..]),
            _ => html,
        };
        let bare: String = html.split('"').step_by(2).collect::<Vec<_>>().join("\"\"");
        for tag in bare.lines() {
            assert!(
                !tag.split([' ', '/', '\t', '\n'])
                    .any(|a| a.starts_with("on") && a.contains('=')),
                "{rel}: handler in {tag}"
            );
        }
        for attr in ["href", "src", "action", "formaction", "xlink:href", "data"] {
            for url in attribute_values(&html, attr) {
                let scheme = url.split_once(':').map(|(s, _)| s);
                assert!(
                    scheme.is_none_or(|s| ["http", "https", "mailto"].contains(&s)),
                    "{rel}: {attr}=\"{url}\""
                );
                assert!(!url.contains("etc/passwd"), "{rel}: {attr}=\"{url}\"");
            }
        }
        // The only SVG is zongwu's charts; the only link element its stylesheet.
        assert_eq!(
            html.matches("<svg").count(),
            html.matches("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart-svg chart-")
                .count(),
            "{rel}: svg"
        );
        assert_eq!(html.matches("<link").count(), 1, "{rel}: link");
        for bad in [
            "onerror=",
            "onload=",
            "onmouseover=",
            "javascript:",
            "vbscript:",
            "<iframe",
            "<style",
            "<object",
            "<embed",
            "<form",
            "<button",
            "<input",
            "<math",
            "<base",
            "<body onload",
            "http-equiv",
            "data:text",
            "data:image",
            "</textarea>",
        ] {
            assert!(!bare.contains(bad), "{rel}: live `{bad}`");
        }
        pages += 1;
    }
    assert!(pages > 30);
    let asset = read(&site, "assets/A-0.html");
    assert!(
        asset.contains("&lt;script&gt;alert(1)&lt;&#x2f;script&gt;")
            || asset.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "payload shown as text"
    );
}

#[test]
fn the_site_works_in_a_real_browser_from_disk() {
    let Some(browser) = common::chromium() else {
        return;
    };
    let (out, output) = build(&common::example_records(), &[]);
    assert!(output.status.success());
    let site = out.path().join("site").canonicalize().unwrap();
    let url = |rel: &str| format!("file://{}/{rel}", site.display());

    let home = common::run_chromium(&browser, &["--dump-dom", &url("index.html")]);
    let dom = String::from_utf8_lossy(&home.stdout);
    assert!(
        dom.contains("总务处") && dom.contains("<svg"),
        "home page rendered: {}",
        &dom[..dom.len().min(500)]
    );

    let record = files_under(&site.join("repairs"))
        .into_iter()
        .find(|f| f.ends_with(".html") && f != "index.html")
        .unwrap();
    let dom = common::run_chromium(
        &browser,
        &["--dump-dom", &url(&format!("repairs/{record}"))],
    );
    assert!(String::from_utf8_lossy(&dom.stdout).contains("<dl class=\"fields\">"));

    // The index filter: `?q=` fills the box; rows that do not match are hidden.
    let all = common::run_chromium(&browser, &["--dump-dom", &url("repairs/index.html")]);
    let all = String::from_utf8_lossy(&all.stdout).to_string();
    assert!(
        all.contains("class=\"filter\""),
        "the script added the filter box"
    );
    let filtered = common::run_chromium(
        &browser,
        &[
            "--dump-dom",
            &format!("{}?q=R-2011-0001", url("repairs/index.html")),
        ],
    );
    let filtered = String::from_utf8_lossy(&filtered.stdout).to_string();
    let hidden = |dom: &str| dom.matches("<tr hidden").count();
    assert_eq!(hidden(&all), 0);
    assert!(hidden(&filtered) > 10, "filter hid the other rows");
    // On a phone a wide table says that it scrolls; on a desktop it does not need to.
    let phone = common::run_chromium(
        &browser,
        &[
            "--window-size=390,800",
            "--dump-dom",
            &url("repairs/index.html"),
        ],
    );
    let phone = String::from_utf8_lossy(&phone.stdout).to_string();
    assert!(
        phone.contains("class=\"table-wrap overflows\""),
        "a scroll cue on a phone"
    );
    let desktop = common::run_chromium(
        &browser,
        &["--window-size=1600,800", "--dump-dom", &url("ranking.html")],
    );
    assert!(!String::from_utf8_lossy(&desktop.stdout).contains("overflows"));
}

/// The pages a person looks at first: home, an index, a record, the months, a month,
/// the ranking, a printable summary and the trends over semesters.
const LOOKED_AT: [&str; 8] = [
    "index.html",
    "repairs/index.html",
    "months/index.html",
    "repairs/2011/R-2011-0001.html",
    "months/2011-09.html",
    "ranking.html",
    "semesters/2011-2012-1.html",
    "semesters/trends.html",
];

/// A page in a frame `width` px wide, and a script writing what the page's check
/// posts into `<pre id="layout-problems">`.
fn framed(page: &str, width: u32) -> String {
    format!(
        "<!doctype html><body style=\"margin:0\"><iframe src=\"{page}\" width=\"{width}\" height=\"1800\" style=\"border:0\"></iframe>\
         <script>addEventListener('message', function (e) {{ var p = document.createElement('pre'); p.id = 'layout-problems'; \
         p.setAttribute('data-width', e.data.width); p.setAttribute('data-charts', e.data.charts); \
         p.textContent = e.data.problems; document.body.appendChild(p); }});</script></body>"
    )
}

#[test]
fn pages_lay_out_on_a_phone_and_a_desktop_in_both_languages() {
    let Some(browser) = common::chromium() else {
        return;
    };
    let check = include_str!("layout-check.js");
    let shots = Path::new(env!("CARGO_TARGET_TMPDIR")).join("screenshots");
    std::fs::create_dir_all(&shots).unwrap();
    for lang in ["zh-CN", "en"] {
        let (out, output) = build(&common::example_records(), &["--lang", lang]);
        common::assert_success(&output);
        let site = out.path().join("site").canonicalize().unwrap();
        for page in LOOKED_AT {
            let url = format!("file://{}/{page}", site.display());
            // Screenshots to look at (kept under target/tmp/screenshots), of the page
            // as it is, before the check is put into it.
            for width in [390, 1366] {
                let shot = shots.join(format!(
                    "{lang}-{}-{width}.png",
                    page.replace(['/', '.'], "_")
                ));
                let size = format!("--window-size={width},1800");
                let to = format!("--screenshot={}", shot.display());
                common::run_chromium(&browser, &["--hide-scrollbars", &size, &to, &url]);
                let png = std::fs::read(&shot).expect("screenshot written");
                assert!(png.starts_with(b"\x89PNG") && png.len() > 10_000, "{page}");
                let png_width = u32::from_be_bytes(png[16..20].try_into().unwrap());
                assert_eq!(png_width, width, "{}", shot.display());
            }
            let file = site.join(page);
            let html =
                read(&site, page).replace("</body>", &format!("<script>{check}</script></body>"));
            std::fs::write(&file, html).unwrap();
            for width in [390, 1366] {
                let frame = site.join(format!("frame-{width}.html"));
                std::fs::write(&frame, framed(page, width)).unwrap();
                let dom = common::run_chromium(
                    &browser,
                    &[
                        "--hide-scrollbars",
                        "--window-size=1400,1900",
                        "--virtual-time-budget=5000",
                        "--dump-dom",
                        &format!("file://{}", frame.display()),
                    ],
                );
                let dom = String::from_utf8_lossy(&dom.stdout);
                let start = dom
                    .find("<pre id=\"layout-problems\"")
                    .unwrap_or_else(|| panic!("{lang} {page} at {width} px: the check ran"));
                let report = &dom[start..];
                let report = &report[report.find('>').unwrap() + 1..report.find("</pre>").unwrap()];
                assert!(
                    report.trim().is_empty(),
                    "{lang} {page} at {width} px:\n{report}"
                );
                assert!(
                    dom.contains(&format!("data-width=\"{width}\"")),
                    "laid out at {width} px"
                );
                // Three charts on a semester's pages, nine key figures on the
                // trends; each drawn twice.
                let charts = match page {
                    "semesters/trends.html" => Some(18),
                    "index.html" => Some(6),
                    p if p.starts_with("semesters/") => Some(6),
                    _ => None,
                };
                if let Some(charts) = charts {
                    assert!(
                        dom.contains(&format!("data-charts=\"{charts}\"")),
                        "{page}: {charts} drawings of charts"
                    );
                }
            }
        }
    }
}

#[test]
fn months_lead_to_their_neighbours_and_the_navigation_has_no_twin() {
    let (out, output) = build(&common::example_records(), &[]);
    common::assert_success(&output);
    let site = out.path().join("site");
    let october = read(&site, "months/2011-10.html");
    assert!(october.contains("<a rel=\"prev\" href=\"2011-09.html\">← 2011-09</a>"));
    assert!(october.contains("<a rel=\"next\" href=\"2011-11.html\">2011-11 →</a>"));
    let first = read(&site, "months/2011-08.html");
    assert!(!first.contains("rel=\"prev\"") && first.contains("rel=\"next\""));
    // Budgets are read by month (月报): one entry, not two showing the same table.
    let home = read(&site, "index.html");
    let nav = &home[home.find("site-nav").unwrap()..home.find("</nav>").unwrap()];
    assert!(
        nav.contains("months/index.html") && !nav.contains("budgets/index.html"),
        "{nav}"
    );
}

#[test]
fn the_ranking_is_a_matrix_of_classes_by_month_for_each_semester() {
    let (out, output) = build(&common::example_records(), &[]);
    common::assert_success(&output);
    let ranking = read(&out.path().join("site"), "ranking.html");
    let second = ranking.find("<h2>2011-2012学年度第二学期</h2>").unwrap();
    let first = ranking.find("<h2>2011-2012学年度第一学期</h2>").unwrap();
    assert!(second < first, "newest semester first");
    let table = &ranking[second..first];
    for month in ["3月", "4月", "5月", "6月"] {
        assert!(table.contains(&format!(">{month}</th>")), "{month}");
    }
    let rows: Vec<&str> = table.split("<tr>").skip(2).collect();
    assert_eq!(rows.len(), 8, "eight classes");
    // 高二(5)班: 89, 96, 92, 99 — the best average (94), and better at the end.
    let best = rows[0];
    assert!(
        best.contains(">1</td>") && best.contains("高二(5)班"),
        "{best}"
    );
    assert!(
        best.contains("<a href=\"inspections/2012/I-2012-0003.html\">96</a>"),
        "{best}"
    );
    assert!(
        best.contains(">94</td>") && best.contains("↑ 上升"),
        "{best}"
    );
}

#[test]
fn a_month_with_two_checks_averages_them() {
    let check = |date: &str, score: u32| {
        format!(
            "title = \"公物检查\"\ntype = \"property\"\ndate = {date}\ninspector = \"总务处\"\n\n[[scores]]\nclass = \"高一(1)班\"\nscore = {score}\n\n[[scores]]\nclass = \"高一(2)班\"\nscore = 90\n"
        )
    };
    let records = common::Records::new()
        .with("inspections/I-1.toml", check("2011-09-10", 80))
        .with("inspections/I-2.toml", check("2011-09-20", 90))
        .with("inspections/I-3.toml", check("2011-10-10", 95));
    let (out, output) = build(records.path(), &[]);
    common::assert_success(&output);
    let ranking = read(&out.path().join("site"), "ranking.html");
    let row = ranking
        .split("<tr>")
        .find(|r| r.contains("高一(1)班"))
        .unwrap();
    // September: (80 + 90) / 2; the semester: (80 + 90 + 95) / 3; up from 85 to 95.
    assert!(
        row.contains("<a href=\"inspections/I-1.html\">85</a>"),
        "{row}"
    );
    assert!(
        row.contains(">88.33</td>") && row.contains("↑ 上升"),
        "{row}"
    );
    assert!(
        row.contains(">2</td>"),
        "second, after 高一(2)班's 90: {row}"
    );
}

#[test]
fn long_lists_are_shown_in_parts_and_no_page_weighs_over_a_megabyte() {
    let records = Records::empty();
    common::generate(records.path(), 6000);
    let (out, output) = build(records.path(), &[]);
    common::assert_success(&output);
    let site = out.path().join("site");
    let mut heaviest = (0, String::new());
    for file in files_under(&site)
        .into_iter()
        .filter(|f| f.ends_with(".html"))
    {
        let size = std::fs::metadata(site.join(&file)).unwrap().len();
        if size > heaviest.0 {
            heaviest = (size, file);
        }
    }
    assert!(
        heaviest.0 < 1 << 20,
        "{} weighs {} bytes",
        heaviest.1,
        heaviest.0
    );
    // The assets' index in parts of at most 1,000 rows, every card shown on the day
    // (each has its page) on one of them.
    let cards = files_under(&site.join("assets"))
        .iter()
        .filter(|f| f.contains('/') && f.ends_with(".html"))
        .count();
    assert!(cards > 2000, "{cards} cards: the index needs parts");
    let parts: Vec<String> = (1..)
        .map(|n| match n {
            1 => "assets/index.html".to_owned(),
            n => format!("assets/index-{n}.html"),
        })
        .take_while(|p| site.join(p).exists())
        .collect();
    assert_eq!(parts.len(), cards.div_ceil(1000), "{parts:?}");
    let mut listed = 0;
    for (n, part) in parts.iter().enumerate() {
        let html = read(&site, part);
        let rows = html.matches("<tr>").count() - 1;
        assert!(rows <= 1000, "{part}: {rows} rows");
        listed += rows;
        // Each part links to the others, and says which rows it shows.
        let pager = &html[html.find("class=\"pager parts\"").unwrap()..];
        let pager = &pager[..pager.find("</nav>").unwrap()];
        assert_eq!(pager.matches("<a href=").count(), parts.len() - 1, "{part}");
        let first = n * 1000 + 1;
        assert!(
            pager.contains(&format!("<span aria-current=\"page\">{first}–")),
            "{pager}"
        );
    }
    assert_eq!(listed, cards, "every card on one part, once");
    // The dashboard shows the first rows of a long list and leads to all of them.
    let home = read(&site, "index.html");
    let more = home
        .find("<p class=\"more\">")
        .expect("more than 50 open repairs");
    assert!(
        home[more..].starts_with("<p class=\"more\"><a href=\"open.html\">这里只列出前 50 条，共 ")
    );
    let list = &home[..more];
    let list = &list[list.rfind("<table").unwrap()..];
    assert_eq!(list.matches("<tr>").count() - 1, 50);
}

#[test]
fn one_record_saved_writes_again_only_what_changed() {
    use std::os::unix::fs::MetadataExt;
    let records = Records::new()
        .with(
            "assets/2011/A-1.toml",
            "name = \"干粉灭火器\"\ncategory = \"消防\"\nlocation = \"实验楼201\"\nunit_price = 120\nacquired = 2011-09-01\n",
        )
        .with(
            "repairs/2011/R-1.toml",
            "title = \"灯泡不亮\"\nlocation = \"实验楼201\"\nreported = 2011-10-05\nreporter = \"张老师\"\n",
        );
    let site = records.path().join("out");
    let build = || {
        let out = records.run(&[
            "build",
            "--out",
            site.to_str().unwrap(),
            "--today",
            "2012-06-30",
        ]);
        common::assert_success(&out);
    };
    let inode = |rel: &str| std::fs::metadata(site.join(rel)).unwrap().ino();
    build();
    let (assets, repairs) = (
        inode("pagefind/assets-2011/pagefind-entry.json"),
        inode("pagefind/repairs-2011/pagefind-entry.json"),
    );
    let (asset_page, repair_page) = (
        inode("assets/2011/A-1.html"),
        inode("repairs/2011/R-1.html"),
    );
    records.write(
        "repairs/2011/R-1.toml",
        "title = \"灯管不亮\"\nlocation = \"实验楼201\"\nreported = 2011-10-05\nreporter = \"张老师\"\n",
    );
    build();
    assert_eq!(
        inode("pagefind/assets-2011/pagefind-entry.json"),
        assets,
        "kept"
    );
    assert_ne!(
        inode("pagefind/repairs-2011/pagefind-entry.json"),
        repairs,
        "indexed again"
    );
    // Pages that read the same are linked from the site replaced, not written again.
    assert_eq!(
        inode("assets/2011/A-1.html"),
        asset_page,
        "the same page: linked"
    );
    assert_ne!(
        inode("repairs/2011/R-1.html"),
        repair_page,
        "a changed page: written"
    );
    assert!(read(&site, "repairs/2011/R-1.html").contains("灯管不亮"));
    // The kept partition is whole: every file the first build wrote for it.
    let kept = files_under(&site.join("pagefind/assets-2011"));
    assert!(
        kept.contains(&"zongwu.digest".to_owned())
            && kept.iter().any(|f| f.starts_with("fragment/"))
    );
    // A full rebuild from nothing writes the same index.
    let fresh = records.path().join("fresh");
    common::assert_success(&records.run(&[
        "build",
        "--out",
        fresh.to_str().unwrap(),
        "--today",
        "2012-06-30",
    ]));
    for file in files_under(&fresh.join("pagefind")) {
        assert_eq!(
            std::fs::read(fresh.join("pagefind").join(&file)).unwrap(),
            std::fs::read(site.join("pagefind").join(&file)).unwrap(),
            "{file}"
        );
    }
}

/// Every file of a site with its bytes, by path.
fn contents(site: &Path) -> Vec<(String, Vec<u8>)> {
    files_under(site)
        .into_iter()
        .map(|rel| {
            let bytes = std::fs::read(site.join(&rel)).unwrap();
            (rel, bytes)
        })
        .collect()
}

/// Rewrites a record file with `edit` applied to its text.
fn edit(records: &Records, rel: &str, edit: impl FnOnce(&str) -> String) {
    let text = std::fs::read_to_string(records.path().join(rel)).unwrap();
    let changed = edit(&text);
    assert_ne!(changed, text, "{rel} changed");
    records.write(rel, &changed);
}

/// A line `key = …` of a record set to `value` (added if it is not there).
fn set(text: &str, key: &str, value: &str) -> String {
    let prefix = format!("{key} = ");
    let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
    match lines.iter().position(|l| l.starts_with(&prefix)) {
        Some(i) => lines[i] = format!("{prefix}{value}"),
        None => {
            let at = lines
                .iter()
                .position(|l| l.starts_with('['))
                .unwrap_or(lines.len());
            lines.insert(at, format!("{prefix}{value}"));
        }
    }
    lines.join("\n") + "\n"
}

#[test]
fn a_site_updated_in_place_is_the_site_built_whole() {
    let records = Records::empty();
    common::generate(records.path(), 2500);
    let work = tempfile::tempdir().unwrap();
    let site = work.path().join("site");
    let build = |out: &Path| records.build(out, "2012-06-30", "en");
    build(&site);
    // An asset audit of the semester (2012-02-11 to the day), and the first card it
    // found.
    let (audit, card) = files_under(&records.path().join("inspections"))
        .into_iter()
        .map(|rel| format!("inspections/{rel}"))
        .find_map(|rel| {
            let text = std::fs::read_to_string(records.path().join(&rel)).unwrap();
            let date = text.lines().find_map(|l| l.strip_prefix("date = "))?;
            let ours = text.contains("type = \"asset-audit\"") && date > "2012-02-11";
            let found = text
                .split("[[audit]]")
                .skip(1)
                .find(|l| l.contains("found = true"));
            let card = found?.lines().find_map(|l| l.strip_prefix("asset = \""))?;
            ours.then(|| (rel.clone(), card.trim_end_matches('"').to_owned()))
        })
        .expect("an asset audit in the generated records");
    let card_file = files_under(&records.path().join("assets"))
        .into_iter()
        .find(|rel| rel.ends_with(&format!("/{card}.toml")))
        .map(|rel| format!("assets/{rel}"))
        .unwrap();
    let rounds: [&dyn Fn(); 4] = [
        &|| {
            // A repair moved, costed and tied to an asset; an asset moved; a finding
            // naming the repair; a purchase not issued yet; a budget line raised.
            edit(&records, "repairs/2011/R-000003.toml", |t| {
                let t = set(t, "location", "\"食堂\"");
                let t = set(&t, "cost", "1234.50");
                set(&t, "asset", "\"A-000005\"")
            });
            edit(&records, "assets/2011/A-000008.toml", |t| {
                set(t, "location", "\"图书馆\"")
            });
            edit(&records, "inspections/2011/I-000001.toml", |t| {
                format!(
                    "{t}\n[[findings]]\ndescription = \"消防通道堵塞\"\nseverity = \"high\"\nrepair = \"R-000003\"\n"
                )
            });
            edit(&records, "purchases/2011/P-000004.toml", |t| {
                t.lines()
                    .filter(|l| !l.starts_with("issued"))
                    .map(|l| format!("{l}\n"))
                    .collect()
            });
            edit(&records, "budgets/2011-09.toml", |t| {
                set(t, "\"维修\"", "99000")
            });
        },
        &|| {
            // The repair no longer names the asset, and is back where it was reported; the
            // asset moves to a category of its own.
            edit(&records, "repairs/2011/R-000003.toml", |t| {
                let t: String = t
                    .lines()
                    .filter(|l| !l.starts_with("asset"))
                    .map(|l| format!("{l}\n"))
                    .collect();
                set(&t, "location", "\"图书馆\"")
            });
            // A category no record had: its pages of records behind figures come to
            // every semester.
            edit(&records, "assets/2011/A-000008.toml", |t| {
                let t = set(t, "notes", "\"搬到图书馆\"");
                set(&t, "category", "\"新类别\"")
            });
        },
        &|| {
            // The audit finds its first card elsewhere: moved, on the pages of the
            // audit lines, the inspection's and the card's.
            edit(&records, &audit, |t| {
                let line = format!("asset = \"{card}\"\nfound = true\n");
                t.replacen(&line, &format!("{line}found_at = \"新地点\"\n"), 1)
            });
        },
        &|| {
            // The card is moved there on the books: the line is no longer "moved".
            edit(&records, &card_file, |t| set(t, "location", "\"新地点\""));
        },
    ];
    for (n, round) in rounds.iter().enumerate() {
        round();
        let said = build(&site);
        assert!(
            said.lines().any(|l| l.starts_with("updated")),
            "round {n}: updated in place: {said}"
        );
        let whole = work.path().join(format!("whole-{n}"));
        let said = build(&whole);
        assert!(said.lines().any(|l| l.starts_with("built")), "{said}");
        let (updated, built) = (contents(&site), contents(&whole));
        let names = |files: &[(String, Vec<u8>)]| -> Vec<String> {
            files.iter().map(|(name, _)| name.clone()).collect()
        };
        assert_eq!(names(&updated), names(&built), "round {n}: the same files");
        for ((name, a), (_, b)) in updated.iter().zip(&built) {
            assert!(a == b, "round {n}: {name} differs from the whole build's");
        }
    }
    assert!(read(&site, "repairs/2011/R-000003.html").contains("1,234.50"));
}

/// Copies the folder `from` into `to`, as it is.
fn copy_folder(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_folder(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// An office's own `record.html` and `base.html`, copied from the built-in ones when
/// they still listed a record's fields (`fields`) and the navigation bar (`nav`)
/// themselves, lay out every page of the example as the built-in ones do now.
#[test]
fn own_templates_that_list_fields_and_nav_lay_out_the_same_pages() {
    let own = tempfile::tempdir().unwrap();
    let records = own.path().join("records");
    copy_folder(&common::example_records(), &records);
    copy_folder(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/own-templates"),
        &records.join("templates"),
    );
    let (built_in, output) = build(&common::example_records(), &["--no-search"]);
    common::assert_success(&output);
    let (theirs, output) = build(&records, &["--no-search"]);
    common::assert_success(&output);
    let (built_in, theirs) = (built_in.path().join("site"), theirs.path().join("site"));
    let pages = files_under(&built_in);
    assert_eq!(pages, files_under(&theirs));
    for page in pages.iter().filter(|p| p.ends_with(".html")) {
        assert!(
            read(&built_in, page) == read(&theirs, page),
            "{page} differs"
        );
    }
    // Among them, fields that link and fields with a note after them.
    let asset = read(&theirs, "assets/2009/A-2009-0001.html");
    assert!(asset.contains("<dl class=\"fields\">\n  <dt>编号</dt>\n  <dd>A-2009-0001</dd>"));
    assert!(asset.contains("</dt>\n  <dd><a href=\"../../"), "{asset}");
    let work = read(&theirs, "projects/2011/W-2011-0005.html");
    assert!(
        work.contains("</a> <span class=\"muted\">· 负责人 "),
        "{work}"
    );
}
