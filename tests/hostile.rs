//! Hostile and broken inputs: each gets a clear diagnostic at the right file, never a
//! panic, a hang or an output that grows without bound.

mod common;

use common::Records;
use std::os::unix::fs::{PermissionsExt, symlink};
use std::process::Command;

/// A valid asset, to keep beside the broken files.
const ASSET: &str = "name = \"书架\"\ncategory = \"家具\"\nlocation = \"图书馆\"\nunit_price = 650\nacquired = 2011-09-01\n";

/// The codes per file of a check, without lines.
fn codes(r: &Records) -> Vec<(String, String)> {
    r.codes().into_iter().map(|(c, f, _)| (c, f)).collect()
}

#[test]
fn a_50_mb_record_gets_its_errors_with_short_snippets() {
    let mut text = String::with_capacity(50_000_100);
    text.push_str("name = \"");
    text.push_str(&"书".repeat(50_000_000 / 3));
    text.push_str("\"\ncategory = 家具\n");
    let r = Records::new().with("assets/A-1.toml", &text);
    let (diags, code) = r.check();
    assert_eq!(code, 1);
    // The unquoted text, then what the rest of the file lacks.
    let found: Vec<(&str, Option<u64>)> = diags.iter().map(|d| (d.code.as_str(), d.line)).collect();
    assert_eq!(
        found,
        [
            ("E010", None),
            ("E010", None),
            ("E010", None),
            ("E009", Some(2))
        ],
        "{diags:?}"
    );
    // The human output shows the spot, not the 50 MB line.
    let human = r.run(&["check", "--lang", "en"]);
    assert!(
        human.stdout.len() + human.stderr.len() < 4_000,
        "bounded output"
    );
    // A 50 MB line with the mistake on it: the snippet is cut around the column.
    let mut long = "name = \"".to_owned();
    long.push_str(&"x".repeat(50_000_000));
    long.push_str("\" category = 1\n");
    r.write("assets/A-1.toml", &long);
    let human = r.run(&["check", "--lang", "en"]);
    let out = String::from_utf8_lossy(&human.stdout);
    assert!(
        out.contains("E001") && out.contains("assets/A-1.toml:1:"),
        "{out}"
    );
    assert!(out.len() < 4_000, "bounded output: {} bytes", out.len());
}

#[test]
fn deep_nesting_and_random_bytes_are_syntax_or_encoding_errors() {
    let deep_arrays = format!("name = {}{}\n", "[".repeat(100_000), "]".repeat(100_000));
    let deep_tables = format!("name = {}1{}\n", "{a=".repeat(10_000), "}".repeat(10_000));
    let deep_keys = format!("{} = 1\n", vec!["a"; 100_000].join("."));
    // Bytes that are never UTF-8 (0xFF), spread over random-looking noise.
    let noise: Vec<u8> = (0u32..65_536)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8 | 0x80)
        .collect();
    let r = Records::new()
        .with("assets/A-1.toml", ASSET)
        .with("assets/A-2.toml", deep_arrays)
        .with("assets/A-3.toml", deep_tables)
        .with("assets/A-4.toml", deep_keys)
        .with("assets/A-5.toml", noise);
    let found = codes(&r);
    for file in ["assets/A-2.toml", "assets/A-3.toml"] {
        assert!(
            found.contains(&("E001".to_owned(), file.to_owned())),
            "{file}: {found:?}"
        );
    }
    assert!(
        found.iter().any(|(_, f)| f == "assets/A-4.toml"),
        "{found:?}"
    );
    assert!(found.contains(&("E002".to_owned(), "assets/A-5.toml".to_owned())));
    assert!(!found.iter().any(|(_, f)| f == "assets/A-1.toml"));
}

#[test]
fn gbk_and_utf16_files_say_how_to_convert_them() {
    // "name = "书架"" in GBK and in UTF-16 with a byte order mark.
    let gbk: &[u8] = b"name = \"\xca\xe9\xbc\xdc\"\n";
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(
        "name = \"书架\"\n"
            .encode_utf16()
            .flat_map(u16::to_le_bytes),
    );
    let r = Records::new()
        .with("assets/A-1.toml", gbk)
        .with("assets/A-2.toml", utf16);
    let (diags, code) = r.check();
    assert_eq!(code, 1);
    assert_eq!(diags.len(), 2, "{diags:?}");
    assert!(diags[0].message.contains("GBK"), "{:?}", diags[0]);
    assert!(
        diags[0]
            .hint
            .as_deref()
            .unwrap_or_default()
            .contains("iconv")
    );
    assert!(diags[1].message.contains("UTF-16"), "{:?}", diags[1]);
}

#[test]
fn links_loops_pipes_and_folders_named_like_records_are_skipped_with_a_reason() {
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("secret.toml"), ASSET).unwrap();
    let r = Records::new()
        .with("assets/A-1.toml", ASSET)
        .with("assets/A-9.toml/A-2.toml", ASSET);
    let assets = r.path().join("assets");
    symlink(&assets, assets.join("loop")).unwrap();
    symlink(r.path(), assets.join("up")).unwrap();
    symlink(outside.path().join("secret.toml"), assets.join("A-3.toml")).unwrap();
    symlink("A-missing.toml", assets.join("A-4.toml")).unwrap();
    let fifo = Command::new("mkfifo")
        .arg(assets.join("A-5.toml"))
        .status()
        .unwrap();
    assert!(fifo.success());
    let (diags, code) = r.check();
    assert_eq!(code, 1, "{diags:?}");
    let found: Vec<(&str, &str)> = diags
        .iter()
        .map(|d| (d.code.as_str(), d.file.as_str()))
        .collect();
    assert_eq!(
        found,
        [
            ("E004", "assets/A-3.toml"),
            ("E004", "assets/A-4.toml"),
            ("E005", "assets/A-5.toml"),
            ("W004", "assets/A-9.toml"),
            ("W003", "assets/loop"),
            ("W003", "assets/up"),
        ]
    );
    // Errors stop a build; without them, the file inside the oddly named folder is
    // published as a record, and nothing from outside is.
    std::fs::remove_file(assets.join("A-5.toml")).unwrap();
    let built = r.run(&[
        "build",
        "--out",
        outside.path().join("site").to_str().unwrap(),
    ]);
    assert_eq!(built.status.code(), Some(1), "E004 stops a build");
    for link in ["A-3.toml", "A-4.toml"] {
        std::fs::remove_file(assets.join(link)).unwrap();
    }
    let site = outside.path().join("site");
    let built = r.run(&["build", "--out", site.to_str().unwrap()]);
    assert!(built.status.success(), "{built:?}");
    // Its page is kept as its file is, in the folder named like a record.
    assert!(site.join("assets/A-9.toml/A-2.html").exists());
    assert!(!site.join("assets/secret.html").exists());
}

#[test]
fn an_unreadable_file_is_named_with_permission_denied() {
    let r = Records::new()
        .with("assets/A-1.toml", ASSET)
        .with("assets/A-2.toml", ASSET);
    let file = r.path().join("assets/A-2.toml");
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o000)).unwrap();
    let is_root = Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| o.stdout.starts_with(b"0\n"));
    let out = if is_root {
        // Root reads every file: run as nobody, for whom the permissions hold.
        for dir in [r.path().to_path_buf(), r.path().join("assets")] {
            std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755)).unwrap();
        }
        let out = Command::new("setpriv")
            .args(["--reuid=65534", "--regid=65534", "--clear-groups"])
            .arg(env!("CARGO_BIN_EXE_zongwu"))
            .args(["check", "--format", "json", "--lang", "en"])
            .arg(r.path())
            .output();
        match out {
            // 0 or 1 is zongwu's verdict; anything else is that it could not run here.
            Ok(out) if out.status.code().is_some_and(|c| c <= 1) => out,
            other => {
                eprintln!("skipped: cannot run as another user here (setpriv: {other:?})");
                return;
            }
        }
    } else {
        r.run(&["check", "--format", "json", "--lang", "en"])
    };
    let diags: Vec<common::Diag> = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stderr)));
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(diags.len(), 1, "{diags:?}");
    assert_eq!(
        (diags[0].code.as_str(), diags[0].file.as_str()),
        ("E003", "assets/A-2.toml")
    );
    assert!(
        diags[0].message.contains("permission denied"),
        "{:?}",
        diags[0]
    );
}

#[test]
fn ten_thousand_errors_are_all_reported_sorted_and_briefly() {
    let r = Records::new();
    for i in 0..5_000 {
        // Two errors per file: a typo'd key and a missing one.
        r.write(
            &format!("assets/{:02}/A-{i}.toml", i % 50),
            format!("{ASSET}catgory = \"家具\"\n").replace("location = \"图书馆\"\n", ""),
        );
    }
    let (diags, code) = r.check();
    assert_eq!(code, 1);
    assert_eq!(diags.len(), 10_000);
    let keys: Vec<(&str, Option<u64>)> = diags.iter().map(|d| (d.file.as_str(), d.line)).collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted, "sorted by file and line");
    let human = r.run(&["check", "--lang", "en"]);
    let out = String::from_utf8(human.stdout).unwrap();
    assert!(
        out.trim_end()
            .ends_with("\n\nfound 10000 errors and 0 warnings.")
    );
    assert!(
        out.len() < 10_000 * 400,
        "about a few lines per error: {} bytes",
        out.len()
    );
}
