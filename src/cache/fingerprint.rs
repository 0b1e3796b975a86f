//! A hash of everything a build reads, stored beside the site it wrote.
//!
//! A [`Fingerprint`] hashes every file of the records directory that the site is made
//! of (by path, size, modification time and inode, as make, Hugo and Zola tell a
//! changed file; an editor's save always moves the time), the git commit its history
//! comes from, the settings of the build and the zongwu binary itself — in two parts:
//! the record files, and everything else. A build stores it in a small manifest beside
//! the output folder (not in it, so the published site has no trace of it), with every
//! folder of the site it wrote and its modification time: a page added, removed or
//! renamed in the site changes its folder's. `site::fresh` compares them.

use super::{Stamp, beside, this_binary};
use rayon::prelude::*;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::io;
use std::path::{Path, PathBuf};

/// The folders and files of a records directory that a site is built from, beside
/// the record files (which the load's listing gives).
const INPUTS: &[&str] = &[
    "zongwu.toml",
    "locations.toml",
    "summaries",
    "templates",
    "attachments",
];

/// A hash of a build's inputs: of everything but the record files (`rest`), and of
/// the record files.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fingerprint {
    /// Everything but the record files.
    pub rest: u64,
    /// The record files.
    records: u64,
}

/// Hashes every file under `dir` (sorted, links not followed) by relative path, size,
/// modification time and inode (a link by its target); in parallel, combined in path
/// order.
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
                Stamp::of(&meta).hash(&mut h);
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

/// The manifest file that records the fingerprint of the site in `out`.
fn manifest(out: &Path) -> PathBuf {
    beside(out, "zongwu-build")
}

impl Fingerprint {
    /// The fingerprint of the records under `root`, whose record files (paths and
    /// stamps) hash to `files`, built with `settings` (every option that changes the
    /// output, as text).
    pub fn of(root: &Path, files: u64, settings: &str) -> io::Result<Fingerprint> {
        let mut h = DefaultHasher::new();
        env!("CARGO_PKG_VERSION").hash(&mut h);
        this_binary().hash(&mut h);
        settings.hash(&mut h);
        head_commit(root).hash(&mut h);
        hash_inputs(root, INPUTS, &mut h)?;
        Ok(Fingerprint {
            rest: h.finish(),
            records: files,
        })
    }

    /// The fingerprint stored with the site in `out`, if its folders are as that build
    /// left them; with the site's folders.
    pub fn stored(out: &Path) -> Option<(Fingerprint, Vec<String>)> {
        let stored = std::fs::read_to_string(manifest(out)).ok()?;
        let mut lines = stored.lines();
        let (fingerprint, folders_hash) = (lines.next()?, lines.next()?);
        let folders: Vec<String> = lines.map(str::to_owned).collect();
        let intact = hash_folders(out, &folders).is_ok_and(|h| format!("{h:016x}") == folders_hash);
        let (rest, records) = fingerprint.split_once(' ')?;
        let fingerprint = Fingerprint {
            rest: u64::from_str_radix(rest, 16).ok()?,
            records: u64::from_str_radix(records, 16).ok()?,
        };
        intact.then_some((fingerprint, folders))
    }

    /// Records that the site now in `out` was built from these inputs: the
    /// fingerprint, the hash of its folders' times, then its folders (listed again,
    /// unless they are known), a line each.
    pub fn store(&self, out: &Path, folders: Option<&[String]>) -> io::Result<()> {
        let folders = match folders {
            Some(folders) => folders.to_vec(),
            None => site_folders(out)?,
        };
        let mut text = format!(
            "{:016x} {:016x}\n{:016x}\n",
            self.rest,
            self.records,
            hash_folders(out, &folders)?
        );
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

/// Hashes the files and folders `inputs` of the records directory `root`, each
/// walked in parallel with the others.
fn hash_inputs(root: &Path, inputs: &[&str], h: &mut DefaultHasher) -> io::Result<()> {
    let hashes: Vec<Option<u64>> = inputs
        .par_iter()
        .map(|input| {
            let path = root.join(input);
            path.exists().then(|| hash_tree(&path)).transpose()
        })
        .collect::<io::Result<_>>()?;
    (inputs, hashes).hash(h);
    Ok(())
}
