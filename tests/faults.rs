//! Faults while building: an output that cannot be written, a full disk, records that
//! change during the build. The previous site is never lost or mixed.

mod common;

use common::{Records, files_under};
use std::path::{Path, PathBuf};
use std::process::Command;

const ASSET: &str = "name = \"书架\"\ncategory = \"家具\"\nlocation = \"图书馆\"\nunit_price = 650\nacquired = 2011-09-01\n";

/// A small tmpfs, unmounted when dropped; `None` (with the reason printed) where this
/// machine does not let the tests mount one.
struct Mount(PathBuf);

impl Mount {
    fn tmpfs(dir: &Path, options: &str) -> Option<Mount> {
        std::fs::create_dir_all(dir).unwrap();
        let out = Command::new("mount")
            .args(["-t", "tmpfs", "-o", options, "tmpfs"])
            .arg(dir)
            .output();
        match out {
            Ok(out) if out.status.success() => Some(Mount(dir.to_path_buf())),
            other => {
                eprintln!("skipped: cannot mount a tmpfs here ({other:?})");
                None
            }
        }
    }
}

impl Drop for Mount {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg("-l").arg(&self.0).status();
    }
}

/// `zongwu build RECORDS --out OUT --lang en`.
fn build(records: &Records, out: &Path) -> std::process::Output {
    records.run(&["build", "--lang", "en", "--out", out.to_str().unwrap()])
}

/// Every file of a site with its bytes.
fn snapshot(site: &Path) -> Vec<(String, Vec<u8>)> {
    files_under(site)
        .into_iter()
        .map(|f| (f.clone(), std::fs::read(site.join(&f)).unwrap()))
        .collect()
}

#[test]
fn an_output_that_cannot_be_made_is_a_clear_error() {
    let records = Records::new().with("assets/A-1.toml", ASSET);
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("file"), "not a folder").unwrap();
    let out = build(&records, &dir.path().join("file/site"));
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.starts_with("error: ") && stderr.contains("file/site"),
        "{stderr}"
    );
    assert!(stderr.contains("The previous site was left as it was."));

    let Some(_ro) = Mount::tmpfs(&dir.path().join("ro"), "ro,size=1m") else {
        return;
    };
    let out = build(&records, &dir.path().join("ro/site"));
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("Read-only file system"), "{stderr}");
}

#[test]
fn a_full_disk_fails_the_build_and_keeps_the_previous_site() {
    let records = Records::new().with("assets/A-1.toml", ASSET);
    let dir = tempfile::tempdir().unwrap();
    let Some(_disk) = Mount::tmpfs(&dir.path().join("disk"), "size=1500k") else {
        return;
    };
    let site = dir.path().join("disk/site");
    let first = build(&records, &site);
    assert!(first.status.success(), "{first:?}");
    let before = snapshot(&site);

    // Far more than the disk holds: long notes on many records.
    let notes = format!("notes = \"{}\"\n", "很长的说明。".repeat(2_000));
    for i in 2..120 {
        records.write(&format!("assets/A-{i}.toml"), format!("{ASSET}{notes}"));
    }
    let full = build(&records, &site);
    assert_eq!(full.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&full.stderr);
    assert!(stderr.contains("No space left on device"), "{stderr}");
    assert!(stderr.contains("The previous site was left as it was."));
    assert!(snapshot(&site) == before, "the previous site is intact");
    let mut left: Vec<String> = std::fs::read_dir(dir.path().join("disk"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    left.sort();
    // The cache of parsed records stays: each record in it is taken only while its file
    // is as it was when read.
    assert_eq!(
        left,
        [".site.zongwu-cache", "site"],
        "no staging folder and no stale manifest"
    );
}

#[test]
fn a_record_saved_during_builds_never_mixes_two_versions_in_one_site() {
    let records = Records::empty();
    common::generate(records.path(), 3000);
    let id = "R-TEST";
    let version = |v: &str| {
        format!(
            "title = \"版本{v}\"\nlocation = \"1号楼\"\nreported = 2012-03-01\nreporter = \"王老师\"\n"
        )
    };
    let path = records.path().join(format!("repairs/{id}.toml"));
    std::fs::write(&path, version("甲")).unwrap();
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    // An editor saving the record again and again (write a copy, rename it over).
    let saver = {
        let (stop, path) = (stop.clone(), path.clone());
        let texts = [version("甲"), version("乙")];
        std::thread::spawn(move || {
            // Beside the records folder, so the build never sees the copy.
            let temp = path.parent().unwrap().with_file_name("R-TEST.saving");
            let mut saves = 0usize;
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                std::fs::write(&temp, &texts[saves % 2]).unwrap();
                std::fs::rename(&temp, &path).unwrap();
                saves += 1;
            }
            saves
        })
    };
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("site");
    for _ in 0..3 {
        let built = build(&records, &site);
        assert!(built.status.success(), "{built:?}");
        let page = std::fs::read_to_string(site.join(format!("repairs/{id}.html"))).unwrap();
        // The index of repairs, in all its parts (index.html, index-2.html …).
        let index: String = std::fs::read_dir(site.join("repairs"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| {
                p.file_name()
                    .unwrap()
                    .to_string_lossy()
                    .starts_with("index")
            })
            .map(|p| std::fs::read_to_string(p).unwrap())
            .collect();
        let shown: Vec<&str> = ["版本甲", "版本乙"]
            .into_iter()
            .filter(|v| page.contains(v))
            .collect();
        assert_eq!(shown.len(), 1, "one version on the record's page");
        assert!(index.contains(shown[0]), "the index shows the same version");
        let other = if shown[0] == "版本甲" {
            "版本乙"
        } else {
            "版本甲"
        };
        assert!(!index.contains(other), "and not the other");
    }
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    assert!(
        saver.join().unwrap() > 10,
        "the record was saved during the builds"
    );
    // Saved while the last build ran: the next build writes it (in place), never "up to
    // date" with a site made from another version.
    std::fs::write(&path, version("丙")).unwrap();
    let built = build(&records, &site);
    let said = String::from_utf8_lossy(&built.stderr);
    assert!(
        said.lines()
            .any(|l| l.starts_with("built") || l.starts_with("updated")),
        "{said}"
    );
    let page = std::fs::read_to_string(site.join(format!("repairs/{id}.html"))).unwrap();
    assert!(page.contains("版本丙"));
}
