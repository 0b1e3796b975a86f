//! The office's daily workflow: `init`, `new`.

mod common;

use common::{Records, zongwu};

#[test]
fn init_makes_a_directory_that_checks_and_builds_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let records = dir.path().join("记录");
    let out = zongwu(&["init".as_ref(), records.as_os_str()]);
    common::assert_success(&out);
    let files = common::files_under(&records);
    for kind in [
        "assets/",
        "repairs/",
        "purchases/",
        "inspections/",
        "budgets/",
        "projects/",
        "contracts/",
        "rules/",
        "events/",
        "summaries/",
    ] {
        assert!(
            files.iter().any(|f| f.starts_with(kind)),
            "an example in {kind}: {files:?}"
        );
    }
    for file in [
        "zongwu.toml",
        ".gitignore",
        "hooks/pre-commit",
        ".taplo.toml",
        "schemas/asset.schema.json",
    ] {
        assert!(files.iter().any(|f| f == file), "{file}");
    }
    let config = std::fs::read_to_string(records.join("zongwu.toml")).unwrap();
    for setting in [
        "tender_threshold",
        "min_bids",
        "repair_overdue_days",
        "rectify_default_days",
        "repair_category",
        "language",
        "base_url",
    ] {
        assert!(
            config
                .lines()
                .any(|l| l.starts_with(setting) && l.contains('#')),
            "{setting} is set and explained"
        );
    }
    let check = zongwu(&[
        "check".as_ref(),
        "--format".as_ref(),
        "json".as_ref(),
        records.as_os_str(),
    ]);
    assert_eq!(String::from_utf8_lossy(&check.stdout), "[]\n");
    let site = dir.path().join("site");
    let build = zongwu(&[
        "build".as_ref(),
        records.as_os_str(),
        "--out".as_ref(),
        site.as_os_str(),
    ]);
    common::assert_success(&build);
    assert!(site.join("index.html").exists());
}

#[test]
fn init_refuses_a_folder_that_is_not_empty_and_never_overwrites() {
    let r = Records::empty().with("notes.txt", "keep me");
    let refused = zongwu(&["init".as_ref(), r.path().as_os_str()]);
    assert_eq!(refused.status.code(), Some(2));
    assert_eq!(common::files_under(r.path()), vec!["notes.txt"]);
    r.write("zongwu.toml", "# mine\n");
    let forced = zongwu(&["init".as_ref(), r.path().as_os_str(), "--force".as_ref()]);
    assert!(forced.status.success());
    assert_eq!(
        std::fs::read_to_string(r.path().join("zongwu.toml")).unwrap(),
        "# mine\n",
        "not replaced"
    );
    assert_eq!(
        std::fs::read_to_string(r.path().join("notes.txt")).unwrap(),
        "keep me"
    );
}

/// This year, as `new` dates a record.
fn this_year() -> String {
    chrono::Local::now().date_naive().format("%Y").to_string()
}

#[test]
fn new_writes_the_next_id_beside_its_pattern_and_checks_once_filled() {
    let y = this_year();
    let r = Records::new()
        .with(
            &format!("repairs/{y}/R-{y}-0041.toml"),
            format!("title = \"a\"\nlocation = \"x\"\nreported = {y}-01-01\nreporter = \"r\"\n"),
        )
        .with(
            &format!("repairs/{y}/R-{y}-0042.toml"),
            format!("title = \"b\"\nlocation = \"x\"\nreported = {y}-01-01\nreporter = \"r\"\n"),
        );
    let out = zongwu(&[
        "new".as_ref(),
        "repair".as_ref(),
        r.path().as_os_str(),
        "--title".as_ref(),
        "灯管不亮".as_ref(),
    ]);
    common::assert_success(&out);
    let path = std::path::PathBuf::from(String::from_utf8(out.stdout).unwrap().trim());
    assert_eq!(path, r.path().join(format!("repairs/{y}/R-{y}-0043.toml")));
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.starts_with("title = \"灯管不亮\""));
    assert!(
        text.lines().all(|l| l.is_empty() || l.contains('#')),
        "every line explained:\n{text}"
    );
    let today = chrono::Local::now().date_naive().to_string();
    assert!(
        text.contains(&format!("reported = {today}")),
        "today's date"
    );

    let before = r.codes();
    assert_eq!(
        before
            .iter()
            .map(|(c, _, _)| c.as_str())
            .collect::<Vec<_>>(),
        ["E019", "E019"],
        "the placeholders"
    );
    let filled = text
        .replace("location = \"\"", "location = \"1号楼\"")
        .replace("reporter = \"\"", "reporter = \"高一(1)班班主任\"");
    std::fs::write(&path, filled).unwrap();
    assert_eq!(r.check(), (vec![], 0));
}

#[test]
fn new_and_imported_ids_take_the_year_of_the_records_own_date() {
    let y = this_year();
    let asset = |date: &str| {
        format!(
            "name = \"书架\"\ncategory = \"家具\"\nlocation = \"图书馆\"\nunit_price = 650\nacquired = {date}\n"
        )
    };
    let repair = "title = \"灯管不亮\"\nlocation = \"1号楼\"\nreported = 2012-03-02\nreporter = \"高一(1)班班主任\"\n";
    // `new`: today's year, the first of it, in a folder of its year beside the others.
    let r = Records::new()
        .with("assets/2011/A-2011-0099.toml", asset("2011-09-01"))
        .with("assets/2012/A-2012-0004.toml", asset("2012-09-01"))
        .with("repairs/2012/R-2012-0042.toml", repair);
    for (kind, expected) in [
        ("asset", format!("assets/{y}/A-{y}-0001.toml")),
        ("repair", format!("repairs/{y}/R-{y}-0001.toml")),
    ] {
        let out = r.run(&["new", kind]);
        common::assert_success(&out);
        assert_eq!(
            String::from_utf8(out.stdout).unwrap(),
            format!("{}\n", r.path().join(expected).display())
        );
    }

    // `import`: the year of each row's first date, after the highest id of that year.
    let r = Records::new()
        .with("assets/2012/A-2012-0004.toml", asset("2012-09-01"))
        .with("repairs/2012/R-2012-0042.toml", repair);
    let sheet = r.path().join("in.csv");
    let import = |kind: &str, text: &str| {
        std::fs::write(&sheet, text).unwrap();
        let out = zongwu(&[
            "import".as_ref(),
            kind.as_ref(),
            sheet.as_os_str(),
            r.path().as_os_str(),
        ]);
        common::assert_success(&out);
        String::from_utf8(out.stdout).unwrap()
    };
    let assets = import(
        "asset",
        "名称,类别,存放地点,单价,购置日期\n课桌,家具,3号楼,380,2020-09-03\n椅子,家具,3号楼,120,2012-09-04\n窗帘,家具,3号楼,35,2011/9/5\n柜子,家具,3号楼,800,2012-09-06\n",
    );
    let d = r.path().display();
    assert_eq!(
        assets,
        format!(
            "{d}/assets/A-2020-0001.toml\n{d}/assets/A-2012-0005.toml\n{d}/assets/A-2011-0001.toml\n{d}/assets/A-2012-0006.toml\n"
        )
    );
    let repairs = import(
        "repair",
        "报修内容,地点,报修日期,报修人\n门锁坏了,门卫室,2011-10-08,保安\n",
    );
    assert_eq!(repairs, format!("{d}/repairs/R-2011-0001.toml\n"));
    assert_eq!(r.check(), (vec![], 0));
}

#[test]
fn new_records_of_every_kind_check_once_their_placeholders_are_filled() {
    let r = Records::new();
    for kind in ["asset", "purchase", "inspection", "budget"] {
        let out = zongwu(&[
            "new".as_ref(),
            kind.as_ref(),
            r.path().as_os_str(),
            "--title".as_ref(),
            "示例".as_ref(),
        ]);
        assert!(
            out.status.success(),
            "{kind}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let path = String::from_utf8(out.stdout).unwrap().trim().to_owned();
        let text = std::fs::read_to_string(&path)
            .unwrap()
            .replace("= \"\"", "= \"填好\"")
            .replace("unit_price = 0 ", "unit_price = 120 ");
        std::fs::write(&path, text).unwrap();
    }
    // This month's budget is in none of the fixture's 2011–2012 semesters: W006 says so.
    let codes: Vec<String> = r.codes().into_iter().map(|(code, _, _)| code).collect();
    assert_eq!(codes, ["W006"]);
    let again = zongwu(&["new".as_ref(), "budget".as_ref(), r.path().as_os_str()]);
    assert_eq!(
        again.status.code(),
        Some(2),
        "this month's budget exists: never overwritten"
    );
}

/// Runs git in `dir` as the given author; its standard output.
fn git(dir: &std::path::Path, author: &str, args: &[&str]) -> String {
    let out = std::process::Command::new("git")
        .arg("-C")
        .arg(dir)
        .args([
            "-c",
            &format!("user.name={author}"),
            "-c",
            "user.email=office@example.com",
        ])
        .args(args)
        .output()
        .expect("git runs");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn record_pages_and_the_home_page_show_the_git_history() {
    let r = Records::new()
        .with("repairs/R-1.toml", "title = \"灯管不亮\"\nlocation = \"1号楼\"\nreported = 2011-09-05\nreporter = \"高一(1)班班主任\"\n")
        .with("assets/A-1.toml", "name = \"书架\"\ncategory = \"家具\"\nlocation = \"图书馆\"\nunit_price = 650\nacquired = 2011-09-01\n");
    git(r.path(), "王老师", &["init", "-q"]);
    git(r.path(), "王老师", &["add", "-A"]);
    git(r.path(), "王老师", &["commit", "-qm", "导入记录"]);
    r.write("repairs/R-1.toml", "title = \"灯管不亮\"\nlocation = \"1号楼\"\nreported = 2011-09-05\nreporter = \"高一(1)班班主任\"\nfixed = 2011-09-06\n");
    git(r.path(), "李老师", &["commit", "-qam", "R-1 已修好"]);
    r.write(".vscode/settings.json", "{}");
    git(r.path(), "李老师", &["add", "-A"]);
    git(r.path(), "李老师", &["commit", "-qm", "编辑器设置"]);

    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("site");
    let build = zongwu(&[
        "build".as_ref(),
        r.path().as_os_str(),
        "--out".as_ref(),
        site.as_os_str(),
    ]);
    common::assert_success(&build);
    let repair = std::fs::read_to_string(site.join("repairs/R-1.html")).unwrap();
    let changes = &repair[repair.find("修改记录").expect("a history section")..];
    let (newest, oldest) = (
        changes.find("R-1 已修好").unwrap(),
        changes.find("导入记录").unwrap(),
    );
    assert!(newest < oldest, "newest first");
    assert!(changes.contains("李老师") && changes.contains("王老师"));
    let asset = std::fs::read_to_string(site.join("assets/A-1.html")).unwrap();
    assert!(
        asset.contains("导入记录") && !asset.contains("R-1 已修好"),
        "each page shows its own file's changes"
    );
    let home = std::fs::read_to_string(site.join("index.html")).unwrap();
    let latest = &home[home
        .find("最近修改")
        .expect("latest changes on the home page")..];
    assert!(latest.contains("R-1 已修好") && latest.contains("href=\"repairs/R-1.html\""));
    // One row per commit that touched records, with every record it touched.
    let table = &latest[..latest.find("</table>").unwrap()];
    let rows: Vec<&str> = table.split("<tr>").skip(2).collect();
    assert_eq!(rows.len(), 2, "{table}");
    assert!(
        !table.contains("编辑器设置"),
        "a commit of no record file is not listed"
    );
    assert!(rows[0].contains("R-1 已修好") && rows[0].contains(">R-1</a></td>"));
    assert!(
        rows[1].contains("导入记录")
            && rows[1].contains(
                "<a href=\"assets/A-1.html\">A-1</a>、<a href=\"repairs/R-1.html\">R-1</a>"
            ),
        "{}",
        rows[1]
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

/// The rows of a CSV export without its id column.
fn rows_without_ids(csv: &[u8]) -> Vec<String> {
    let text = String::from_utf8(csv.to_vec()).unwrap();
    text.trim_start_matches('\u{feff}')
        .lines()
        .map(|l| l.split_once(',').unwrap().1.to_owned())
        .collect()
}

/// The number of records in a CSV export: its distinct ids.
fn records_in(csv: &[u8]) -> usize {
    let text = String::from_utf8(csv.to_vec()).unwrap();
    let ids: std::collections::BTreeSet<&str> = text
        .lines()
        .skip(1)
        .map(|l| l.split_once(',').unwrap().0)
        .collect();
    ids.len()
}

#[test]
fn export_then_import_round_trips_every_kind_in_csv_and_xlsx() {
    // Each kind, with the folders that refer to it (moved away with it, as are the
    // narratives that name its figures).
    let cases: [(&str, &str, &[&str]); 6] = [
        (
            "asset",
            "xlsx",
            &["assets", "repairs", "inspections", "incidents"],
        ),
        (
            "asset",
            "csv",
            &["assets", "repairs", "inspections", "incidents"],
        ),
        ("repair", "csv", &["repairs", "inspections", "incidents"]),
        (
            "purchase",
            "xlsx",
            &[
                "purchases",
                "assets",
                "repairs",
                "inspections",
                "incidents",
                "projects",
            ],
        ),
        ("inspection", "csv", &["inspections"]),
        ("budget", "xlsx", &["budgets"]),
    ];
    for (kind, format, folders) in cases {
        let records = example_copy();
        let sheet = records.path().join(format!("sheet.{format}"));
        let export = |dir: &std::path::Path| {
            zongwu(&[
                "export".as_ref(),
                kind.as_ref(),
                dir.as_os_str(),
                "--format".as_ref(),
                "csv".as_ref(),
            ])
            .stdout
        };
        let before = export(records.path());
        let out = zongwu(&[
            "export".as_ref(),
            kind.as_ref(),
            records.path().as_os_str(),
            "--format".as_ref(),
            format.as_ref(),
            "--out".as_ref(),
            sheet.as_os_str(),
        ]);
        common::assert_success(&out);
        for folder in folders.iter().chain(&["summaries"]) {
            std::fs::remove_dir_all(records.path().join(folder)).unwrap();
        }
        let imported = zongwu(&[
            "import".as_ref(),
            kind.as_ref(),
            sheet.as_os_str(),
            records.path().as_os_str(),
        ]);
        assert!(
            imported.status.success(),
            "{kind} {format}: {}",
            String::from_utf8_lossy(&imported.stderr)
        );
        let written = String::from_utf8(imported.stdout).unwrap().lines().count();
        assert_eq!(written, records_in(&before), "{kind} {format}");
        assert_eq!(
            rows_without_ids(&export(records.path())),
            rows_without_ids(&before),
            "{kind} {format}"
        );
        let check = zongwu(&["check".as_ref(), records.path().as_os_str()]);
        assert_eq!(
            check.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&check.stdout)
        );
    }
}

#[test]
fn a_purchase_takes_a_row_per_item_and_bid_and_errors_name_that_row() {
    let r = Records::new();
    let sheet = r.path().join("in.csv");
    let import = |text: &str| {
        std::fs::write(&sheet, text).unwrap();
        zongwu(&[
            "import".as_ref(),
            "purchase".as_ref(),
            sheet.as_os_str(),
            r.path().as_os_str(),
            "--lang".as_ref(),
            "en".as_ref(),
        ])
    };
    let header =
        "编号,采购项目,类别,采购方式,申请人,申请日期,物品,数量,单价,投标单位,投标金额,中标\n";
    // Row 3 gives an item without a price; row 5 changes the first row's category.
    let broken = import(&format!(
        "{header}a,课桌椅,家具,招标,总务处,2012-03-01,课桌,40,120,甲公司,60000,是\n\
         a,,,,,,椅子,40,,乙公司,61000,否\n\
         a,,,,,,,,,丙公司,62000,否\n\
         a,,教学,,,,,,,,,\n"
    ));
    assert_eq!(broken.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&broken.stderr);
    assert!(
        stderr.contains(
            "row 3, column \"单价/items.unit_price\": missing required key `items[2].unit_price`"
        ),
        "{stderr}"
    );
    assert!(
        stderr.contains("row 5, column \"类别\": “教学” differs from row 2 of the same record"),
        "{stderr}"
    );
    assert_eq!(common::files_under(r.path()).len(), 2, "nothing written");

    let ok = import(&format!(
        "{header}a,课桌椅,家具,招标,总务处,2012-03-01,课桌,40,120,甲公司,60000,是\n\
         a,,,,,,椅子,40,80,乙公司,61000,否\n\
         ,,,,,,,,,丙公司,62000,否\n\
         b,粉笔,办公用品,直接采购,教务处,2012-03-02,粉笔,100,2.5,,,\n"
    ));
    common::assert_success(&ok);
    let paths = String::from_utf8(ok.stdout).unwrap();
    assert_eq!(paths.lines().count(), 2, "{paths}");
    let first = std::fs::read_to_string(paths.lines().next().unwrap()).unwrap();
    assert_eq!(
        first,
        "title = \"课桌椅\"\ncategory = \"家具\"\nmethod = \"tender\"\nrequester = \"总务处\"\n\
         requested = 2012-03-01\n\
         [[items]]\nname = \"课桌\"\nquantity = 40\nunit_price = 120\n\
         [[items]]\nname = \"椅子\"\nquantity = 40\nunit_price = 80\n\
         [[bids]]\nvendor = \"甲公司\"\namount = 60000\nwon = true\n\
         [[bids]]\nvendor = \"乙公司\"\namount = 61000\nwon = false\n\
         [[bids]]\nvendor = \"丙公司\"\namount = 62000\nwon = false\n"
    );
    assert_eq!(r.check(), (vec![], 0));
}

#[test]
fn budgets_keep_their_month_and_an_existing_month_is_updated() {
    let r = Records::new().with(
        "budgets/2012-03.toml",
        "# 三月预算\n[lines]\n\"办公用品\" = 1000\n",
    );
    let sheet = r.path().join("in.csv");
    let import = |text: &str| {
        std::fs::write(&sheet, text).unwrap();
        zongwu(&[
            "import".as_ref(),
            "budget".as_ref(),
            sheet.as_os_str(),
            r.path().as_os_str(),
            "--lang".as_ref(),
            "en".as_ref(),
        ])
    };
    let bad = import("月份,类别,金额\n2012-03,维修,500\n2012-13,维修,1\n../x,维修,1\n");
    assert_eq!(bad.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&bad.stderr);
    for expected in [
        "row 3, column \"月份\": the budget file name \"2012-13\" is not a month",
        "row 4, column \"月份\": the budget file name \"../x\" is not a month",
    ] {
        assert!(stderr.contains(expected), "{expected}: {stderr}");
    }
    assert_eq!(
        std::fs::read_to_string(r.path().join("budgets/2012-03.toml")).unwrap(),
        "# 三月预算\n[lines]\n\"办公用品\" = 1000\n",
        "nothing written while a row is wrong"
    );
    let ok = import(
        "month,lines.category,lines.amount,notes\n2012-03,维修,500,\n2012-04,维修,500,开学\n2012-04,办公用品,800.5,\n",
    );
    common::assert_success(&ok);
    assert!(String::from_utf8_lossy(&ok.stderr).contains("added 1, updated 1, unchanged 0"));
    assert_eq!(
        std::fs::read_to_string(r.path().join("budgets/2012-03.toml")).unwrap(),
        "# 三月预算\n[lines]\n\"维修\" = 500\n",
        "the month's lines are the sheet's; its comment stays"
    );
    assert_eq!(
        std::fs::read_to_string(r.path().join("budgets/2012-04.toml")).unwrap(),
        "notes = \"开学\"\n[lines]\n\"维修\" = 500\n\"办公用品\" = 800.5\n"
    );
    assert_eq!(r.check(), (vec![], 0));
}

#[test]
fn import_writes_nothing_unless_every_row_is_valid() {
    let r = Records::new().with("assets/A-2012-0001.toml", "name = \"书架\"\ncategory = \"家具\"\nlocation = \"图书馆\"\nunit_price = 650\nacquired = 2012-09-01\n");
    let sheet = r.path().join("in.csv");
    std::fs::write(&sheet, "名称,类别,存放地点,数量,单价,购置日期\n课桌,家具,3号楼,2,380.5,2012-09-03\n椅子,家具,,2,abc,2012-09-31\n").unwrap();
    let before = common::files_under(r.path());
    let out = zongwu(&[
        "import".as_ref(),
        "asset".as_ref(),
        sheet.as_os_str(),
        r.path().as_os_str(),
        "--lang".as_ref(),
        "en".as_ref(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("row 3, column \"存放地点/location\": missing required key `location`"),
        "{stderr}"
    );
    assert!(stderr.contains("row 3, column \"单价\""), "{stderr}");
    assert!(stderr.contains("row 3, column \"购置日期\""), "{stderr}");
    assert!(!stderr.contains("row 2"), "row 2 is valid: {stderr}");
    assert_eq!(common::files_under(r.path()), before, "nothing written");

    std::fs::write(&sheet, "name,category,location,quantity,unit_price,acquired\n课桌,家具,3号楼,2,380.5,2012-09-03\n椅子,家具,3号楼,4,120,2012-09-04\n").unwrap();
    let ok = zongwu(&[
        "import".as_ref(),
        "asset".as_ref(),
        sheet.as_os_str(),
        r.path().as_os_str(),
    ]);
    common::assert_success(&ok);
    let paths: Vec<String> = String::from_utf8(ok.stdout)
        .unwrap()
        .lines()
        .map(str::to_owned)
        .collect();
    assert!(
        paths[0].ends_with("assets/A-2012-0002.toml")
            && paths[1].ends_with("assets/A-2012-0003.toml"),
        "{paths:?}"
    );
    assert_eq!(r.check(), (vec![], 0));

    std::fs::write(&sheet, "名称,分类,房间\n课桌,家具,3号楼\n").unwrap();
    let unknown = zongwu(&[
        "import".as_ref(),
        "asset".as_ref(),
        sheet.as_os_str(),
        r.path().as_os_str(),
        "--lang".as_ref(),
        "en".as_ref(),
    ]);
    assert_eq!(unknown.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&unknown.stderr).contains("row 1, column \"房间\": unknown column")
    );
}

#[test]
fn schemas_accept_the_example_records_and_reject_what_check_rejects() {
    let out = tempfile::tempdir().unwrap();
    std::fs::write(out.path().join("zongwu.toml"), common::CONFIG).unwrap();
    let run = zongwu(&["schema".as_ref(), "--out".as_ref(), out.path().as_os_str()]);
    common::assert_success(&run);
    let taplo = std::fs::read_to_string(out.path().join(".taplo.toml")).unwrap();
    assert!(
        taplo.contains("include = [\"assets/**/*.toml\"]")
            && taplo.contains("path = \"schemas/asset.schema.json\"")
    );
    let validator = |name: &str| {
        let schema: serde_json::Value = serde_json::from_str(
            &std::fs::read_to_string(out.path().join(format!("schemas/{name}.schema.json")))
                .unwrap(),
        )
        .unwrap();
        jsonschema::validator_for(&schema).expect("a valid schema")
    };
    let records = common::example_records();
    let mut validated = 0;
    for (folder, name) in [
        ("assets", "asset"),
        ("repairs", "repair"),
        ("purchases", "purchase"),
        ("inspections", "inspection"),
        ("budgets", "budget"),
    ] {
        let v = validator(name);
        for file in common::files_under(&records.join(folder)) {
            let text = std::fs::read_to_string(records.join(folder).join(&file)).unwrap();
            let json =
                common::toml_to_json(text.parse::<toml::Table>().map(toml::Value::Table).unwrap());
            let errors: Vec<String> = v.iter_errors(&json).map(|e| e.to_string()).collect();
            assert!(errors.is_empty(), "{folder}/{file}: {errors:?}");
            validated += 1;
        }
    }
    assert!(validated > 100);
    let config = common::toml_to_json(
        std::fs::read_to_string(records.join("zongwu.toml"))
            .unwrap()
            .parse::<toml::Table>()
            .map(toml::Value::Table)
            .unwrap(),
    );
    assert!(validator("config").is_valid(&config));

    // A wrong type, an unknown key, a bad choice, a zero quantity: check and schema agree.
    let asset = "name = \"书架\"\ncategory = \"家具\"\nlocation = \"图书馆\"\nunit_price = 650\nacquired = 2011-09-01\n";
    for (bad, code) in [
        (asset.replace("650", "true"), "E012"),
        (format!("{asset}categroy = \"x\"\n"), "E011"),
        (format!("{asset}quantity = 0\n"), "E017"),
        (asset.replace("unit_price = 650\n", ""), "E010"),
    ] {
        let r = Records::new().with("assets/A-1.toml", &bad);
        assert_eq!(r.codes()[0].0, code, "{bad}");
        let json =
            common::toml_to_json(bad.parse::<toml::Table>().map(toml::Value::Table).unwrap());
        assert!(
            !validator("asset").is_valid(&json),
            "the schema rejects it too: {bad}"
        );
    }
    let purchase = "title = \"x\"\ncategory = \"x\"\nmethod = \"cheap\"\nrequester = \"x\"\nrequested = 2011-09-01\n\n[[items]]\nname = \"x\"\nquantity = 1\nunit_price = 1\n";
    assert_eq!(
        Records::new().with("purchases/P-1.toml", purchase).codes()[0].0,
        "E016"
    );
    assert!(
        !validator("purchase").is_valid(&common::toml_to_json(
            purchase
                .parse::<toml::Table>()
                .map(toml::Value::Table)
                .unwrap()
        ))
    );
}

/// Runs zongwu in `dir`.
fn zongwu_in(dir: &std::path::Path, args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_zongwu"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

#[test]
fn the_records_folder_is_where_the_command_runs_or_records() {
    let dir = tempfile::tempdir().unwrap();
    assert!(zongwu_in(dir.path(), &["init", "records"]).status.success());
    // Inside the folder init made, every command finds it without an argument.
    let inside = dir.path().join("records");
    let check = zongwu_in(&inside, &["check"]);
    assert_eq!(
        check.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&check.stdout)
    );
    assert!(zongwu_in(&inside, &["stats"]).status.success());
    // Beside it, `records` is the default; paths are shown from where the command ran.
    std::fs::write(inside.join("assets/A-9.toml"), "name = 1\n").unwrap();
    let beside = zongwu_in(dir.path(), &["check"]);
    let text = String::from_utf8_lossy(&beside.stdout);
    assert!(text.contains("--> records/assets/A-9.toml:1:8"), "{text}");
    let inside_text = String::from_utf8(zongwu_in(&inside, &["check"]).stdout).unwrap();
    assert!(
        inside_text.contains("--> assets/A-9.toml:1:8"),
        "{inside_text}"
    );
    // JSON keeps paths relative to the records folder, for scripts.
    let json = zongwu_in(dir.path(), &["check", "--format", "json"]);
    assert!(String::from_utf8_lossy(&json.stdout).contains("\"file\": \"assets/A-9.toml\""));
    // Where there is no records folder: exit 2, and nothing is created.
    let empty = tempfile::tempdir().unwrap();
    for args in [
        &["schema"][..],
        &["check"],
        &["stats"],
        &["serve", "--port", "0"],
    ] {
        let out = zongwu_in(empty.path(), args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
    }
    assert_eq!(
        std::fs::read_dir(empty.path()).unwrap().count(),
        0,
        "nothing created"
    );
    let serve = zongwu_in(empty.path(), &["serve", "/nonexistent", "--port", "0"]);
    assert_eq!(serve.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&serve.stderr).contains("/nonexistent"));
}

/// git in `dir`, as the office, with the zongwu just built first on PATH (where the
/// pre-commit hook finds it).
fn git_hooked(dir: &std::path::Path) -> std::process::Command {
    let bin = std::path::Path::new(env!("CARGO_BIN_EXE_zongwu"))
        .parent()
        .unwrap();
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let mut git = std::process::Command::new("git");
    git.current_dir(dir)
        .env("PATH", path)
        .env("NO_COLOR", "1")
        .env("GIT_AUTHOR_NAME", "总务处")
        .env("GIT_AUTHOR_EMAIL", "office@example.org")
        .env("GIT_COMMITTER_NAME", "总务处")
        .env("GIT_COMMITTER_EMAIL", "office@example.org");
    git
}

#[test]
fn init_makes_a_repository_whose_commits_are_checked() {
    let dir = tempfile::tempdir().unwrap();
    let records = dir.path().join("records");
    let out = zongwu_in(dir.path(), &["init", "records"]);
    assert!(out.status.success());
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(
        said.contains("git init") && said.contains("pre-commit"),
        "{said}"
    );
    let hook = records.join(".git/hooks/pre-commit");
    use std::os::unix::fs::PermissionsExt;
    assert_eq!(
        std::fs::metadata(&hook).unwrap().permissions().mode() & 0o111,
        0o111
    );
    let git = |args: &[&str]| git_hooked(&records).args(args).output().unwrap();
    assert!(git(&["add", "."]).status.success());
    std::fs::write(records.join("assets/A-9.toml"), "name = 灭火器\n").unwrap();
    assert!(git(&["add", "."]).status.success());
    let refused = git(&["commit", "-m", "有错误的记录"]);
    assert!(!refused.status.success(), "a commit with errors is refused");
    assert!(String::from_utf8_lossy(&refused.stderr).contains("E009"));
    std::fs::remove_file(records.join("assets/A-9.toml")).unwrap();
    assert!(git(&["add", "-A"]).status.success());
    let done = git(&["commit", "-m", "新建记录目录"]);
    assert!(
        done.status.success(),
        "{}",
        String::from_utf8_lossy(&done.stderr)
    );
}

#[test]
fn the_hook_checks_what_is_staged_not_the_working_folder() {
    // (The card stands in 行政楼, a building of the room register `init` writes.)
    // The records folder inside a repository: the hook checks `records` from the top.
    let dir = tempfile::tempdir().unwrap();
    let temp = tempfile::tempdir().unwrap();
    let git = |args: &[&str]| {
        git_hooked(dir.path())
            .env("TMPDIR", temp.path())
            .args(args)
            .output()
            .unwrap()
    };
    assert!(git(&["init", "-q"]).status.success());
    common::assert_success(&zongwu_in(dir.path(), &["init", "records"]));
    assert!(git(&["add", "-A"]).status.success());
    common::assert_success(&git(&["commit", "-qm", "新建记录目录"]));
    let card = dir.path().join("records/assets/A-2011-0009.toml");
    let valid = "name = \"书架\"\ncategory = \"家具\"\nlocation = \"行政楼\"\nunit_price = 650\nacquired = 2011-09-01\n";
    let broken = valid.replace("\"行政楼\"", "行政楼");

    // Staged broken, mended in the working folder only: what would be committed is broken.
    std::fs::write(&card, &broken).unwrap();
    assert!(git(&["add", "-A"]).status.success());
    std::fs::write(&card, valid).unwrap();
    let refused = git(&["commit", "-qm", "书架"]);
    assert_eq!(refused.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&refused.stderr),
        "错误[E009 unquoted-text]: 文字 行政楼 没有加英文双引号\n \
         --> records/assets/A-2011-0009.toml:3:12\n  \
         |\n\
         3 | location = 行政楼\n  \
         |            ^^^^^^\n  \
         |\n  \
         = 提示: 改成：location = \"行政楼\"\n\n\
         共发现 1 个错误，0 个警告。\n"
    );

    // Staged valid, broken in the working folder only: what is committed is valid.
    assert!(git(&["add", "-A"]).status.success());
    std::fs::write(&card, &broken).unwrap();
    common::assert_success(&git(&["commit", "-qm", "书架"]));
    let committed = git(&["show", "HEAD:records/assets/A-2011-0009.toml"]);
    assert_eq!(String::from_utf8_lossy(&committed.stdout), valid);
    assert_eq!(
        std::fs::read_dir(temp.path()).unwrap().count(),
        0,
        "the hook's temporary folder is removed"
    );
}

#[test]
fn what_a_build_leaves_beside_the_site_is_kept_out_of_git() {
    let dir = tempfile::tempdir().unwrap();
    let records = dir.path().join("records");
    common::assert_success(&zongwu_in(dir.path(), &["init", "records"]));
    git(&records, "总务处", &["add", "-A"]);
    git(
        &records,
        "总务处",
        &["commit", "-qm", "新建记录目录", "--no-verify"],
    );
    // A build, a whole one that moves the first site aside, and the staging folder of a
    // build stopped midway.
    common::assert_success(&zongwu_in(&records, &["build"]));
    common::assert_success(&zongwu_in(&records, &["build", "--full"]));
    std::fs::create_dir(records.join(".site.building-99999")).unwrap();
    std::fs::write(records.join(".site.building-99999/index.html"), "<html>").unwrap();
    let mut beside: Vec<String> = std::fs::read_dir(&records)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with(".site."))
        .map(|name| match name.split_once(".old-") {
            Some((site, _)) => format!("{site}.old-PID"),
            None => name,
        })
        .collect();
    beside.sort();
    assert_eq!(
        beside,
        [
            ".site.building-99999",
            ".site.old-PID",
            ".site.zongwu-build",
            ".site.zongwu-cache"
        ]
    );
    assert!(records.join("site/index.html").is_file());
    let status = git(
        &records,
        "总务处",
        &["status", "--porcelain", "--untracked-files=all"],
    );
    assert_eq!(status, "", "nothing for `git add -A` to commit");
}

#[test]
fn completions_for_every_shell_and_a_budget_for_any_month() {
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let out = zongwu(&["completions", shell]);
        assert!(out.status.success(), "{shell}");
        let script = String::from_utf8(out.stdout).unwrap();
        assert!(
            script.contains("zongwu") && script.contains("stats"),
            "{shell}"
        );
    }
    let r = Records::new();
    let out = r.run(&["new", "budget", "--month", "2012-03"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        String::from_utf8_lossy(&out.stdout)
            .trim()
            .ends_with("budgets/2012-03.toml")
    );
    let again = r.run(&["new", "budget", "--month", "2012-03"]);
    assert_eq!(
        again.status.code(),
        Some(2),
        "an existing month is never replaced"
    );
    assert_eq!(
        r.run(&["new", "budget", "--month", "2012-3"]).status.code(),
        Some(2)
    );
    assert_eq!(
        r.run(&["new", "asset", "--month", "2012-03"]).status.code(),
        Some(2)
    );
}

#[test]
fn an_edited_sheet_updates_records_in_place_and_never_duplicates_them() {
    let shelf = "# 图书馆的书架\nname = \"书架\"   # 木质\ncategory = \"家具\"\nlocation = \"图书馆\"\nquantity = 2\nunit_price = 650\nacquired = 2012-01-01\n";
    let desk = "name = \"课桌\"\ncategory = \"家具\"\nlocation = \"3号楼\"\nunit_price = 380\nacquired = 2012-01-02\n";
    let r = Records::new()
        .with("assets/A-2012-0001.toml", shelf)
        .with("assets/A-2012-0002.toml", desk);
    let sheet = r.path().join("资产.csv");
    let exported = zongwu(&[
        "export".as_ref(),
        "asset".as_ref(),
        r.path().as_os_str(),
        "--out".as_ref(),
        sheet.as_os_str(),
    ]);
    common::assert_success(&exported);
    let import = || {
        zongwu(&[
            "import".as_ref(),
            "asset".as_ref(),
            sheet.as_os_str(),
            r.path().as_os_str(),
        ])
    };
    // The sheet as exported: nothing to write.
    let again = import();
    common::assert_success(&again);
    assert!(String::from_utf8_lossy(&again.stderr).contains("新增 0，更新 0，未变 2"));
    assert!(again.stdout.is_empty(), "no file written");
    // Edited as in Excel: a price changed, a row with a new id, a row without one.
    let text = std::fs::read_to_string(&sheet).unwrap();
    let edited = text.replace(",650.00,", ",700,")
        + "A-2012-0010,投影仪,教学设备,实验楼201,,1,台,4600,2012-01-05,,,,,\n"
        + ",窗帘,家具,实验楼201,,4,幅,120,2012-01-06,,,,,\n";
    std::fs::write(&sheet, edited).unwrap();
    let out = import();
    common::assert_success(&out);
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(
        said.contains("新增 2，更新 1，未变 1；表中没有的 0 条记录保持不变"),
        "{said}"
    );
    let read =
        |id: &str| std::fs::read_to_string(r.path().join(format!("assets/{id}.toml"))).unwrap();
    assert_eq!(
        read("A-2012-0001"),
        shelf.replace("unit_price = 650", "unit_price = 700")
    );
    assert_eq!(read("A-2012-0002"), desk, "unchanged, byte for byte");
    assert!(read("A-2012-0010").contains("name = \"投影仪\""));
    assert!(
        read("A-2012-0011").contains("name = \"窗帘\""),
        "the next free id"
    );
    assert_eq!(r.check(), (vec![], 0));
    let stats = r.run(&["stats", "--format", "json", "--semester", "2011-2012-1"]);
    let stats: serde_json::Value = serde_json::from_slice(&stats.stdout).unwrap();
    assert_eq!(stats["assets"]["count"], 4, "four cards, not doubled");
    // A sheet of one record leaves the others as they are, and says so.
    std::fs::write(
        &sheet,
        format!("{}\n", text.lines().take(2).collect::<Vec<_>>().join("\n")),
    )
    .unwrap();
    let one = import();
    common::assert_success(&one);
    let said = String::from_utf8_lossy(&one.stderr);
    assert!(
        said.contains("更新 1，未变 0；表中没有的 3 条记录保持不变"),
        "{said}"
    );
    assert_eq!(
        read("A-2012-0001"),
        shelf.replace("unit_price = 650", "unit_price = 650.00"),
        "back to 650 as the sheet writes it, comments kept"
    );
    assert_eq!(common::files_under(&r.path().join("assets")).len(), 4);
}

#[test]
fn sheets_as_excel_on_a_chinese_windows_saves_them_are_read() {
    let sheet_text = "名称\t类别\t存放地点\t数量\t单价\t购置日期\n投影仪\t教学设备\t实验楼201\t2\t\"5,800.00\"\t2011/9/1\n窗帘\t家具\t实验楼201\t1,200\t¥35\t40787\n";
    let gbk = encoding_rs::GB18030.encode(sheet_text).0.into_owned();
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(sheet_text.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    for (name, bytes) in [("GBK", gbk), ("UTF-16", utf16)] {
        let r = Records::new();
        let sheet = r.path().join("in.csv");
        std::fs::write(&sheet, bytes).unwrap();
        let out = zongwu(&[
            "import".as_ref(),
            "asset".as_ref(),
            sheet.as_os_str(),
            r.path().as_os_str(),
        ]);
        common::assert_success(&out);
        let paths = String::from_utf8(out.stdout).unwrap();
        let files: Vec<String> = paths
            .lines()
            .map(|p| std::fs::read_to_string(p).unwrap())
            .collect();
        assert_eq!(files.len(), 2, "{name}");
        assert!(
            files[0].contains("unit_price = 5800.00") && files[0].contains("acquired = 2011-09-01"),
            "{name}: {}",
            files[0]
        );
        assert!(
            files[1].contains("quantity = 1200")
                && files[1].contains("unit_price = 35")
                && files[1].contains("acquired = 2011-09-01"),
            "{name}: {}",
            files[1]
        );
        assert_eq!(r.check(), (vec![], 0), "{name}");
    }
}

#[test]
fn help_is_in_chinese_where_the_language_is_chinese() {
    let dir = tempfile::tempdir().unwrap();
    let help = |lang_env: &str, args: &[&str]| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_zongwu"))
            .args(args)
            .current_dir(dir.path())
            .env("LANG", lang_env)
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .output()
            .unwrap();
        assert!(out.status.success());
        String::from_utf8(out.stdout).unwrap()
    };
    let zh = help("zh_CN.UTF-8", &["stats", "--help"]);
    assert!(
        zh.starts_with("列出一个学期的数字") && zh.contains("用法：") && zh.contains("选项："),
        "{zh}"
    );
    assert!(!zh.contains("Print a semester"), "{zh}");
    let en = help("C", &["stats", "--help"]);
    assert!(
        en.starts_with("Print a semester's figures") && en.contains("Usage:"),
        "{en}"
    );
    assert!(help("C", &["--lang", "zh-CN", "--help"]).contains("命令："));
    assert!(help("zh_CN.UTF-8", &["--help", "--lang", "en"]).contains("Commands:"));
    // A records folder in English speaks English, whatever the system's language.
    std::fs::write(
        dir.path().join("zongwu.toml"),
        common::CONFIG.replace("zh-CN", "en"),
    )
    .unwrap();
    assert!(help("zh_CN.UTF-8", &["check", "--help"]).contains("Usage:"));
}

#[test]
fn help_and_a_command_prints_that_commands_help_in_its_language() {
    let dir = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_zongwu"))
            .args(args)
            .current_dir(dir.path())
            .env("LANG", "zh_CN.UTF-8")
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .output()
            .unwrap();
        common::assert_success(&out);
        String::from_utf8(out.stdout).unwrap()
    };
    let check = run(&["help", "check"]);
    assert_eq!(check, run(&["check", "--help"]));
    assert!(check.starts_with("检查每一条记录，一次列出所有错误，注明位置和改法\n\n用法：zongwu check [OPTIONS] [RECORDS]\n"), "{check}");
    let all = run(&["help"]);
    assert_eq!(all, run(&["--help"]));
    assert!(
        all.contains("\n  help         显示本帮助，或某个命令的帮助（zongwu help 命令）\n"),
        "{all}"
    );
    let en = run(&["--lang", "en", "help", "stats"]);
    assert_eq!(en, run(&["stats", "--help", "--lang", "en"]));
    assert!(en.starts_with("Print a semester's figures"), "{en}");
    assert_eq!(
        run(&["help", "--lang", "en"]),
        run(&["--lang", "en", "--help"])
    );
}
