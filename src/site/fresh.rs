//! The fast path of `zongwu build`: a rebuild with nothing changed does nothing.
//!
//! A [`Fingerprint`] hashes everything a build reads — every file of the records
//! directory that the site is made of (by path, size and modification time, as make,
//! Hugo and Zola tell a changed file; an editor's save always moves the time), the git
//! commit its history comes from, the settings of the build and the zongwu binary
//! itself. A build stores it in a small manifest beside the output folder (not in it,
//! so the published site has no trace of it), with every folder of the site it wrote
//! and its modification time: a page added, removed or renamed in the site changes its
//! folder's. The next build computes the fingerprint again first, and if it and the
//! site's folders match, the site is what a full build would write, and nothing is
//! done — in about the time it takes to list the records.
//!
//! The fingerprint is taken before the records are loaded and again after the build;
//! it is stored only if both agree, so a record changed during a build makes the next
//! build a full one.

use crate::model::Kind;
use rayon::prelude::*;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::io;
use std::path::{Path, PathBuf};

/// The folders and files of a records directory that a site is built from, beside
/// the record folders of every kind.
const INPUTS: &[&str] = &["zongwu.toml", "summaries", "templates", "attachments"];

/// A hash of a build's inputs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fingerprint(String);

/// Hashes every file under `dir` (sorted, links not followed) by relative path, size
/// and modification time (a link by its target); in parallel, combined in path order.
fn hash_tree(dir: &Path) -> io::Result<u64> {
    let entries: Vec<walkdir::DirEntry> = walkdir::WalkDir::new(dir)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter(|e| e.as_ref().map_or(true, |e| !e.file_type().is_dir()))
        .collect::<Result<_, _>>()
        .map_err(io::Error::other)?;
    let hashes: Vec<u64> = entries
        .par_iter()
        .map(|entry| {
            let mut h = DefaultHasher::new();
            entry
                .path()
                .strip_prefix(dir)
                .unwrap_or(entry.path())
                .hash(&mut h);
            if entry.path_is_symlink() {
                std::fs::read_link(entry.path())?.hash(&mut h);
            } else {
                let meta = entry.metadata().map_err(io::Error::other)?;
                meta.len().hash(&mut h);
                meta.modified()?.hash(&mut h);
            }
            Ok(h.finish())
        })
        .collect::<io::Result<_>>()?;
    let mut h = DefaultHasher::new();
    hashes.hash(&mut h);
    Ok(h.finish())
}

/// Every folder of the site in `out` (relative, `/`-separated; the top is empty), in
/// order.
fn site_folders(out: &Path) -> io::Result<Vec<String>> {
    walkdir::WalkDir::new(out)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.file_type().is_dir())
        .map(|e| {
            let e = e.map_err(io::Error::other)?;
            let rel = e.path().strip_prefix(out).unwrap_or(e.path());
            Ok(rel.to_string_lossy().replace('\\', "/"))
        })
        .collect()
}

/// A hash of the modification times of the folders of the site in `out`.
fn hash_folders(out: &Path, folders: &[String]) -> io::Result<u64> {
    let mut h = DefaultHasher::new();
    for folder in folders {
        folder.hash(&mut h);
        std::fs::symlink_metadata(out.join(folder))?
            .modified()?
            .hash(&mut h);
    }
    Ok(h.finish())
}

/// The commit that `HEAD` names in the records' repository, if any.
fn head_commit(root: &Path) -> Option<String> {
    let out = std::process::Command::new("git")
        .arg("-C")
        .arg(root)
        .args(["rev-parse", "--quiet", "--verify", "HEAD"])
        .stderr(std::process::Stdio::null())
        .output()
        .ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).trim().to_owned())
}

/// The running binary's size and modification time: a new zongwu rebuilds everything.
pub fn this_binary() -> Option<(u64, std::time::SystemTime)> {
    let meta = std::env::current_exe().ok()?.metadata().ok()?;
    Some((meta.len(), meta.modified().ok()?))
}

/// The manifest file that records the fingerprint of the site in `out`.
fn manifest(out: &Path) -> PathBuf {
    super::output::beside(out, "zongwu-build")
}

impl Fingerprint {
    /// The fingerprint of the records under `root` built with `settings` (every
    /// option that changes the output, as text).
    pub fn of(root: &Path, settings: &str) -> io::Result<Fingerprint> {
        let mut h = DefaultHasher::new();
        env!("CARGO_PKG_VERSION").hash(&mut h);
        this_binary().hash(&mut h);
        settings.hash(&mut h);
        head_commit(root).hash(&mut h);
        for input in INPUTS.iter().copied().chain(Kind::folders()) {
            let path = root.join(input);
            input.hash(&mut h);
            if path.exists() {
                hash_tree(&path)?.hash(&mut h);
            }
        }
        Ok(Fingerprint(format!("{:016x}", h.finish())))
    }

    /// Whether the site in `out` was built from exactly these inputs and is still as
    /// that build left it (every folder there, none changed since).
    pub fn matches(&self, out: &Path) -> bool {
        let Ok(stored) = std::fs::read_to_string(manifest(out)) else {
            return false;
        };
        let mut lines = stored.lines();
        let (Some(fingerprint), Some(folders_hash)) = (lines.next(), lines.next()) else {
            return false;
        };
        let folders: Vec<String> = lines.map(str::to_owned).collect();
        fingerprint == self.0
            && hash_folders(out, &folders).is_ok_and(|h| format!("{h:016x}") == folders_hash)
    }

    /// Records that the site now in `out` was built from these inputs: the
    /// fingerprint, the hash of its folders' times, then its folders, a line each.
    pub fn store(&self, out: &Path) -> io::Result<()> {
        let folders = site_folders(out)?;
        let mut text = format!("{}\n{:016x}\n", self.0, hash_folders(out, &folders)?);
        for folder in &folders {
            text.push_str(folder);
            text.push('\n');
        }
        let path = manifest(out);
        let temp = path.with_extension(format!("tmp-{}", std::process::id()));
        std::fs::write(&temp, text)?;
        std::fs::rename(&temp, &path)
    }

    /// Forgets the fingerprint of the site in `out`, so that the next build is a full one.
    pub fn forget(out: &Path) {
        let _ = std::fs::remove_file(manifest(out));
    }
}
