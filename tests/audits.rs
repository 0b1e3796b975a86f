//! Asset audits: the audit figures worked out by hand on a small folder, the same in
//! `stats`, on the site and on the pages of their records; the lines that contradict
//! themselves (and the Chinese keys of a line); the checklist of a location and the audit it writes to fill in.

mod common;

use common::Records;
use std::path::Path;

const ROOM: &str = "3号教学楼301";

/// A card at a location, of `quantity` items, acquired on `acquired`, with any `extra`
/// lines.
fn card(name: &str, category: &str, location: &str, quantity: u32, acquired: &str) -> String {
    format!(
        "name = \"{name}\"\ncategory = \"{category}\"\nlocation = \"{location}\"\nquantity = {quantity}\nunit = \"台\"\nunit_price = 100\nacquired = {acquired}\n"
    )
}

/// Six cards (five in 3号教学楼301, one in 302), one disposed before the audit day and
/// one acquired after it, and an audit of the six on 2011-12-20: A-1 and A-5 (counted
/// whole) and A-6 as on the books, A-2 counted short (48 of 50), A-3 missing, A-4 found
/// in 302. By hand: checked 6, missing 1, moved 1, short 1.
fn audited() -> Records {
    Records::new()
        .with(
            "assets/A-1.toml",
            card("电脑", "教学设备", ROOM, 2, "2011-09-01"),
        )
        .with(
            "assets/A-2.toml",
            card("课桌椅", "家具", ROOM, 50, "2011-09-01"),
        )
        .with(
            "assets/A-3.toml",
            card("投影仪", "教学设备", ROOM, 1, "2011-09-01"),
        )
        .with(
            "assets/A-4.toml",
            card("空调", "空调", ROOM, 2, "2011-09-01"),
        )
        .with(
            "assets/A-5.toml",
            card("饮水机", "家具", ROOM, 1, "2011-09-01"),
        )
        .with(
            "assets/A-6.toml",
            card("书柜", "家具", "3号教学楼302", 3, "2011-09-01"),
        )
        .with(
            "assets/A-7.toml",
            card("旧黑板", "家具", ROOM, 1, "2010-01-01")
                + "disposed = 2011-12-01\ndisposal_reason = \"损坏\"\n",
        )
        .with(
            "assets/A-8.toml",
            card("电视机", "教学设备", ROOM, 1, "2012-01-20"),
        )
        .with(
            "inspections/I-1.toml",
            r#"title = "期末资产清查"
type = "asset-audit"
date = 2011-12-20
inspector = "赵老师"
location = "3号教学楼"

[[audit]]
asset = "A-1"
found = true

[[audit]]
asset = "A-2"
found = true
quantity = 48

[[audit]]
asset = "A-3"
found = false
note = "送修未归还"

[[audit]]
asset = "A-4"
found = true
found_at = "3号教学楼302"

[[audit]]
asset = "A-5"
found = true
quantity = 1

[[audit]]
asset = "A-6"
found = true
"#,
        )
}

/// The figures worked out by hand, `(name, value)`.
const BY_HAND: [(&str, u64); 4] = [("checked", 6), ("missing", 1), ("moved", 1), ("short", 1)];

/// The day of the sheet and the figures: after the audit, before A-8 came.
const DAY: &str = "2012-01-10";

/// The value and the link of the element tagged with a figure on a page.
fn tagged(html: &str, figure: &str) -> (String, String) {
    let tag = format!(" data-figure=\"{figure}\" data-value=\"");
    let at = html.find(&tag).unwrap_or_else(|| panic!("no {figure}")) + tag.len();
    let value = &html[at..at + html[at..].find('"').unwrap()];
    let href = &html[at..];
    let href = &href[href.find("href=\"").unwrap() + 6..];
    (value.to_owned(), href[..href.find('"').unwrap()].to_owned())
}

/// The rows of the first table of a page, each as the links in it (`../../assets/A-3.html`).
fn rows_links(html: &str) -> Vec<Vec<String>> {
    let body = &html[html.find("<tbody>").unwrap()..];
    let body = &body[..body.find("</tbody>").unwrap()];
    body.split("<tr>")
        .skip(1)
        .map(|row| {
            row.split("href=\"")
                .skip(1)
                .map(|l| l[..l.find('"').unwrap()].to_owned())
                .collect()
        })
        .collect()
}

#[test]
fn the_audit_figures_are_counted_as_by_hand_in_stats_on_the_site_and_on_their_pages() {
    let records = audited();
    let out = records.run(&["stats", "--today", DAY, "--format", "json"]);
    common::assert_success(&out);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let audit = &json["inspections"]["audit"];
    for (name, value) in BY_HAND {
        assert_eq!(audit[name], value, "stats.inspections.audit.{name}");
    }
    let table = records.run(&["stats", "--today", DAY]);
    let table = String::from_utf8(table.stdout).unwrap();
    for (name, value) in BY_HAND {
        let line = format!("stats.inspections.audit.{name}");
        let shown = table.lines().find(|l| l.starts_with(&line)).unwrap();
        assert_eq!(shown.split_whitespace().last(), Some(&*value.to_string()));
    }

    let site = tempfile::tempdir().unwrap();
    let dir = site.path().join("site");
    let out = common::zongwu(&[
        "build",
        records.path().to_str().unwrap(),
        "--today",
        DAY,
        "--lang",
        "en",
        "--out",
        dir.to_str().unwrap(),
    ]);
    common::assert_success(&out);
    let read = |rel: &str| std::fs::read_to_string(dir.join(rel)).unwrap();
    let summary = read("semesters/2011-2012-1.html");
    // The lines behind each figure, by hand: (inspection, asset) of each row.
    let lines = |assets: &[&str]| -> Vec<Vec<String>> {
        assets
            .iter()
            .map(|a| {
                vec![
                    "../../inspections/I-1.html".to_owned(),
                    format!("../../assets/{a}.html"),
                ]
            })
            .collect()
    };
    let behind = [
        (
            "checked",
            lines(&["A-1", "A-2", "A-3", "A-4", "A-5", "A-6"]),
        ),
        ("missing", lines(&["A-3"])),
        ("moved", lines(&["A-4"])),
        ("short", lines(&["A-2"])),
    ];
    for ((name, value), (_, rows)) in BY_HAND.iter().zip(behind) {
        let figure = format!("2011-2012-1/stats.inspections.audit.{name}");
        let (shown, href) = tagged(&summary, &figure);
        assert_eq!(shown, value.to_string(), "{figure} on the summary");
        let page = href.strip_prefix("../").unwrap();
        let page = read(page);
        // A row links to its inspection, its card and the locations; keep the records.
        let listed: Vec<Vec<String>> = rows_links(&page)
            .into_iter()
            .map(|row| {
                row.into_iter()
                    .filter(|l| !l.contains("locations/"))
                    .collect()
            })
            .collect();
        assert_eq!(listed, rows, "{href}");
        assert_eq!(
            tagged(&page, &figure).0,
            value.to_string(),
            "{href}'s total"
        );
    }
    // The semester without audits shows none of their figures.
    assert!(!read("semesters/2011-2012-2.html").contains("inspections.audit"));

    // The inspection's page groups its lines; the card's page says its last audit.
    let inspection = read("inspections/I-1.html");
    for heading in [
        "Audit: As on the books (3)",
        "Audit: Missing (1)",
        "Audit: Found elsewhere (1)",
        "Audit: Counted short (1)",
    ] {
        assert!(inspection.contains(heading), "{heading}");
    }
    let card = read("assets/A-4.html");
    assert!(
        card.contains(
            "<a href=\"../inspections/I-1.html\">2011-12-20 I-1: Found, 3号教学楼302, 2 台</a>"
        ),
        "A-4's last audit"
    );
    assert!(read("assets/A-3.html").contains("2011-12-20 I-1: Missing</a>"));
    assert!(read("assets/A-2.html").contains("2011-12-20 I-1: Found, 3号教学楼301, 48 台</a>"));
}

#[test]
fn an_audit_line_that_contradicts_itself_is_an_error_with_its_fix() {
    let records = audited().with(
        "inspections/I-3.toml",
        "title = \"抽查\"\ntype = \"asset-audit\"\ndate = 2011-12-22\ninspector = \"赵老师\"\n\n[[audit]]\nasset = \"A-6\"\nfound = true\n实际位置 = \"3号教学楼301\"\n清点数量 = 2\n",
    ).with(
        "inspections/I-2.toml",
        r#"title = "复查"
type = "asset-audit"
date = 2011-12-21
inspector = "赵老师"

[[audit]]
asset = "A-3"
found = false
found_at = "3号教学楼302"

[[audit]]
asset = "A-2"
found = false
quantity = 2

[[audit]]
asset = "A-1"
found = true
quantity = 0

[[audit]]
asset = "A-5"
found = true
found_at = "3号教学楼301"
quantity = 3
"#,
    );
    let out = records.run(&["check", "--today", "2012-02-01", "--lang", "en"]);
    assert_eq!(out.status.code(), Some(1));
    let root = records.path().to_str().unwrap();
    let text = String::from_utf8(out.stdout)
        .unwrap()
        .replace(root, "RECORDS");
    let expected = r#"error[E111 audit-contradiction]: this line says found = false (not found), yet `audit[1].found_at` is "3号教学楼302"
 --> RECORDS/inspections/I-2.toml:9:12
  |
9 | found_at = "3号教学楼302"
  |            ^^^^^^^^^^^^^^
  |
  = help: if it was found, write found = true; if not, remove the line found_at = "3号教学楼302"

error[E111 audit-contradiction]: this line says found = false (not found), yet `audit[2].quantity` is 2
  --> RECORDS/inspections/I-2.toml:14:12
   |
14 | quantity = 2
   |            ^
   |
   = help: if it was found, write found = true; if not, remove the line quantity = 2

error[E111 audit-contradiction]: this line says found = true (found), yet `audit[3].quantity` is 0: none was counted
  --> RECORDS/inspections/I-2.toml:19:12
   |
19 | quantity = 0
   |            ^
   |
   = help: if none was found, write found = false and remove the quantity line; else write how many were counted

warning[W011 audit-not-moved]: `audit[4].found_at` is "3号教学楼301", the card's own location: the asset has not moved
  --> RECORDS/inspections/I-2.toml:24:12
   |
24 | found_at = "3号教学楼301"
   |            ^^^^^^^^^^^^^^
   |
   = help: remove the found_at line: an asset found where its card says needs no found_at

warning[W010 audit-over-count]: `audit[4].quantity` counted 3 items; the card A-5 holds 1
  --> RECORDS/inspections/I-2.toml:25:12
   |
25 | quantity = 3
   |            ^
   |
   = help: the 2 extra are on no card: add a card for them (zongwu new asset) or correct the quantity of A-5; if miscounted, correct the count here

error[E011 unknown-key]: keys are written in English: `实际位置` is `found_at`
 --> RECORDS/inspections/I-3.toml:9:1
  |
9 | 实际位置 = "3号教学楼301"
  | ^^^^^^^^
  |
  = help: write: found_at = "3号教学楼301"

error[E011 unknown-key]: keys are written in English: `清点数量` is `quantity`
  --> RECORDS/inspections/I-3.toml:10:1
   |
10 | 清点数量 = 2
   | ^^^^^^^^
   |
   = help: write: quantity = 2

found 5 errors and 2 warnings.
"#;
    assert_eq!(text, expected);
}

/// The ids of the cards a checklist PDF lists, in order.
fn listed_ids(pdf: &Path) -> Vec<String> {
    let out = std::process::Command::new("pdftotext")
        .args([pdf.to_str().unwrap(), "-"])
        .output()
        .expect("pdftotext (poppler-utils)");
    let text = String::from_utf8(out.stdout).unwrap();
    text.split_whitespace()
        .filter(|w| w.starts_with("A-") && w[2..].bytes().all(|b| b.is_ascii_digit()))
        .map(str::to_owned)
        .collect()
}

#[test]
fn a_checklist_lists_exactly_the_cards_at_its_location_on_the_day() {
    let Some(browser) = common::chromium() else {
        return;
    };
    let records = audited();
    let work = tempfile::tempdir().unwrap();
    let print = |day: &str, name: &str, toml: bool| {
        let pdf = work.path().join(name);
        let mut args = vec!["checklist", ROOM, records.path().to_str().unwrap()];
        args.extend(["--today", day, "--out", pdf.to_str().unwrap()]);
        args.extend(["--chromium", browser.to_str().unwrap()]);
        if toml {
            args.push("--toml");
        }
        let out = common::zongwu(&args);
        common::assert_success(&out);
        (pdf, String::from_utf8(out.stdout).unwrap())
    };
    // A-7 was disposed before the day, A-8 is acquired after it, A-6 is in 302; A-4,
    // found in 302 by the audit, is still on its card in 301.
    let (pdf, _) = print(DAY, "a.pdf", false);
    assert_eq!(listed_ids(&pdf), ["A-1", "A-2", "A-3", "A-4", "A-5"]);
    let text = std::process::Command::new("pdftotext")
        .args(["-layout", pdf.to_str().unwrap(), "-"])
        .output()
        .unwrap();
    let text = String::from_utf8(text.stdout).unwrap();
    for words in [
        "3号教学楼301资产清查",
        "实验中学总务处",
        "清查日期：2012年1月10日",
        "清查人：",
        "清查人签名：",
        "第 1 页，共 1 页",
    ] {
        assert!(text.contains(words), "{words}:\n{text}");
    }
    // Before A-7 was disposed; after A-8 came.
    let (pdf, _) = print("2011-11-30", "b.pdf", false);
    assert_eq!(listed_ids(&pdf), ["A-1", "A-2", "A-3", "A-4", "A-5", "A-7"]);

    // With --toml, the audit to fill in: typing the results back is editing.
    let (pdf, printed) = print("2012-02-01", "c.pdf", true);
    let ids = ["A-1", "A-2", "A-3", "A-4", "A-5", "A-8"];
    assert_eq!(listed_ids(&pdf), ids);
    let path = records.path().join("inspections/I-2.toml");
    assert_eq!(printed.trim_end(), path.to_str().unwrap());
    let written = std::fs::read_to_string(&path).unwrap();
    let head = r#"title = "3号教学楼301资产清查"  # 检查名称
type = "asset-audit"            # 资产清查
date = 2012-02-01               # 清查日期
inspector = ""                  # 清查人（必填）
location = "3号教学楼301"       # 清查地点

# 清查结果：没有找到的改成 found = false；在别处找到的加一行 found_at = "实际位置"；
# 清点数量少于卡片上的数量时加一行 quantity = 清点数。

[[audit]]
asset = "A-1"   # 电脑（教学设备），2 台
found = true
"#;
    assert!(written.starts_with(head), "{written}");
    let asset_lines: Vec<&str> = written
        .lines()
        .filter_map(|l| l.strip_prefix("asset = \""))
        .map(|l| &l[..l.find('"').unwrap()])
        .collect();
    assert_eq!(asset_lines, ids);
    assert!(
        text_of_pdf(&pdf).contains("清查记录：I-2"),
        "the sheet names its record"
    );
    // Filled in: the inspector, and A-3 still missing.
    let filled = written
        .replace("inspector = \"\"", "inspector = \"赵老师\"")
        .replace(
            "asset = \"A-3\"   # 投影仪（教学设备），1 台\nfound = true",
            "asset = \"A-3\"   # 投影仪（教学设备），1 台\nfound = false",
        );
    assert_ne!(filled, written);
    records.write("inspections/I-2.toml", filled);
    assert_eq!(records.codes(), [], "typed back, the audit is valid");
    let out = records.run(&["stats", "--today", "2012-02-01", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let audit = &json["inspections"]["audit"];
    assert_eq!(
        (&audit["checked"], &audit["missing"]),
        (&12.into(), &2.into())
    );
}

/// The text of a PDF.
fn text_of_pdf(pdf: &Path) -> String {
    let out = std::process::Command::new("pdftotext")
        .args([pdf.to_str().unwrap(), "-"])
        .output()
        .unwrap();
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn a_checklist_of_an_unknown_location_says_which_is_meant() {
    let records = audited();
    let out = records.run(&["checklist", "3号教学楼3O1", "--today", DAY]);
    // `run` puts the folder last: it stands for RECORDS after the location.
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        "错误：没有记录写过地点 “3号教学楼3O1”。是不是想写 “3号教学楼301”？\n"
    );
    let out = records.run(&["checklist", "图书馆", "--today", DAY, "--lang", "en"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        "error: no record names the location \"图书馆\".\n"
    );
}
