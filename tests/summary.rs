//! `zongwu stats` and the printed summary: figures worked out by hand, and a real PDF.

mod common;

use common::Records;
use serde_json::{Value, json};

/// The records whose figures are worked out by hand below. Semesters (common::CONFIG):
/// S1 2011-08-20 … 2012-02-10, S2 2012-02-11 … 2012-08-19; overdue after 7 days.
fn fixture() -> Records {
    Records::new()
        // On the books at S1's end, added in S1: 2 × 100.
        .with("assets/A-1.toml", "name = \"摄像头\"\ncategory = \"安防\"\nlocation = \"门卫室\"\nquantity = 2\nunit_price = 100\nacquired = 2011-09-01\n")
        // Disposed within S1, so not on the books at its end.
        .with("assets/A-2.toml", "name = \"旧书架\"\ncategory = \"家具\"\nlocation = \"图书馆\"\nunit_price = 50.50\nacquired = 2010-01-01\ndisposed = 2011-12-01\ndisposal_reason = \"损坏\"\n")
        // Added in S2: 3 × 10.
        .with("assets/A-3.toml", "name = \"椅子\"\ncategory = \"家具\"\nlocation = \"图书馆\"\nquantity = 3\nunit_price = 10\nacquired = 2012-03-01\n")
        // S1: reported, fixed after 2 days, verified, cost 100.
        .with("repairs/R-1.toml", "title = \"a\"\nlocation = \"x\"\nreported = 2011-09-01\nreporter = \"r\"\nresponsible_class = \"高一(1)班\"\nfixed = 2011-09-03\nverified = 2011-09-04\ncost = 100\n")
        // Reported in S1, fixed in S2 after 19 days: open and overdue (9 days) at S1's end.
        .with("repairs/R-2.toml", "title = \"b\"\nlocation = \"x\"\nreported = 2012-02-01\nreporter = \"r\"\nfixed = 2012-02-20\ncost = 50.5\n")
        // S1: fixed after 4 days, no cost.
        .with("repairs/R-3.toml", "title = \"c\"\nlocation = \"x\"\nreported = 2011-10-01\nreporter = \"r\"\nfixed = 2011-10-05\n")
        // Reported 2 days before S1's end, never fixed: open, not overdue then; overdue at S2's end.
        .with("repairs/R-4.toml", "title = \"d\"\nlocation = \"x\"\nreported = 2012-02-08\nreporter = \"r\"\n")
        // A tender of S1, bought in 2011-09.
        .with("purchases/P-1.toml", "title = \"监控\"\ncategory = \"安防\"\nmethod = \"tender\"\nrequester = \"r\"\nrequested = 2011-09-01\napproved = 2011-09-02\npurchased = 2011-09-10\nvendor = \"甲\"\n\n[[items]]\nname = \"摄像头\"\nquantity = 1\nunit_price = 60000\n\n[[bids]]\nvendor = \"甲\"\namount = 60000\nwon = true\n\n[[bids]]\nvendor = \"乙\"\namount = 61000\n\n[[bids]]\nvendor = \"丙\"\namount = 62000\n")
        // Requested in S1 but bought in 2012-02, a month whose 15th lies in S2.
        .with("purchases/P-2.toml", "title = \"纸\"\ncategory = \"办公用品\"\nmethod = \"direct\"\nrequester = \"r\"\nrequested = 2012-01-20\napproved = 2012-01-21\npurchased = 2012-02-14\nvendor = \"乙\"\n\n[[items]]\nname = \"纸\"\nquantity = 2\nunit_price = 100\n")
        // One finding rectified within S1, one only after it.
        .with("inspections/I-1.toml", "title = \"安全\"\ntype = \"safety\"\ndate = 2011-09-05\ninspector = \"i\"\n\n[[findings]]\ndescription = \"f1\"\nseverity = \"low\"\nrectified = 2011-09-06\n\n[[findings]]\ndescription = \"f2\"\nseverity = \"high\"\nrectified = 2012-03-01\n")
        .with("inspections/I-2.toml", "title = \"公物\"\ntype = \"property\"\ndate = 2011-10-01\ninspector = \"i\"\n\n[[scores]]\nclass = \"高一(1)班\"\nscore = 95\n")
        // August's 15th is before S1 starts: this budget belongs to no semester.
        .with("budgets/2011-08.toml", "[lines]\n\"维修\" = 300\n")
        .with("budgets/2011-09.toml", "[lines]\n\"安防\" = 70000\n\"维修\" = 1000\n")
        .with("budgets/2012-02.toml", "[lines]\n\"维修\" = 500\n")
}

fn stats(records: &Records, semester: &str) -> Value {
    let out = records.run(&["stats", "--format", "json", "--semester", semester]);
    common::assert_success(&out);
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn first_semester_figures_match_the_hand_count() {
    let got = stats(&fixture(), "2011-2012-1");
    let tally = |count: u64, quantity: u64, value: &str| json!({"count": count, "quantity": quantity, "value": value});
    let zero_method = json!({"count": 0, "total": "0.00"});
    let zero_line = json!({"planned": "0.00", "actual": "0.00"});
    let expected = json!({
        "assets": {
            "count": 1, "quantity": 2, "value": "200.00",
            "by_category": {"安防": tally(1, 2, "200.00"), "家具": tally(0, 0, "0.00")},
            "added": {"count": 1, "quantity": 2, "value": "200.00",
                      "by_category": {"安防": tally(1, 2, "200.00"), "家具": tally(0, 0, "0.00")}},
            "disposed": tally(1, 1, "50.50"),
        },
        "repairs": {
            "reported": 4, "fixed": 2, "verified": 1, "open": 2, "overdue": 1, "cost": "100.00",
            "median_days": 3.0, "by_class": {"高一(1)班": 1},
        },
        "purchases": {
            "count": 2, "total": "60200.00",
            "by_method": {"direct": {"count": 1, "total": "200.00"}, "government": zero_method,
                          "quotation": zero_method, "tender": {"count": 1, "total": "60000.00"}},
            "by_category": {"办公用品": {"count": 1, "total": "200.00"}, "安防": {"count": 1, "total": "60000.00"}},
            "tenders": [{"id": "P-1", "title": "监控", "total": "60000.00", "vendor": "甲", "bids": 3}],
        },
        "inspections": {
            // No asset audit in this fixture: tests/audits.rs counts those.
            "audit": {"checked": 0, "missing": 0, "moved": 0, "short": 0},
            "count": 2,
            "by_type": {"asset-audit": 0, "canteen": 0, "drill": 0, "fire": 0, "other": 0, "property": 1, "safety": 1},
            "findings": {"total": 2, "rectified": 1, "open": 1},
        },
        "budget": {
            "planned": "71000.00", "actual": "60100.00",
            // A key for each of the semester's months, and for every category budgeted
            // or spent under (办公用品 is bought in the next semester).
            "by_month": {"2011-09": {"planned": "71000.00", "actual": "60100.00"},
                         "2011-10": zero_line, "2011-11": zero_line, "2011-12": zero_line,
                         "2012-01": zero_line},
            "by_category": {"办公用品": zero_line, "安防": {"planned": "70000.00", "actual": "60000.00"}, "维修": {"planned": "1000.00", "actual": "100.00"}},
        },
        // The first semester has none before it.
        "prev": null,
        // No incident or event in this fixture: every severity and type is a key.
        "incidents": {"count": 0, "injuries": 0, "by_severity": {"high": 0, "low": 0, "medium": 0}},
        "events": {"count": 0, "participants": 0,
                   "by_type": {"meeting": 0, "other": 0, "reception": 0, "training": 0, "visit": 0}},
        // No rule book here: its figures are counted by hand in tests/rulebook.rs.
        "rules": {"in_force": 0, "adopted": 0, "revised": 0, "in_force_by_area": {}},
        // No works or contracts here: tests/works.rs counts those.
        "projects": {"started": 0, "completed": {"count": 0, "by_category": {}}, "accepted": 0},
        "contracts": {"active": 0, "active_amount": "0.00", "signed": 0},
    });
    assert_eq!(got, expected);
}

#[test]
fn second_semester_counts_what_crossed_over() {
    let got = stats(&fixture(), "2011-2012-2");
    let zero_line = json!({"planned": "0.00", "actual": "0.00"});
    assert_eq!(got["assets"]["count"], 2, "A-1 and A-3");
    assert_eq!(got["assets"]["value"], "230.00");
    assert_eq!(
        got["assets"]["added"]["by_category"]["家具"],
        json!({"count": 1, "quantity": 3, "value": "30.00"})
    );
    assert_eq!(got["assets"]["disposed"]["count"], 0);
    let r = &got["repairs"];
    assert_eq!(
        (
            r["reported"].clone(),
            r["fixed"].clone(),
            r["open"].clone(),
            r["overdue"].clone()
        ),
        (json!(0), json!(1), json!(1), json!(1))
    );
    assert_eq!(r["median_days"], 19.0);
    assert_eq!(r["cost"], "50.50");
    assert_eq!(
        r["by_class"],
        json!({"高一(1)班": 0}),
        "every class seen has a key"
    );
    assert_eq!(got["purchases"]["count"], 0);
    assert_eq!(got["purchases"]["tenders"], json!([]));
    assert_eq!(
        got["inspections"]["findings"],
        json!({"total": 0, "rectified": 0, "open": 0})
    );
    assert_eq!(
        got["budget"]["by_month"],
        json!({"2012-02": {"planned": "500.00", "actual": "250.50"},
               "2012-03": zero_line, "2012-04": zero_line, "2012-05": zero_line,
               "2012-06": zero_line, "2012-07": zero_line, "2012-08": zero_line})
    );
}

#[test]
fn an_empty_semester_has_zeros_and_a_null_median() {
    let got = stats(&Records::new(), "2011-2012-1");
    assert_eq!(got["repairs"]["median_days"], Value::Null);
    assert_eq!(got["assets"]["value"], "0.00");
    assert_eq!(got["budget"]["actual"], "0.00");
    assert_eq!(
        got["purchases"]["by_method"]["tender"],
        json!({"count": 0, "total": "0.00"})
    );
}

#[test]
fn the_default_is_the_latest_semester_and_unknown_ones_are_listed() {
    let r = fixture();
    let latest = r.run(&["stats", "--format", "json"]);
    assert_eq!(
        serde_json::from_slice::<Value>(&latest.stdout).unwrap(),
        stats(&r, "2011-2012-2")
    );
    let unknown = r.run(&["stats", "--semester", "2099-1"]);
    assert_eq!(unknown.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&unknown.stderr);
    assert!(
        stderr.contains("2099-1")
            && stderr.contains("2011-2012-1")
            && stderr.contains("2011-2012-2"),
        "{stderr}"
    );
    let table = String::from_utf8(r.run(&["stats", "--semester", "2011-2012-1"]).stdout).unwrap();
    assert!(
        table.contains("stats.assets.added.by_category[\"安防\"].quantity"),
        "names to write in a summary"
    );
}

#[test]
fn the_example_summary_figures_match_the_seed_report() {
    let out = common::zongwu(&[
        "stats".as_ref(),
        common::example_records().as_os_str(),
        "--format".as_ref(),
        "json".as_ref(),
        "--semester".as_ref(),
        "2011-2012-1".as_ref(),
    ]);
    let s: Value = serde_json::from_slice(&out.stdout).unwrap();
    // 32 new cameras, 64 in total (seed: 本学期新增监控头32个,校园监控头已达64个).
    assert_eq!(s["assets"]["added"]["by_category"]["安防"]["quantity"], 32);
    assert_eq!(s["assets"]["by_category"]["安防"]["quantity"], 64);
    // Tenders: books, camcorders, music/sports/art rooms, office air conditioners, landscaping.
    assert_eq!(s["purchases"]["by_method"]["tender"]["count"], 5);
    let titles: Vec<&str> = s["purchases"]["tenders"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["title"].as_str().unwrap())
        .collect();
    assert_eq!(
        titles,
        [
            "图书采购(图书馆)",
            "摄像机采购",
            "音体美室设备采购",
            "教师办公室空调采购",
            "校园两侧绿化工程"
        ]
    );
    // 20 tickets of 2011 plus R-2012-0001 (reported 2012-02-05, fixed after the semester).
    assert_eq!(
        (
            s["repairs"]["reported"].clone(),
            s["repairs"]["fixed"].clone(),
            s["repairs"]["open"].clone()
        ),
        (json!(21), json!(20), json!(1))
    );
    // 5 monthly property checks, 2 safety, 2 fire, 2 canteen, 1 audit, 2 drills (举办消防知识
    // 讲座及消防演练).
    assert_eq!(s["inspections"]["count"], 14);
    assert_eq!(s["inspections"]["by_type"]["property"], 5);
    assert_eq!(s["inspections"]["by_type"]["drill"], 2);
    // 本学期学校未发生一起安全事故.
    assert_eq!(s["incidents"]["count"], 0);
    // 每月一次的后勤例会 (August to January), 魏科长's lecture and its exam, the visit to 南师大.
    assert_eq!(
        s["events"]["by_type"],
        json!({"meeting": 6, "training": 2, "visit": 1, "reception": 0, "other": 0})
    );
    // Budgets of 2011-09 … 2012-01: 383000 + 115000 + 211000 + 4000 + 3000.
    // September's budget includes the summer's fire-system project (bought 2011-09-02).
    assert_eq!(s["budget"]["planned"], "850000.00");
}

#[test]
fn repairs_by_class_show_what_the_fixes_of_the_semester_cost() {
    let repair = |class: &str, reported: &str, fixed: &str, cost: &str| {
        format!(
            "title = \"t\"\nlocation = \"x\"\nreported = {reported}\nreporter = \"r\"\nresponsible_class = \"{class}\"\n{fixed}{cost}"
        )
    };
    let records = Records::new()
        .with(
            "repairs/R-1.toml",
            repair(
                "高一(1)班",
                "2011-09-01",
                "fixed = 2011-09-03\n",
                "cost = 100\n",
            ),
        )
        .with(
            "repairs/R-2.toml",
            repair(
                "高一(1)班",
                "2011-10-01",
                "fixed = 2011-10-02\n",
                "cost = 20.5\n",
            ),
        )
        // Reported in S1, fixed (and paid) only in S2: counted, but not its cost.
        .with(
            "repairs/R-3.toml",
            repair(
                "高一(1)班",
                "2012-02-01",
                "fixed = 2012-02-20\n",
                "cost = 50\n",
            ),
        )
        .with(
            "repairs/R-4.toml",
            repair("高二(3)班", "2011-11-01", "", ""),
        )
        // Reported in S2: not S1's.
        .with(
            "repairs/R-5.toml",
            repair(
                "高三(1)班",
                "2012-03-01",
                "fixed = 2012-03-02\n",
                "cost = 9\n",
            ),
        );
    let site = records.path().join("out");
    let out = records.run(&[
        "build",
        "--out",
        site.to_str().unwrap(),
        "--today",
        "2012-07-10",
    ]);
    common::assert_success(&out);
    let page = std::fs::read_to_string(site.join("semesters/2011-2012-1.html")).unwrap();
    let table = &page[page.find("各班级报修").unwrap()..];
    let table = &table[..table.find("</table>").unwrap()];
    let rows: Vec<String> = table
        .split("<tr>")
        .skip(2)
        .map(|row| {
            // A cell's text: a figure is a link to its records.
            row.split("</td>")
                .filter_map(|cell| cell.trim_end_matches("</a>").rsplit('>').next())
                .filter(|text| !text.trim().is_empty())
                .collect::<Vec<_>>()
                .join(" | ")
        })
        .collect();
    assert_eq!(rows, ["高一(1)班 | 3 | 120.50", "高二(3)班 | 1 | 0.00"]);
}

#[test]
fn the_summary_prints_to_a4_pdf_with_its_figures() {
    let Some(browser) = common::chromium() else {
        return;
    };
    if !common::tools(&["pdftotext", "pdfinfo", "pdftoppm"]) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("summary.pdf");
    let out = common::zongwu(&[
        "pdf".as_ref(),
        common::example_records().as_os_str(),
        "--semester".as_ref(),
        "2011-2012-1".as_ref(),
        "--out".as_ref(),
        pdf.as_os_str(),
        "--chromium".as_ref(),
        browser.as_os_str(),
        "--today".as_ref(),
        "2012-06-30".as_ref(),
    ]);
    common::assert_success(&out);
    let run = |tool: &str, args: &[&std::ffi::OsStr]| {
        let out = std::process::Command::new(tool)
            .args(args)
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).to_string()
    };
    let info = run("pdfinfo", &[pdf.as_os_str()]);
    assert!(info.contains("(A4)"), "{info}");
    let pages: usize = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    assert!(
        (3..=6).contains(&pages),
        "{pages} pages: the example semester on at most 6"
    );
    let text = run("pdftotext", &[pdf.as_os_str(), "-".as_ref()]);
    for expected in [
        "泰州实验中学",
        "2011-2012学年度第一学期",
        "学期工作总结",
        "规范管理突出",
        "新增监控头 32 个",
        "校园监控头已达 64 个",
        "招标项目",
        "各月预算与实际支出",
        "各类预算与实际支出",
        // Sums in prose in 万元, through the narrative's `money` filter.
        "85.00万元,实际支出 79.70万元",
        "班级评比",
        // The seed's works, safety and rule book, computed: 加固 15,000 平方米, 零事故
        // from the count of incidents, 58 rules in force.
        "完成的工程（按类别）",
        "15,000",
        "安全：零事故",
        "现行制度",
        "2011年8月20日 — 2012年2月10日",
        // The 落款: the office, and the day the narrative's front matter gives.
        "泰州实验中学总务处",
        "二〇一二年一月八日",
    ] {
        assert!(text.contains(expected), "PDF text lacks {expected}");
    }
    assert!(
        !text.contains("总务处工作记录") && !text.contains("待办事项"),
        "no site header or navigation in print"
    );
    let first = text.split('\u{c}').next().unwrap();
    assert!(
        first.contains("泰州实验中学") && !first.contains("时间飞逝"),
        "the cover stands alone on page 1"
    );
    assert!(
        text.contains(&format!("1/{pages}")) || text.contains(&format!("1 / {pages}")),
        "page numbers"
    );
    // The 落款 closes the report: nothing but the page number comes after it.
    let end = text
        .trim_end()
        .trim_end_matches(|c: char| c.is_ascii_digit() || c == '/' || c.is_whitespace());
    assert!(
        end.ends_with("二〇一二年一月八日"),
        "the 落款 is last: …{}",
        &end[end.len().saturating_sub(200)..]
    );
    let signed = end.rfind("泰州实验中学总务处").unwrap();
    assert!(end.len() - signed < 60, "office and date together");
    // Amounts of 10,000 yuan or more are grouped (or in 万元).
    assert_eq!(
        ungrouped_amounts(&text),
        Vec::<String>::new(),
        "amounts printed without grouping"
    );
    // No page is more than half empty, but the last.
    let prefix = dir.path().join("page");
    run(
        "pdftoppm",
        &[
            "-gray".as_ref(),
            "-r".as_ref(),
            "30".as_ref(),
            pdf.as_os_str(),
            prefix.as_os_str(),
        ],
    );
    let mut rendered: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "pgm"))
        .collect();
    rendered.sort();
    assert_eq!(rendered.len(), pages, "every page rendered");
    for (n, page) in rendered.iter().enumerate().take(pages - 1) {
        let filled = filled_height(&std::fs::read(page).unwrap());
        assert!(
            filled > 0.5,
            "page {} of {pages} is more than half empty: its content ends at {:.0}% of the page",
            n + 1,
            filled * 100.0
        );
    }
}

/// Sums of money of 10,000 or more printed without thousands separators: five or more
/// digits followed by decimals or by 元 (years, ids and areas have no such tail).
fn ungrouped_amounts(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut found = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && chars[i].is_ascii_digit() {
            i += 1;
        }
        let after: String = chars[i..chars.len().min(i + 3)].iter().collect();
        let money = after.starts_with('.') && after[1..].starts_with(|c: char| c.is_ascii_digit())
            || after.trim_start().starts_with('元');
        if i - start >= 5 && money {
            found.push(chars[start..i].iter().collect());
        }
    }
    found
}

/// How far down a page (a binary PGM from pdftoppm) its content reaches, as a share
/// of its height, leaving out the bottom margin where the page number is.
fn filled_height(pgm: &[u8]) -> f64 {
    // Header: "P5", width, height, maxval, each followed by whitespace.
    let mut fields = Vec::new();
    let mut at = 0;
    while fields.len() < 4 {
        while pgm[at].is_ascii_whitespace() {
            at += 1;
        }
        let start = at;
        while !pgm[at].is_ascii_whitespace() {
            at += 1;
        }
        fields.push(String::from_utf8_lossy(&pgm[start..at]).to_string());
    }
    let (width, height): (usize, usize) = (fields[1].parse().unwrap(), fields[2].parse().unwrap());
    let pixels = &pgm[at + 1..];
    let body = height * 92 / 100;
    let last = (0..body)
        .rev()
        .find(|&y| pixels[y * width..(y + 1) * width].iter().any(|&p| p < 200))
        .unwrap_or(0);
    last as f64 / height as f64
}

#[test]
fn the_office_and_its_day_are_signed_on_one_page() {
    let Some(browser) = common::chromium() else {
        return;
    };
    if !common::tools(&["pdftotext"]) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("summary.pdf");
    // The example's second semester fills its last page up to the 落款.
    let out = common::zongwu(&[
        "pdf".as_ref(),
        common::example_records().as_os_str(),
        "--semester".as_ref(),
        "2011-2012-2".as_ref(),
        "--out".as_ref(),
        pdf.as_os_str(),
        "--chromium".as_ref(),
        browser.as_os_str(),
        "--today".as_ref(),
        "2012-09-01".as_ref(),
    ]);
    common::assert_success(&out);
    let text = std::process::Command::new("pdftotext")
        .args([pdf.as_os_str(), "-".as_ref()])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&text.stdout);
    let office = text.rfind("泰州实验中学总务处").expect("the office signs");
    let day = text.rfind("二〇一二年八月十九日").expect("and dates it");
    assert!(
        office < day && !text[office..day].contains('\u{c}'),
        "the office and its day on two pages: {:?}",
        &text[office..day]
    );
}

#[test]
fn amounts_without_grouping_are_found() {
    assert_eq!(
        ungrouped_amounts(
            "合计 1200600.00 元,1,200,600.00,12000元,9999.00,2011-09,R-2011-0001,15000平米"
        ),
        ["1200600", "12000"]
    );
}

#[test]
fn pdf_without_a_browser_says_so() {
    let out = common::zongwu(&[
        "pdf".as_ref(),
        common::example_records().as_os_str(),
        "--chromium".as_ref(),
        "/no/such/chromium".as_ref(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("Chromium"));
}

#[test]
fn the_printed_summarys_figures_link_to_their_records_on_the_intranet_site() {
    let Some(_) = common::chromium() else {
        return;
    };
    // The example's records with and without the site's address.
    let r = Records::empty();
    let example = common::example_records();
    for file in common::files_under(&example) {
        r.write(&file, std::fs::read(example.join(&file)).unwrap());
    }
    let pdf = |records: &Records| {
        let out = records.path().join("summary.pdf");
        let output = records.run(&[
            "pdf",
            "--semester",
            "2011-2012-1",
            "--out",
            out.to_str().unwrap(),
        ]);
        common::assert_success(&output);
        String::from_utf8_lossy(&std::fs::read(out).unwrap()).into_owned()
    };
    let without = pdf(&r);
    assert!(
        !without.contains("semesters/2011-2012-1/"),
        "no link to a page it lacks"
    );
    let config = std::fs::read_to_string(r.path().join("zongwu.toml")).unwrap();
    let config = config.replace(
        "[site]",
        "[site]\nbase_url = \"http://zongwu.school.test/\"",
    );
    let config: String = config
        .lines()
        .filter(|l| !l.starts_with("base_url = \"\""))
        .map(|l| format!("{l}\n"))
        .collect();
    r.write("zongwu.toml", config);
    let with = pdf(&r);
    for page in ["repairs.open", "assets", "budget.actual", "purchases"] {
        let url = format!("http://zongwu.school.test/semesters/2011-2012-1/{page}.html");
        assert!(with.contains(&url), "the PDF links {url}");
    }
}
