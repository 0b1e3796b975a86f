//! Safety incidents (`incidents/`) and events (`events/`), and the inspection type
//! `drill`: their figures worked out by hand, `new`, export and import, their pages and
//! links both ways, and their schemas.

mod common;

use common::{Records, zongwu};
use serde_json::{Value, json};

/// The records whose figures are worked out by hand below. Semesters (common::CONFIG):
/// S1 2011-08-20 … 2012-02-10, S2 2012-02-11 … 2012-08-19.
fn fixture() -> Records {
    let incident = |date: &str, severity: &str, rest: &str| {
        format!(
            "title = \"t\"\ndate = {date}\nlocation = \"操场\"\nseverity = \"{severity}\"\n{rest}"
        )
    };
    let event = |date: &str, kind: &str, rest: &str| {
        format!("title = \"t\"\ntype = \"{kind}\"\ndate = {date}\n{rest}")
    };
    Records::new()
        .with("repairs/R-1.toml", "title = \"台阶松动\"\nlocation = \"操场\"\nreported = 2012-02-11\nreporter = \"体育组\"\n")
        // The day before S1 begins: in no semester.
        .with("incidents/S-0.toml", incident("2011-08-19", "high", "injuries = 5\n"))
        // S1: 2 + 1 hurt, one low, one 高 on S1's last day.
        .with("incidents/S-1.toml", incident("2011-09-05", "low", "injuries = 2\n"))
        .with("incidents/S-2.toml", incident("2012-02-10", "高", "injuries = 1\n"))
        // S2's first day, 中, injuries not written (0), naming the repair it caused.
        .with("incidents/S-3.toml", incident("2012-02-11", "中", "repair = \"R-1\"\n"))
        // S2, but after 2012-04-30: not there on that day.
        .with("incidents/S-4.toml", incident("2012-05-01", "medium", "injuries = 3\n"))
        // S1: two meetings (one 会议 with 0 participants) and a 培训 on S1's last day.
        .with("events/E-1.toml", event("2011-09-10", "meeting", "participants = 40\n"))
        .with("events/E-6.toml", event("2011-10-01", "会议", "participants = 0\n"))
        .with("events/E-2.toml", event("2012-02-10", "培训", "location = \"食堂\"\nparticipants = 30\n"))
        // S2: a 考察 on its first day, a 接待 without a number of participants.
        .with("events/E-3.toml", event("2012-02-11", "考察", "participants = 12\n"))
        .with("events/E-4.toml", event("2012-03-01", "接待", ""))
        // S2, but after 2012-04-30.
        .with("events/E-5.toml", event("2012-05-02", "other", "participants = 100\n"))
        // Drills: 演练 in S1, drill in S2.
        .with("inspections/I-1.toml", "title = \"消防疏散演练\"\ntype = \"演练\"\ndate = 2011-11-09\ninspector = \"李老师\"\n")
        .with("inspections/I-2.toml", "title = \"地震疏散演练\"\ntype = \"drill\"\ndate = 2012-03-01\ninspector = \"李老师\"\n")
}

/// `zongwu stats --format json --semester S`, on `today` if given.
fn stats(records: &Records, semester: &str, today: Option<&str>) -> Value {
    let mut args = vec!["stats", "--format", "json", "--semester", semester];
    args.extend(today.iter().flat_map(|d| ["--today", d]));
    let out = records.run(&args);
    common::assert_success(&out);
    serde_json::from_slice(&out.stdout).unwrap()
}

/// Inspections per type, every type a key.
fn by_type(drills: u64) -> Value {
    json!({"asset-audit": 0, "canteen": 0, "drill": drills, "fire": 0, "other": 0, "property": 0, "safety": 0})
}

#[test]
fn incident_and_event_figures_match_the_hand_count() {
    let r = fixture();
    assert_eq!(r.check(), (vec![], 0));
    let s1 = stats(&r, "2011-2012-1", None);
    assert_eq!(
        s1["incidents"],
        json!({"count": 2, "injuries": 3, "by_severity": {"high": 1, "low": 1, "medium": 0}})
    );
    assert_eq!(
        s1["events"],
        json!({"count": 3, "participants": 70,
               "by_type": {"meeting": 2, "other": 0, "reception": 0, "training": 1, "visit": 0}})
    );
    assert_eq!(s1["inspections"]["by_type"], by_type(1));
    // On 2012-04-30 the records of May have not happened yet.
    let april = stats(&r, "2011-2012-2", Some("2012-04-30"));
    assert_eq!(
        april["incidents"],
        json!({"count": 1, "injuries": 0, "by_severity": {"high": 0, "low": 0, "medium": 1}})
    );
    assert_eq!(
        april["events"],
        json!({"count": 2, "participants": 12,
               "by_type": {"meeting": 0, "other": 0, "reception": 1, "training": 0, "visit": 1}})
    );
    assert_eq!(april["inspections"]["by_type"], by_type(1));
    let s2 = stats(&r, "2011-2012-2", None);
    assert_eq!(
        s2["incidents"],
        json!({"count": 2, "injuries": 3, "by_severity": {"high": 0, "low": 0, "medium": 2}})
    );
    assert_eq!(
        s2["events"],
        json!({"count": 3, "participants": 112,
               "by_type": {"meeting": 0, "other": 1, "reception": 1, "training": 0, "visit": 1}})
    );
    // A figure a narrative names is what stats says.
    r.write(
        "summaries/2011-2012-1.md",
        "事故{{ stats.incidents.count }}起，受伤{{ stats.incidents.injuries }}人；例会{{ stats.events.by_type.meeting }}次，{{ stats.events.participants }}人次；演练{{ stats.inspections.by_type.drill }}次。\n",
    );
    let site = tempfile::tempdir().unwrap();
    let out = r.run(&[
        "build",
        "--out",
        site.path().to_str().unwrap(),
        "--today",
        "2012-04-30",
    ]);
    common::assert_success(&out);
    let summary = std::fs::read_to_string(site.path().join("semesters/2011-2012-1.html")).unwrap();
    assert!(
        summary.contains("事故2起，受伤3人；例会2次，70人次；演练1次。"),
        "{summary}"
    );
}

#[test]
fn new_incident_and_event_check_once_their_blanks_are_filled() {
    let r = Records::new();
    let year = chrono::Local::now().format("%Y").to_string();
    for (kind, path) in [("incident", "incidents/S"), ("event", "events/E")] {
        let out = zongwu(&[
            "new".as_ref(),
            kind.as_ref(),
            r.path().as_os_str(),
            "--title".as_ref(),
            "示例".as_ref(),
        ]);
        common::assert_success(&out);
        let file = String::from_utf8(out.stdout).unwrap().trim().to_owned();
        assert!(
            file.ends_with(&format!("{path}-{year}-0001.toml")),
            "{file}"
        );
        let text = std::fs::read_to_string(&file).unwrap();
        assert!(text.starts_with("title = \"示例\""), "{text}");
        // The optional keys written as comments are lines to uncomment (but `repair`,
        // which names a repair that this folder does not have).
        let filled = text
            .replace("# reported_by", "reported_by")
            .replace("# location", "location")
            .replace("# participants", "participants")
            .replace("= \"\"", "= \"填好\"");
        std::fs::write(&file, filled).unwrap();
    }
    assert_eq!(r.check(), (vec![], 0));
    let blank = Records::new();
    blank.run(&["new", "incident"]);
    let lines: Vec<(String, Option<u64>)> =
        blank.codes().into_iter().map(|(c, _, l)| (c, l)).collect();
    assert_eq!(
        lines,
        [("E019".to_owned(), Some(1)), ("E019".to_owned(), Some(3))],
        "the title and the location are left to fill in"
    );
}

/// Copies the example records into a temporary folder.
fn example_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for file in common::files_under(&common::example_records()) {
        let to = dir.path().join(&file);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::copy(common::example_records().join(&file), to).unwrap();
    }
    dir
}

/// Runs `zongwu ARGS…` and returns what it said on standard error, asserting success.
fn said(args: &[&std::ffi::OsStr]) -> String {
    let out = zongwu(args);
    common::assert_success(&out);
    String::from_utf8(out.stderr).unwrap()
}

#[test]
fn export_then_import_in_place_changes_nothing_until_a_cell_is_edited() {
    let records = example_copy();
    let dir = records.path();
    for (kind, format, count) in [
        ("incident", "csv", 1),
        ("incident", "xlsx", 1),
        ("event", "csv", 9),
        ("event", "xlsx", 9),
    ] {
        let sheet = dir.join(format!("sheet.{format}"));
        said(&[
            "export".as_ref(),
            kind.as_ref(),
            dir.as_os_str(),
            "--format".as_ref(),
            format.as_ref(),
            "--out".as_ref(),
            sheet.as_os_str(),
        ]);
        let again = said(&[
            "import".as_ref(),
            kind.as_ref(),
            sheet.as_os_str(),
            dir.as_os_str(),
        ]);
        assert!(
            again.contains(&format!("新增 0，更新 0，未变 {count}")),
            "{kind} {format}: {again}"
        );
    }
    // Chinese choice words in the sheet, one number edited: that key alone is rewritten.
    let sheet = dir.join("活动.csv");
    said(&[
        "export".as_ref(),
        "event".as_ref(),
        dir.as_os_str(),
        "--out".as_ref(),
        sheet.as_os_str(),
    ]);
    let text = std::fs::read_to_string(&sheet).unwrap();
    assert!(
        text.contains(
            "E-2011-0007,食堂人员赴南京师范大学参观学习,考察,2011-12-08,南京师范大学,12,"
        )
    );
    std::fs::write(
        &sheet,
        text.replace(",南京师范大学,12,", ",南京师范大学,14,"),
    )
    .unwrap();
    let edited = said(&[
        "import".as_ref(),
        "event".as_ref(),
        sheet.as_os_str(),
        dir.as_os_str(),
    ]);
    assert!(edited.contains("新增 0，更新 1，未变 8"), "{edited}");
    let file = "events/2011/E-2011-0007.toml";
    let before = std::fs::read_to_string(common::example_records().join(file)).unwrap();
    let after = std::fs::read_to_string(dir.join(file)).unwrap();
    assert_eq!(
        after,
        before.replace("participants = 12", "participants = 14")
    );
    assert_eq!(
        zongwu(&["check".as_ref(), dir.as_os_str()]).status.code(),
        Some(0)
    );
}

/// The hrefs of `<a>` elements in some HTML.
fn links(html: &str) -> Vec<&str> {
    html.match_indices("<a href=\"")
        .map(|(i, m)| {
            let rest = &html[i + m.len()..];
            &rest[..rest.find('"').unwrap()]
        })
        .collect()
}

/// Resolves a relative link from a page at `from`.
fn resolve(from: &str, href: &str) -> String {
    let mut parts: Vec<&str> = from.split('/').collect();
    parts.pop();
    for part in href.split('/') {
        match part {
            ".." => {
                parts.pop();
            }
            p => parts.push(p),
        }
    }
    parts.join("/")
}

#[test]
fn pages_indexes_and_links_both_ways() {
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("site");
    let build = zongwu(&[
        "build".as_ref(),
        common::example_records().as_os_str(),
        "--out".as_ref(),
        site.as_os_str(),
        "--today".as_ref(),
        "2012-06-30".as_ref(),
    ]);
    common::assert_success(&build);
    let read = |rel: &str| std::fs::read_to_string(site.join(rel)).unwrap();
    let incident = "incidents/2012/S-2012-0001.html";
    let repair = "repairs/2012/R-2012-0004.html";
    let incident_page = read(incident);
    assert!(incident_page.contains("学生座椅松脱险些摔倒"));
    assert!(
        links(&incident_page)
            .iter()
            .any(|l| resolve(incident, l) == repair),
        "the incident links the repair it caused"
    );
    let repair_page = read(repair);
    assert!(
        repair_page.contains("<h2>安全事故</h2>")
            && links(&repair_page)
                .iter()
                .any(|l| resolve(repair, l) == incident),
        "the repair's page lists the incident"
    );
    // Every event has its page, linked from the index; the index has its CSV.
    let index = read("events/index.html");
    let pages: Vec<String> = common::files_under(&site.join("events"))
        .into_iter()
        .filter(|f| f.ends_with(".html") && f != "index.html")
        .collect();
    assert_eq!(pages.len(), 9);
    for page in &pages {
        let path = format!("events/{page}");
        assert!(
            links(&index)
                .iter()
                .any(|l| resolve("events/index.html", l) == path),
            "{page}"
        );
    }
    let csv = read("events/index.csv");
    assert!(csv.contains("编号,事项,类型,日期,地点,参加人数"), "{csv}");
    assert!(
        read("incidents/index.csv")
            .contains("S-2012-0001,学生座椅松脱险些摔倒,2012-03-22,3号教学楼305,低,0,R-2012-0004")
    );
    // The navigation names both kinds; a location's page lists its events.
    let home = read("index.html");
    assert!(
        home.contains("href=\"incidents/index.html\"")
            && home.contains("href=\"events/index.html\"")
    );
    let visit = "events/2011/E-2011-0007.html";
    let visit_page = read(visit);
    let place = links(&visit_page)
        .into_iter()
        .map(|l| resolve(visit, l))
        .find(|l| l.starts_with("locations/") && l != "locations/index.html")
        .expect("a link to the location");
    let place_page = read(&place);
    assert!(place_page.contains("南京师范大学") && place_page.contains("E-2011-0007"));
    // The day in question leaves out what begins after it.
    let early = tempfile::tempdir().unwrap();
    let build = zongwu(&[
        "build".as_ref(),
        common::example_records().as_os_str(),
        "--out".as_ref(),
        early.path().as_os_str(),
        "--today".as_ref(),
        "2012-03-21".as_ref(),
    ]);
    common::assert_success(&build);
    assert!(!early.path().join(incident).exists());
    assert!(early.path().join("incidents/index.html").exists());
}

#[test]
fn schemas_cover_incidents_and_events() {
    let out = tempfile::tempdir().unwrap();
    std::fs::write(out.path().join("zongwu.toml"), common::CONFIG).unwrap();
    let run = zongwu(&["schema".as_ref(), "--out".as_ref(), out.path().as_os_str()]);
    common::assert_success(&run);
    let taplo = std::fs::read_to_string(out.path().join(".taplo.toml")).unwrap();
    let validator = |name: &str| {
        assert!(
            taplo.contains(&format!("path = \"schemas/{name}.schema.json\"")),
            "{name}"
        );
        let path = out.path().join(format!("schemas/{name}.schema.json"));
        let schema: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        jsonschema::validator_for(&schema).expect("a valid schema")
    };
    assert!(taplo.contains("include = [\"incidents/**/*.toml\"]"));
    assert!(taplo.contains("include = [\"events/**/*.toml\"]"));
    let json = |text: &str| common::toml_to_json(toml::Value::Table(text.parse().unwrap()));
    let examples = common::example_records();
    for (folder, name) in [
        ("incidents", "incident"),
        ("events", "event"),
        ("inspections", "inspection"),
    ] {
        let v = validator(name);
        for file in common::files_under(&examples.join(folder)) {
            let text = std::fs::read_to_string(examples.join(folder).join(&file)).unwrap();
            let errors: Vec<String> = v.iter_errors(&json(&text)).map(|e| e.to_string()).collect();
            assert!(errors.is_empty(), "{folder}/{file}: {errors:?}");
        }
    }
    // What check rejects, the schema rejects too.
    let incident = validator("incident");
    let good = "title = \"t\"\ndate = 2011-09-05\nlocation = \"操场\"\nseverity = \"中\"\n";
    assert!(incident.is_valid(&json(good)));
    for bad in [
        good.replace("\"中\"", "\"轻微\""),
        format!("{good}injuries = -1\n"),
        good.replace("location = \"操场\"\n", ""),
        format!("{good}injury = 1\n"),
    ] {
        assert!(!incident.is_valid(&json(&bad)), "{bad}");
    }
    let event = validator("event");
    let good = "title = \"t\"\ntype = \"接待\"\ndate = 2011-09-05\n";
    assert!(event.is_valid(&json(good)));
    for bad in [
        good.replace("\"接待\"", "\"party\""),
        format!("{good}participants = -3\n"),
    ] {
        assert!(!event.is_valid(&json(&bad)), "{bad}");
    }
    let inspection = validator("inspection");
    let drill = "title = \"t\"\ntype = \"演练\"\ndate = 2011-09-05\ninspector = \"李老师\"\n";
    assert!(inspection.is_valid(&json(drill)));
    assert!(inspection.is_valid(&json(&drill.replace("演练", "drill"))));
}
