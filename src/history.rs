//! The records' history from git: one `git log` for the whole directory (never one
//! process per file), read into the changes of each file and the latest changes.
//! Outside a git repository there is no history, and the site is built without it.
//! Like the records, the history is taken on the day in question: a commit dated after
//! it has not happened yet.

use chrono::NaiveDate;
use std::collections::HashMap;
use std::path::Path;
use std::process::Command;

/// One commit, as a record page shows it.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Change {
    /// Short commit hash.
    pub commit: String,
    /// Author date, `YYYY-MM-DD`.
    pub date: String,
    /// Author name.
    pub author: String,
    /// The commit's subject line.
    pub subject: String,
}

/// The history of a records directory.
#[derive(Clone, Debug, Default)]
pub struct History {
    /// The changes of each file (path relative to the records directory), newest first.
    pub by_file: HashMap<String, Vec<Change>>,
    /// The newest commits that touched record files, with those files.
    pub latest: Vec<(Change, Vec<String>)>,
}

/// How many commits the home page lists.
const LATEST: usize = 10;

/// Reads the history of the records directory `root` up to `day` (commits by their
/// author date); `None` outside a git repository or where git is not installed.
pub fn read(root: &Path, day: NaiveDate) -> Option<History> {
    let output = Command::new("git")
        .arg("-C")
        .arg(root)
        .args([
            "-c",
            "core.quotepath=false",
            "log",
            "--relative",
            "--no-renames",
            "--date=short",
        ])
        .args([
            "--format=%x1e%h%x1f%ad%x1f%an%x1f%s",
            "--name-only",
            "--",
            ".",
        ])
        .output()
        .ok()?;
    output
        .status
        .success()
        .then(|| parse(&String::from_utf8_lossy(&output.stdout), day))
}

/// Whether a path (relative to the records directory) is a record file.
fn is_record(path: &str) -> bool {
    let folder = path.split('/').next().unwrap_or_default();
    crate::model::Kind::from_folder(folder).is_some() && path.ends_with(".toml")
}

/// Parses the output of the `git log` above, leaving out commits dated after `day`.
fn parse(log: &str, day: NaiveDate) -> History {
    let mut history = History::default();
    let day = day.to_string();
    for entry in log.split('\u{1e}').filter(|e| !e.trim().is_empty()) {
        let mut lines = entry.lines();
        let mut fields = lines.next().unwrap_or_default().split('\u{1f}');
        let mut field = || fields.next().unwrap_or_default().to_owned();
        let change = Change {
            commit: field(),
            date: field(),
            author: field(),
            subject: field(),
        };
        if change.date > day {
            continue;
        }
        let files: Vec<String> = lines.filter(|l| !l.is_empty()).map(str::to_owned).collect();
        for file in &files {
            history
                .by_file
                .entry(file.clone())
                .or_default()
                .push(change.clone());
        }
        let records: Vec<String> = files.into_iter().filter(|f| is_record(f)).collect();
        if history.latest.len() < LATEST && !records.is_empty() {
            history.latest.push((change, records));
        }
    }
    history
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_commits_and_their_files() {
        let log = "\u{1e}c3\u{1f}2012-03-03\u{1f}王老师\u{1f}编辑器设置\n\n.gitignore\nschemas/asset.schema.json\n\u{1e}b2\u{1f}2012-03-02\u{1f}王老师\u{1f}修好灯管\n\nrepairs/R-1.toml\nREADME.md\n\u{1e}a1\u{1f}2012-03-01\u{1f}李老师\u{1f}报修\n\nrepairs/R-1.toml\nassets/A-1.toml\n";
        let day = |d: &str| d.parse::<NaiveDate>().unwrap();
        let h = parse(log, day("2012-03-03"));
        assert_eq!(h.by_file["repairs/R-1.toml"].len(), 2);
        assert_eq!(h.by_file["repairs/R-1.toml"][0].subject, "修好灯管");
        assert_eq!(h.by_file["assets/A-1.toml"][0].author, "李老师");
        // The latest commits are those that touched records, with only their records.
        assert_eq!(h.latest.len(), 2);
        assert_eq!(h.latest[0].1, vec!["repairs/R-1.toml"]);
        assert_eq!(h.latest[1].1, vec!["repairs/R-1.toml", "assets/A-1.toml"]);
        // A commit dated after the day in question has not happened on it.
        let h = parse(log, day("2012-03-01"));
        assert_eq!(h.by_file["repairs/R-1.toml"].len(), 1);
        assert_eq!(h.latest.len(), 1);
        assert_eq!(h.latest[0].0.subject, "报修");
    }
}
