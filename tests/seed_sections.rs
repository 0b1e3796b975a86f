//! The seed's further records on the pages: the semester summary's sections of works,
//! safety, the rule book, contracts and events (each only when the semester has such
//! records), and the dashboard's works in progress, contracts ending soon and days
//! since the last incident, on the day in question.

mod common;

use common::Records;
use std::path::Path;

/// Builds the site of `records` on `today` (with `extra` arguments) into a temporary
/// folder.
fn build(records: &Path, today: &str, extra: &[&str]) -> tempfile::TempDir {
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("site");
    let mut args: Vec<&std::ffi::OsStr> = vec![
        "build".as_ref(),
        records.as_os_str(),
        "--out".as_ref(),
        site.as_os_str(),
        "--today".as_ref(),
        today.as_ref(),
        "--no-search".as_ref(),
    ];
    args.extend(extra.iter().map(std::ffi::OsStr::new));
    common::assert_success(&common::zongwu(&args));
    out
}

/// A page of a built site.
fn page(out: &tempfile::TempDir, rel: &str) -> String {
    std::fs::read_to_string(out.path().join("site").join(rel)).unwrap()
}

/// The computed section headed `title` (not a heading of the narrative): its HTML up
/// to its end.
fn section<'h>(html: &'h str, title: &str) -> Option<&'h str> {
    let heading = format!("<h2>{title}</h2>");
    html.match_indices(&heading)
        .map(|(at, _)| at)
        .find(|&at| {
            let tag = html[..at].trim_end().rsplit('<').next().unwrap_or_default();
            tag.starts_with("section")
        })
        .map(|at| {
            let rest = &html[at..];
            &rest[..rest.find("</section>").unwrap()]
        })
}

/// Every tagged figure of some HTML: `(figure, value, text shown)`.
fn figures(html: &str) -> Vec<(String, String, String)> {
    let attribute = |rest: &str, name: &str| -> (String, usize) {
        let start = rest.find(&format!(" {name}=\"")).unwrap() + name.len() + 3;
        let end = start + rest[start..].find('"').unwrap();
        (rest[start..end].replace("&quot;", "\""), end)
    };
    html.match_indices(" data-figure=\"")
        .map(|(at, _)| {
            let rest = &html[at..];
            let (figure, _) = attribute(rest, "data-figure");
            let (value, _) = attribute(rest, "data-value");
            let text = &rest[rest.find('>').unwrap() + 1..];
            let text = match text.strip_prefix("<a ") {
                Some(link) => &link[link.find('>').unwrap() + 1..],
                None => text,
            };
            (figure, value, text[..text.find('<').unwrap()].to_owned())
        })
        .collect()
}

/// The value and the text shown of a figure in some HTML.
fn figure(html: &str, name: &str) -> (String, String) {
    figures(html)
        .into_iter()
        .find(|(f, _, _)| f == name)
        .map(|(_, value, shown)| (value, shown))
        .unwrap_or_else(|| panic!("no figure {name}"))
}

/// The rows of the table of a section, as HTML.
fn rows(section: &str) -> Vec<&str> {
    section.split("<tr>").skip(2).collect()
}

#[test]
fn the_example_summary_shows_its_works_safety_rule_book_contracts_and_events() {
    let out = build(&common::example_records(), "2012-08-30", &[]);
    let s1 = page(&out, "semesters/2011-2012-1.html");
    // 校舍加固 15000 平方米 in three projects, each figure tagged.
    let works = section(&s1, "完成的工程（按类别）").expect("a works section");
    let row = rows(works)
        .into_iter()
        .find(|row| row.contains(">加固<"))
        .expect("加固 is listed");
    let quantity = "2011-2012-1/stats.projects.completed.by_category[\"加固\"].quantity";
    assert_eq!(figure(row, quantity), ("15000.0".into(), "15,000".into()));
    let count = "2011-2012-1/stats.projects.completed.by_category[\"加固\"].count";
    assert_eq!(figure(row, count).0, "3");
    assert!(row.contains("平方米"), "{row}");
    let projects = section(&s1, "工程").expect("the works' figures");
    assert_eq!(
        figure(projects, "2011-2012-1/stats.projects.completed.count").0,
        "7"
    );
    // 本学期学校未发生一起安全事故: said because the figure is 0; two drills.
    let safety = section(&s1, "安全：零事故").expect("a safety section of 零事故");
    assert_eq!(figure(safety, "2011-2012-1/stats.incidents.count").0, "0");
    assert_eq!(
        figure(safety, "2011-2012-1/stats.inspections.by_type.drill").0,
        "2"
    );
    assert!(section(&s1, "本学期安全事故").is_none(), "no list of none");
    // The rule book: 58 rules in force, in five areas.
    let rules = section(&s1, "规章制度").expect("a rule book section");
    assert_eq!(figure(rules, "2011-2012-1/stats.rules.in_force").0, "58");
    let areas: Vec<u64> = figures(rules)
        .into_iter()
        .filter(|(f, _, _)| f.contains("stats.rules.in_force_by_area["))
        .map(|(_, value, _)| value.parse().unwrap())
        .collect();
    assert_eq!(areas.len(), 5, "{areas:?}");
    assert_eq!(areas.iter().sum::<u64>(), 58);
    let contracts = section(&s1, "合同").expect("a contracts section");
    assert_eq!(
        figure(contracts, "2011-2012-1/stats.contracts.active_amount"),
        ("48000.00".into(), "48,000.00".into())
    );
    let events = section(&s1, "活动").expect("an events section");
    assert_eq!(figure(events, "2011-2012-1/stats.events.count").0, "9");

    // The next semester: its one 险情, listed, and no works of its own.
    let s2 = page(&out, "semesters/2011-2012-2.html");
    let safety = section(&s2, "安全").expect("a safety section");
    assert_eq!(figure(safety, "2011-2012-2/stats.incidents.count").0, "1");
    assert_eq!(
        figure(safety, "2011-2012-2/stats.incidents.by_severity.low").0,
        "1"
    );
    assert!(!s2.contains("零事故"), "not 零事故 with an incident");
    let incidents = section(&s2, "本学期安全事故").expect("the incident listed");
    let listed = rows(incidents);
    assert_eq!(listed.len(), 1);
    assert!(
        listed[0].contains("S-2012-0001") && listed[0].contains("学生座椅松脱险些摔倒"),
        "{}",
        listed[0]
    );
    assert!(section(&s2, "完成的工程（按类别）").is_none());
    assert!(section(&s2, "工程").is_none());
    // A figure with a value last semester shows the change.
    let (in_force, _) = figure(&s2, "2011-2012-2/stats.rules.in_force");
    assert_eq!(in_force, "57", "one rule retired in the second semester");
    assert!(
        s2.contains("data-figure=\"2011-2012-2/stats.rules.in_force\" data-value=\"57\" data-previous=\"58\""),
        "compared with the first semester"
    );
}

/// Headings of the further kinds' sections, as they begin.
const FURTHER: [&str; 7] = [
    "<h2>完成的工程",
    "<h2>工程</h2>",
    "<h2>安全",
    "<h2>本学期安全事故",
    "<h2>规章制度",
    "<h2>合同",
    "<h2>活动",
];

#[test]
fn a_school_that_keeps_no_further_records_gets_none_of_their_sections() {
    let records = Records::new()
        .with("assets/A-1.toml", "name = \"摄像头\"\ncategory = \"安防\"\nlocation = \"门卫室\"\nunit_price = 100\nacquired = 2011-09-01\n")
        .with("repairs/R-1.toml", "title = \"灯\"\nlocation = \"1号楼\"\nreported = 2011-09-01\nreporter = \"王老师\"\nfixed = 2011-09-02\n")
        .with("inspections/I-1.toml", "title = \"安全检查\"\ntype = \"safety\"\ndate = 2011-09-05\ninspector = \"总务处\"\n")
        .with("budgets/2011-09.toml", "[lines]\n\"维修\" = 300\n");
    let out = build(records.path(), "2012-08-30", &[]);
    for id in ["2011-2012-1", "2011-2012-2"] {
        let html = page(&out, &format!("semesters/{id}.html"));
        assert!(html.contains("<h2>报修</h2>"), "{id}: the summary is there");
        for heading in FURTHER {
            assert!(!html.contains(heading), "{id}: {heading}");
        }
    }
    // A drill is a safety record: the first semester's summary then says 零事故, from
    // its count of incidents.
    records.write(
        "inspections/I-2.toml",
        "title = \"消防演练\"\ntype = \"drill\"\ndate = 2011-10-09\ninspector = \"总务处\"\n",
    );
    let out = build(records.path(), "2012-08-30", &[]);
    let s1 = page(&out, "semesters/2011-2012-1.html");
    let safety = section(&s1, "安全：零事故").expect("a safety section");
    assert_eq!(figure(safety, "2011-2012-1/stats.incidents.count").0, "0");
    let s2 = page(&out, "semesters/2011-2012-2.html");
    assert!(!s2.contains("<h2>安全"), "no drill, no incident in S2");
}

/// Works, contracts and incidents around 2012-06-01, worked out by hand below.
fn dashboard_records() -> Records {
    let project = |started: &str, completed: &str| {
        format!(
            "title = \"工程\"\ncategory = \"加固\"\nlocation = \"1号楼\"\nstarted = {started}\n{completed}"
        )
    };
    let contract = |signed: &str, start: &str, end: &str| {
        format!(
            "title = \"外包\"\nvendor = \"服务公司\"\ncategory = \"保洁\"\nsigned = {signed}\nstart = {start}\nend = {end}\namount = 1000\n"
        )
    };
    let incident = |date: &str| {
        format!("title = \"险情\"\ndate = {date}\nlocation = \"操场\"\nseverity = \"low\"\n")
    };
    Records::new()
        // Completed before the day: not in progress.
        .with(
            "projects/W-1.toml",
            project("2012-03-01", "completed = 2012-05-01\n"),
        )
        // In progress.
        .with("projects/W-2.toml", project("2012-04-01", ""))
        // Completed after the day: still in progress on it.
        .with(
            "projects/W-3.toml",
            project("2012-04-10", "completed = 2012-06-20\n"),
        )
        // Started after the day: not there yet.
        .with("projects/W-4.toml", project("2012-06-15", ""))
        // Ends 29 days after the day, and 30 days after: ending soon.
        .with(
            "contracts/C-1.toml",
            contract("2011-08-26", "2011-09-01", "2012-06-30"),
        )
        .with(
            "contracts/C-2.toml",
            contract("2011-08-26", "2011-07-01", "2012-07-01"),
        )
        // 31 days after: active, not ending soon.
        .with(
            "contracts/C-3.toml",
            contract("2011-08-26", "2011-09-01", "2012-07-02"),
        )
        // Ended the day before.
        .with(
            "contracts/C-4.toml",
            contract("2011-08-26", "2011-09-01", "2012-05-31"),
        )
        // Signed after the day: not there yet.
        .with(
            "contracts/C-5.toml",
            contract("2012-06-05", "2012-05-01", "2012-06-10"),
        )
        .with("incidents/S-1.toml", incident("2012-03-22"))
        // The last by the day: 12 days before 2012-06-01.
        .with("incidents/S-2.toml", incident("2012-05-20"))
        .with("incidents/S-3.toml", incident("2012-06-10"))
}

/// The ids of the records listed under a heading, in order.
fn ids_under(html: &str, title: &str, prefix: &str) -> Vec<String> {
    let list = section(html, title).unwrap_or_else(|| panic!("a section {title}"));
    rows(list)
        .into_iter()
        .map(|row| {
            let at = row.find(&format!(">{prefix}-")).expect("an id") + 1;
            row[at..at + row[at..].find('<').unwrap()].to_owned()
        })
        .collect()
}

#[test]
fn the_dashboard_shows_works_in_progress_contracts_ending_soon_and_days_since_the_last_incident() {
    let records = dashboard_records();
    let out = build(records.path(), "2012-06-01", &[]);
    for rel in ["index.html", "open.html"] {
        let html = page(&out, rel);
        assert_eq!(
            ids_under(&html, "施工中的工程", "W"),
            ["W-2", "W-3"],
            "{rel}"
        );
        let works = section(&html, "施工中的工程").unwrap();
        assert_eq!(works.matches("status-waiting\">施工中<").count(), 2);
        // The soonest end first.
        assert_eq!(
            ids_under(&html, "30 天内到期的合同", "C"),
            ["C-1", "C-2"],
            "{rel}"
        );
        let contracts = section(&html, "30 天内到期的合同").unwrap();
        assert_eq!(contracts.matches(">即将到期<").count(), 2);
    }
    let home = page(&out, "index.html");
    assert!(
        home.contains(
            "<p class=\"since-incident\">距上次安全事故 12 天 · <a href=\"incidents/S-2.html\">险情</a></p>"
        ),
        "the last incident by the day"
    );
    // Before any incident, no contract ending soon; works in progress from 2012-04-01.
    let out = build(records.path(), "2012-03-01", &[]);
    let home = page(&out, "index.html");
    assert!(home.contains("<p class=\"since-incident\">尚无安全事故记录</p>"));
    let contracts = section(&home, "30 天内到期的合同").unwrap();
    assert!(contracts.contains("暂无记录"), "says none: {contracts}");
    assert_eq!(ids_under(&home, "施工中的工程", "W"), ["W-1"]);
    // In English, on the day after an incident.
    let out = build(records.path(), "2012-05-21", &["--lang", "en"]);
    let home = page(&out, "index.html");
    assert!(home.contains("1 day since the last incident"), "one day");
    assert!(section(&home, "Contracts ending within 30 days").is_some());
}
