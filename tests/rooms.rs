//! The room register (`locations.toml`, 室室有人管): locations checked against it, its
//! own mistakes, buildings rolling up their rooms on the site, importing rooms from a
//! sheet, and `init` writing one.

mod common;

use common::{Diag, Records, files_under};
use std::path::Path;

/// A small register: one building with two rooms, and an area.
const REGISTER: &str = r#"# 实验楼和它的房间
[[building]]
name = "实验楼"
keeper = "李老师"

[[building]]
name = "全校"

[[room]]
name = "实验楼101"
building = "实验楼"
keeper = "化学组"
use = "化学实验室"

[[room]]
name = "实验楼102"
building = "实验楼"
use = "物理实验室"
"#;

/// A repair at `location`, reported on `reported`, fixed on `fixed` if given.
fn repair(location: &str, reported: &str, fixed: Option<&str>) -> String {
    let fixed = fixed.map_or(String::new(), |d| {
        format!("assignee = \"维修组\"\nfixed = {d}\n")
    });
    format!(
        "title = \"灯管不亮\"\nlocation = \"{location}\"\nreported = {reported}\nreporter = \"化学组\"\n{fixed}"
    )
}

/// An asset card at `location`.
fn asset(location: &str, quantity: u32, price: u32, disposed: Option<&str>) -> String {
    let disposed = disposed.map_or(String::new(), |d| {
        format!("disposed = {d}\ndisposal_reason = \"损坏\"\n")
    });
    format!(
        "name = \"通风橱\"\ncategory = \"实验设备\"\nlocation = \"{location}\"\nquantity = {quantity}\nunit_price = {price}\nacquired = 2011-09-01\n{disposed}"
    )
}

/// The folder of the building-page tests: what each room holds is worked out by hand
/// in [`a_building_page_lists_its_rooms_with_what_each_holds`].
fn lab() -> Records {
    let inspection = "title = \"实验室安全检查\"\ntype = \"safety\"\ndate = 2012-06-10\ninspector = \"总务处\"\nlocation = \"实验楼101\"\n\n[[findings]]\ndescription = \"灭火器过期\"\nseverity = \"high\"\nrectified = 2012-06-12\n\n[[findings]]\ndescription = \"洗眼器无水\"\nseverity = \"medium\"\n";
    Records::new()
        .with("locations.toml", REGISTER)
        .with("assets/A-1.toml", asset("实验楼101", 2, 1000, None))
        .with(
            "assets/A-2.toml",
            asset("实验楼101", 1, 500, Some("2012-01-01")),
        )
        .with("assets/A-3.toml", asset("实验楼", 3, 100, None))
        .with("repairs/R-1.toml", repair("实验楼102", "2012-06-01", None))
        .with(
            "repairs/R-2.toml",
            repair("实验楼102", "2012-05-01", Some("2012-05-02")),
        )
        .with("repairs/R-3.toml", repair("实验楼101", "2012-06-20", None))
        .with("inspections/I-1.toml", inspection)
}

/// Builds the site of `records` into `out` on 2012-06-30, in English; what it said.
fn build(records: &Records, out: &Path) -> String {
    records.build(out, "2012-06-30", "en")
}

/// The page of a location in a built site (pages are named by a hash of the name).
fn location_page(site: &Path, name: &str) -> String {
    let title = format!("<h1 class=\"page-title\">{name}</h1>");
    files_under(&site.join("locations"))
        .into_iter()
        .map(|rel| std::fs::read_to_string(site.join("locations").join(rel)).unwrap())
        .find(|html| html.contains(&title))
        .unwrap_or_else(|| panic!("no page of {name}"))
}

/// The rows of the first table after the heading `title`, each cell's text
/// (without tags) joined by `|`.
fn rows_after(html: &str, title: &str) -> Vec<String> {
    let at = html
        .find(&format!("<h2>{title}</h2>"))
        .unwrap_or_else(|| panic!("no section {title}"));
    let table = &html[at..];
    let body = &table[table.find("<tbody>").unwrap()..table.find("</tbody>").unwrap()];
    body.split("<tr>")
        .skip(1)
        .map(|row| {
            row.split("<td")
                .skip(1)
                .map(|cell| {
                    let inner = &cell[cell.find('>').unwrap() + 1..cell.find("</td>").unwrap()];
                    let mut text = String::new();
                    let mut tag = false;
                    for c in inner.chars() {
                        match c {
                            '<' => tag = true,
                            '>' => tag = false,
                            c if !tag => text.push(c),
                            _ => {}
                        }
                    }
                    text
                })
                .collect::<Vec<_>>()
                .join("|")
        })
        .collect()
}

#[test]
fn a_location_typo_is_an_error_naming_the_room_it_means() {
    let records = Records::new()
        .with("locations.toml", REGISTER)
        .with("repairs/R-1.toml", repair("实验楼11", "2011-09-05", None))
        .with(
            "repairs/R-2.toml",
            repair("实验楼１０２", "2011-09-06", None),
        )
        .with("repairs/R-3.toml", repair("操场", "2011-09-07", None))
        .with("assets/A-1.toml", asset("实验楼101", 2, 1000, None))
        .with(
            "inspections/I-1.toml",
            "title = \"资产清查\"\ntype = \"asset-audit\"\ndate = 2011-09-08\ninspector = \"总务处\"\n\n[[audit]]\nasset = \"A-1\"\nfound = true\nfound_at = \"实验楼1O2\"\n",
        );
    let (diags, code) = records.check();
    assert_eq!(code, 1);
    let diag = |file: &str, column, name: &str, hint: &str| Diag {
        file: file.to_owned(),
        line: Some(2),
        column: Some(column),
        severity: "error".to_owned(),
        code: "E115".to_owned(),
        message: format!(
            "`location` names \"{name}\", which is neither a room nor a building of locations.toml"
        ),
        hint: Some(hint.to_owned()),
    };
    let found_at = Diag {
        file: "inspections/I-1.toml".to_owned(),
        line: Some(9),
        message: "`audit[1].found_at` names \"实验楼1O2\", which is neither a room nor a building of locations.toml".to_owned(),
        ..diag(
            "",
            12,
            "",
            "did you mean \"实验楼102\"? If it is a new room, add a [[room]] for it to locations.toml",
        )
    };
    assert_eq!(
        diags,
        vec![
            found_at,
            diag(
                "repairs/R-1.toml",
                12,
                "实验楼11",
                "did you mean \"实验楼101\"? If it is a new room, add a [[room]] for it to locations.toml"
            ),
            diag(
                "repairs/R-2.toml",
                12,
                "实验楼１０２",
                "did you mean \"实验楼102\"? If it is a new room, add a [[room]] for it to locations.toml"
            ),
            diag(
                "repairs/R-3.toml",
                12,
                "操场",
                "check how the place is written; if it is a new room, add a [[room]] with name = \"操场\" to locations.toml"
            ),
        ]
    );
}

/// A diagnostic as `(code, line, column, hint)`.
type Found<'d> = (&'d str, Option<u64>, Option<u64>, Option<&'d str>);

#[test]
fn the_register_reports_its_own_mistakes() {
    let register = format!(
        "{REGISTER}\n[[room]]\nname = \"实验楼201\"\nbuilding = \"实验搂\"\n\n[[room]]\nname = \"实验楼101\"\nbuilding = \"实验楼\"\n\n[[room]]\nname = \"全校\"\nbuilding = \"实验楼\"\nkepper = \"总务处\"\n"
    );
    let (diags, code) = Records::new().with("locations.toml", &register).check();
    assert_eq!(code, 1);
    let found: Vec<Found> = diags
        .iter()
        .map(|d| (d.code.as_str(), d.line, d.column, d.hint.as_deref()))
        .collect();
    assert_eq!(
        found,
        vec![
            (
                "E113",
                Some(22),
                Some(12),
                Some(
                    "did you mean \"实验楼\"? If it is another building, add a [[building]] for it"
                )
            ),
            (
                "E112",
                Some(25),
                Some(8),
                Some("remove the repeated entry, or give one of them another name")
            ),
            (
                "E114",
                Some(29),
                Some(8),
                Some(
                    "records name the building as \"全校\" without a room for it; give a room its full name, like \"全校101\""
                )
            ),
            ("E011", Some(31), Some(1), Some("did you mean `keeper`?")),
        ]
    );
    assert!(
        diags.iter().all(|d| d.file == "locations.toml"),
        "{diags:?}"
    );
}

#[test]
fn without_a_register_locations_are_free_text() {
    let records = Records::new().with("repairs/R-1.toml", repair("实验楼11", "2011-09-05", None));
    let (diags, code) = records.check();
    assert_eq!((diags, code), (Vec::new(), 0));
    let site = tempfile::tempdir().unwrap();
    build(&records, site.path());
    let page = location_page(site.path(), "实验楼11");
    assert!(
        !page.contains("<h2>Rooms</h2>") && !page.contains("Keeper"),
        "{page}"
    );
    let index = std::fs::read_to_string(site.path().join("locations/index.html")).unwrap();
    assert!(!index.contains("Building"), "{index}");
}

#[test]
fn a_building_page_lists_its_rooms_with_what_each_holds() {
    let records = lab();
    assert_eq!(records.check(), (Vec::new(), 0));
    let site = tempfile::tempdir().unwrap();
    build(&records, site.path());
    let building = location_page(site.path(), "实验楼");
    assert!(
        building.contains("<p class=\"intro\">Keeper 李老师</p>"),
        "{building}"
    );
    // On 2012-06-30: 101 holds A-1 (2 × 1,000; A-2 was disposed), R-3 open and one of
    // I-1's two findings open; 102 holds R-1 open (R-2 was fixed); the building itself
    // holds A-3 (3 × 100).
    assert_eq!(
        rows_after(&building, "Rooms"),
        vec![
            "The building itself|—|李老师|1|300.00|0|0",
            "实验楼101|化学实验室|化学组|1|2,000.00|1|1",
            "实验楼102|物理实验室|—|0|0.00|1|0",
            "Total|||2|2,300.00|2|1",
        ]
    );
    // The rooms link to their pages, and the building lists its rooms' records.
    let room = location_page(site.path(), "实验楼101");
    assert!(
        room.contains("<p class=\"intro\">Building 实验楼 · Use 化学实验室 · Keeper 化学组</p>"),
        "{room}"
    );
    assert!(room.contains(">实验楼 →</a>"), "{room}");
    for id in ["A-1", "A-3", "R-1", "R-2", "R-3", "I-1"] {
        assert!(
            building.contains(&format!(">{id}</a>")),
            "{id} on the building's page"
        );
    }
    // The keeper beside a record's location.
    let record = std::fs::read_to_string(site.path().join("repairs/R-3.html")).unwrap();
    assert!(
        record.contains(">实验楼101</a> <span class=\"muted\">· Keeper 化学组</span>"),
        "{record}"
    );
    // The index: each building, then its rooms.
    let index = std::fs::read_to_string(site.path().join("locations/index.html")).unwrap();
    let rows: Vec<String> = rows_after(&index.replace("<section", "<h2>all</h2><section"), "all");
    assert_eq!(
        rows,
        vec![
            "实验楼|—|李老师|1|0|0|0|0|0",
            "实验楼|实验楼101|化学组|2|1|1|0|0|0",
            "实验楼|实验楼102|—|0|2|0|0|0|0",
            "全校|—|—|0|0|0|0|0|0",
        ]
    );
}

#[test]
fn a_record_saved_in_a_room_updates_its_building_as_a_whole_build_does() {
    let records = lab();
    let work = tempfile::tempdir().unwrap();
    let site = work.path().join("site");
    build(&records, &site);
    // R-3 in 实验楼101 is fixed: the building's open repairs go from 2 to 1.
    records.write(
        "repairs/R-3.toml",
        repair("实验楼101", "2012-06-20", Some("2012-06-21")),
    );
    let said = build(&records, &site);
    assert!(
        said.lines().any(|l| l.starts_with("updated")),
        "updated in place: {said}"
    );
    let whole = work.path().join("whole");
    let said = build(&records, &whole);
    assert!(said.lines().any(|l| l.starts_with("built")), "{said}");
    assert_eq!(files_under(&site), files_under(&whole));
    for rel in files_under(&whole) {
        let (a, b) = (
            std::fs::read(site.join(&rel)).unwrap(),
            std::fs::read(whole.join(&rel)).unwrap(),
        );
        assert!(a == b, "{rel} differs from the whole build's");
    }
    let building = location_page(&site, "实验楼");
    assert_eq!(
        rows_after(&building, "Rooms").last().unwrap(),
        "Total|||2|2,300.00|1|1"
    );
}

#[test]
fn a_changed_register_rebuilds_the_site() {
    let records = lab();
    let site = tempfile::tempdir().unwrap();
    build(&records, site.path());
    records.write("locations.toml", REGISTER.replace("李老师", "王老师"));
    let said = build(&records, site.path());
    assert!(
        said.lines().any(|l| l.starts_with("built")),
        "a whole build: {said}"
    );
    assert!(location_page(site.path(), "实验楼").contains("Keeper 王老师"));
}

#[test]
fn init_writes_a_register_its_examples_check_clean_against() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("records");
    common::assert_success(&common::zongwu(&[
        std::ffi::OsStr::new("init"),
        folder.as_os_str(),
    ]));
    let register = std::fs::read_to_string(folder.join("locations.toml")).unwrap();
    assert!(
        register.contains("[[room]]") && register.contains("# "),
        "{register}"
    );
    let out = common::zongwu(&["check", "--format", "json", folder.to_str().unwrap()]);
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "[]");
    assert_eq!(out.status.code(), Some(0));
}

/// The register as a user wrote it, with comments to keep.
fn commented() -> String {
    REGISTER.replace(
        "keeper = \"化学组\"",
        "keeper = \"化学组\"   # 化学老师轮值",
    )
}

/// The register after importing a sheet that changes 实验楼101's keeper, adds a room
/// in 图书馆 (a building not listed yet) and repeats 实验楼102 as it is.
fn merged() -> String {
    let updated = REGISTER.replace(
        "keeper = \"化学组\"",
        "keeper = \"王老师\"   # 化学老师轮值",
    );
    let with_building = updated.replace(
        "[[building]]\nname = \"全校\"\n",
        "[[building]]\nname = \"全校\"\n\n[[building]]\nname = \"图书馆\"\n",
    );
    format!(
        "{with_building}\n[[room]]\nname = \"图书馆201\"\nbuilding = \"图书馆\"\nuse = \"阅览室\"\n"
    )
}

/// Imports `sheet` as rooms into `records`: the exit code and what was said.
fn import_rooms(records: &Records, sheet: &Path) -> (i32, String) {
    let out = records.run(&["import", "rooms", sheet.to_str().unwrap(), "--lang", "en"]);
    let said = String::from_utf8_lossy(&out.stderr).into_owned();
    (out.status.code().unwrap_or(-1), said)
}

#[test]
fn rooms_from_a_csv_sheet_merge_into_the_register_keeping_its_comments() {
    let records = Records::new().with("locations.toml", commented());
    let dir = tempfile::tempdir().unwrap();
    let sheet = dir.path().join("rooms.csv");
    std::fs::write(
        &sheet,
        "\u{feff}名称,楼宇,负责人,用途\n实验楼101,实验楼,王老师,\n实验楼102,实验楼,,物理实验室\n图书馆201,图书馆,,阅览室\n",
    )
    .unwrap();
    let (code, said) = import_rooms(&records, &sheet);
    assert_eq!(
        (code, said.as_str()),
        (
            0,
            "rooms added 1, updated 1, unchanged 1; buildings added 1.\n"
        )
    );
    let text = std::fs::read_to_string(records.path().join("locations.toml")).unwrap();
    assert_eq!(text, merged());
    assert_eq!(records.check(), (Vec::new(), 0));
}

#[test]
fn rooms_from_an_excel_sheet_merge_into_the_register_keeping_its_comments() {
    let records = Records::new().with("locations.toml", commented());
    let dir = tempfile::tempdir().unwrap();
    let sheet = dir.path().join("rooms.xlsx");
    let mut book = rust_xlsxwriter::Workbook::new();
    let page = book.add_worksheet();
    let rows = [
        ["name", "building", "keeper", "use"],
        ["实验楼101", "实验楼", "王老师", ""],
        ["实验楼102", "实验楼", "", "物理实验室"],
        ["图书馆201", "图书馆", "", "阅览室"],
    ];
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            if !cell.is_empty() {
                page.write_string(r as u32, c as u16, *cell).unwrap();
            }
        }
    }
    book.save(&sheet).unwrap();
    let (code, said) = import_rooms(&records, &sheet);
    assert_eq!(
        (code, said.as_str()),
        (
            0,
            "rooms added 1, updated 1, unchanged 1; buildings added 1.\n"
        )
    );
    let text = std::fs::read_to_string(records.path().join("locations.toml")).unwrap();
    assert_eq!(text, merged());
}

#[test]
fn a_sheet_of_rooms_with_mistakes_changes_nothing_and_says_where() {
    let records = Records::new().with("locations.toml", commented());
    let dir = tempfile::tempdir().unwrap();
    let sheet = dir.path().join("rooms.csv");
    std::fs::write(
        &sheet,
        "名称,楼宇,负责人\n实验楼,实验楼,王老师\n实验楼301,,\n实验楼301,实验楼,\n",
    )
    .unwrap();
    let (code, said) = import_rooms(&records, &sheet);
    assert_eq!(
        (code, said.as_str()),
        (
            1,
            "row 2, column \"名称\": \"实验楼\" is a building's name; give the room its full name, like \"实验楼101\"\nrow 3, column \"楼宇\": required\nrow 4, column \"名称\": the room \"实验楼301\" is already on row 3\n3 errors; no record was written.\n"
        )
    );
    std::fs::write(&sheet, "名称,楼层,负责人\n实验楼301,实验楼,王老师\n").unwrap();
    let (code, said) = import_rooms(&records, &sheet);
    assert_eq!(code, 1);
    assert!(
        said.starts_with("row 1, column \"楼层\": unknown column; did you mean 楼宇?"),
        "{said}"
    );
    let text = std::fs::read_to_string(records.path().join("locations.toml")).unwrap();
    assert_eq!(text, commented());
}

#[test]
fn rooms_exported_and_imported_again_change_nothing() {
    let records = Records::new().with("locations.toml", commented());
    let dir = tempfile::tempdir().unwrap();
    for format in ["csv", "xlsx"] {
        let sheet = dir.path().join(format!("rooms.{format}"));
        let out = records.run(&[
            "export",
            "rooms",
            "--format",
            format,
            "--out",
            sheet.to_str().unwrap(),
        ]);
        common::assert_success(&out);
        let (code, said) = import_rooms(&records, &sheet);
        assert_eq!(
            (code, said.as_str()),
            (
                0,
                "rooms added 0, updated 0, unchanged 2; buildings added 0.\n"
            )
        );
        let text = std::fs::read_to_string(records.path().join("locations.toml")).unwrap();
        assert_eq!(text, commented(), "{format}");
    }
}

#[test]
fn rooms_imported_without_a_register_start_one() {
    let records = Records::new().with("repairs/R-1.toml", repair("实验楼101", "2011-09-05", None));
    let dir = tempfile::tempdir().unwrap();
    let sheet = dir.path().join("rooms.csv");
    std::fs::write(&sheet, "name,building\n实验楼101,实验楼\n").unwrap();
    let (code, said) = import_rooms(&records, &sheet);
    assert_eq!(
        (code, said.as_str()),
        (
            0,
            "rooms added 1, updated 0, unchanged 0; buildings added 1.\n"
        )
    );
    let text = std::fs::read_to_string(records.path().join("locations.toml")).unwrap();
    assert!(text.starts_with("# "), "{text}");
    assert!(text.ends_with("[[building]]\nname = \"实验楼\"\n\n[[room]]\nname = \"实验楼101\"\nbuilding = \"实验楼\"\n"), "{text}");
    assert_eq!(records.check(), (Vec::new(), 0));
}

#[test]
fn labels_of_a_building_take_in_the_cards_of_its_rooms() {
    let records = lab();
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("labels.html");
    let out = records.run(&[
        "labels",
        "--location",
        "实验楼",
        "--today",
        "2012-06-30",
        "--lang",
        "en",
        "--out",
        page.to_str().unwrap(),
    ]);
    common::assert_success(&out);
    let html = std::fs::read_to_string(&page).unwrap();
    // A-1 in 实验楼101 and A-3 at the building itself; A-2 was disposed.
    let ids: Vec<&str> = ["A-1", "A-2", "A-3"]
        .into_iter()
        .filter(|id| html.contains(&format!(">{id}<")))
        .collect();
    assert_eq!(ids, ["A-1", "A-3"], "{html}");
}
