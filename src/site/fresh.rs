//! What a build of the site leaves for the next one, and the fast paths it allows.
//!
//! A [`Fingerprint`] hashes everything a build reads — every file of the records
//! directory that the site is made of (by path, size, modification time and inode, as
//! make, Hugo and Zola tell a changed file; an editor's save always moves the time),
//! the git commit its history comes from, the settings of the build and the zongwu
//! binary itself — in two parts: the record files, and everything else. A build stores
//! it in a small manifest beside the output folder (not in it, so the published site
//! has no trace of it), with every folder of the site it wrote and its modification
//! time: a page added, removed or renamed in the site changes its folder's.
//!
//! The next build ([`Previous::of`]) takes the fingerprint again first. If it and the
//! site's folders match, the site is what a full build would write, and nothing is
//! done — in about the time it takes to list the records. If only the record files
//! differ, the site may be updated in place (see `site::update`), with the records the
//! last build read taken from its [`Cache`]. The fingerprint is taken before anything
//! is read, and the manifest is removed until the build succeeds: a record saved while
//! a build runs is seen as changed by the next one, and a build that fails leaves the
//! next one a whole build.

use crate::cache::{Cache, Reused, Stamp};
use crate::load::Listing;
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
    rest: u64,
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
    /// The fingerprint of the records under `root`, listed in `listing` (with the
    /// stamps of the record files), built with `settings` (every option that changes
    /// the output, as text).
    pub fn of(root: &Path, listing: &Listing, settings: &str) -> io::Result<Fingerprint> {
        let mut h = DefaultHasher::new();
        env!("CARGO_PKG_VERSION").hash(&mut h);
        this_binary().hash(&mut h);
        settings.hash(&mut h);
        head_commit(root).hash(&mut h);
        hash_inputs(root, INPUTS, &mut h)?;
        let rest = h.finish();
        let mut h = DefaultHasher::new();
        listing.hash_into(&mut h);
        Ok(Fingerprint {
            rest,
            records: h.finish(),
        })
    }

    /// The fingerprint stored with the site in `out`, if its folders are as that build
    /// left them; with the site's folders.
    fn stored(out: &Path) -> Option<(Fingerprint, Vec<String>)> {
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

/// The settings of a build that change its output, as the fingerprint takes them: the
/// language asked for, the day in question, and whether search is indexed.
pub fn settings(lang: Option<crate::Lang>, day: chrono::NaiveDate, search: bool) -> String {
    format!("{lang:?} {day} {search}")
}

/// What the last build of a site leaves for the next one: the fingerprint to compare
/// with, whether the site may be updated in place, and the records it read.
pub struct Previous {
    /// This build's fingerprint, taken before the records are read (none with a time
    /// stamp, which always changes).
    fingerprint: Option<Fingerprint>,
    /// The site's folders then, when it may be updated in place.
    folders: Option<Vec<String>>,
    /// The records the last build read.
    pub cache: Cache,
    /// The records directory as this build listed it for its fingerprint, to load.
    pub listing: Option<Listing>,
}

impl Previous {
    /// Whether the site was built from these inputs but for record files, and is as
    /// that build left it: then it may be updated in place.
    pub fn in_place(&self) -> bool {
        self.folders.is_some()
    }

    /// What the last build of `out` left; `None` if the site is up to date (nothing
    /// changed since). With `full`, nothing is taken from it. Until this build
    /// succeeds, the next one will not find the site up to date.
    pub fn of(
        root: &Path,
        out: &Path,
        settings: &str,
        stamp: bool,
        full: bool,
    ) -> Option<Previous> {
        let listing = crate::load::list(root, true).ok();
        let fingerprint = match (&listing, stamp) {
            (Some(listing), false) => Fingerprint::of(root, listing, settings).ok(),
            _ => None,
        };
        let stored = Fingerprint::stored(out);
        if let (Some(now), Some((then, _))) = (&fingerprint, &stored)
            && !full
            && now == then
        {
            return None;
        }
        // Built from these inputs but for the record files, and as that build left it:
        // the site can be updated in place, and its folders stay the same.
        let folders = match (&fingerprint, stored) {
            (Some(now), Some((then, folders))) if !full && now.rest == then.rest => Some(folders),
            _ => None,
        };
        Fingerprint::forget(out);
        Some(Previous {
            fingerprint,
            folders,
            cache: match full {
                true => Cache::fresh(),
                false => Cache::open(out),
            },
            listing,
        })
    }

    /// After a build that succeeded: stores the records it read (`reused`) and its
    /// fingerprint. Taken before anything was read, the fingerprint tells the next
    /// build of any change made since, even while this one ran.
    /// `in_place` says the site was updated in place: its folders are those it had.
    pub fn finish(&self, out: &Path, reused: &Reused, in_place: bool) -> io::Result<()> {
        let Some(fingerprint) = &self.fingerprint else {
            return Ok(());
        };
        Cache::store(out, &reused.entries, reused.same_files())?;
        let folders = self.folders.as_deref().filter(|_| in_place);
        fingerprint.store(out, folders)
    }
}
