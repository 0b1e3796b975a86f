//! `zongwu check`: one test per rule, each on a small records folder, asserting the
//! exact codes, files and lines reported.

mod common;

use common::{Records, zongwu};

const ASSET: &str = "name = \"书架\"\ncategory = \"家具\"\nlocation = \"图书馆\"\nunit_price = 650\nacquired = 2011-09-01\n";
const REPAIR: &str = "title = \"灯管不亮\"\nlocation = \"1号教学楼101\"\nreported = 2011-09-05\nreporter = \"高一(1)班班主任\"\n";
const PURCHASE: &str = "title = \"书架采购\"\ncategory = \"家具\"\nmethod = \"direct\"\nrequester = \"图书馆\"\nrequested = 2011-09-01\n\n[[items]]\nname = \"书架\"\nquantity = 2\nunit_price = 650\n";
const INSPECTION: &str =
    "title = \"安全检查\"\ntype = \"safety\"\ndate = 2011-09-10\ninspector = \"李老师\"\n";

/// `(code, file, line)` triples, as the tests write them.
fn expect(list: &[(&str, &str, Option<u64>)]) -> Vec<(String, String, Option<u64>)> {
    list.iter()
        .map(|(c, f, l)| (c.to_string(), f.to_string(), *l))
        .collect()
}

/// A folder with one file; its diagnostics.
fn one(path: &str, text: &str) -> Vec<(String, String, Option<u64>)> {
    Records::new().with(path, text).codes()
}

#[test]
fn valid_records_of_every_kind_are_clean() {
    let r = Records::new()
        .with("assets/A-1.toml", ASSET)
        .with("repairs/2011/R-1.toml", REPAIR)
        .with("purchases/P-1.toml", PURCHASE)
        .with("inspections/I-1.toml", INSPECTION)
        .with("budgets/2011-09.toml", "[lines]\n\"维修\" = 3000\n")
        .with(
            "summaries/2011-2012-1.md",
            "受理报修{{ stats.repairs.reported }}项。\n",
        );
    assert_eq!(r.check(), (vec![], 0));
}

#[test]
fn the_example_records_are_clean() {
    let out = zongwu(&["check".as_ref(), common::example_records().as_os_str()]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("检查通过"));
}

#[test]
fn a_generated_folder_of_1000_records_is_clean() {
    let dir = tempfile::tempdir().unwrap();
    common::generate(dir.path(), 1000);
    let out = zongwu(&[
        "check".as_ref(),
        "--format".as_ref(),
        "json".as_ref(),
        dir.path().as_os_str(),
    ]);
    // The generator writes a budget for the August before the first semester begins
    // (on the 20th): the one warning, W006, says that no semester counts it.
    let found: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let found: Vec<(&str, &str)> = found
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["code"].as_str().unwrap(), d["file"].as_str().unwrap()))
        .collect();
    assert_eq!(found, [("W006", "budgets/2011-08.toml")]);
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn usage_and_io_errors_exit_2() {
    let missing = zongwu(&["check", "/no/such/folder"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("/no/such/folder"));
    let no_config = Records::empty()
        .with("assets/A-1.toml", ASSET)
        .run(&["check"]);
    assert_eq!(no_config.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&no_config.stderr).contains("zongwu.toml"));
    assert_eq!(zongwu(&["check", "--format", "xml"]).status.code(), Some(2));
    assert!(zongwu(&["check", "--help"]).status.success());
}

#[test]
fn e001_syntax_errors_point_at_the_spot() {
    let d = Records::new()
        .with("repairs/R-1.toml", "title = \"灯管\nlocation = 1号楼\n")
        .check()
        .0;
    let found: Vec<(&str, Option<u64>)> = d.iter().map(|d| (d.code.as_str(), d.line)).collect();
    // After the broken line, the rest of the file is read: the next line's text has no
    // quotes, and two keys are missing (not `title` and `location`, on broken lines).
    assert_eq!(
        found,
        [
            ("E010", None),
            ("E010", None),
            ("E001", Some(1)),
            ("E009", Some(2))
        ]
    );
    assert_eq!(
        (d[2].line, d[2].column),
        (Some(1), Some(12)),
        "the end of the unclosed string"
    );
    assert_eq!(d[3].hint.as_deref(), Some("write: location = \"1号楼\""));
}

#[test]
fn e002_other_encodings_are_named_with_a_fix() {
    let gbk = Records::new().with(
        "assets/A-1.toml",
        b"name = \"\xca\xe9\xbc\xdc\"\n".as_slice(),
    );
    let (d, code) = gbk.check();
    assert_eq!(code, 1);
    assert_eq!((d[0].code.as_str(), d[0].line), ("E002", None));
    assert!(d[0].message.contains("GBK") && d[0].hint.as_deref().unwrap().contains("iconv"));
    let utf16 = Records::new()
        .with("assets/A-1.toml", b"\xff\xfen\x00a\x00".as_slice())
        .check()
        .0;
    assert!(utf16[0].message.contains("UTF-16"));
}

#[test]
fn bom_and_crlf_are_accepted() {
    let text = format!("\u{feff}{}", ASSET.replace('\n', "\r\n"));
    assert_eq!(one("assets/A-1.toml", &text), vec![]);
}

#[test]
fn e010_missing_keys_an_empty_file_reports_only_them() {
    assert_eq!(
        one("repairs/R-1.toml", ""),
        expect(&[
            ("E010", "repairs/R-1.toml", None),
            ("E010", "repairs/R-1.toml", None),
            ("E010", "repairs/R-1.toml", None),
            ("E010", "repairs/R-1.toml", None),
        ])
    );
    let item = PURCHASE.replace("quantity = 2\n", "");
    assert_eq!(
        one("purchases/P-1.toml", &item),
        expect(&[("E010", "purchases/P-1.toml", Some(7))])
    );
}

#[test]
fn e011_unknown_keys_suggest_the_closest() {
    let (d, _) = Records::new()
        .with("assets/A-1.toml", ASSET.replace("category", "categroy"))
        .check();
    // One mistake, one diagnostic: the misspelled name, naming the key it should be.
    let codes: Vec<_> = d.iter().map(|d| (d.code.as_str(), d.line)).collect();
    assert_eq!(codes, vec![("E011", Some(2))]);
    assert_eq!(
        d[0].message,
        "`categroy` is written where the required key `category` belongs"
    );
    assert_eq!(d[0].hint.as_deref(), Some("rename the key to `category`"));
    assert_eq!(d[0].column, Some(1));
    let (d, _) = Records::new()
        .with("assets/A-1.toml", ASSET.replace("unit_price", "price"))
        .check();
    assert_eq!(
        (d.len(), d[0].hint.as_deref()),
        (1, Some("rename the key to `unit_price`"))
    );
    // An optional key misspelled is still an unknown key with a suggestion.
    let (d, _) = Records::new()
        .with("assets/A-1.toml", format!("{ASSET}custodain = \"王\"\n"))
        .check();
    assert_eq!(d[0].hint.as_deref(), Some("did you mean `custodian`?"));
}

#[test]
fn e012_wrong_types() {
    let text = ASSET
        .replace("\"书架\"", "42")
        .replace("unit_price = 650", "unit_price = true");
    assert_eq!(
        one("assets/A-1.toml", &text),
        expect(&[
            ("E012", "assets/A-1.toml", Some(1)),
            ("E012", "assets/A-1.toml", Some(4))
        ])
    );
}

#[test]
fn e013_quoted_dates_and_e014_times() {
    let (d, _) = Records::new()
        .with(
            "assets/A-1.toml",
            ASSET.replace("2011-09-01", "\"2011-09-01\""),
        )
        .check();
    assert_eq!((d[0].code.as_str(), d[0].line), ("E013", Some(5)));
    assert_eq!(
        d[0].hint.as_deref(),
        Some("remove the quotes: write 2011-09-01")
    );
    let timed = one(
        "assets/A-1.toml",
        &ASSET.replace("2011-09-01", "2011-09-01T08:00:00"),
    );
    assert_eq!(timed, expect(&[("E014", "assets/A-1.toml", Some(5))]));
}

#[test]
fn e015_amounts() {
    for bad in ["650.555", "-5", "\"abc\"", "1e3"] {
        let d = one("assets/A-1.toml", &ASSET.replace("650", bad));
        assert_eq!(d, expect(&[("E015", "assets/A-1.toml", Some(4))]), "{bad}");
    }
    for good in ["650.5", "\"650.50\"", "0.01", "1_000"] {
        assert_eq!(
            one("assets/A-1.toml", &ASSET.replace("650", good)),
            vec![],
            "{good}"
        );
    }
}

#[test]
fn e016_choices_suggest_the_closest() {
    let (d, _) = Records::new()
        .with(
            "purchases/P-1.toml",
            PURCHASE.replace("\"direct\"", "\"drect\""),
        )
        .check();
    assert_eq!((d[0].code.as_str(), d[0].line), ("E016", Some(3)));
    assert_eq!(d[0].hint.as_deref(), Some("did you mean \"direct\"?"));
    let far = Records::new()
        .with("inspections/I-1.toml", INSPECTION.replace("safety", "zzz"))
        .check()
        .0;
    assert!(
        far[0].hint.as_deref().unwrap().contains("\"asset-audit\""),
        "lists the choices"
    );
}

#[test]
fn e017_numbers_out_of_range() {
    assert_eq!(
        one(
            "purchases/P-1.toml",
            &PURCHASE.replace("quantity = 2", "quantity = 0")
        ),
        expect(&[("E017", "purchases/P-1.toml", Some(9))])
    );
    let scores = INSPECTION.replace("safety", "property")
        + "\n[[scores]]\nclass = \"高一(1)班\"\nscore = 101\n";
    assert_eq!(
        one("inspections/I-1.toml", &scores),
        expect(&[("E017", "inspections/I-1.toml", Some(8))])
    );
}

#[test]
fn e018_empty_items() {
    let text = PURCHASE.split("\n[[items]]").next().unwrap().to_owned() + "items = []\n";
    assert_eq!(
        one("purchases/P-1.toml", &text),
        expect(&[("E018", "purchases/P-1.toml", Some(6))])
    );
}

#[test]
fn e020_invalid_ids_and_e021_duplicates_across_folders() {
    assert_eq!(
        one("assets/资产 1.toml", ASSET),
        expect(&[("E020", "assets/资产 1.toml", None)])
    );
    let r = Records::new()
        .with("assets/2010/A-1.toml", ASSET)
        .with("assets/2011/A-1.toml", ASSET);
    let (d, code) = r.check();
    assert_eq!(code, 1);
    assert_eq!(
        (d.len(), d[0].code.as_str(), d[0].file.as_str()),
        (1, "E021", "assets/2011/A-1.toml")
    );
    assert!(d[0].message.contains("assets/2010/A-1.toml"));
}

#[test]
fn e022_every_reference_resolves() {
    let r = Records::new()
        .with("assets/A-1.toml", format!("{ASSET}purchase = \"P-9\"\n"))
        .with("repairs/R-1.toml", format!("{REPAIR}asset = \"A-2\"\n"))
        .with(
            "inspections/I-1.toml",
            format!("{INSPECTION}\n[[findings]]\ndescription = \"x\"\nseverity = \"low\"\nrepair = \"R-9\"\n"),
        )
        .with(
            "inspections/I-2.toml",
            format!("{}\n[[audit]]\nasset = \"A-3\"\nfound = true\n", INSPECTION.replace("safety", "asset-audit")),
        );
    assert_eq!(
        r.codes(),
        expect(&[
            ("E022", "assets/A-1.toml", Some(6)),
            ("E022", "inspections/I-1.toml", Some(9)),
            ("E022", "inspections/I-2.toml", Some(7)),
            ("E022", "repairs/R-1.toml", Some(5)),
        ])
    );
    let hint = r.check().0[3].hint.clone();
    assert_eq!(hint.as_deref(), Some("did you mean \"A-1\"?"));
}

#[test]
fn e030_dates_in_order_for_every_workflow() {
    let r = Records::new()
        .with("assets/A-1.toml", format!("{ASSET}disposed = 2011-08-01\ndisposal_reason = \"坏\"\n"))
        .with("repairs/R-1.toml", format!("{REPAIR}fixed = 2011-09-04\n"))
        .with("repairs/R-2.toml", format!("{REPAIR}fixed = 2011-09-06\nverified = 2011-09-05\n"))
        .with("purchases/P-1.toml", PURCHASE.replace("requested = 2011-09-01\n", "requested = 2011-09-01\napproved = 2011-08-30\n"))
        .with(
            "inspections/I-1.toml",
            format!("{INSPECTION}\n[[findings]]\ndescription = \"x\"\nseverity = \"low\"\ndue = 2011-09-09\nrectified = 2011-09-08\n"),
        );
    assert_eq!(
        r.codes(),
        expect(&[
            ("E030", "assets/A-1.toml", Some(6)),
            ("E030", "inspections/I-1.toml", Some(9)),
            ("E030", "inspections/I-1.toml", Some(10)),
            ("E030", "purchases/P-1.toml", Some(6)),
            ("E030", "repairs/R-1.toml", Some(5)),
            ("E030", "repairs/R-2.toml", Some(6)),
        ])
    );
}

#[test]
fn e030_semester_end_before_start_and_e080_e081_overlaps() {
    let config = common::CONFIG.replace("end = 2012-02-10", "end = 2011-08-01");
    assert_eq!(
        Records::empty().with("zongwu.toml", &config).codes(),
        expect(&[("E030", "zongwu.toml", Some(13))])
    );
    let overlap = common::CONFIG.replace("start = 2012-02-11", "start = 2012-02-01");
    assert_eq!(
        Records::empty().with("zongwu.toml", &overlap).codes(),
        expect(&[("E080", "zongwu.toml", Some(18))])
    );
    let twice = common::CONFIG.replace("id = \"2011-2012-2\"", "id = \"2011-2012-1\"");
    assert_eq!(
        Records::empty().with("zongwu.toml", &twice).codes(),
        expect(&[("E081", "zongwu.toml", Some(16))])
    );
}

#[test]
fn e031_every_step_needs_the_one_before() {
    let r = Records::new()
        .with("repairs/R-1.toml", format!("{REPAIR}verified = 2011-09-06\n"))
        .with("purchases/P-1.toml", PURCHASE.replace("requested = 2011-09-01\n", "requested = 2011-09-01\npurchased = 2011-09-03\nvendor = \"某公司\"\n"))
        .with(
            "purchases/P-2.toml",
            PURCHASE.replace(
                "requested = 2011-09-01\n",
                "requested = 2011-09-01\napproved = 2011-09-02\npurchased = 2011-09-03\nvendor = \"某公司\"\nissued = 2011-09-05\n",
            ),
        );
    assert_eq!(
        r.codes(),
        expect(&[
            ("E031", "purchases/P-1.toml", Some(6)),
            ("E031", "purchases/P-2.toml", Some(9)),
            ("E031", "repairs/R-1.toml", Some(5))
        ])
    );
}

#[test]
fn e032_keys_required_by_others() {
    let r = Records::new()
        .with("assets/A-1.toml", format!("{ASSET}disposed = 2012-01-01\n"))
        .with(
            "purchases/P-1.toml",
            PURCHASE.replace(
                "requested = 2011-09-01\n",
                "requested = 2011-09-01\napproved = 2011-09-02\npurchased = 2011-09-03\n",
            ),
        )
        .with(
            "purchases/P-2.toml",
            PURCHASE.replace("\"direct\"", "\"tender\""),
        );
    assert_eq!(
        r.codes(),
        expect(&[
            ("E032", "assets/A-1.toml", Some(6)),
            ("E032", "purchases/P-1.toml", Some(7)),
            ("E032", "purchases/P-2.toml", Some(3))
        ])
    );
}

#[test]
fn e040_tender_threshold_is_inclusive() {
    let at = PURCHASE
        .replace(
            "quantity = 2\nunit_price = 650",
            "quantity = 1\nunit_price = 50000",
        )
        .replace("direct", "quotation");
    assert_eq!(
        one("purchases/P-1.toml", &at),
        expect(&[("E040", "purchases/P-1.toml", Some(3))])
    );
    let below = at.replace("50000", "49999.99");
    assert_eq!(one("purchases/P-1.toml", &below), vec![]);
}

fn tender(bids: &[(&str, bool)], vendor: &str) -> String {
    let mut text = PURCHASE.replace("\"direct\"", "\"tender\"").replace(
        "requested = 2011-09-01\n",
        &format!("requested = 2011-09-01\napproved = 2011-09-02\npurchased = 2011-09-03\nvendor = \"{vendor}\"\n"),
    );
    for (v, won) in bids {
        text.push_str(&format!(
            "\n[[bids]]\nvendor = \"{v}\"\namount = 1300\n{}",
            if *won { "won = true\n" } else { "" }
        ));
    }
    text
}

#[test]
fn e041_e042_e043_tender_bids() {
    let few = tender(&[("甲", true), ("乙", false)], "甲");
    assert_eq!(
        one("purchases/P-1.toml", &few),
        expect(&[("E041", "purchases/P-1.toml", Some(15))])
    );
    let none = tender(&[("甲", false), ("乙", false), ("丙", false)], "甲");
    assert_eq!(
        one("purchases/P-1.toml", &none),
        expect(&[("E042", "purchases/P-1.toml", Some(15))])
    );
    let two = tender(&[("甲", true), ("乙", true), ("丙", false)], "甲");
    assert_eq!(
        one("purchases/P-1.toml", &two),
        expect(&[("E042", "purchases/P-1.toml", Some(15))])
    );
    let other = tender(&[("甲", true), ("乙", false), ("丙", false)], "乙");
    assert_eq!(
        one("purchases/P-1.toml", &other),
        expect(&[("E043", "purchases/P-1.toml", Some(8))])
    );
    assert_eq!(
        one(
            "purchases/P-1.toml",
            &tender(&[("甲", true), ("乙", false), ("丙", false)], "甲")
        ),
        vec![]
    );
}

#[test]
fn e050_repair_on_an_asset_disposed_before() {
    let r = Records::new()
        .with(
            "assets/A-1.toml",
            format!("{ASSET}disposed = 2011-09-04\ndisposal_reason = \"报废\"\n"),
        )
        .with("repairs/R-1.toml", format!("{REPAIR}asset = \"A-1\"\n"))
        .with(
            "repairs/R-2.toml",
            format!(
                "{}asset = \"A-1\"\n",
                REPAIR.replace("2011-09-05", "2011-09-04")
            ),
        );
    assert_eq!(
        r.codes(),
        expect(&[("E050", "repairs/R-1.toml", Some(5))]),
        "same day is fine"
    );
}

#[test]
fn e060_scores_and_audit_only_on_their_types() {
    let r = Records::new()
        .with("assets/A-1.toml", ASSET)
        .with(
            "inspections/I-1.toml",
            format!("{INSPECTION}\n[[scores]]\nclass = \"高一(1)班\"\nscore = 90\n"),
        )
        .with(
            "inspections/I-2.toml",
            format!("{INSPECTION}\n[[audit]]\nasset = \"A-1\"\nfound = true\n"),
        );
    assert_eq!(
        r.codes(),
        expect(&[
            ("E060", "inspections/I-1.toml", Some(6)),
            ("E060", "inspections/I-2.toml", Some(6))
        ])
    );
}

#[test]
fn e070_budget_files_are_real_months() {
    let r = Records::new()
        .with("budgets/2011-13.toml", "[lines]\n\"维修\" = 1\n")
        .with("budgets/2011-9.toml", "[lines]\n\"维修\" = 1\n")
        .with("budgets/2011-09.toml", "[lines]\n\"维修\" = 1\n");
    assert_eq!(
        r.codes(),
        expect(&[
            ("E070", "budgets/2011-13.toml", None),
            ("E070", "budgets/2011-9.toml", None)
        ])
    );
}

#[test]
fn e090_e091_narrative_expressions_are_checked() {
    let r = Records::new().with(
        "summaries/2011-2012-1.md",
        "# 总结\n\n完成维修{{ stats.repairs.fxed }}项。\n\n{{ stats.repairs. }}\n",
    );
    let (d, code) = r.check();
    assert_eq!(code, 1);
    assert_eq!(
        (d[0].code.as_str(), d[0].file.as_str()),
        ("E090", "summaries/2011-2012-1.md")
    );
    let unknown = Records::new()
        .with(
            "summaries/2011-2012-1.md",
            "# 总结\n\n完成维修{{ stats.repairs.fxed }}项。\n",
        )
        .check()
        .0;
    assert_eq!(
        (unknown[0].code.as_str(), unknown[0].line),
        ("E091", Some(3))
    );
}

#[test]
fn warnings_do_not_fail() {
    let r = Records::new()
        .with("inspections/readme.txt", "说明")
        .with("summaries/2099-1.md", "未来")
        .with("assets/.gitkeep", "");
    let (d, code) = r.check();
    assert_eq!(code, 0);
    let got: Vec<_> = d
        .iter()
        .map(|d| (d.code.as_str(), d.file.as_str(), d.severity.as_str()))
        .collect();
    assert_eq!(
        got,
        vec![
            ("W001", "inspections/readme.txt", "warning"),
            ("W002", "summaries/2099-1.md", "warning")
        ]
    );
}

#[cfg(unix)]
#[test]
fn links_never_lead_out_of_the_records() {
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("x.toml"), ASSET).unwrap();
    std::fs::create_dir(outside.path().join("d")).unwrap();
    let r = Records::new().with("assets/A-1.toml", ASSET);
    std::os::unix::fs::symlink(
        outside.path().join("x.toml"),
        r.path().join("assets/A-2.toml"),
    )
    .unwrap();
    std::os::unix::fs::symlink(outside.path().join("d"), r.path().join("assets/more")).unwrap();
    std::os::unix::fs::symlink(
        r.path().join("assets/A-1.toml"),
        r.path().join("repairs.toml"),
    )
    .unwrap();
    assert_eq!(
        r.codes(),
        expect(&[
            ("E004", "assets/A-2.toml", None),
            ("W003", "assets/more", None)
        ])
    );
}

#[test]
fn output_is_sorted_deterministic_and_in_both_languages() {
    let r = Records::new()
        .with("repairs/R-2.toml", "title = 1\n")
        .with("assets/A-1.toml", ASSET.replace("650", "-1"))
        .with(
            "repairs/R-1.toml",
            format!("{REPAIR}fixed = 2011-09-01\ncost = 1.234\n"),
        );
    let first = r.run(&["check"]);
    assert_eq!(
        first.stdout,
        r.run(&["check"]).stdout,
        "same input, same bytes"
    );
    let text = String::from_utf8(first.stdout).unwrap();
    let order: Vec<_> = [
        "assets/A-1.toml:4:14",
        "repairs/R-1.toml:5:9",
        "repairs/R-1.toml:6:8",
        "repairs/R-2.toml",
    ]
    .iter()
    .map(|p| text.find(p).unwrap_or_else(|| panic!("{p} in {text}")))
    .collect();
    assert!(
        order.windows(2).all(|w| w[0] < w[1]),
        "sorted by file, line, column"
    );
    assert!(text.contains("错误[E015 invalid-amount]") && text.contains("提示:"));
    assert!(
        text.contains("4 | unit_price = -1"),
        "the source line is shown"
    );
    let en = String::from_utf8(r.run(&["check", "--lang", "en"]).stdout).unwrap();
    assert!(
        en.contains("error[E015 invalid-amount]") && en.contains("help:") && !en.contains("错误")
    );
    let config_en = Records::empty()
        .with("zongwu.toml", common::CONFIG.replace("zh-CN", "en"))
        .with("assets/A-1.toml", "x = 1\n");
    assert!(
        String::from_utf8(config_en.run(&["check"]).stdout)
            .unwrap()
            .contains("unknown key")
    );
}

/// A tiny deterministic generator of random bytes (xorshift), so the test needs no crate.
struct Noise(u64);

impl Noise {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

#[test]
fn arbitrary_bytes_never_panic() {
    let r = Records::new();
    let mut noise = Noise(0x2011_2012);
    let valid = [ASSET, REPAIR, PURCHASE, INSPECTION];
    for n in 0..240 {
        let kind = ["assets", "repairs", "purchases", "inspections", "budgets"][n % 5];
        let mut bytes: Vec<u8> = if n % 3 == 0 {
            (0..noise.next() % 400)
                .map(|_| noise.next() as u8)
                .collect()
        } else {
            valid[n % 4].as_bytes().to_vec()
        };
        for _ in 0..(noise.next() % 6) {
            if bytes.is_empty() {
                break;
            }
            let at = (noise.next() as usize) % bytes.len();
            match noise.next() % 4 {
                0 => bytes.truncate(at),
                1 => bytes[at] = noise.next() as u8,
                2 => bytes.insert(at, b"\"[]{}=#\n\\"[(noise.next() % 9) as usize]),
                _ => bytes.insert(at, 0xE4),
            }
        }
        r.write(&format!("{kind}/X-{n}.toml"), bytes);
    }
    let out = r.run(&["check", "--format", "json"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "exit {:?}: {stderr}",
        out.status.code()
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
    let diags: Vec<common::Diag> = serde_json::from_slice(&out.stdout).expect("valid JSON");
    assert!(diags.len() > 100);
    let human = r.run(&["check"]);
    assert_eq!(human.status.code(), Some(1));
}

#[test]
fn e019_required_text_must_not_be_blank() {
    let text = ASSET.replace("\"图书馆\"", "\"  \"");
    assert_eq!(
        one("assets/A-1.toml", &text),
        expect(&[("E019", "assets/A-1.toml", Some(3))])
    );
}

#[test]
fn a_blank_vendor_or_disposal_reason_is_as_good_as_none() {
    let purchase = PURCHASE.replace(
        "requested = 2011-09-01\n",
        "requested = 2011-09-01\napproved = 2011-09-02\npurchased = 2011-09-03\nvendor = \" \"\n",
    );
    assert_eq!(
        one("purchases/P-1.toml", &purchase),
        expect(&[("E019", "purchases/P-1.toml", Some(8))])
    );
    let asset = format!("{ASSET}disposed = 2012-01-01\ndisposal_reason = \"\"\n");
    assert_eq!(
        one("assets/A-1.toml", &asset),
        expect(&[("E032", "assets/A-1.toml", Some(6))])
    );
}

#[test]
fn a_quantity_too_large_to_count_gives_the_range() {
    let text = format!("{ASSET}quantity = 4294967296\n");
    let (d, _) = Records::new().with("assets/A-1.toml", &text).check();
    assert_eq!((d[0].code.as_str(), d[0].line), ("E017", Some(6)));
    assert_eq!(
        d[0].hint.as_deref(),
        Some("write a number from 1 to 4294967295")
    );
}

// Regressions found by a second, independent set of rule tests.

#[test]
fn the_missing_key_hint_inside_a_table_is_a_line_to_write_there() {
    let text = format!("{PURCHASE}\n[[items]]\nname = \"书桌\"\nunit_price = 300\n");
    let (d, _) = Records::new().with("purchases/P-1.toml", &text).check();
    assert_eq!((d[0].code.as_str(), d[0].line), ("E010", Some(12)));
    assert_eq!(d[0].message, "missing required key `items[2].quantity`");
    assert_eq!(d[0].hint.as_deref(), Some("add a line `quantity = …`"));
}

#[test]
fn a_hexadecimal_score_is_read_with_its_base() {
    let text = INSPECTION.replace("safety", "property")
        + "\n[[scores]]\nclass = \"高一(1)班\"\nscore = 0x65\n";
    assert_eq!(
        one("inspections/I-1.toml", &text),
        expect(&[("E017", "inspections/I-1.toml", Some(8))])
    );
}

#[test]
fn the_id_is_the_file_stem_even_with_a_double_extension() {
    let r = Records::new()
        .with("assets/A-1.toml", ASSET)
        .with("assets/A-1.toml.toml", ASSET)
        .with(
            "repairs/R-1.toml",
            format!("{REPAIR}asset = \"A-1.toml\"\n"),
        );
    assert_eq!(r.check(), (vec![], 0));
}

#[test]
fn a_broken_config_does_not_make_every_summary_an_orphan() {
    let summary = "完成维修{{ stats.repairs.fixed }}项。\n";
    let syntax = Records::empty()
        .with(
            "zongwu.toml",
            common::CONFIG.replace("name = \"实验中学\"", "name = 实验中学"),
        )
        .with("summaries/2011-2012-1.md", summary);
    assert_eq!(syntax.codes(), expect(&[("E009", "zongwu.toml", Some(2))]));
    let broken_semester = Records::empty()
        .with(
            "zongwu.toml",
            common::CONFIG.replace("title = \"2011-2012学年度第二学期\"\n", ""),
        )
        .with("summaries/2011-2012-1.md", summary);
    assert_eq!(
        broken_semester.codes(),
        expect(&[("E010", "zongwu.toml", Some(15))])
    );
}

#[cfg(unix)]
#[test]
fn a_linked_kind_folder_is_not_followed() {
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("A-9.toml"), "this = = is not read\n").unwrap();
    let r = Records::new();
    std::os::unix::fs::symlink(outside.path(), r.path().join("assets")).unwrap();
    assert_eq!(r.codes(), expect(&[("W003", "assets", None)]));
}

#[test]
fn what_a_chinese_keyboard_and_excel_type_is_answered_in_chinese() {
    let file = "name = “灭火器”\ncategory = \"消防\"，\nlocation ＝ \"1号楼\"\nquantity = １２\nunit_price = 1,200\nacquired = 2011年9月1日\nnotes = \"a\" \"b\"\n";
    let r = Records::new().with("assets/A-1.toml", file);
    let out = r.run(&["check", "--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    let found: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    let got: Vec<(&str, u64, &str)> = found
        .iter()
        .map(|d| {
            let hint = d["hint"].as_str().unwrap();
            (
                d["code"].as_str().unwrap(),
                d["line"].as_u64().unwrap(),
                hint,
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("E006", 1, "改成：name = \"灭火器\""),
            ("E006", 2, "改成：category = \"消防\""),
            ("E006", 3, "改成：location = \"1号楼\""),
            ("E006", 4, "改成：quantity = 12"),
            ("E008", 5, "改成：unit_price = 1200"),
            ("E007", 6, "改成：acquired = 2011-09-01"),
            (
                "E001",
                7,
                "每行写成 键 = 值：文字加英文双引号（\"灭火器\"），日期写成 2011-09-01，数字只写数字（1200）"
            ),
        ]
    );
    // No parser English in Chinese output.
    for d in &found {
        let message = d["message"].as_str().unwrap();
        assert!(
            !message.contains("expected") && !message.contains("value"),
            "{message}"
        );
    }
    assert!(
        found[0]["message"]
            .as_str()
            .unwrap()
            .contains("全角字符 “ ”")
    );
}

#[test]
fn after_a_broken_line_the_rest_of_the_file_is_still_checked() {
    // The broken date is reported once (not also as missing); the unknown key and the
    // wrong type below it are found too.
    let file = ASSET.replace("acquired = 2011-09-01", "acquired = 2011/9/1")
        + "colour = \"红\"\nquantity = \"两个\"\n";
    let d = one("assets/A-1.toml", &file);
    assert_eq!(
        d,
        expect(&[
            ("E007", "assets/A-1.toml", Some(5)),
            ("E011", "assets/A-1.toml", Some(6)),
            ("E012", "assets/A-1.toml", Some(7)),
        ])
    );
}

#[test]
fn choices_are_read_in_their_chinese_words_too() {
    let purchase = PURCHASE.replace("method = \"direct\"", "method = \"询价\"");
    let inspection = format!(
        "{}\n[[findings]]\ndescription = \"灭火器过期\"\nseverity = \"中\"\n",
        INSPECTION.replace("type = \"safety\"", "type = \"消防检查\"")
    );
    let r = Records::new()
        .with("purchases/P-1.toml", purchase)
        .with("inspections/I-1.toml", inspection);
    assert_eq!(r.check(), (vec![], 0));
    let json = r.run(&["stats", "--format", "json", "--semester", "2011-2012-1"]);
    let stats: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(stats["purchases"]["by_method"]["quotation"]["count"], 1);
    assert_eq!(stats["inspections"]["by_type"]["fire"], 1);
    // A wrong word lists the choices in both spellings.
    let bad = PURCHASE.replace("method = \"direct\"", "method = \"比价\"");
    let d = one("purchases/P-1.toml", &bad);
    assert_eq!(d, expect(&[("E016", "purchases/P-1.toml", Some(3))]));
    let zh = Records::new().with("purchases/P-1.toml", bad);
    let out = zh.run(&["check", "--format", "json"]);
    let found: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        found[0]["hint"],
        "可选值：\"招标\"（或 \"tender\"）、\"政府采购\"（或 \"government\"）、\"询价\"（或 \"quotation\"）、\"直接采购\"（或 \"direct\"）"
    );
}

#[test]
fn a_price_left_at_zero_is_an_error() {
    let asset = ASSET.replace("unit_price = 650", "unit_price = 0");
    assert_eq!(
        one("assets/A-1.toml", &asset),
        expect(&[("E033", "assets/A-1.toml", Some(4))])
    );
    let item = PURCHASE.replace("unit_price = 650", "unit_price = \"0.00\"");
    assert_eq!(
        one("purchases/P-1.toml", &item),
        expect(&[("E033", "purchases/P-1.toml", Some(10))])
    );
}

#[test]
fn a_toml_file_outside_the_record_folders_is_named() {
    let r = Records::new()
        .with("assets/A-1.toml", ASSET)
        .with("报修/2011/R-2011-0001.toml", "title = \"灯\"\n")
        .with("Repairs/R-1.toml", "title = \"灯\"\n")
        .with("A-2011-0002.toml", ASSET)
        .with("notes.toml", "a = 1\n")
        .with(".vscode/settings.toml", "a = 1\n")
        .with("schemas/x.toml", "a = 1\n")
        .with("site/index.html", "<html>")
        .with("site/x.toml", "a = 1\n");
    let (d, code) = r.check();
    assert_eq!(code, 0, "warnings only");
    let found: Vec<(&str, &str, Option<&str>)> = d
        .iter()
        .map(|d| (d.code.as_str(), d.file.as_str(), d.hint.as_deref()))
        .collect();
    assert_eq!(
        found,
        [
            (
                "W007",
                "A-2011-0002.toml",
                Some("if it is a record, move it into the assets/ folder")
            ),
            (
                "W007",
                "Repairs/R-1.toml",
                Some("if it is a record, move it into the repairs/ folder")
            ),
            (
                "W007",
                "notes.toml",
                Some(
                    "records go in assets/, repairs/, purchases/, inspections/, budgets/, incidents/, events/, rules/, projects/ or contracts/; other files in attachments/"
                )
            ),
            (
                "W007",
                "报修/2011/R-2011-0001.toml",
                Some("if it is a record, move it into the repairs/ folder")
            ),
        ]
    );
}

#[test]
fn a_narratives_front_matter_is_not_markdown_and_lines_stay_true() {
    let summary =
        "+++\ndate = 2012-01-08   # 落款日期\n+++\n# 总结\n\n维修{{ stats.repairs.nope }}项\n";
    let r = Records::new().with("summaries/2011-2012-1.md", summary);
    assert_eq!(
        r.codes(),
        expect(&[("E091", "summaries/2011-2012-1.md", Some(6))])
    );
}

#[test]
fn w008_text_with_space_at_its_ends_is_read_without_it() {
    let asset = ASSET.replace("\"图书馆\"", "\"门卫室　\"")
        + "custodian = ' 王老师'\nnotes = \"\"\"\n    缩进的代码块\n\"\"\"\n";
    let r = Records::new()
        .with("assets/A-1.toml", &asset)
        .with("repairs/R-1.toml", REPAIR.replace("1号教学楼101", "门卫室"));
    let (d, code) = r.check();
    assert_eq!(code, 0, "a warning");
    let found: Vec<_> = d
        .iter()
        .map(|d| {
            (
                d.code.as_str(),
                d.file.as_str(),
                d.line,
                d.column,
                d.message.as_str(),
                d.hint.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            (
                "W008",
                "assets/A-1.toml",
                Some(3),
                Some(12),
                "the text of `location`, \"门卫室　\", begins or ends with white space (half- or full-width); it is read without it, so that one name is not taken for two",
                Some("write: location = \"门卫室\"")
            ),
            (
                "W008",
                "assets/A-1.toml",
                Some(6),
                Some(13),
                "the text of `custodian`, ' 王老师', begins or ends with white space (half- or full-width); it is read without it, so that one name is not taken for two",
                Some("write: custodian = \"王老师\"")
            ),
        ]
    );
    let zh = r.run(&["check", "--format", "json"]);
    let zh: Vec<common::Diag> = serde_json::from_slice(&zh.stdout).unwrap();
    assert_eq!(
        zh[0].message,
        "`location` 的文字 \"门卫室　\" 开头或结尾有空格（半角或全角）；已按去掉空格的文字读取，以免同一个名称被当成两个"
    );
    assert_eq!(zh[0].hint.as_deref(), Some("改成：location = \"门卫室\""));
    // The records hold the text without the spaces: one location, not two.
    let csv = r.run(&["export", "asset", "--lang", "en"]);
    let csv = String::from_utf8(csv.stdout).unwrap();
    assert_eq!(
        csv.split_once('\n').unwrap().1,
        "A-1,书架,家具,门卫室,王老师,1,,650.00,2011-09-01,,,,,\"    缩进的代码块\n\"\n",
        "the notes, on several lines, kept as written"
    );
    let site = tempfile::tempdir().unwrap();
    let out = site.path().join("site");
    let build = r.run(&[
        "build",
        "--today",
        "2012-01-01",
        "--out",
        out.to_str().unwrap(),
    ]);
    common::assert_success(&build);
    let locations = std::fs::read_to_string(out.join("locations/index.html")).unwrap();
    assert_eq!(locations.matches("门卫室").count(), 1, "{locations}");
}

#[test]
fn e008_amounts_in_wan_or_qian_are_given_in_yuan() {
    let r = Records::new()
        .with("assets/A-1.toml", ASSET.replace("650", "1.2万"))
        .with("assets/A-2.toml", ASSET.replace("650", "1.2万元"))
        .with("assets/A-3.toml", ASSET.replace("650", "３万"))
        .with("assets/A-4.toml", ASSET.replace("650", "1.234567万"))
        .with("purchases/P-1.toml", PURCHASE.replace("650", "3.5千"));
    let out = r.run(&["check", "--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    let found: Vec<common::Diag> = serde_json::from_slice(&out.stdout).unwrap();
    let got: Vec<_> = found
        .iter()
        .map(|d| {
            (
                d.code.as_str(),
                d.file.as_str(),
                d.line,
                d.column,
                d.hint.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            (
                "E008",
                "assets/A-1.toml",
                Some(4),
                Some(14),
                Some("改成：unit_price = 12000")
            ),
            (
                "E008",
                "assets/A-2.toml",
                Some(4),
                Some(14),
                Some("改成：unit_price = 12000")
            ),
            (
                "E006",
                "assets/A-3.toml",
                Some(4),
                Some(14),
                Some("改成：unit_price = 30000")
            ),
            (
                "E008",
                "assets/A-4.toml",
                Some(4),
                Some(14),
                Some("改成：unit_price = 12345.67")
            ),
            (
                "E008",
                "purchases/P-1.toml",
                Some(10),
                Some(14),
                Some("改成：unit_price = 3500")
            ),
        ]
    );
    assert_eq!(
        found[0].message,
        "数字 1.2万 里不能有千位分隔符、货币符号或单位（包括 万、千）"
    );
    let en = r.check().0;
    assert_eq!(en[0].hint.as_deref(), Some("write: unit_price = 12000"));
    // The line as the hint writes it is valid.
    let fixed = Records::new().with("assets/A-1.toml", ASSET.replace("650", "12000"));
    assert_eq!(fixed.check(), (vec![], 0));
}

#[test]
fn e011_keys_written_in_chinese_are_named_in_english() {
    let asset = ASSET
        .replace("name = ", "名称 = ")
        .replace("location = ", "\"存放地点\" = ");
    let item = PURCHASE.replace("unit_price = 650", "单价 = 650");
    let r = Records::new()
        .with("assets/A-1.toml", asset)
        .with("purchases/P-1.toml", item)
        .with("budgets/2011-09.toml", "[lines]\n\"类别\" = 100\n");
    let out = r.run(&["check", "--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    let found: Vec<common::Diag> = serde_json::from_slice(&out.stdout).unwrap();
    let got: Vec<_> = found
        .iter()
        .map(|d| {
            (
                d.code.as_str(),
                d.file.as_str(),
                d.line,
                d.column,
                d.message.as_str(),
                d.hint.as_deref(),
            )
        })
        .collect();
    // One mistake each: the English key is not also missing; a budget's lines are data.
    assert_eq!(
        got,
        [
            (
                "E011",
                "assets/A-1.toml",
                Some(1),
                Some(1),
                "键名要用英文：把 `名称` 改成 `name`",
                Some("改成：name = \"书架\"")
            ),
            (
                "E011",
                "assets/A-1.toml",
                Some(3),
                Some(1),
                "键名要用英文：把 `存放地点` 改成 `location`",
                Some("改成：location = \"图书馆\"")
            ),
            (
                "E011",
                "purchases/P-1.toml",
                Some(10),
                Some(1),
                "键名要用英文：把 `单价` 改成 `unit_price`",
                Some("改成：unit_price = 650")
            ),
        ]
    );
    let en = r.check().0;
    assert_eq!(
        (en[0].message.as_str(), en[0].hint.as_deref()),
        (
            "keys are written in English: `名称` is `name`",
            Some("write: name = \"书架\"")
        )
    );
    // A Chinese word that names no key of the table is what it was.
    let other = one(
        "assets/A-1.toml",
        &format!("{ASSET}颜色 = \"红\"\n\"型号\" = \"X1\"\n"),
    );
    assert_eq!(
        other,
        expect(&[
            ("E001", "assets/A-1.toml", Some(6)),
            ("E011", "assets/A-1.toml", Some(7))
        ])
    );
}

#[test]
fn e023_a_record_file_with_an_upper_case_extension_is_an_error() {
    let r = Records::new()
        .with("assets/A-1.TOML", ASSET)
        .with("repairs/2011/R-1.Toml", REPAIR)
        .with("R-2011-0002.TOML", REPAIR);
    let (d, code) = r.check();
    assert_eq!(code, 1, "the records would count without them");
    let found: Vec<_> = d
        .iter()
        .map(|d| {
            (
                d.code.as_str(),
                d.file.as_str(),
                d.line,
                d.message.as_str(),
                d.hint.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            (
                "W007",
                "R-2011-0002.TOML",
                None,
                "this .toml file is in no record folder, so zongwu does not read it",
                Some("if it is a record, move it into the repairs/ folder")
            ),
            (
                "E023",
                "assets/A-1.TOML",
                None,
                "the extension .TOML must be written in lower case, .toml; otherwise zongwu does not read the file, and it counts in no figure or page",
                Some("rename the file to A-1.toml")
            ),
            (
                "E023",
                "repairs/2011/R-1.Toml",
                None,
                "the extension .Toml must be written in lower case, .toml; otherwise zongwu does not read the file, and it counts in no figure or page",
                Some("rename the file to R-1.toml")
            ),
        ]
    );
    let zh = r.run(&["check", "--format", "json"]);
    let zh: Vec<common::Diag> = serde_json::from_slice(&zh.stdout).unwrap();
    assert_eq!(
        (zh[1].message.as_str(), zh[1].hint.as_deref()),
        (
            "文件的扩展名 .TOML 要写成小写的 .toml；否则 zongwu 不读它，它不计入任何数字和页面",
            Some("把文件改名为 A-1.toml")
        )
    );
}

const INCIDENT: &str =
    "title = \"学生擦伤\"\ndate = 2011-10-12\nlocation = \"操场\"\nseverity = \"low\"\n";
const EVENT: &str = "title = \"10月后勤例会\"\ntype = \"meeting\"\ndate = 2011-10-21\n";

#[test]
fn incidents_events_and_drills_are_clean_with_chinese_choice_words() {
    let mut r = Records::new()
        .with("repairs/R-1.toml", REPAIR)
        .with(
            "incidents/S-1.toml",
            INCIDENT.replace("\"low\"", "\"中\"")
                + "injuries = 2\nreported_by = \"体育组\"\nrepair = \"R-1\"\nnotes = \"\"\"\n送医务室处理。\n\"\"\"\n",
        )
        .with("incidents/S-2.toml", INCIDENT.replace("\"low\"", "\"高\""))
        .with("incidents/S-3.toml", INCIDENT.replace("\"low\"", "\"低\""))
        .with(
            "inspections/I-1.toml",
            INSPECTION.replace("\"safety\"", "\"演练\""),
        )
        .with(
            "inspections/I-2.toml",
            INSPECTION.replace("\"safety\"", "\"drill\""),
        );
    for (n, word) in ["会议", "培训", "考察", "接待", "其他"].iter().enumerate() {
        r = r.with(
            &format!("events/E-{n}.toml"),
            EVENT.replace("\"meeting\"", &format!("\"{word}\""))
                + "location = \"行政楼\"\nparticipants = 0\n",
        );
    }
    assert_eq!(r.check(), (vec![], 0));
}

#[test]
fn incidents_and_events_are_checked_at_the_line_with_the_fix() {
    let r = Records::new()
        .with("repairs/R-1.toml", REPAIR)
        .with(
            "incidents/S-1.toml",
            INCIDENT.replace("\"low\"", "\"轻微\""),
        )
        .with("incidents/S-2.toml", format!("{INCIDENT}injuries = -1\n"))
        .with(
            "incidents/S-3.toml",
            format!("{INCIDENT}repair = \"R-2\"\n"),
        )
        .with(
            "incidents/S-4.toml",
            INCIDENT.replace("location = \"操场\"\n", ""),
        )
        .with(
            "incidents/S-5.toml",
            INCIDENT.replace("2011-10-12", "2099-10-12"),
        )
        .with("events/E-1.toml", EVENT.replace("\"meeting\"", "\"讲座\""))
        .with("events/E-2.toml", format!("{EVENT}participants = -5\n"))
        .with("events/E-3.toml", EVENT.replace("type = \"meeting\"\n", ""))
        .with("events/E-4.toml", EVENT.replace("2011-10-21", "2099-10-21"))
        .with("events/E-5.toml", format!("{EVENT}participant = 30\n"));
    assert_eq!(
        r.codes(),
        expect(&[
            ("E016", "events/E-1.toml", Some(2)),
            ("E017", "events/E-2.toml", Some(4)),
            ("E010", "events/E-3.toml", None),
            ("W005", "events/E-4.toml", Some(3)),
            ("E011", "events/E-5.toml", Some(4)),
            ("E016", "incidents/S-1.toml", Some(4)),
            ("E017", "incidents/S-2.toml", Some(5)),
            ("E022", "incidents/S-3.toml", Some(5)),
            ("E010", "incidents/S-4.toml", None),
            ("W005", "incidents/S-5.toml", Some(2)),
        ])
    );
    let zh = r.run(&["check", "--format", "json"]);
    let zh: Vec<common::Diag> = serde_json::from_slice(&zh.stdout).unwrap();
    let hint = |file: &str, code: &str| {
        let d = zh
            .iter()
            .find(|d| d.file == file && d.code == code)
            .unwrap();
        (d.message.clone(), d.hint.clone().unwrap_or_default())
    };
    assert_eq!(
        hint("incidents/S-1.toml", "E016"),
        (
            "`severity` 的值 \"轻微\" 无效".to_owned(),
            "可选值：\"低\"（或 \"low\"）、\"中\"（或 \"medium\"）、\"高\"（或 \"high\"）"
                .to_owned()
        )
    );
    assert_eq!(
        hint("events/E-1.toml", "E016").1,
        "可选值：\"会议\"（或 \"meeting\"）、\"培训\"（或 \"training\"）、\"考察\"（或 \"visit\"）、\"接待\"（或 \"reception\"）、\"其他\"（或 \"other\"）"
    );
    assert_eq!(
        hint("incidents/S-2.toml", "E017"),
        (
            "`injuries` 的值 -1 应不小于 0".to_owned(),
            "写不小于 0 的整数".to_owned()
        )
    );
    assert_eq!(hint("events/E-2.toml", "E017").1, "写不小于 0 的整数");
    assert_eq!(hint("incidents/S-3.toml", "E022").1, "是不是想写 \"R-1\"?");
    assert_eq!(
        hint("events/E-5.toml", "E011").1,
        "是不是想写 `participants`?"
    );
}

#[test]
fn a_misspelled_inspection_type_lists_drill_among_the_choices() {
    let d = Records::new()
        .with(
            "inspections/I-1.toml",
            INSPECTION.replace("\"safety\"", "\"dril\""),
        )
        .check()
        .0;
    assert_eq!((d[0].code.as_str(), d[0].line), ("E016", Some(2)));
    assert_eq!(d[0].hint.as_deref(), Some("did you mean \"drill\"?"));
}
const RULE: &str = "title = \"财务报销制度\"\narea = \"财务\"\nadopted = 2011-09-01\n";

#[test]
fn e030_a_rules_revisions_and_retirement_each_in_order_at_its_place() {
    let r = Records::new()
        .with("rules/Z-0.toml", format!("{RULE}revised = [2011-09-01, 2011-10-01]\nretired = 2011-10-01\n"))
        // Each date out of order at its own line: after the one before it, after the
        // adoption; the retirement after the last revision.
        .with(
            "rules/Z-1.toml",
            format!("{RULE}revised = [\n  2011-10-01,\n  2011-09-15,\n  2011-08-01,\n  2011-11-01,\n]\nretired = 2011-10-15\n"),
        )
        // On one line, each at its own column; retired before adopted.
        .with(
            "rules/Z-2.toml",
            format!("{RULE}revised = [2011-12-01, 2011-11-01, 2011-10-01]\nretired = 2011-08-31\n"),
        );
    let (d, code) = r.check();
    assert_eq!(code, 1);
    let found: Vec<_> = d
        .iter()
        .map(|d| {
            (
                d.code.as_str(),
                d.file.as_str(),
                d.line,
                d.column,
                d.message.as_str(),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            (
                "E030",
                "rules/Z-1.toml",
                Some(6),
                Some(3),
                "`revised[2]` (2011-09-15) is before `revised[1]` (2011-10-01)"
            ),
            (
                "E030",
                "rules/Z-1.toml",
                Some(7),
                Some(3),
                "`revised[3]` (2011-08-01) is before `adopted` (2011-09-01)"
            ),
            (
                "E030",
                "rules/Z-1.toml",
                Some(10),
                Some(11),
                "`retired` (2011-10-15) is before `revised[4]` (2011-11-01)"
            ),
            (
                "E030",
                "rules/Z-2.toml",
                Some(4),
                Some(24),
                "`revised[2]` (2011-11-01) is before `revised[1]` (2011-12-01)"
            ),
            (
                "E030",
                "rules/Z-2.toml",
                Some(4),
                Some(36),
                "`revised[3]` (2011-10-01) is before `revised[2]` (2011-11-01)"
            ),
            (
                "E030",
                "rules/Z-2.toml",
                Some(5),
                Some(11),
                "`retired` (2011-08-31) is before `adopted` (2011-09-01)"
            ),
        ]
    );
}

#[test]
fn e110_e013_e010_w005_a_rules_keys_and_revisions_are_read_each_at_its_place() {
    let r = Records::new()
        .with("rules/Z-1.toml", format!("{RULE}revised = 2011-10-01\n"))
        .with(
            "rules/Z-2.toml",
            format!("{RULE}revised = [2011-10-01, \"2011-11-01\"]\n"),
        )
        .with(
            "rules/Z-3.toml",
            format!("{RULE}revised = \"2011年10月\"\n"),
        )
        .with("rules/Z-4.toml", "owner = \"总务处\"\n")
        .with(
            "rules/Z-5.toml",
            format!("{RULE}revised = [2011-10-01, 2062-01-01]\n"),
        );
    assert_eq!(
        r.codes(),
        expect(&[
            ("E110", "rules/Z-1.toml", Some(4)),
            ("E013", "rules/Z-2.toml", Some(4)),
            ("E012", "rules/Z-3.toml", Some(4)),
            ("E010", "rules/Z-4.toml", None),
            ("E010", "rules/Z-4.toml", None),
            ("E010", "rules/Z-4.toml", None),
            ("W005", "rules/Z-5.toml", Some(4)),
        ])
    );
    let (d, _) = r.check();
    assert_eq!(d[1].column, Some(24), "the quoted entry itself");
    assert_eq!(d[1].message, "the date in `revised[2]` is quoted");
    assert_eq!(d[6].column, Some(24), "the revision after today");
    let zh = r.run(&["check", "--format", "json"]);
    let zh: Vec<common::Diag> = serde_json::from_slice(&zh.stdout).unwrap();
    assert_eq!(
        (zh[0].message.as_str(), zh[0].hint.as_deref()),
        (
            "`revised` 是一个列表：只有一项也要写在方括号 [ ] 里",
            Some("改成：revised = [2011-10-01]")
        )
    );
    assert_eq!(
        zh[2].hint.as_deref(),
        Some("改写为日期列表（如 [2011-09-05, 2012-01-10]，日期不加引号）")
    );
    assert!(
        Records::new()
            .with("rules/Z-1.toml", format!("{RULE}revised = []\nowner = \"会计室\"\nnotes = \"\"\"\n**第一条** 报销须凭发票。\n\"\"\"\n"))
            .codes()
            .is_empty(),
        "no revision yet is an empty list, or none"
    );
}

// Works projects and contracts.

const PROJECT: &str =
    "title = \"围墙加固\"\ncategory = \"加固\"\nlocation = \"校园围墙\"\nstarted = 2011-09-01\n";
const CONTRACT: &str = "title = \"多媒体设备维护\"\nvendor = \"电教服务公司\"\ncategory = \"多媒体维护\"\nsigned = 2011-08-25\nstart = 2011-09-01\nend = 2012-08-31\namount = 36000\n";

/// The diagnostics of a folder in Chinese: `(code, line, hint)`.
fn in_chinese(r: &Records) -> Vec<(String, Option<u64>, Option<String>)> {
    let out = r.run(&["check", "--format", "json"]);
    let diags: Vec<common::Diag> = serde_json::from_slice(&out.stdout).unwrap();
    diags
        .into_iter()
        .map(|d| (d.code, d.line, d.hint))
        .collect()
}

#[test]
fn valid_works_projects_and_contracts_are_clean() {
    let r = Records::new()
        .with("purchases/P-1.toml", PURCHASE)
        .with(
            "projects/2011/W-1.toml",
            format!("{PROJECT}completed = 2011-10-01\naccepted = 2011-10-08\nquantity = 220.5\nunit = \"平方米\"\ncontractor = \"建筑公司\"\nbudget = 50000\ncost = 48000.50\npurchase = \"P-1\"\nnotes = \"\"\"\n按期完工。\n\"\"\"\n"),
        )
        .with("contracts/C-1.toml", format!("{CONTRACT}purchase = \"P-1\"\n"));
    assert_eq!(r.check(), (vec![], 0));
}

#[test]
fn e030_e031_a_project_is_completed_after_it_starts_and_accepted_after_that() {
    assert_eq!(
        one(
            "projects/W-1.toml",
            &format!("{PROJECT}completed = 2011-08-31\n")
        ),
        expect(&[("E030", "projects/W-1.toml", Some(5))])
    );
    assert_eq!(
        one(
            "projects/W-1.toml",
            &format!("{PROJECT}completed = 2011-10-01\naccepted = 2011-09-30\n")
        ),
        expect(&[("E030", "projects/W-1.toml", Some(6))])
    );
    let r = Records::new().with(
        "projects/W-1.toml",
        format!("{PROJECT}accepted = 2011-10-08\n"),
    );
    assert_eq!(
        in_chinese(&r),
        [(
            "E031".to_owned(),
            Some(5),
            Some("先填写 `completed`:流程的每一步都要有日期".to_owned())
        )]
    );
}

#[test]
fn e017_e032_a_project_quantity_is_above_zero_and_has_its_unit() {
    for (quantity, line) in [("0", 5), ("-3.5", 5), ("0.0", 5)] {
        let r = Records::new().with(
            "projects/W-1.toml",
            format!("{PROJECT}quantity = {quantity}\nunit = \"米\"\n"),
        );
        let (d, code) = r.check();
        let found: Vec<_> = d
            .iter()
            .map(|d| (d.code.as_str(), d.line, d.hint.as_deref()))
            .collect();
        assert_eq!(
            found,
            [(
                "E017",
                Some(line),
                Some("write a number above 0, like 4000 or 35.5")
            )],
            "{quantity}"
        );
        assert_eq!(code, 1);
        assert_eq!(
            d[0].message,
            format!("`quantity` is {quantity}; it must be more than 0")
        );
    }
    assert_eq!(
        one(
            "projects/W-1.toml",
            &format!("{PROJECT}quantity = \"很多\"\nunit = \"米\"\n")
        ),
        expect(&[("E012", "projects/W-1.toml", Some(5))])
    );
    // A quantity without its unit, at the quantity; a blank unit, at the unit.
    assert_eq!(
        one("projects/W-1.toml", &format!("{PROJECT}quantity = 220\n")),
        expect(&[("E032", "projects/W-1.toml", Some(5))])
    );
    let r = Records::new().with("projects/W-1.toml", format!("{PROJECT}quantity = 220\n"));
    assert_eq!(
        in_chinese(&r)[0].2.as_deref(),
        Some("添加一行 unit = …"),
        "the line to write"
    );
    assert_eq!(
        one(
            "projects/W-1.toml",
            &format!("{PROJECT}quantity = 220\nunit = \"\"\n")
        ),
        expect(&[("E019", "projects/W-1.toml", Some(6))])
    );
    // A unit alone is allowed: nothing to add up.
    assert_eq!(
        one("projects/W-1.toml", &format!("{PROJECT}unit = \"米\"\n")),
        []
    );
}

#[test]
fn w009_a_category_measured_in_two_units_is_warned_at_each_other_unit() {
    let project = |completed: Option<&str>, category: &str, unit: &str| {
        let completed = completed.map_or(String::new(), |d| format!("completed = {d}\n"));
        format!(
            "title = \"加固\"\ncategory = \"{category}\"\nlocation = \"校园\"\nstarted = 2011-09-01\n{completed}quantity = 100\nunit = \"{unit}\"\n"
        )
    };
    // W-2 is completed first: 加固 is measured in 米, and W-1 and W-3 are not. W-4 is
    // not completed, W-5 of another category: neither counts.
    let r = Records::new()
        .with(
            "projects/W-1.toml",
            project(Some("2011-10-01"), "加固", "平方米"),
        )
        .with(
            "projects/W-2.toml",
            project(Some("2011-09-15"), "加固", "米"),
        )
        .with(
            "projects/W-3.toml",
            project(Some("2011-11-01"), "加固", "平方米"),
        )
        .with("projects/W-4.toml", project(None, "加固", "处"))
        .with(
            "projects/W-5.toml",
            project(Some("2011-09-02"), "绿化", "平方米"),
        );
    let (d, code) = r.check();
    assert_eq!(code, 0, "a warning");
    let found: Vec<_> = d
        .iter()
        .map(|d| (d.code.as_str(), d.file.as_str(), d.line, d.column))
        .collect();
    assert_eq!(
        found,
        [
            ("W009", "projects/W-1.toml", Some(7), Some(8)),
            ("W009", "projects/W-3.toml", Some(7), Some(8))
        ]
    );
    assert_eq!(
        d[0].message,
        "the works of category \"加固\" are measured in \"米\" (as W-2, the first completed, is), this one in \"平方米\": quantities in different units cannot be added, so this one's is left out of the category's sum"
    );
    assert_eq!(
        in_chinese(&r)[0].2.as_deref(),
        Some("把数量换算成米，写成 unit = \"米\"；或给这项工程另起一个类别")
    );
}

#[test]
fn e022_w005_works_and_contracts_name_real_purchases_and_past_events() {
    assert_eq!(
        one(
            "projects/W-1.toml",
            &format!("{PROJECT}purchase = \"P-9\"\n")
        ),
        expect(&[("E022", "projects/W-1.toml", Some(5))])
    );
    assert_eq!(
        one(
            "contracts/C-1.toml",
            &format!("{CONTRACT}purchase = \"P-9\"\n")
        ),
        expect(&[("E022", "contracts/C-1.toml", Some(8))])
    );
    // A completion after today is an event; a contract's end (planned) is not.
    assert_eq!(
        one(
            "projects/W-1.toml",
            &format!("{PROJECT}completed = 2099-10-01\n")
        ),
        expect(&[("W005", "projects/W-1.toml", Some(5))])
    );
    let later = CONTRACT
        .replace("2011-08-25", "2099-08-25")
        .replace("2011-09-01", "2099-09-01")
        .replace("2012-08-31", "2100-08-31");
    assert_eq!(
        one("contracts/C-1.toml", &later),
        expect(&[("W005", "contracts/C-1.toml", Some(4))])
    );
    assert_eq!(
        one(
            "contracts/C-1.toml",
            &CONTRACT.replace("2012-08-31", "2099-08-31")
        ),
        [],
        "an end after today is planned"
    );
}

#[test]
fn e030_e010_e015_a_contract_ends_after_it_starts_and_has_its_amount() {
    let r = Records::new().with(
        "contracts/C-1.toml",
        CONTRACT.replace("end = 2012-08-31", "end = 2011-08-31"),
    );
    assert_eq!(
        in_chinese(&r),
        [(
            "E030".to_owned(),
            Some(6),
            Some("检查这两个日期是否写反或写错".to_owned())
        )]
    );
    // Starting before it is signed is allowed (a contract signed late).
    assert_eq!(
        one(
            "contracts/C-1.toml",
            &CONTRACT.replace("signed = 2011-08-25", "signed = 2011-09-10")
        ),
        []
    );
    assert_eq!(
        one(
            "contracts/C-1.toml",
            &CONTRACT.replace("amount = 36000\n", "")
        ),
        expect(&[("E010", "contracts/C-1.toml", None)])
    );
    assert_eq!(
        one(
            "contracts/C-1.toml",
            &CONTRACT.replace("amount = 36000", "amount = -5")
        ),
        expect(&[("E015", "contracts/C-1.toml", Some(7))])
    );
    assert_eq!(
        one(
            "contracts/C-1.toml",
            &CONTRACT.replace("start = ", "strat = ")
        ),
        expect(&[("E011", "contracts/C-1.toml", Some(5))]),
        "a misspelled required key is one mistake"
    );
}
