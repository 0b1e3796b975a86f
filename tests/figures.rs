//! One answer to every question: every figure a page shows is the figure `zongwu stats`
//! prints for the same semester and day, every list under a card has as many rows as
//! the card says, and nothing counts before it happens.

mod common;

use common::{Records, zongwu};
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::Path;

/// Builds the site of `records` on `today` into a temporary folder.
fn build(records: &Path, today: &str) -> tempfile::TempDir {
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("site");
    let output = zongwu(&[
        "build".as_ref(),
        records.as_os_str(),
        "--out".as_ref(),
        site.as_os_str(),
        "--today".as_ref(),
        today.as_ref(),
    ]);
    common::assert_success(&output);
    out
}

/// `zongwu stats --semester S --today D --format json`.
fn stats(records: &Path, semester: &str, today: &str) -> Value {
    let out = zongwu(&[
        "stats".as_ref(),
        records.as_os_str(),
        "--semester".as_ref(),
        semester.as_ref(),
        "--today".as_ref(),
        today.as_ref(),
        "--format".as_ref(),
        "json".as_ref(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// Every HTML page of a site, by path.
fn pages(site: &Path) -> BTreeMap<String, String> {
    common::files_under(site)
        .into_iter()
        .filter(|f| f.ends_with(".html"))
        .map(|f| {
            let text = std::fs::read_to_string(site.join(&f)).unwrap();
            (f, text)
        })
        .collect()
}

/// HTML text as a browser reads it.
fn unescape(text: &str) -> String {
    text.replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&#x2F;", "/")
        .replace("&#x2f;", "/")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// The value of `attr="…"` at the start of `rest`, and what follows it.
fn attribute<'a>(rest: &'a str, attr: &str) -> Option<(String, &'a str)> {
    let rest = rest.strip_prefix(&format!(" {attr}=\""))?;
    let end = rest.find('"')?;
    Some((unescape(&rest[..end]), &rest[end + 1..]))
}

/// Every tagged element of a page: `(figure, value, text shown)`.
fn tagged(html: &str) -> Vec<(String, String, String)> {
    tagged_with_previous(html)
        .into_iter()
        .map(|(figure, value, _, shown)| (figure, value, shown))
        .collect()
}

/// Every tagged element of a page: `(figure, value, previous value, text shown)`.
fn tagged_with_previous(html: &str) -> Vec<(String, String, Option<String>, String)> {
    html.match_indices(" data-figure=\"")
        .map(|(at, _)| {
            let (figure, rest) = attribute(&html[at..], "data-figure").unwrap();
            let (value, rest) = attribute(rest, "data-value").expect("data-value follows");
            let (previous, rest) = match attribute(rest, "data-previous") {
                Some((previous, rest)) => (Some(previous), rest),
                None => (None, rest),
            };
            let text = &rest[rest.find('>').unwrap() + 1..];
            // A figure that leads to its records is a link.
            let text = match text.strip_prefix("<a ") {
                Some(link) => &link[link.find('>').unwrap() + 1..],
                None => text,
            };
            let shown = unescape(&text[..text.find('<').unwrap()]);
            (figure, value, previous, shown)
        })
        .collect()
}

/// Every list marked as counted by a figure: `(figure, rows)`.
fn counted(html: &str) -> Vec<(String, usize)> {
    html.match_indices(" data-count-of=\"")
        .map(|(at, _)| {
            let (figure, rest) = attribute(&html[at..], "data-count-of").unwrap();
            let tag = &html[html[..at].rfind('<').unwrap()..at];
            let rows = if tag.starts_with("<table") {
                let body = &rest[rest.find("<tbody>").unwrap()..rest.find("</tbody>").unwrap()];
                body.matches("<tr>").count()
            } else {
                assert!(tag.starts_with("<p class=\"empty\""), "{tag}");
                0
            };
            (figure, rows)
        })
        .collect()
}

/// A figure in the JSON of `zongwu stats`, by its name: `stats.a.b`, `stats.a["键"]`,
/// `stats.a[0]`.
fn lookup<'v>(json: &'v Value, path: &str) -> Option<&'v Value> {
    let mut value = json;
    let mut rest = path.strip_prefix("stats")?;
    while !rest.is_empty() {
        if let Some(r) = rest.strip_prefix("[\"") {
            let mut stream = serde_json::Deserializer::from_str(&rest[1..]).into_iter::<String>();
            let key = stream.next()?.ok()?;
            value = value.get(key.as_str())?;
            rest = r[stream.byte_offset() - 1..].strip_prefix(']')?;
        } else if let Some(r) = rest.strip_prefix('[') {
            let end = r.find(']')?;
            value = value.get(r[..end].parse::<usize>().ok()?)?;
            rest = &r[end + 1..];
        } else {
            let r = rest.strip_prefix('.')?;
            let end = r.find(['.', '[']).unwrap_or(r.len());
            value = value.get(&r[..end])?;
            rest = &r[end..];
        }
    }
    Some(value)
}

/// The value as `zongwu stats --format json` prints it, strings without quotes.
fn raw(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// Whether the text a page shows is that value (grouped, or a dash for none).
fn shows(shown: &str, value: &str) -> bool {
    if value == "null" {
        return shown == "—";
    }
    let plain = shown.replace(',', "");
    // A large sum shown in 万元 (ten thousands of yuan), rounded to 100 yuan.
    if let Some(wan) = plain.strip_suffix("万元") {
        let (a, b) = (
            wan.parse::<f64>().unwrap() * 10_000.0,
            value.parse::<f64>().unwrap(),
        );
        return (a - b).abs() <= 50.0 && b >= 10_000.0;
    }
    match (plain.parse::<f64>(), value.parse::<f64>()) {
        (Ok(a), Ok(b)) => a == b,
        _ => plain == value,
    }
}

/// Holds every tagged figure and every counted list of a site to `zongwu stats` on
/// `today`; returns how many figures were compared, and how many of them with the
/// previous semester's.
fn every_figure_is_what_stats_says(records: &Path, today: &str) -> (usize, usize) {
    let out = build(records, today);
    let mut json: BTreeMap<String, Value> = BTreeMap::new();
    let mut stats_of = |semester: &str| {
        json.entry(semester.to_owned())
            .or_insert_with(|| stats(records, semester, today))
            .clone()
    };
    let (mut compared, mut with_previous) = (0, 0);
    for (page, html) in pages(&out.path().join("site")) {
        for (figure, value, previous, shown) in tagged_with_previous(&html) {
            let (semester, path) = figure.split_once('/').unwrap();
            let json = stats_of(semester);
            let Some(expected) = lookup(&json, path) else {
                panic!("{page}: {figure} is no figure of zongwu stats");
            };
            assert_eq!(value, raw(expected), "{page}: {figure}");
            // The previous semester's value, where the figure can be compared.
            let comparable = !path.contains("tenders[") && !path.contains("by_month[");
            let before = json["prev"].is_object().then_some(&json["prev"]);
            let expected = before
                .filter(|_| comparable)
                .map(|prev| lookup(prev, path).map(raw));
            let expected = expected.flatten();
            assert_eq!(previous, expected, "{page}: {figure} against prev");
            with_previous += usize::from(expected.is_some());
            assert!(
                shows(&shown, &value),
                "{page}: {figure} = {value} shown as {shown:?}"
            );
            compared += 1;
        }
        for (figure, rows) in counted(&html) {
            let (semester, path) = figure.split_once('/').unwrap();
            let json = stats_of(semester);
            let expected = lookup(&json, path).and_then(Value::as_u64).unwrap();
            assert_eq!(
                rows as u64, expected,
                "{page}: the list counted by {figure}"
            );
        }
    }
    (compared, with_previous)
}

#[test]
fn every_figure_of_the_example_site_is_what_stats_says() {
    let records = common::example_records();
    for today in ["2012-07-10", "2011-10-01", "2026-11-25"] {
        let (compared, with_previous) = every_figure_is_what_stats_says(&records, today);
        assert!(compared > 150, "{today}: only {compared} figures");
        assert!(
            with_previous > 50,
            "{today}: {with_previous} compared with prev"
        );
    }
}

#[test]
fn every_figure_of_a_generated_site_is_what_stats_says() {
    let records = Records::empty();
    common::generate(records.path(), 3000);
    let (compared, with_previous) = every_figure_is_what_stats_says(records.path(), "2012-05-01");
    assert!(
        with_previous > 50,
        "only {with_previous} compared with prev"
    );
    assert!(compared > 150, "only {compared} figures");
}

#[test]
fn the_lists_under_the_dashboard_cards_are_what_the_cards_count() {
    let out = build(&common::example_records(), "2012-07-10");
    let home = std::fs::read_to_string(out.path().join("site/index.html")).unwrap();
    let lists: Vec<String> = counted(&home).into_iter().map(|(f, _)| f).collect();
    let cards: Vec<String> = tagged(&home).into_iter().map(|(f, _, _)| f).collect();
    for figure in [
        "2011-2012-2/stats.repairs.open",
        "2011-2012-2/stats.repairs.overdue",
        "2011-2012-2/stats.inspections.findings.open",
    ] {
        assert!(
            lists.contains(&figure.to_owned()),
            "a list counted by {figure}"
        );
        assert!(cards.contains(&figure.to_owned()), "a card of {figure}");
    }
}

/// The rows of the table under the heading `title` in a page.
fn rows_under<'h>(html: &'h str, title: &str) -> Vec<&'h str> {
    let at = html
        .find(&format!("<h2>{title}</h2>"))
        .unwrap_or_else(|| panic!("{title}"));
    let rest = &html[at..];
    let end = rest.find("</section>").unwrap();
    rest[..end].split("<tr>").skip(2).collect()
}

#[test]
fn on_one_day_one_question_has_one_answer_on_every_page() {
    let out = build(&common::example_records(), "2012-07-10");
    let site = out.path().join("site");
    let page = |rel: &str| std::fs::read_to_string(site.join(rel)).unwrap();
    let (home, open, s2) = (
        page("index.html"),
        page("open.html"),
        page("semesters/2011-2012-2.html"),
    );
    let figure = |html: &str, name: &str| {
        tagged(html)
            .into_iter()
            .find(|(f, _, _)| f == &format!("2011-2012-2/{name}"))
            .map(|(_, v, _)| v)
            .unwrap()
    };
    // Open repairs: the dashboard's card, the semester's figure and open.html's list.
    let open_repairs = figure(&home, "stats.repairs.open");
    assert_eq!(open_repairs, figure(&s2, "stats.repairs.open"));
    assert_eq!(
        rows_under(&open, "未修好的报修").len().to_string(),
        open_repairs
    );
    assert_eq!(
        figure(&home, "stats.repairs.overdue"),
        figure(&s2, "stats.repairs.overdue")
    );
    // The finding 3号宿舍楼墙面渗水 (rectified 2012-07-20, due 07-15) is open on the
    // day on every page that shows it, and its rectification date is not yet known.
    let finding_rows = |html: &str| -> Vec<String> {
        html.split("<tr>")
            .filter(|row| row.contains("3号宿舍楼墙面渗水"))
            .map(|row| row.split("</tr>").next().unwrap().to_owned())
            .collect()
    };
    for (name, html) in [
        ("semester", &s2),
        ("open.html", &open),
        ("dashboard", &home),
        ("inspection", &page("inspections/2012/I-2012-0011.html")),
    ] {
        let rows = finding_rows(html);
        assert!(!rows.is_empty(), "{name} lists the finding");
        for row in rows {
            assert!(row.contains("status-open"), "{name}: {row}");
            assert!(!row.contains("2012-07-20"), "{name}: {row}");
        }
    }
    // R-2012-0014 (reported 07-09, fixed 07-20): open on the day, its fix not yet known.
    let r14 = page("repairs/2012/R-2012-0014.html");
    assert!(r14.contains("status-open"), "R-2012-0014 is open");
    assert!(!r14.contains("2012-07-20"), "its fix has not happened yet");
    // Records that begin after the day are left out everywhere.
    for later in [
        "repairs/2012/R-2012-0015.html",
        "repairs/2012/R-2012-0016.html",
        "inspections/2012/I-2012-0013.html",
    ] {
        assert!(!site.join(later).exists(), "{later}");
    }
    for (rel, html) in pages(&site) {
        for id in ["R-2012-0015", "R-2012-0016", "I-2012-0013"] {
            assert!(
                !html.contains(id),
                "{rel} names {id}, which begins after the day"
            );
        }
        // Every page says its day: the day in question, or an ended semester's end
        // (its budget's pages: the end of its last budget month).
        let day = if rel.starts_with("semesters/2011-2012-1/budget.") {
            "2012-01-31"
        } else if rel.starts_with("semesters/2011-2012-1") {
            "2012-02-10"
        } else {
            "2012-07-10"
        };
        assert!(
            html.contains(&format!("统计日期：{day}")),
            "{rel} says its day"
        );
    }
    // July's spending counts only what was bought by 07-10.
    let july = stats(&common::example_records(), "2011-2012-2", "2012-07-10");
    let later = stats(&common::example_records(), "2011-2012-2", "2012-08-19");
    assert_eq!(
        july["repairs"]["reported"].as_u64().unwrap() + 2,
        later["repairs"]["reported"].as_u64().unwrap()
    );
    // August has not begun: its key is there (a narrative may name it), its figures 0.
    let august = &july["budget"]["by_month"]["2012-08"];
    assert_eq!(
        (&august["planned"], &august["actual"]),
        (&"0.00".into(), &"0.00".into())
    );
    assert!(
        !rows_under(&s2, "各月预算与实际支出")
            .iter()
            .any(|row| row.contains("2012-08")),
        "the summary shows no month that has not begun"
    );
    // R-2012-0014's 1,250.50 is spent on 07-20: not yet in July's spending on 07-10.
    assert_eq!(july["budget"]["by_month"]["2012-07"]["actual"], "0.00");
    assert_eq!(later["budget"]["by_month"]["2012-07"]["actual"], "1250.50");
}

#[test]
fn a_finding_rectified_after_its_semester_is_open_in_that_semester() {
    let r = Records::new()
        .with(
            "inspections/I-1.toml",
            "title = \"期末检查\"\ntype = \"safety\"\ndate = 2012-01-20\ninspector = \"总务处\"\n\n[[findings]]\ndescription = \"灭火器过期\"\nseverity = \"high\"\nrectified = 2012-02-20\n\n[[findings]]\ndescription = \"应急灯不亮\"\nseverity = \"low\"\nrectified = 2012-01-25\n\n[[findings]]\ndescription = \"出口堵塞\"\nseverity = \"medium\"\n",
        );
    let s1 = stats(r.path(), "2011-2012-1", "2012-06-30");
    assert_eq!(
        s1["inspections"]["findings"],
        serde_json::json!({"total": 3, "rectified": 1, "open": 2})
    );
    let out = build(r.path(), "2012-06-30");
    let page = std::fs::read_to_string(out.path().join("site/semesters/2011-2012-1.html")).unwrap();
    let row = page
        .split("<tr>")
        .find(|row| row.contains("灭火器过期"))
        .unwrap();
    assert!(
        row.contains("status-overdue"),
        "open (and overdue) at the end: {row}"
    );
    assert!(
        !row.contains("2012-02-20") && row.contains("—"),
        "its date not yet known: {row}"
    );
    let lists = counted(&page);
    assert!(lists.contains(&("2011-2012-1/stats.inspections.findings.total".to_owned(), 3)));
    every_figure_is_what_stats_says(r.path(), "2012-06-30");
}

#[test]
fn stats_and_pdf_choose_the_dashboards_semester_in_a_new_folder() {
    let dir = tempfile::tempdir().unwrap();
    let records = dir.path().join("records");
    assert!(
        zongwu(&["init".as_ref(), records.as_os_str()])
            .status
            .success()
    );
    let out = zongwu(&["stats".as_ref(), records.as_os_str()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let header = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .next()
        .unwrap()
        .to_owned();
    let title = header.split(" (").next().unwrap().to_owned();
    let site = dir.path().join("site");
    common::assert_success(&zongwu(&[
        "build".as_ref(),
        records.as_os_str(),
        "--out".as_ref(),
        site.as_os_str(),
    ]));
    let home = std::fs::read_to_string(site.join("index.html")).unwrap();
    assert!(
        home.contains(&format!("本学期 · {title}</h2>")),
        "the dashboard shows {title}"
    );
    let json = zongwu(&[
        "stats".as_ref(),
        records.as_os_str(),
        "--format".as_ref(),
        "json".as_ref(),
    ]);
    let json: Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(
        json["assets"]["count"], 1,
        "the example asset of today is counted"
    );
    let Some(_) = common::chromium() else { return };
    let pdf = zongwu(&[
        "pdf".as_ref(),
        records.as_os_str(),
        "--out".as_ref(),
        dir.path().join("s.pdf").as_os_str(),
    ]);
    assert!(
        pdf.status.success(),
        "{}",
        String::from_utf8_lossy(&pdf.stderr)
    );
    let text = std::process::Command::new("pdftotext")
        .arg(dir.path().join("s.pdf"))
        .arg("-")
        .output()
        .unwrap();
    assert!(
        String::from_utf8_lossy(&text.stdout).contains(&title),
        "the PDF is of {title}"
    );
}

#[test]
fn dates_after_today_and_budgets_outside_semesters_are_warned_about() {
    let r = Records::new()
        .with(
            "repairs/R-1.toml",
            "title = \"灯管不亮\"\nlocation = \"1号楼\"\nreported = 2012-03-01\nreporter = \"王老师\"\nfixed = 2062-03-02\n",
        )
        .with("budgets/2011-08.toml", "[lines]\n\"维修\" = 300\n")
        .with("budgets/2012-03.toml", "[lines]\n\"维修\" = 300\n");
    let out = r.run(&[
        "check",
        "--format",
        "json",
        "--lang",
        "en",
        "--today",
        "2026-11-25",
    ]);
    let found: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
    let codes: Vec<(&str, &str, Option<u64>)> = found
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap(),
                d["file"].as_str().unwrap(),
                d["line"].as_u64(),
            )
        })
        .collect();
    assert_eq!(
        codes,
        [
            ("W006", "budgets/2011-08.toml", None),
            ("W005", "repairs/R-1.toml", Some(5))
        ]
    );
    assert_eq!(out.status.code(), Some(0), "warnings only");
    assert!(
        found[1]["message"]
            .as_str()
            .unwrap()
            .contains("fixed = 2062-03-02 is after today (2026-11-25)")
    );
    // The same record checked on a day before its report: both dates are later.
    let out = r.run(&["check", "--format", "json", "--today", "2012-02-01"]);
    let found: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(found.iter().filter(|d| d["code"] == "W005").count(), 2);
}

#[test]
fn stats_takes_the_day_in_question() {
    let records = common::example_records();
    let out = zongwu(&[
        "stats".as_ref(),
        records.as_os_str(),
        "--today".as_ref(),
        "2012-07-10".as_ref(),
    ]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.starts_with("2011-2012学年度第二学期 (2012-02-11 — 2012-08-19; 数据截至 2012-07-10)"),
        "{text}"
    );
    let s1 = stats(&records, "2011-2012-1", "2012-07-10");
    let s1_later = stats(&records, "2011-2012-1", "2026-11-25");
    assert_eq!(
        s1, s1_later,
        "an ended semester is counted on its end, whatever the day"
    );
}

#[test]
fn a_semesters_last_day_and_the_overdue_limit_are_counted_exactly() {
    let repair = |reported: &str, fixed: &str| {
        format!(
            "title = \"灯\"\nlocation = \"x\"\nreported = {reported}\nreporter = \"r\"\n{fixed}"
        )
    };
    let r = Records::new()
        // Fixed on S1's last day: fixed within S1, not open at its end.
        .with(
            "repairs/R-1.toml",
            repair("2012-02-01", "fixed = 2012-02-10\ncost = 10\n"),
        )
        // Open exactly 7 days (repair_overdue_days) at S1's end: open, not overdue.
        .with("repairs/R-2.toml", repair("2012-02-03", ""))
        // Open 8 days at S1's end: overdue.
        .with("repairs/R-3.toml", repair("2012-02-02", ""))
        .with(
            "budgets/2011-09.toml",
            "[lines]\n\"维修\" = 100\n\"安防\" = 50\n",
        )
        .with("budgets/2012-02.toml", "[lines]\n\"维修\" = 5\n");
    let s1 = stats(r.path(), "2011-2012-1", "2012-06-30");
    let repairs = &s1["repairs"];
    assert_eq!(
        (repairs["fixed"].as_u64(), repairs["cost"].as_str()),
        (Some(1), Some("10.00"))
    );
    assert_eq!(
        (repairs["open"].as_u64(), repairs["overdue"].as_u64()),
        (Some(2), Some(1))
    );
    // The budget table: difference = planned − actual, sorted by its amount in fen.
    let s2 = stats(r.path(), "2011-2012-2", "2012-06-30");
    // R-1's cost is spent in 2012-02, a month whose 15th lies in S2.
    assert_eq!(
        s2["budget"]["by_month"]["2012-02"],
        serde_json::json!({"planned": "5.00", "actual": "10.00"})
    );
    let out = build(r.path(), "2012-06-30");
    let page = std::fs::read_to_string(out.path().join("site/semesters/2011-2012-1.html")).unwrap();
    let row = page
        .split("<tr>")
        .find(|row| row.contains("2011-09</a>"))
        .unwrap();
    assert!(
        row.contains("data-sort=\"15000\">150.00</td>"),
        "planned − actual: {row}"
    );
    // In 2012-02, 10.00 spent against 5.00 planned: −5.00 left, sorted as −500 fen.
    let page = std::fs::read_to_string(out.path().join("site/semesters/2011-2012-2.html")).unwrap();
    let row = page
        .split("<tr>")
        .find(|row| row.contains("2012-02</a>"))
        .unwrap();
    assert!(row.contains("data-sort=\"-500\">-5.00</td>"), "{row}");
    every_figure_is_what_stats_says(r.path(), "2012-06-30");
}

/// A month's spending after its semester has ended, with a narrative naming a month
/// that has not begun on an earlier day.
fn august_records() -> Records {
    Records::new()
        .with("budgets/2012-08.toml", "[lines]\n\"设备\" = 1000\n\"维修\" = 500\n")
        .with(
            "purchases/P-1.toml",
            r#"title = "投影仪"
category = "设备"
method = "direct"
requester = "王老师"
requested = 2012-08-01
approved = 2012-08-02
purchased = 2012-08-25
vendor = "某公司"

[[items]]
name = "投影仪"
quantity = 1
unit_price = 800
"#,
        )
        .with(
            "repairs/R-1.toml",
            r#"title = "灯管"
location = "1号楼"
reported = 2012-08-10
reporter = "李老师"
fixed = 2012-08-12
cost = 100
"#,
        )
        .with(
            "summaries/2011-2012-2.md",
            "八月支出{{ stats.budget.by_month[\"2012-08\"].actual }}元，一月{{ stats.budget.by_month[\"2012-07\"].planned }}元。\n",
        )
}

#[test]
fn spending_after_a_semesters_end_counts_in_its_last_month() {
    let r = august_records();
    let august = |today: &str| {
        let json = stats(r.path(), "2011-2012-2", today);
        let month = &json["budget"]["by_month"]["2012-08"];
        [
            month["planned"].clone(),
            month["actual"].clone(),
            json["budget"]["actual"].clone(),
        ]
        .map(|v| v.as_str().unwrap().to_owned())
    };
    // The semester ends on 08-19; August is its month (it holds the 15th), so the
    // purchase of 08-25 counts in it once it has happened, and in no other semester.
    assert_eq!(august("2012-09-30"), ["1500.00", "900.00", "900.00"]);
    assert_eq!(august("2012-08-20"), ["1500.00", "100.00", "100.00"]);
    assert_eq!(august("2012-08-19"), ["1500.00", "100.00", "100.00"]);
    // Before August begins, its key is there with nothing in it: a narrative naming
    // it renders on any day.
    assert_eq!(august("2012-07-10"), ["0.00", "0.00", "0.00"]);
    for today in ["2012-07-10", "2012-09-30"] {
        let out = r.run(&["check", "--today", today]);
        common::assert_success(&out);
    }
    // The month's page and the semester's row for it say the same, tagged as that
    // figure (every_figure_is_what_stats_says holds the tag to its value).
    let out = build(r.path(), "2012-09-30");
    let month = std::fs::read_to_string(out.path().join("site/months/2012-08.html")).unwrap();
    let figures = tagged(&month);
    assert!(
        figures.contains(&(
            "2011-2012-2/stats.budget.by_month[\"2012-08\"].actual".to_owned(),
            "900.00".to_owned(),
            "900.00".to_owned()
        )),
        "{figures:?}"
    );
    assert!(every_figure_is_what_stats_says(r.path(), "2012-09-30").0 >= 2);
}

/// A TOML amount (integer, float or string) in fen.
fn fen(value: &toml::Value) -> i64 {
    let text = match value {
        toml::Value::String(s) => s.clone(),
        toml::Value::Float(f) => format!("{f:.2}"),
        other => other.to_string(),
    };
    let (yuan, cents) = text.split_once('.').unwrap_or((&text, "0"));
    yuan.parse::<i64>().unwrap() * 100 + format!("{cents:0<2}").parse::<i64>().unwrap()
}

/// Every spending of a records folder read straight from its files, as
/// `(YYYY-MM-DD, fen)`: purchase totals by `purchased`, repair costs by `fixed`.
fn spending_in_files(records: &Path) -> Vec<(String, i64)> {
    let mut out = Vec::new();
    for rel in common::files_under(records) {
        let Some(kind) = ["purchases/", "repairs/"]
            .iter()
            .find(|k| rel.starts_with(**k))
        else {
            continue;
        };
        let text = std::fs::read_to_string(records.join(&rel)).unwrap();
        let record: toml::Table = toml::from_str(&text).unwrap();
        let spent = if *kind == "purchases/" {
            record.get("purchased").map(|day| {
                let items = record["items"].as_array().unwrap();
                let total = items
                    .iter()
                    .map(|item| item["quantity"].as_integer().unwrap() * fen(&item["unit_price"]));
                (day, total.sum())
            })
        } else {
            record
                .get("fixed")
                .zip(record.get("cost"))
                .map(|(day, cost)| (day, fen(cost)))
        };
        out.extend(spent.map(|(day, fen)| (day.to_string(), fen)));
    }
    out
}

#[test]
fn every_yuan_spent_in_a_budget_month_counts_in_exactly_one_semester() {
    let r = Records::empty();
    common::generate(r.path(), 3000);
    let config: toml::Table =
        toml::from_str(&std::fs::read_to_string(r.path().join("zongwu.toml")).unwrap()).unwrap();
    let semesters = config["semester"].as_array().unwrap();
    let spending = spending_in_files(r.path());
    for today in ["2012-05-01", "2013-03-01"] {
        let mut months = Vec::new();
        let mut counted = 0;
        for s in semesters {
            let json = stats(r.path(), s["id"].as_str().unwrap(), today);
            let budget = &json["budget"];
            counted += fen(&toml::Value::String(
                budget["actual"].as_str().unwrap().into(),
            ));
            let by_month = budget["by_month"].as_object().unwrap();
            months.extend(by_month.keys().cloned());
        }
        // No month belongs to two semesters.
        let distinct: std::collections::BTreeSet<_> = months.iter().collect();
        assert_eq!(distinct.len(), months.len(), "{today}: {months:?}");
        let spent: i64 = spending
            .iter()
            .filter(|(day, _)| day.as_str() <= today && months.contains(&day[..7].to_owned()))
            .map(|(_, fen)| fen)
            .sum();
        assert!(spent > 0, "{today}: some spending");
        assert_eq!(
            counted, spent,
            "{today}: spending counted over all semesters"
        );
    }
}

/// The status badges (`status-…` classes) of the rows of the list counted by `figure`.
fn badges_of_counted(html: &str, figure: &str) -> Vec<String> {
    let at = html
        .find(&format!(" data-count-of=\"{figure}\""))
        .unwrap_or_else(|| panic!("a list counted by {figure}"));
    let rest = &html[at..];
    let body = &rest[rest.find("<tbody>").unwrap()..rest.find("</tbody>").unwrap()];
    body.split("<tr>")
        .skip(1)
        .map(|row| {
            let at = row.find("status status-").expect("a badge on every row");
            let badge = &row[at + "status status-".len()..];
            badge[..badge.find('"').unwrap()].to_owned()
        })
        .collect()
}

#[test]
fn every_badge_in_a_semesters_section_is_on_the_semesters_day() {
    // Without --today the dashboard shows the example's last semester on its end,
    // 2012-08-19, years before today.
    let records = common::example_records();
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("site");
    common::assert_success(&zongwu(&[
        "build".as_ref(),
        records.as_os_str(),
        "--out".as_ref(),
        site.as_os_str(),
    ]));
    let home = std::fs::read_to_string(site.join("index.html")).unwrap();
    let json = {
        let out = zongwu(&[
            "stats".as_ref(),
            records.as_os_str(),
            "--format".as_ref(),
            "json".as_ref(),
        ]);
        serde_json::from_slice::<Value>(&out.stdout).unwrap()
    };
    let count = |path: &str| lookup(&json, path).and_then(Value::as_u64).unwrap() as usize;
    let open = badges_of_counted(&home, "2011-2012-2/stats.repairs.open");
    let overdue = badges_of_counted(&home, "2011-2012-2/stats.repairs.overdue");
    assert_eq!(open.len(), count("stats.repairs.open"));
    assert_eq!(
        open.iter().filter(|b| *b == "overdue").count(),
        count("stats.repairs.overdue"),
        "open repairs badged overdue: {open:?}"
    );
    assert!(
        open.iter().all(|b| b == "open" || b == "overdue"),
        "{open:?}"
    );
    assert_eq!(overdue, vec!["overdue"; count("stats.repairs.overdue")]);
    // R-2012-0016 was reported 4 days before the semester's end: open, not overdue.
    let row = home
        .split("<tr>")
        .find(|row| row.contains("R-2012-0016"))
        .expect("R-2012-0016 is open at the semester's end");
    assert!(row.contains("status-open"), "{row}");
    let findings = badges_of_counted(&home, "2011-2012-2/stats.inspections.findings.open");
    assert_eq!(findings.len(), count("stats.inspections.findings.open"));
    assert!(!findings.iter().any(|b| b == "rectified"), "{findings:?}");
}

#[test]
fn the_latest_changes_leave_out_commits_after_the_day_in_question() {
    let r = august_records();
    let git = |date: &str, args: &[&str]| {
        let out = std::process::Command::new("git")
            .arg("-C")
            .arg(r.path())
            .args(["-c", "user.name=王老师", "-c", "user.email=w@example.org"])
            .args(args)
            .env("GIT_AUTHOR_DATE", format!("{date}T12:00:00"))
            .env("GIT_COMMITTER_DATE", format!("{date}T12:00:00"))
            .output()
            .expect("git runs");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    git("2012-08-01", &["init", "-q"]);
    git("2012-08-01", &["add", "-A"]);
    git("2012-08-01", &["commit", "-qm", "八月记录"]);
    r.write("repairs/R-1.toml", "title = \"灯管坏了\"\nlocation = \"1号楼\"\nreported = 2012-08-10\nreporter = \"李老师\"\n");
    git("2012-09-15", &["commit", "-qam", "九月改动"]);
    let out = build(r.path(), "2012-08-20");
    let site = out.path().join("site");
    let home = std::fs::read_to_string(site.join("index.html")).unwrap();
    assert!(
        home.contains("八月记录"),
        "the commit of the day's past is listed"
    );
    assert!(!home.contains("九月改动"), "a commit after the day is not");
    let repair = std::fs::read_to_string(site.join("repairs/R-1.html")).unwrap();
    assert!(!repair.contains("九月改动"), "nor on the record's page");
    let later = build(r.path(), "2012-09-30");
    let home = std::fs::read_to_string(later.path().join("site/index.html")).unwrap();
    assert!(home.contains("九月改动"), "on a later day it is");
}

#[test]
fn a_narrative_compares_with_the_previous_semester_through_prev() {
    let r = august_records().with(
        "summaries/2011-2012-2.md",
        "比上学期多报修{{ stats.repairs.reported - prev.repairs.reported }}项，上学期{{ prev.repairs.reported }}项。\n",
    );
    r.write(
        "repairs/R-0.toml",
        "title = \"门锁\"\nlocation = \"1号楼\"\nreported = 2011-10-10\nreporter = \"李老师\"\n",
    );
    r.write(
        "repairs/R-2.toml",
        "title = \"水管\"\nlocation = \"2号楼\"\nreported = 2012-03-10\nreporter = \"李老师\"\n",
    );
    let out = build(r.path(), "2012-09-30");
    let page = std::fs::read_to_string(out.path().join("site/semesters/2011-2012-2.html")).unwrap();
    assert!(
        page.contains("比上学期多报修1项，上学期1项。"),
        "the narrative renders prev"
    );
    // `zongwu stats` prints the previous semester's figures as `prev`, null for the first.
    let second = stats(r.path(), "2011-2012-2", "2012-09-30");
    let first = stats(r.path(), "2011-2012-1", "2012-09-30");
    let mut without_prev = first.clone();
    without_prev.as_object_mut().unwrap().remove("prev");
    assert_eq!(second["prev"], without_prev);
    assert_eq!(first["prev"], Value::Null);
    // The first semester has none to compare with: a narrative using prev there is an
    // error at its line.
    r.write(
        "summaries/2011-2012-1.md",
        "# 总结\n\n比上学期{{ prev.repairs.reported }}项。\n",
    );
    let (diags, code) = r.check();
    assert_eq!(code, 1);
    let found: Vec<_> = diags.iter().map(|d| (d.code.as_str(), d.line)).collect();
    assert_eq!(found, vec![("E092", Some(3))], "{diags:?}");
}

#[test]
fn the_trends_page_draws_each_key_figure_over_the_semesters() {
    let out = build(&common::example_records(), "2012-07-10");
    let site = out.path().join("site");
    let trends = std::fs::read_to_string(site.join("semesters/trends.html")).unwrap();
    // A chart per key figure, each semester's bar leading to its summary.
    assert_eq!(trends.matches("<figure class=\"chart\">").count(), 9);
    for id in ["2011-2012-1", "2011-2012-2"] {
        let link = format!("href=\"{id}.html\"");
        assert!(
            trends.matches(&link).count() >= 18,
            "{id}: both drawings of 9 charts link"
        );
    }
    // The table's figures are the semesters' own (held to zongwu stats by
    // every_figure_of_the_example_site_is_what_stats_says), the second compared.
    let figures = tagged_with_previous(&trends);
    assert_eq!(figures.len(), 18);
    let second = stats(&common::example_records(), "2011-2012-2", "2012-07-10");
    let reported = figures
        .iter()
        .find(|(f, ..)| f == "2011-2012-2/stats.repairs.reported")
        .unwrap();
    assert_eq!(
        reported.2.as_deref(),
        second["prev"]["repairs"]["reported"]
            .to_string()
            .as_str()
            .into()
    );
    let semesters = std::fs::read_to_string(site.join("semesters/index.html")).unwrap();
    assert!(
        semesters.contains("href=\"trends.html\""),
        "the list of semesters leads to it"
    );
}

/// Every tagged figure of a page that links somewhere: `(figure, value, href)`.
fn linked(html: &str) -> Vec<(String, String, String)> {
    html.match_indices(" data-figure=\"")
        .filter_map(|(at, _)| {
            let (figure, rest) = attribute(&html[at..], "data-figure").unwrap();
            let (value, rest) = attribute(rest, "data-value").unwrap();
            let text = &rest[rest.find('>').unwrap() + 1..];
            let link = text.strip_prefix("<a href=\"")?;
            let href = unescape(&link[..link.find('"').unwrap()]);
            Some((figure, value, href))
        })
        .collect()
}

/// A path from a page's folder followed by a relative link, without `..`.
fn resolve(page: &str, href: &str) -> String {
    let mut parts: Vec<&str> = page.split('/').collect();
    parts.pop();
    for step in href.split('/') {
        match step {
            ".." => {
                parts.pop();
            }
            "." => {}
            step => parts.push(step),
        }
    }
    parts.join("/")
}

/// The headers and the cells of the rows of the list of a page of records behind
/// figures (its first section): none where it says there is nothing.
fn first_table(html: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let table_at = html.find("<table").unwrap();
    if html
        .find("<p class=\"empty\"")
        .is_some_and(|empty| empty < table_at)
    {
        return (Vec::new(), Vec::new());
    }
    let table = &html[table_at..];
    let table = &table[..table.find("</table>").unwrap()];
    let cells = |row: &str, tag: &str| -> Vec<String> {
        row.split(&format!("<{tag}"))
            .skip(1)
            .filter(|cell| cell.starts_with(['>', ' ']))
            .map(|cell| {
                let inner =
                    &cell[cell.find('>').unwrap() + 1..cell.find(&format!("</{tag}>")).unwrap()];
                let mut text = String::new();
                let mut markup = false;
                for c in inner.chars() {
                    match c {
                        '<' => markup = true,
                        '>' => markup = false,
                        c if !markup => text.push(c),
                        _ => {}
                    }
                }
                unescape(text.trim())
            })
            .collect()
    };
    let head = &table[..table.find("</thead>").unwrap()];
    let body = &table[table.find("<tbody>").unwrap()..];
    let rows = body
        .split("<tr>")
        .skip(1)
        .map(|row| cells(row, "td"))
        .collect();
    (cells(head, "th"), rows)
}

/// A number as a cell shows it (`1,200.50`), in hundredths.
fn hundredths(text: &str) -> i64 {
    let text = text.replace(',', "");
    let (whole, cents) = text.split_once('.').unwrap_or((&text, "0"));
    whole.parse::<i64>().unwrap() * 100 + format!("{cents:0<2}")[..2].parse::<i64>().unwrap()
}

/// Follows every linked count and sum of a site to the page of its records: the page
/// (in all its parts) lists as many records as a count says, a sum is its column's
/// total, and every row leads to a record's page. Returns how many were followed.
fn every_count_and_sum_leads_to_its_records(records: &Path, today: &str) -> usize {
    let out = build(records, today);
    let site = out.path().join("site");
    let pages = pages(&site);
    let mut followed = 0;
    for (page, html) in &pages {
        for (figure, value, href) in linked(html) {
            let target = resolve(page, &href);
            let Some(first) = pages.get(&target) else {
                panic!("{page}: {figure} leads to {target}, which is not there");
            };
            // The page and its parts (X.html, X-2.html …), the total in the last.
            let mut parts = vec![first];
            while let Some(next) = pages.get(&format!(
                "{}-{}.html",
                target.trim_end_matches(".html"),
                parts.len() + 1
            )) {
                parts.push(next);
            }
            let (headers, _) = first_table(first);
            let rows: Vec<Vec<String>> = parts.iter().flat_map(|p| first_table(p).1).collect();
            for row in &rows {
                assert!(row.len() == headers.len(), "{target}: {row:?}");
            }
            let last = parts.last().unwrap();
            let total = &last[last
                .find(&format!(
                    " data-figure=\"{}\"",
                    figure.replace('"', "&quot;")
                ))
                .unwrap_or_else(|| panic!("{target} totals {figure}"))..];
            let label_at = last[..last.len() - total.len()].rfind("<td>").unwrap();
            let label = &last[label_at + 4..];
            let label = unescape(&label[..label.find("</td>").unwrap()]);
            if label == "记录条数" || label == "Records" {
                assert_eq!(rows.len().to_string(), value, "{page}: {figure} → {target}");
            } else if rows.is_empty() {
                assert_eq!(hundredths(&value), 0, "{page}: {figure} → {target}, empty");
            } else {
                let column = headers
                    .iter()
                    .position(|h| *h == label)
                    .unwrap_or_else(|| panic!("{target}: no column {label} in {headers:?}"));
                let sum: i64 = rows.iter().map(|r| hundredths(&r[column])).sum();
                assert_eq!(
                    sum,
                    hundredths(&value),
                    "{page}: {figure} → {target} column {label}"
                );
            }
            // Every row leads to the page of a record (a month, for budget lines).
            for p in parts.iter().filter(|_| !rows.is_empty()) {
                let body = &p[p.find("<tbody>").unwrap()..p.find("</tbody>").unwrap()];
                for row in body.split("<tr>").skip(1) {
                    let href = row.split("href=\"").nth(1);
                    let href = href.unwrap_or_else(|| panic!("{target}: a row without a link"));
                    let href = &href[..href.find('"').unwrap()];
                    let to = resolve(&target, href);
                    assert!(pages.contains_key(&to), "{target}: a row leads to {to}");
                }
            }
            followed += 1;
        }
    }
    followed
}

#[test]
fn every_count_and_sum_of_the_example_leads_to_exactly_its_records() {
    for today in ["2012-07-10", "2026-11-25"] {
        let followed = every_count_and_sum_leads_to_its_records(&common::example_records(), today);
        assert!(followed > 200, "{today}: only {followed} followed");
    }
}

#[test]
fn every_count_and_sum_of_generated_records_leads_to_exactly_its_records() {
    let records = Records::empty();
    common::generate(records.path(), 3000);
    for today in ["2012-05-01", "2013-03-01"] {
        let followed = every_count_and_sum_leads_to_its_records(records.path(), today);
        assert!(followed > 200, "{today}: only {followed} followed");
    }
}
