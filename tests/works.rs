//! Works projects (`projects/`) and contracts (`contracts/`): their figures worked out
//! by hand, their pages and links, `new`, export and import, and their schemas.

mod common;

use common::{Records, zongwu};
use serde_json::{Value, json};

/// A purchase that a project and a contract name.
const PURCHASE: &str = "title = \"校园绿化\"\ncategory = \"绿化\"\nmethod = \"direct\"\nrequester = \"总务处\"\nrequested = 2011-12-01\n\n[[items]]\nname = \"绿化工程\"\nquantity = 1\nunit_price = 4000\n";

/// A works project of 加固 … with its dates and size.
fn project(title: &str, category: &str, dates: &str, quantity: &str, unit: &str) -> String {
    format!(
        "title = \"{title}\"\ncategory = \"{category}\"\nlocation = \"{title}\"\n{dates}quantity = {quantity}\nunit = \"{unit}\"\n"
    )
}

/// A contract signed, running from start to end, for an amount.
fn contract(signed: &str, start: &str, end: &str, amount: &str) -> String {
    format!(
        "title = \"外包服务\"\nvendor = \"服务公司\"\ncategory = \"多媒体维护\"\nsigned = {signed}\nstart = {start}\nend = {end}\namount = {amount}\n"
    )
}

/// The records whose figures are worked out by hand below. Semesters (common::CONFIG):
/// S1 2011-08-20 … 2012-02-10, S2 2012-02-11 … 2012-08-19.
fn fixture() -> Records {
    Records::new()
        .with("purchases/P-1.toml", PURCHASE)
        // S1: started, completed, accepted; 6000.1 + 4000.3 is 10000.4, not 10000.400000000001.
        .with(
            "projects/W-1.toml",
            project(
                "1号教学楼",
                "加固",
                "started = 2011-08-25\ncompleted = 2011-10-28\naccepted = 2011-11-10\n",
                "6000.1",
                "平方米",
            ),
        )
        // Started and completed in S1, accepted in S2.
        .with(
            "projects/W-2.toml",
            project(
                "2号教学楼",
                "加固",
                "started = 2011-09-01\ncompleted = 2012-01-15\naccepted = 2012-02-20\n",
                "4000.3",
                "平方米",
            ),
        )
        // Started in S1, completed in S2 in 米, not 加固's 平方米 (W009): counted, not summed.
        .with(
            "projects/W-3.toml",
            project(
                "校园围墙",
                "加固",
                "started = 2011-12-01\ncompleted = 2012-03-01\n",
                "220",
                "米",
            ),
        )
        // Started in S1, completed and accepted in S2 (accepted after 2012-05-01); names P-1.
        .with(
            "projects/W-4.toml",
            project(
                "校园两侧",
                "绿化",
                "started = 2012-01-10\ncompleted = 2012-04-20\naccepted = 2012-05-10\n",
                "4000",
                "平方米",
            ) + "purchase = \"P-1\"\n",
        )
        // Started in S2 (after 2012-05-01), never completed: 拆除 has no unit.
        .with(
            "projects/W-5.toml",
            project(
                "旧实验楼",
                "拆除",
                "started = 2012-06-01\n",
                "2700",
                "平方米",
            ),
        )
        // Started and completed in S2, after 2012-05-01.
        .with(
            "projects/W-6.toml",
            project(
                "校门口",
                "交通设施",
                "started = 2012-07-01\ncompleted = 2012-07-05\n",
                "3",
                "处",
            ),
        )
        // Signed in S1, active through both semesters (ending soon at S2's end).
        .with(
            "contracts/C-1.toml",
            contract("2011-08-25", "2011-09-01", "2012-08-31", "36000"),
        )
        // Signed in S1, ended before its end.
        .with(
            "contracts/C-2.toml",
            contract("2011-12-20", "2012-01-01", "2012-01-31", "1500.50"),
        )
        // Signed in S1, starting in S2; names P-1.
        .with(
            "contracts/C-3.toml",
            contract("2012-02-05", "2012-03-01", "2013-02-28", "20000") + "purchase = \"P-1\"\n",
        )
        // Signed in S2 (after 2012-05-01), after its start.
        .with(
            "contracts/C-4.toml",
            contract("2012-06-10", "2012-06-01", "2012-12-31", "8000"),
        )
}

/// `zongwu stats --format json` of a semester, on `today` if given.
fn stats(records: &Records, semester: &str, today: Option<&str>) -> Value {
    let mut args = vec!["stats", "--format", "json", "--semester", semester];
    args.extend(today.iter().flat_map(|t| ["--today", t]));
    let out = records.run(&args);
    common::assert_success(&out);
    serde_json::from_slice(&out.stdout).unwrap()
}

/// A category's completed works: count, quantity, unit.
fn measured(count: u64, quantity: f64, unit: Option<&str>) -> Value {
    json!({"count": count, "quantity": quantity, "unit": unit})
}

#[test]
fn works_and_contract_figures_match_the_hand_count() {
    let r = fixture();
    let s1 = stats(&r, "2011-2012-1", None);
    assert_eq!(
        s1["projects"],
        json!({
            "started": 4,
            "completed": {"count": 2, "by_category": {
                "加固": measured(2, 10000.4, Some("平方米")),
                // Every category seen has a key, with its unit once one is completed.
                "绿化": measured(0, 0.0, Some("平方米")),
                "拆除": measured(0, 0.0, None),
                "交通设施": measured(0, 0.0, Some("处")),
            }},
            "accepted": 1,
        })
    );
    assert_eq!(
        s1["contracts"],
        json!({"active": 1, "active_amount": "36000.00", "signed": 3})
    );

    let s2 = stats(&r, "2011-2012-2", None);
    assert_eq!(
        s2["projects"],
        json!({
            "started": 2,
            "completed": {"count": 3, "by_category": {
                "加固": measured(1, 0.0, Some("平方米")),
                "绿化": measured(1, 4000.0, Some("平方米")),
                "拆除": measured(0, 0.0, None),
                "交通设施": measured(1, 3.0, Some("处")),
            }},
            "accepted": 2,
        })
    );
    assert_eq!(
        s2["contracts"],
        json!({"active": 3, "active_amount": "64000.00", "signed": 1})
    );

    // On 2012-05-01, W-5, W-6 and C-4 are not yet written and W-4 not yet accepted.
    let may = stats(&r, "2011-2012-2", Some("2012-05-01"));
    assert_eq!(
        may["projects"],
        json!({
            "started": 0,
            "completed": {"count": 2, "by_category": {
                "加固": measured(1, 0.0, Some("平方米")),
                "绿化": measured(1, 4000.0, Some("平方米")),
                "拆除": measured(0, 0.0, None),
                "交通设施": measured(0, 0.0, Some("处")),
            }},
            "accepted": 1,
        })
    );
    assert_eq!(
        may["contracts"],
        json!({"active": 2, "active_amount": "56000.00", "signed": 0})
    );
    // An ended semester's figures do not depend on the day.
    assert_eq!(stats(&r, "2011-2012-1", Some("2012-05-01")), s1);
    // The one warning: W-3's unit.
    assert_eq!(
        r.codes(),
        [("W009".to_owned(), "projects/W-3.toml".to_owned(), Some(7))]
    );
    // The names a summary writes are listed.
    let table = String::from_utf8(r.run(&["stats", "--semester", "2011-2012-1"]).stdout).unwrap();
    for name in [
        "stats.projects.completed.by_category[\"加固\"].quantity",
        "stats.contracts.active_amount",
    ] {
        assert!(table.contains(name), "{name}");
    }
}

#[test]
fn a_narrative_names_works_and_contract_figures() {
    let r = fixture().with(
        "summaries/2011-2012-1.md",
        "校舍加固{{ stats.projects.completed.by_category[\"加固\"].quantity | number }}{{ stats.projects.completed.by_category[\"加固\"].unit }},外包合同{{ stats.contracts.active }}项,金额{{ stats.contracts.active_amount | money }}。\n",
    );
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("site");
    common::assert_success(&r.run(&["build", "--out", site.to_str().unwrap()]));
    let page = std::fs::read_to_string(site.join("semesters/2011-2012-1.html")).unwrap();
    assert!(
        page.contains("校舍加固10000.4平方米,外包合同1项,金额3.60万元。"),
        "{page}"
    );
}

/// Builds the records on `today`; returns the folder holding the site.
fn build(records: &Records, today: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("site");
    common::assert_success(&records.run(&[
        "build",
        "--out",
        site.to_str().unwrap(),
        "--today",
        today,
    ]));
    (out, site)
}

fn read(site: &std::path::Path, rel: &str) -> String {
    std::fs::read_to_string(site.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// The status badge of a record page: its class and word.
fn badge(page: &str) -> (&str, &str) {
    let at = page.find("class=\"status status-").expect("a status badge");
    let rest = &page[at + "class=\"status status-".len()..];
    let class = &rest[..rest.find('"').unwrap()];
    let word = &rest[rest.find('>').unwrap() + 1..];
    (class, &word[..word.find('<').unwrap()])
}

#[test]
fn pages_show_each_status_on_its_day_and_link_both_ways() {
    let r = fixture();
    let (_january, site) = build(&r, "2012-01-20");
    for (page, expected) in [
        ("projects/W-1.html", ("closed", "已验收")),
        ("projects/W-2.html", ("fixed", "已完工")),
        ("projects/W-3.html", ("waiting", "施工中")),
        ("contracts/C-1.html", ("fixed", "履行中")),
        ("contracts/C-2.html", ("open", "即将到期")),
    ] {
        assert_eq!(badge(&read(&site, page)), expected, "{page}");
    }
    assert!(!site.join("contracts/C-3.html").exists(), "not yet signed");
    let (_february, site) = build(&r, "2012-02-20");
    for (page, expected) in [
        ("projects/W-2.html", ("closed", "已验收")),
        ("contracts/C-2.html", ("closed", "已到期")),
        ("contracts/C-3.html", ("waiting", "未开始")),
    ] {
        assert_eq!(badge(&read(&site, page)), expected, "{page}");
    }
    // Each index: a row per record with its badge, and its CSV.
    let index = read(&site, "projects/index.html");
    assert_eq!(
        index.matches("href=\"../projects/W-").count(),
        4,
        "W-5, W-6 not yet"
    );
    assert!(index.contains(">施工中<") && index.contains(">已验收<"));
    let csv = String::from_utf8(std::fs::read(site.join("contracts/index.csv")).unwrap()).unwrap();
    assert!(csv.contains("C-3,外包服务,服务公司,多媒体维护,2012-03-01,2013-02-28,"));
    assert!(read(&site, "index.html").contains("href=\"projects/index.html\""));

    // The project and the contract link to their purchase; its page lists them.
    let w4 = read(&site, "projects/W-4.html");
    assert!(w4.contains("href=\"../purchases/P-1.html\""), "{w4}");
    assert!(w4.contains("4,000 平方米"));
    assert!(read(&site, "contracts/C-3.html").contains("href=\"../purchases/P-1.html\""));
    let p1 = read(&site, "purchases/P-1.html");
    assert!(p1.contains("href=\"../projects/W-4.html\""), "{p1}");
    assert!(p1.contains("href=\"../contracts/C-3.html\""), "{p1}");
    // A project's place lists it.
    let at = w4.find(">校园两侧</a>").expect("a link to its location");
    let href = &w4[..at];
    let href = &href[href.rfind("href=\"").unwrap() + 6..];
    let href = &href[..href.find('"').unwrap()];
    let location = read(&site.join("projects"), href);
    assert!(location.contains("W-4"), "{location}");
}

fn this_year() -> String {
    chrono::Local::now().date_naive().format("%Y").to_string()
}

#[test]
fn new_works_and_contracts_check_once_their_placeholders_are_filled() {
    let y = this_year();
    let r = Records::new();
    for (kind, path) in [
        ("project", format!("projects/W-{y}-0001.toml")),
        ("contract", format!("contracts/C-{y}-0001.toml")),
    ] {
        let out = r.run(&["new", kind, "--title", "示例"]);
        common::assert_success(&out);
        let written = String::from_utf8(out.stdout).unwrap();
        assert_eq!(written.trim(), r.path().join(&path).to_str().unwrap());
        let text = std::fs::read_to_string(r.path().join(&path)).unwrap();
        assert!(text.starts_with("title = \"示例\""));
        assert!(
            text.lines().all(|l| l.is_empty() || l.contains('#')),
            "every line explained:\n{text}"
        );
    }
    let codes: Vec<(String, String)> = r.codes().into_iter().map(|(c, f, _)| (c, f)).collect();
    let blank = |file: &str| ("E019".to_owned(), file.to_owned());
    let (project, contract) = (
        format!("projects/W-{y}-0001.toml"),
        format!("contracts/C-{y}-0001.toml"),
    );
    assert_eq!(
        codes,
        [
            blank(&contract),
            blank(&contract),
            blank(&project),
            blank(&project)
        ],
        "category and location; vendor and category"
    );
    for path in [&project, &contract] {
        let path = r.path().join(path);
        let text = std::fs::read_to_string(&path).unwrap();
        std::fs::write(&path, text.replace("= \"\"", "= \"填好\"")).unwrap();
    }
    assert_eq!(r.check(), (vec![], 0));
    // The commented keys, uncommented, check too.
    let path = r.path().join(&project);
    let text = std::fs::read_to_string(&path).unwrap();
    let today = chrono::Local::now().date_naive();
    let all = text
        .replace("# completed = 2012-10-30", &format!("completed = {today}"))
        .replace("# accepted = 2012-11-10", &format!("accepted = {today}"))
        .replace("# quantity", "quantity")
        .replace("# unit", "unit");
    std::fs::write(&path, all).unwrap();
    assert_eq!(r.check(), (vec![], 0));
}

#[test]
fn export_then_import_round_trips_works_and_contracts() {
    for (kind, folder, prefix, format) in [
        ("project", "projects", "W", "csv"),
        ("project", "projects", "W", "xlsx"),
        ("contract", "contracts", "C", "csv"),
        ("contract", "contracts", "C", "xlsx"),
    ] {
        let r = fixture();
        let export = || r.run(&["export", kind, "--format", "csv"]).stdout;
        let before = export();
        let sheet = r.path().join(format!("sheet.{format}"));
        let out = r.run(&[
            "export",
            kind,
            "--format",
            format,
            "--out",
            sheet.to_str().unwrap(),
        ]);
        common::assert_success(&out);
        // As exported, into the same folder: nothing changes.
        let again = zongwu(&[
            "import".as_ref(),
            kind.as_ref(),
            sheet.as_os_str(),
            r.path().as_os_str(),
        ]);
        common::assert_success(&again);
        assert!(again.stdout.is_empty(), "{kind} {format}: no file written");
        assert_eq!(export(), before);
        // Into a folder without them: new files, the same records.
        std::fs::remove_dir_all(r.path().join(folder)).unwrap();
        let imported = zongwu(&[
            "import".as_ref(),
            kind.as_ref(),
            sheet.as_os_str(),
            r.path().as_os_str(),
        ]);
        common::assert_success(&imported);
        let written = String::from_utf8(imported.stdout).unwrap();
        assert_eq!(
            written.lines().count(),
            6 - 2 * usize::from(kind == "contract")
        );
        // The sheet's ids are kept, so the records are as they were.
        assert!(
            written.contains(&format!("{folder}/{prefix}-1.toml")),
            "{written}"
        );
        assert_eq!(export(), before, "{kind} {format}");
        let codes: Vec<String> = r.codes().into_iter().map(|(c, _, _)| c).collect();
        assert_eq!(codes, ["W009"], "{kind} {format}: W-3's unit, as before");
    }

    // An edited sheet updates the record in place; a row without an id is a new record.
    let r = fixture();
    let sheet = r.path().join("工程.csv");
    common::assert_success(&r.run(&["export", "project", "--out", sheet.to_str().unwrap()]));
    let text = std::fs::read_to_string(&sheet).unwrap();
    let edited = text.replace(",6000.1,", ",6000.5,")
        + ",操场绿化,绿化,操场,2011-10-01,2011-12-01,,500,平方米,,,,,\n";
    std::fs::write(&sheet, edited).unwrap();
    let out = zongwu(&[
        "import".as_ref(),
        "project".as_ref(),
        sheet.as_os_str(),
        r.path().as_os_str(),
    ]);
    common::assert_success(&out);
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("新增 1，更新 1，未变 5"), "{said}");
    let new = std::fs::read_to_string(r.path().join("projects/W-7.toml")).unwrap();
    assert!(new.contains("quantity = 500\n"), "{new}");
    let w1 = std::fs::read_to_string(r.path().join("projects/W-1.toml")).unwrap();
    assert!(w1.contains("quantity = 6000.5\n"), "{w1}");
    assert_eq!(
        stats(&r, "2011-2012-1", None)["projects"]["completed"]["by_category"]["加固"]["quantity"],
        10000.8
    );
}

fn toml_to_json(text: &str) -> Value {
    fn convert(value: toml::Value) -> Value {
        match value {
            toml::Value::String(s) => s.into(),
            toml::Value::Integer(i) => i.into(),
            toml::Value::Float(f) => f.into(),
            toml::Value::Boolean(b) => b.into(),
            toml::Value::Datetime(d) => d.to_string().into(),
            toml::Value::Array(a) => a.into_iter().map(convert).collect(),
            toml::Value::Table(t) => t
                .into_iter()
                .map(|(k, v)| (k, convert(v)))
                .collect::<serde_json::Map<_, _>>()
                .into(),
        }
    }
    convert(toml::Value::Table(text.parse().unwrap()))
}

#[test]
fn schemas_cover_works_and_contracts_and_reject_what_check_rejects() {
    let r = fixture();
    common::assert_success(&r.run(&["schema", "--out"]));
    let taplo = std::fs::read_to_string(r.path().join(".taplo.toml")).unwrap();
    for (folder, name) in [("projects", "project"), ("contracts", "contract")] {
        assert!(taplo.contains(&format!(
            "include = [\"{folder}/**/*.toml\"]\n[rule.schema]\npath = \"schemas/{name}.schema.json\""
        )));
    }
    let validator = |name: &str| {
        let path = r.path().join(format!("schemas/{name}.schema.json"));
        let schema: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        jsonschema::validator_for(&schema).expect("a valid schema")
    };
    let example = common::example_records();
    let mut validated = 0;
    for (folder, name) in [("projects", "project"), ("contracts", "contract")] {
        let v = validator(name);
        let files = [r.path(), example.as_path()].map(|records| records.join(folder));
        for file in files.iter().flat_map(|dir| {
            common::files_under(dir)
                .into_iter()
                .map(move |f| dir.join(f))
        }) {
            let text = std::fs::read_to_string(&file).unwrap();
            let errors: Vec<String> = v
                .iter_errors(&toml_to_json(&text))
                .map(|e| e.to_string())
                .collect();
            assert!(errors.is_empty(), "{}: {errors:?}", file.display());
            validated += 1;
        }
    }
    assert_eq!(validated, 6 + 4 + 7 + 1, "the fixture's and the example's");
    let project = project("x", "加固", "started = 2011-09-01\n", "220", "米");
    let contract = contract("2011-08-25", "2011-09-01", "2012-08-31", "36000");
    for (folder, name, bad, code) in [
        (
            "projects",
            "project",
            project.replace("= 220", "= 0"),
            "E017",
        ),
        (
            "projects",
            "project",
            project.replace("unit = \"米\"\n", ""),
            "E032",
        ),
        (
            "projects",
            "project",
            format!("{project}finished = 2011-10-01\n"),
            "E011",
        ),
        (
            "contracts",
            "contract",
            contract.replace("end = 2012-08-31\n", ""),
            "E010",
        ),
        (
            "contracts",
            "contract",
            contract.replace("36000", "true"),
            "E012",
        ),
    ] {
        let checked = Records::new().with(&format!("{folder}/X-1.toml"), &bad);
        assert_eq!(checked.codes()[0].0, code, "{bad}");
        assert!(
            !validator(name).is_valid(&toml_to_json(&bad)),
            "the schema rejects it too: {bad}"
        );
    }
}

#[test]
fn a_misplaced_project_or_contract_is_named_with_its_folder() {
    let r = Records::new()
        .with("工程/W-2011-0001.toml", "title = \"加固\"\n")
        .with("合同/2011/x.toml", "title = \"外包\"\n")
        .with("C-2011-0009.toml", "title = \"外包\"\n");
    let found: Vec<(String, Option<String>)> =
        r.check().0.into_iter().map(|d| (d.file, d.hint)).collect();
    let hint = |folder: &str| {
        Some(format!(
            "if it is a record, move it into the {folder}/ folder"
        ))
    };
    assert_eq!(
        found,
        [
            ("C-2011-0009.toml".to_owned(), hint("contracts")),
            ("合同/2011/x.toml".to_owned(), hint("contracts")),
            ("工程/W-2011-0001.toml".to_owned(), hint("projects")),
        ]
    );
}

#[test]
fn the_example_works_and_contract_match_the_seed_report() {
    let out = zongwu(&[
        "stats".as_ref(),
        common::example_records().as_os_str(),
        "--format".as_ref(),
        "json".as_ref(),
        "--semester".as_ref(),
        "2011-2012-1".as_ref(),
    ]);
    common::assert_success(&out);
    let s: Value = serde_json::from_slice(&out.stdout).unwrap();
    let works = &s["projects"]["completed"]["by_category"];
    // 校舍加固面积达15000平米,拆除D级危房2700平米,加固围墙220平米;校园两边绿化完成4000平米;
    // 增设减速带3处.
    for (category, quantity, unit) in [
        ("加固", 15000.0, "平方米"),
        ("拆除", 2700.0, "平方米"),
        ("围墙加固", 220.0, "平方米"),
        ("绿化", 4000.0, "平方米"),
        ("交通设施", 3.0, "处"),
    ] {
        assert_eq!(
            (&works[category]["quantity"], &works[category]["unit"]),
            (&json!(quantity), &json!(unit)),
            "{category}"
        );
    }
    assert_eq!(s["projects"]["completed"]["count"], 7);
    assert_eq!(s["projects"]["accepted"], 7);
    // 对高中部多媒体设施进行整体外包: one contract, in force at the semester's end.
    assert_eq!(
        s["contracts"],
        json!({"active": 1, "active_amount": "48000.00", "signed": 1})
    );
}
