//! The rule book (`rules/`): figures worked out by hand, `new`, export and import,
//! the schema, and the pages — the index, each rule's page and the rule book itself,
//! also when a saved rule updates the site in place.

mod common;

use common::{Records, zongwu};
use serde_json::{Value, json};
use std::path::Path;

/// A rule's file.
fn rule(title: &str, area: &str, adopted: &str, rest: &str) -> String {
    format!("title = \"{title}\"\narea = \"{area}\"\nadopted = {adopted}\n{rest}")
}

/// The rules whose figures are counted by hand below. Semesters (common::CONFIG): S1
/// 2011-08-20 … 2012-02-10, S2 2012-02-11 … 2012-08-19.
fn fixture() -> Records {
    Records::new()
        // In force throughout; revised within S1.
        .with(
            "rules/Z-1.toml",
            rule(
                "财务报销制度",
                "财务",
                "2008-09-01",
                "revised = [2010-03-01, 2011-09-10]\n",
            ),
        )
        // Adopted within S1, revised within S2.
        .with(
            "rules/Z-2.toml",
            rule(
                "预算与结算管理办法",
                "财务",
                "2011-09-01",
                "revised = [2012-03-01]\n",
            ),
        )
        // Retired on S1's last day: on that day no longer in force.
        .with(
            "rules/Z-3.toml",
            rule(
                "旧食堂卫生制度",
                "食堂",
                "2006-09-01",
                "retired = 2012-02-10\n",
            ),
        )
        // Adopted on S1's last day: in force on it.
        .with(
            "rules/Z-4.toml",
            rule("食堂食品安全管理制度", "食堂", "2012-02-10", ""),
        )
        // Adopted and revised on S2's first day.
        .with(
            "rules/Z-5.toml",
            rule(
                "校园封闭管理制度",
                "安全",
                "2012-02-11",
                "revised = [2012-02-11]\n",
            ),
        )
        // Revised the day before S1 begins; retired on S2's last day.
        .with(
            "rules/Z-6.toml",
            rule(
                "校园环境卫生管理制度",
                "环境",
                "2010-01-01",
                "revised = [2011-08-19]\nretired = 2012-08-19\n",
            ),
        )
        // Adopted after both semesters: counted nowhere, but its area has a key.
        .with(
            "rules/Z-7.toml",
            rule("固定资产管理制度", "校产", "2012-09-01", ""),
        )
        // Revised in both semesters, retired in S2 (after 2012-05-01).
        .with(
            "rules/Z-8.toml",
            rule(
                "用电安全管理制度",
                "安全",
                "2011-10-01",
                "revised = [2011-12-01, 2012-06-01]\nretired = 2012-07-01\n",
            ),
        )
}

/// `zongwu stats --format json` of a semester, with more arguments.
fn stats(records: &Records, semester: &str, more: &[&str]) -> Value {
    let mut args = vec!["stats", "--format", "json", "--semester", semester];
    args.extend(more);
    let out = records.run(&args);
    common::assert_success(&out);
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn rule_figures_match_the_hand_count_in_both_semesters() {
    let r = fixture();
    assert_eq!(r.check(), (vec![], 0));
    let areas = |finance: u64, canteen: u64, safety: u64, environment: u64| json!({"财务": finance, "食堂": canteen, "安全": safety, "环境": environment, "校产": 0});
    // On S1's day, 2012-02-10: Z-1, Z-2, Z-4, Z-6, Z-8 in force (Z-3 retired that day,
    // Z-5 and Z-7 not yet adopted); Z-2, Z-4, Z-8 adopted; Z-1 and Z-8 revised.
    assert_eq!(
        stats(&r, "2011-2012-1", &[])["rules"],
        json!({"in_force": 5, "adopted": 3, "revised": 2, "in_force_by_area": areas(2, 1, 1, 1)})
    );
    // On S2's day, 2012-08-19: Z-6 retired that day, Z-8 before it; Z-5 adopted; Z-2,
    // Z-5 and Z-8 revised.
    assert_eq!(
        stats(&r, "2011-2012-2", &[])["rules"],
        json!({"in_force": 4, "adopted": 1, "revised": 3, "in_force_by_area": areas(2, 1, 1, 0)})
    );
    // On 2012-05-01 Z-6 and Z-8 are not yet retired, and Z-8's second revision has
    // not happened yet.
    assert_eq!(
        stats(&r, "2011-2012-2", &["--today", "2012-05-01"])["rules"],
        json!({"in_force": 6, "adopted": 1, "revised": 2, "in_force_by_area": areas(2, 1, 2, 1)})
    );
    // S1 has ended by then: its figures are the same whatever the day.
    assert_eq!(
        stats(&r, "2011-2012-1", &["--today", "2012-05-01"])["rules"],
        stats(&r, "2011-2012-1", &[])["rules"]
    );
    let named = r.run(&["stats", "--semester", "2011-2012-1"]);
    let named = String::from_utf8(named.stdout).unwrap();
    for line in [
        "stats.rules.in_force",
        "stats.rules.adopted",
        "stats.rules.revised",
        "stats.rules.in_force_by_area[\"财务\"]",
    ] {
        assert!(named.contains(line), "{line} in:\n{named}");
    }
}

#[test]
fn a_new_rule_checks_once_its_blanks_are_filled() {
    let r = Records::new();
    let out = r.run(&["new", "rule", "--title", "财务报销制度"]);
    common::assert_success(&out);
    let path = String::from_utf8(out.stdout).unwrap().trim().to_owned();
    let year = chrono::Local::now().format("%Y").to_string();
    assert!(
        path.ends_with(&format!("rules/Z-{year}-0001.toml")),
        "{path}"
    );
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("title = \"财务报销制度\""), "{text}");
    let codes: Vec<String> = r.codes().into_iter().map(|(code, _, _)| code).collect();
    assert_eq!(codes, ["E019"], "the area is left to fill in");
    std::fs::write(&path, text.replace("area = \"\"", "area = \"财务\"")).unwrap();
    assert_eq!(r.check(), (vec![], 0));
}

/// `zongwu export rule` of a folder as CSV text.
fn export(dir: &Path) -> String {
    let out = zongwu(&[
        "export".as_ref(),
        "rule".as_ref(),
        dir.as_os_str(),
        "--format".as_ref(),
        "csv".as_ref(),
    ]);
    common::assert_success(&out);
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn rules_go_out_to_a_sheet_and_back_in_place() {
    let commented = "# 财务制度\ntitle = \"财务报销制度\"   # 《》不写\narea = \"财务\"\nadopted = 2008-09-01\nrevised = [2010-03-01]\nowner = \"会计室\"\nnotes = \"\"\"\n**第一条** 报销须凭合法有效的原始票据。\n\n**第二条** 单笔 500 元以上由分管校长审批。\n\"\"\"\n";
    let r = fixture().with("rules/Z-1.toml", commented);
    let sheet = r.path().join("制度.csv");
    std::fs::write(&sheet, export(r.path())).unwrap();
    let csv = std::fs::read_to_string(&sheet).unwrap();
    assert!(
        csv.starts_with("\u{feff}编号,制度名称,类别,施行日期,修订日期,废止日期,负责人,备注\n"),
        "{csv}"
    );
    assert!(
        csv.contains("Z-8,用电安全管理制度,安全,2011-10-01,2011-12-01、2012-06-01,2012-07-01,"),
        "revisions in one cell: {csv}"
    );
    let import = || {
        zongwu(&[
            "import".as_ref(),
            "rule".as_ref(),
            sheet.as_os_str(),
            r.path().as_os_str(),
        ])
    };
    let again = import();
    common::assert_success(&again);
    assert!(
        String::from_utf8_lossy(&again.stderr).contains("新增 0，更新 0，未变 8"),
        "{}",
        String::from_utf8_lossy(&again.stderr)
    );
    assert!(again.stdout.is_empty(), "no file written");
    // A revision added in the sheet: only that line of the file changes.
    std::fs::write(
        &sheet,
        csv.replace(",2010-03-01,", ",2010-03-01、2011-09-10,"),
    )
    .unwrap();
    let out = import();
    common::assert_success(&out);
    assert_eq!(
        std::fs::read_to_string(r.path().join("rules/Z-1.toml")).unwrap(),
        commented.replace(
            "revised = [2010-03-01]",
            "revised = [2010-03-01, 2011-09-10]"
        )
    );
    // A date that is not one is the check's error, at its row and column.
    std::fs::write(
        &sheet,
        csv.replace(",2010-03-01,", ",2010-03-01、2011-13-01,"),
    )
    .unwrap();
    let bad = zongwu(&[
        "import".as_ref(),
        "rule".as_ref(),
        sheet.as_os_str(),
        r.path().as_os_str(),
        "--lang".as_ref(),
        "en".as_ref(),
    ]);
    assert_eq!(bad.status.code(), Some(1));
    let said = String::from_utf8_lossy(&bad.stderr);
    assert!(said.contains("row 2, column \"修订日期\""), "{said}");
    // The whole folder gone, the sheet brings it back as it was.
    std::fs::write(&sheet, export(r.path())).unwrap();
    let before = export(r.path());
    std::fs::remove_dir_all(r.path().join("rules")).unwrap();
    let back = import();
    common::assert_success(&back);
    assert_eq!(String::from_utf8(back.stdout).unwrap().lines().count(), 8);
    assert_eq!(export(r.path()), before);
    let text = std::fs::read_to_string(r.path().join("rules/Z-1.toml")).unwrap();
    assert!(
        text.ends_with("notes = \"\"\"\n**第一条** 报销须凭合法有效的原始票据。\n\n**第二条** 单笔 500 元以上由分管校长审批。\n\"\"\"\n"),
        "the text written as lines: {text}"
    );
    assert_eq!(r.check(), (vec![], 0));
}

/// A TOML document as JSON, dates as `YYYY-MM-DD` strings (as editors validate them).
fn as_json(value: toml::Value) -> Value {
    match value {
        toml::Value::String(s) => s.into(),
        toml::Value::Integer(i) => i.into(),
        toml::Value::Float(f) => f.into(),
        toml::Value::Boolean(b) => b.into(),
        toml::Value::Datetime(d) => d.to_string().into(),
        toml::Value::Array(a) => a.into_iter().map(as_json).collect(),
        toml::Value::Table(t) => t.into_iter().map(|(k, v)| (k, as_json(v))).collect(),
    }
}

#[test]
fn the_schema_covers_rules() {
    let out = tempfile::tempdir().unwrap();
    std::fs::write(out.path().join("zongwu.toml"), common::CONFIG).unwrap();
    let run = zongwu(&["schema".as_ref(), "--out".as_ref(), out.path().as_os_str()]);
    common::assert_success(&run);
    let taplo = std::fs::read_to_string(out.path().join(".taplo.toml")).unwrap();
    assert!(taplo.contains(
        "include = [\"rules/**/*.toml\"]\n[rule.schema]\npath = \"schemas/rule.schema.json\""
    ));
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string(out.path().join("schemas/rule.schema.json")).unwrap(),
    )
    .unwrap();
    let v = jsonschema::validator_for(&schema).expect("a valid schema");
    let json = |text: &str| as_json(toml::Value::Table(text.parse().unwrap()));
    let rules = common::example_records().join("rules");
    let files = common::files_under(&rules);
    assert_eq!(files.len(), 58, "the example rule book");
    for file in files {
        let text = std::fs::read_to_string(rules.join(&file)).unwrap();
        let errors: Vec<String> = v.iter_errors(&json(&text)).map(|e| e.to_string()).collect();
        assert!(errors.is_empty(), "{file}: {errors:?}");
    }
    let good = rule("x", "财务", "2011-09-01", "revised = [2011-10-01]\n");
    assert!(v.is_valid(&json(&good)));
    for bad in [
        rule("x", "财务", "2011-09-01", "revised = 2011-10-01\n"),
        rule("x", "财务", "2011-09-01", "revize = [2011-10-01]\n"),
        good.replace("area = \"财务\"\n", ""),
    ] {
        assert!(!v.is_valid(&json(&bad)), "{bad}");
    }
}

/// Builds `records` into `out` on 2012-05-01, in `lang`; what it said.
fn build(records: &Records, out: &Path, lang: &str) -> String {
    records.build(out, "2012-05-01", lang)
}

/// A page of a built site.
fn read(site: &Path, page: &str) -> String {
    std::fs::read_to_string(site.join(page)).unwrap_or_else(|e| panic!("{page}: {e}"))
}

#[test]
fn the_index_each_rules_page_and_the_rule_book_link_to_each_other() {
    let r = fixture().with(
        "rules/Z-1.toml",
        rule(
            "财务报销制度",
            "财务",
            "2008-09-01",
            "revised = [2010-03-01, 2011-09-10]\nowner = \"会计室\"\nnotes = \"\"\"\n**第一条** 报销须凭发票。<script>alert(1)</script>\n\n**第二条** 单笔 500 元以上由分管校长审批。\n\"\"\"\n",
        ),
    );
    let work = tempfile::tempdir().unwrap();
    let site = work.path().join("site");
    build(&r, &site, "zh-CN");
    let index = read(&site, "rules/index.html");
    let page = read(&site, "rules/Z-1.html");
    let book = read(&site, "rules/book.html");
    let home = read(&site, "index.html");
    assert!(
        home.contains("<a href=\"rules/index.html\">规章制度</a>"),
        "in the navigation"
    );
    // The index: a row per rule that exists on the day, with its status, linking to
    // its page and to the rule book.
    assert!(index.contains("<a href=\"book.html\">规章制度汇编 →</a>"));
    assert!(index.contains("href=\"../rules/Z-1.html\""));
    assert!(!index.contains("Z-7"), "adopted after the day in question");
    assert!(
        index.contains("<span class=\"status status-retired\">已废止</span>"),
        "Z-3"
    );
    assert_eq!(index.matches("status-in-force").count(), 6);
    // The rule's page: back to the index, since when in force, its revisions, its text.
    assert!(page.contains("<a href=\"../rules/index.html\">规章制度</a>"));
    assert!(page.contains("自2008年9月1日起施行"));
    assert!(page.contains("<h2>修订记录</h2>") && page.contains("第2次修订"));
    assert!(page.contains("<h2>条文</h2>") && page.contains("<strong>第一条</strong>"));
    assert!(!page.contains("<script>alert"), "the text is sanitised");
    // The rule book: back to the index, every rule linked, by area in order, each
    // area with how many of its rules are in force, those retired at its end.
    assert!(book.contains("<a href=\"index.html\">规章制度</a>"));
    assert!(book.contains("统计日期：2012-05-01"));
    assert!(book.contains("共 7 项，现行 6 项"));
    for id in ["Z-1", "Z-2", "Z-3", "Z-4", "Z-5", "Z-6", "Z-8"] {
        assert!(
            book.contains(&format!("href=\"../rules/{id}.html\"")),
            "{id}"
        );
    }
    let at = |text: &str| book.find(text).unwrap_or_else(|| panic!("{text}"));
    let headings: Vec<usize> = ["安全", "环境", "财务", "食堂"]
        .iter()
        .map(|area| at(&format!("<h2>{area} <span class=\"book-count\">")))
        .collect();
    assert!(headings.is_sorted(), "areas in the order of their names");
    assert!(book.contains("<h2>安全 <span class=\"book-count\">现行 2 项</span></h2>"));
    assert!(book.contains("<h2>食堂 <span class=\"book-count\">现行 1 项</span></h2>"));
    assert!(at("Z-2.html") > at("Z-1.html"), "by the day adopted");
    assert!(book.contains("修订：2010年3月1日、2011年9月10日"));
    assert!(
        !book.contains("2012年6月1日"),
        "Z-8's revision has not happened yet"
    );
    assert!(book.contains("<strong>第一条</strong> 报销须凭发票。"));
    assert!(!book.contains("<script>alert"), "the text is sanitised");
    let retired = at("<h3>已废止的制度</h3>");
    assert!(retired > at("Z-4.html") && at("Z-3.html") > retired);
    assert!(book.contains("自2006年9月1日起施行，2012年2月10日废止"));
    assert_eq!(book.matches("status-retired").count(), 1);

    let en = work.path().join("en");
    build(&r, &en, "en");
    let book = read(&en, "rules/book.html");
    assert!(book.contains("<h1 class=\"page-title\">The rule book in full</h1>"));
    assert!(book.contains("In force since 1 September 2008"));
    assert!(book.contains("Revised: 1 March 2010, 10 September 2011"));
    assert!(book.contains("In force from 1 September 2006; retired on 10 February 2012"));
    assert!(read(&en, "rules/Z-1.html").contains("In force since 1 September 2008"));
}

/// Every file of a site with its bytes, by path.
fn contents(site: &Path) -> Vec<(String, Vec<u8>)> {
    common::files_under(site)
        .into_iter()
        .map(|rel| {
            let bytes = std::fs::read(site.join(&rel)).unwrap();
            (rel, bytes)
        })
        .collect()
}

#[test]
fn a_saved_rule_updates_the_rule_book_in_place_as_a_whole_build_does() {
    let r = fixture()
        .with("repairs/R-1.toml", "title = \"灯管不亮\"\nlocation = \"1号教学楼101\"\nreported = 2011-09-05\nreporter = \"高一(1)班班主任\"\n");
    let work = tempfile::tempdir().unwrap();
    let site = work.path().join("site");
    build(&r, &site, "en");
    let edits: [(&str, String); 2] = [
        // Moved to another area, renamed, revised, with a text.
        (
            "rules/Z-2.toml",
            rule(
                "预算管理办法",
                "校产",
                "2011-09-01",
                "revised = [2012-03-01, 2012-04-01]\nnotes = \"**第一条** 月头有预算。\"\n",
            ),
        ),
        // Retired before the day in question.
        (
            "rules/Z-1.toml",
            rule(
                "财务报销制度",
                "财务",
                "2008-09-01",
                "retired = 2012-04-30\n",
            ),
        ),
    ];
    for (n, (file, text)) in edits.iter().enumerate() {
        let before = read(&site, "rules/book.html");
        r.write(file, text);
        let said = build(&r, &site, "en");
        assert!(
            said.lines().any(|l| l.starts_with("updated")),
            "round {n}: updated in place: {said}"
        );
        assert_ne!(read(&site, "rules/book.html"), before, "round {n}");
        let whole = work.path().join(format!("whole-{n}"));
        let said = build(&r, &whole, "en");
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
    let book = read(&site, "rules/book.html");
    assert!(book.contains("Revised: 1 March 2012, 1 April 2012"));
    assert!(book.contains("In force from 1 September 2008; retired on 30 April 2012"));
}

#[test]
fn the_example_rule_book_is_the_seed_reports_58_rules_in_five_areas() {
    let out = zongwu(&[
        "stats".as_ref(),
        "--format".as_ref(),
        "json".as_ref(),
        "--semester".as_ref(),
        "2011-2012-1".as_ref(),
        common::example_records().as_os_str(),
    ]);
    common::assert_success(&out);
    let stats: Value = serde_json::from_slice(&out.stdout).unwrap();
    // 从财务、校产、安全、食堂、环境等五个方面制定并完善制度58个: 11 of them drawn up
    // within the semester, 10 revised within it.
    assert_eq!(
        stats["rules"],
        json!({"in_force": 58, "adopted": 11, "revised": 10,
               "in_force_by_area": {"财务": 12, "校产": 12, "安全": 14, "食堂": 10, "环境": 10}})
    );
}
