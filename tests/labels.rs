//! `zongwu labels`: A4 sheets of asset labels, printed with Chromium, read back as a
//! phone would read them (every QR code decoded with zbarimg) and as text (pdftotext).

mod common;

use common::Records;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The day in question of every test: the example's second semester, when 27 of its 28
/// cards are on the books (one was disposed in 2011).
const DAY: &str = "2012-06-30";
/// The address of the published site in the tests that have one.
const BASE: &str = "http://zongwu.school.test/office/";

/// Label stock as its maker gives it, in millimetres: labels across and down, a label's
/// width and height, the margins above and at the left, and the gap between columns.
struct Stock {
    across: usize,
    down: usize,
    width: f64,
    height: f64,
    top: f64,
    left: f64,
    gap: f64,
}

/// A4 24-up, 70 × 37 mm, edge to edge.
const THREE_BY_EIGHT: Stock = Stock {
    across: 3,
    down: 8,
    width: 70.0,
    height: 37.0,
    top: 0.5,
    left: 0.0,
    gap: 0.0,
};

/// A4 14-up, 99.1 × 38.1 mm (Avery L7163).
const TWO_BY_SEVEN: Stock = Stock {
    across: 2,
    down: 7,
    width: 99.1,
    height: 38.1,
    top: 15.15,
    left: 4.65,
    gap: 2.5,
};

impl Stock {
    fn per_sheet(&self) -> usize {
        self.across * self.down
    }

    /// Label `n` (from 0) of a sheet: left, top, width and height in millimetres.
    fn label(&self, n: usize) -> (f64, f64, f64, f64) {
        let (row, column) = (n / self.across, n % self.across);
        let left = self.left + column as f64 * (self.width + self.gap);
        let top = self.top + row as f64 * self.height;
        (left, top, self.width, self.height)
    }
}

/// The example records, copied, with `site.base_url` set to `base` (empty: none).
fn example(base: &str) -> Records {
    let r = Records::empty();
    let example = common::example_records();
    for file in common::files_under(&example) {
        let bytes = std::fs::read(example.join(&file)).unwrap();
        r.write(&file, bytes);
    }
    let config = std::fs::read_to_string(r.path().join("zongwu.toml")).unwrap();
    assert!(
        config.contains("\nbase_url = \"\""),
        "the example has no address"
    );
    r.write(
        "zongwu.toml",
        config.replace("\nbase_url = \"\"", &format!("\nbase_url = \"{base}\"")),
    );
    r
}

/// An asset card as its file says.
#[derive(Clone, Debug)]
struct Card {
    id: String,
    /// The file, from the records folder: `assets/2011/A-2011-0001.toml`.
    file: String,
    name: String,
    location: String,
    acquired: String,
    disposed: Option<String>,
}

/// Every asset card of a records folder.
fn cards(dir: &Path) -> Vec<Card> {
    common::files_under(dir)
        .into_iter()
        .filter(|f| f.starts_with("assets/") && f.ends_with(".toml"))
        .map(|file| {
            let text = std::fs::read_to_string(dir.join(&file)).unwrap();
            let t: toml::Table = text.parse().unwrap();
            let text_of = |key: &str| t.get(key).map(|v| v.as_str().unwrap().to_owned());
            let date_of = |key: &str| t.get(key).map(|v| v.as_datetime().unwrap().to_string());
            Card {
                id: file.rsplit('/').next().unwrap().replace(".toml", ""),
                name: text_of("name").unwrap(),
                location: text_of("location").unwrap(),
                acquired: date_of("acquired").unwrap(),
                disposed: date_of("disposed"),
                file,
            }
        })
        .collect()
}

/// The cards on the books on `day` (acquired by then, not disposed by then), in the
/// labels' order: by location, then id.
fn on_books(dir: &Path, day: &str) -> Vec<Card> {
    let mut cards: Vec<Card> = cards(dir)
        .into_iter()
        .filter(|c| {
            c.acquired.as_str() <= day && c.disposed.as_ref().is_none_or(|d| d.as_str() > day)
        })
        .collect();
    cards.sort_by(|a, b| (&a.location, &a.id).cmp(&(&b.location, &b.id)));
    cards
}

/// Runs `zongwu labels FOLDER ARGS… --today DAY --lang en`.
fn labels(r: &Records, args: &[&str]) -> std::process::Output {
    let mut all = vec!["labels", r.path().to_str().unwrap()];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--today", DAY, "--lang", "en"]);
    common::zongwu(&all)
}

/// Prints the labels of a folder to `labels.pdf` in it.
fn print(r: &Records, args: &[&str]) -> PathBuf {
    let pdf = r.path().join("labels.pdf");
    let mut all = args.to_vec();
    all.extend_from_slice(&["--out", pdf.to_str().unwrap()]);
    common::assert_success(&labels(r, &all));
    pdf
}

/// A tool's standard output.
fn run(tool: &str, args: &[&str]) -> String {
    let out = Command::new(tool).args(args).output().unwrap();
    String::from_utf8(out.stdout).unwrap()
}

/// The PDF's page count.
fn pages(pdf: &Path) -> usize {
    let info = run("pdfinfo", &[pdf.to_str().unwrap()]);
    assert!(info.contains("(A4)"), "{info}");
    let pages = info.lines().find_map(|l| l.strip_prefix("Pages:")).unwrap();
    pages.trim().parse().unwrap()
}

/// What the QR code of each of the first `n` labels holds, in the order of the sheets:
/// each label is rasterised alone at 300 dpi (`pdftoppm -x -y -W -H`) and decoded with
/// zbarimg, which reads one code in a picture reliably but misses some of a sheet
/// of 24 (their finder patterns line up across labels).
fn decoded(pdf: &Path, stock: &Stock, n: usize) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    let px = |mm: f64| ((mm / 25.4 * 300.0).round() as i64).to_string();
    (0..n)
        .map(|i| {
            let (left, top, width, height) = stock.label(i % stock.per_sheet());
            let page = (i / stock.per_sheet() + 1).to_string();
            let prefix = dir.path().join(format!("label-{i}"));
            run(
                "pdftoppm",
                &[
                    "-r",
                    "300",
                    "-png",
                    "-singlefile",
                    "-f",
                    &page,
                    "-l",
                    &page,
                    "-x",
                    &px(left),
                    "-y",
                    &px(top),
                    "-W",
                    &px(width),
                    "-H",
                    &px(height),
                    pdf.to_str().unwrap(),
                    prefix.to_str().unwrap(),
                ],
            );
            let png = prefix.with_extension("png");
            let code = run(
                "zbarimg",
                &["--raw", "-q", "--nodbus", png.to_str().unwrap()],
            );
            assert_eq!(
                code.lines().count(),
                1,
                "label {i}: one code, read: {code:?}"
            );
            code.trim_end().to_owned()
        })
        .collect()
}

/// Whether the tests that print can run here (in CI they must).
fn printable() -> bool {
    common::chromium().is_some() && common::tools(&["pdftoppm", "pdftotext", "pdfinfo", "zbarimg"])
}

#[test]
fn every_label_holds_the_address_of_its_cards_page_on_the_site() {
    if !printable() {
        return;
    }
    let r = example(BASE);
    let books = on_books(r.path(), DAY);
    assert_eq!(books.len(), 27);
    let pdf = print(&r, &[]);
    assert_eq!(
        pages(&pdf),
        books.len().div_ceil(THREE_BY_EIGHT.per_sheet())
    );
    let urls = decoded(&pdf, &THREE_BY_EIGHT, books.len());
    let expected: Vec<String> = books
        .iter()
        .map(|c| format!("{BASE}{}", c.file.replace(".toml", ".html")))
        .collect();
    assert_eq!(
        urls, expected,
        "one label a card on the books, by location then id"
    );
    // Each address is the card's page in the site the records build.
    let site = r.path().join("site");
    let built = r.run(&[
        "build",
        "--no-search",
        "--today",
        DAY,
        "--out",
        site.to_str().unwrap(),
    ]);
    common::assert_success(&built);
    for url in &urls {
        let page = url.strip_prefix(BASE).unwrap();
        let html = std::fs::read_to_string(site.join(page)).unwrap_or_default();
        let id = page.rsplit('/').next().unwrap().trim_end_matches(".html");
        assert!(html.contains(id), "{url} is the page of {id}");
    }
    // The text of the labels: every name and id, the school, the captions.
    let text = run("pdftotext", &[pdf.to_str().unwrap(), "-"]);
    for card in &books {
        assert!(text.contains(&card.id), "{} printed", card.id);
        assert!(text.contains(&card.name), "{} printed", card.name);
        assert!(text.contains(&card.location), "{} printed", card.location);
    }
    assert_eq!(
        text.matches("泰州实验中学").count(),
        27,
        "the school on every label"
    );
    assert_eq!(text.matches("Acquired 20").count(), 27, "{text}");
    let disposed = cards(r.path())
        .into_iter()
        .find(|c| c.disposed.is_some())
        .unwrap();
    assert!(
        !text.contains(&disposed.id),
        "a disposed card gets no label"
    );
}

#[test]
fn without_an_address_a_label_holds_its_cards_id() {
    if !printable() {
        return;
    }
    let r = example("");
    let books = on_books(r.path(), DAY);
    let pdf = print(&r, &["--layout", "2x7"]);
    assert_eq!(pages(&pdf), books.len().div_ceil(TWO_BY_SEVEN.per_sheet()));
    let ids: Vec<String> = books.iter().map(|c| c.id.clone()).collect();
    assert_eq!(decoded(&pdf, &TWO_BY_SEVEN, books.len()), ids);
}

#[test]
fn a_location_selects_exactly_the_cards_there() {
    if !printable() {
        return;
    }
    let r = example("");
    let there: Vec<String> = on_books(r.path(), DAY)
        .into_iter()
        .filter(|c| c.location == "食堂")
        .map(|c| c.id)
        .collect();
    assert_eq!(there.len(), 5);
    let pdf = print(&r, &["--location", "食堂"]);
    assert_eq!(pages(&pdf), 1);
    assert_eq!(decoded(&pdf, &THREE_BY_EIGHT, there.len()), there);
    // The sixth place of the sheet is blank.
    let text = run("pdftotext", &[pdf.to_str().unwrap(), "-"]);
    assert_eq!(text.matches("泰州实验中学").count(), 5);
}

#[test]
fn ids_pick_cards_and_a_misspelt_or_disposed_one_is_refused() {
    if !printable() {
        return;
    }
    let r = example("");
    let pdf = print(&r, &["--ids", "A-2011-0003", "A-2009-0001"]);
    // By location (1号教学楼 before 综合楼), then id.
    assert_eq!(
        decoded(&pdf, &THREE_BY_EIGHT, 2),
        ["A-2009-0001", "A-2011-0003"]
    );
    let refused = |args: &[&str]| {
        let out = labels(&r, args);
        (out.status.code(), String::from_utf8(out.stderr).unwrap())
    };
    let typo = "error: there is no asset card \"A-2011-003\" on 2012-06-30 (a typo, or not \
                acquired by then). Did you mean \"A-2011-0003\"?\n";
    assert_eq!(
        refused(&["--ids", "A-2011-003"]),
        (Some(2), typo.to_owned())
    );
    let disposed = "error: asset \"A-2008-0001\" was disposed on 2011-10-15: it is off the \
                    books and gets no label. Leave it out of --ids.\n";
    assert_eq!(
        refused(&["--ids", "A-2011-0003,A-2008-0001"]),
        (Some(2), disposed.to_owned())
    );
    let nowhere = "error: no asset on the books on 2012-06-30 is at \"食唐\". Did you mean \
                   \"食堂\"?\n";
    assert_eq!(
        refused(&["--location", "食唐"]),
        (Some(2), nowhere.to_owned())
    );
}

#[test]
fn the_labels_page_is_the_same_for_the_same_records_and_every_value_is_escaped() {
    let r = example(BASE);
    let card = r.path().join("assets/2011/A-2011-0003.toml");
    let text = std::fs::read_to_string(&card).unwrap();
    let name = text.lines().find(|l| l.starts_with("name = ")).unwrap();
    r.write(
        "assets/2011/A-2011-0003.toml",
        text.replace(name, "name = \"<b>摄像机</b> & \\\"罩\\\"\""),
    );
    let html = |name: &str| {
        let out = r.path().join(name);
        common::assert_success(&labels(&r, &["--out", out.to_str().unwrap()]));
        std::fs::read(out).unwrap()
    };
    let (one, two) = (html("a.html"), html("b.html"));
    assert_eq!(one, two, "byte for byte");
    let page = String::from_utf8(one).unwrap();
    assert!(page.contains("&lt;b&gt;摄像机&lt;/b&gt; &amp; &quot;罩&quot;"));
    assert!(!page.contains("<b>"));
    assert_eq!(page.matches("<svg ").count(), 27, "a QR code a label");
}

#[test]
fn invalid_records_print_no_labels() {
    let r = example("");
    r.write("assets/2011/A-2011-0099.toml", "name = \"投影仪\"\n");
    let never = r.path().join("never.html");
    let out = labels(&r, &["--out", never.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("E010"));
    assert!(!never.exists());
}

#[test]
fn long_names_stay_inside_their_labels_and_the_text_is_readable() {
    if !printable() {
        return;
    }
    let r = example("");
    let file = "assets/2011/A-2011-0010.toml";
    let text = std::fs::read_to_string(r.path().join(file)).unwrap();
    let long = text
        .lines()
        .map(|l| match l.split(" = ").next().unwrap() {
            "name" => "name = \"多功能智能交互式教学一体机（含移动支架、无线传屏器、实物展台及配套软件）\"".to_owned(),
            "location" => "location = \"艺术楼三楼东侧多功能音乐排练厅与器材储藏室\"".to_owned(),
            _ => l.to_owned(),
        })
        .collect::<Vec<_>>()
        .join("\n");
    r.write(file, long);
    // The long place is a room of the example's register, as every location must be.
    let register = std::fs::read_to_string(r.path().join("locations.toml")).unwrap();
    r.write(
        "locations.toml",
        format!("{register}\n[[room]]\nname = \"艺术楼三楼东侧多功能音乐排练厅与器材储藏室\"\nbuilding = \"艺术楼\"\n"),
    );
    for (layout, stock) in [("3x8", &THREE_BY_EIGHT), ("2x7", &TWO_BY_SEVEN)] {
        let pdf = print(&r, &["--layout", layout]);
        let bbox = run("pdftotext", &["-bbox", pdf.to_str().unwrap(), "-"]);
        let pt = |mm: f64| mm / 25.4 * 72.0;
        let mut words = 0;
        for line in bbox.lines().filter(|l| l.contains("<word ")) {
            let at = |key: &str| -> f64 {
                let from = line.find(&format!("{key}=\"")).unwrap() + key.len() + 2;
                line[from..].split('"').next().unwrap().parse().unwrap()
            };
            let word = line.split('>').nth(1).unwrap().trim_end_matches("</word");
            let (x0, x1, y0) = (at("xMin"), at("xMax"), at("yMin"));
            // The label the word starts in: it ends there too.
            let column = (0..stock.across)
                .rfind(|&c| pt(stock.label(c).0) <= x0 + 0.01)
                .unwrap();
            let (left, _, width, _) = stock.label(column);
            assert!(
                x1 <= pt(left + width) + 0.01,
                "{layout}: “{word}” crosses into the next label ({x1} > {})",
                pt(left + width)
            );
            let row = (0..stock.down)
                .rfind(|&n| pt(stock.label(n * stock.across).1) <= y0 + 0.01)
                .unwrap();
            let (_, top, _, height) = stock.label(row * stock.across);
            assert!(y0 < pt(top + height), "{layout}: “{word}” below its label");
            // A Chinese character is as wide as its font is high: at least 7 pt.
            let han = word.chars().count();
            if word.chars().all(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)) {
                let size = (x1 - x0) / han as f64;
                assert!(size >= 6.95, "{layout}: “{word}” is set at {size:.2} pt");
            }
            words += 1;
        }
        assert!(words > 27 * 6, "{layout}: {words} words");
        let plain = run("pdftotext", &[pdf.to_str().unwrap(), "-"]).replace('\n', "");
        assert!(
            plain.contains("多功能智能交互式教学一体机"),
            "{layout}: the name begins"
        );
        assert!(
            plain.contains('…'),
            "{layout}: what does not fit is cut with an ellipsis"
        );
        assert!(plain.contains("A-2011-0010"), "{layout}: the id is whole");
    }
}
