//! The fast path of `zongwu build`: a rebuild with nothing changed does nothing.
//!
//! A [`Fingerprint`] hashes everything a build reads — every file of the records
//! directory that the site is made of (by path, modification time and content), the
//! git commit its history comes from, the settings of the build and the zongwu binary
//! itself — and the files of the site it wrote (by path and size). A build stores it in a small
//! manifest beside the output folder (not in it, so the published site has no trace
//! of it); the next build computes it again first, and if both match, the site is
//! exactly what a full build would write, and nothing is done.
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

/// Hashes every file under `dir` (sorted, links not followed) by relative path and by
/// modification time and content (`contents`) or size; in parallel, combined in path order.
fn hash_tree(dir: &Path, contents: bool) -> io::Result<u64> {
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
            } else if contents {
                // The time too: a file saved over and back during a build differs.
                let meta = entry.metadata().map_err(io::Error::other)?;
                meta.modified()?.hash(&mut h);
                std::fs::read(entry.path())?.hash(&mut h);
            } else {
                entry
                    .metadata()
                    .map_err(io::Error::other)?
                    .len()
                    .hash(&mut h);
            }
            Ok(h.finish())
        })
        .collect::<io::Result<_>>()?;
    let mut h = DefaultHasher::new();
    hashes.hash(&mut h);
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
fn this_binary() -> Option<(u64, std::time::SystemTime)> {
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
                hash_tree(&path, true)?.hash(&mut h);
            }
        }
        Ok(Fingerprint(format!("{:016x}", h.finish())))
    }

    /// The manifest text for this fingerprint and the site in `out`.
    fn with_site(&self, out: &Path) -> io::Result<String> {
        Ok(format!("{} {:016x}\n", self.0, hash_tree(out, false)?))
    }

    /// Whether the site in `out` was built from exactly these inputs and is still as
    /// that build left it (every file there, with its size).
    pub fn matches(&self, out: &Path) -> bool {
        let Ok(stored) = std::fs::read_to_string(manifest(out)) else {
            return false;
        };
        stored.starts_with(&self.0)
            && out.is_dir()
            && self.with_site(out).is_ok_and(|now| now == stored)
    }

    /// Records that the site now in `out` was built from these inputs.
    pub fn store(&self, out: &Path) -> io::Result<()> {
        let path = manifest(out);
        let temp = path.with_extension(format!("tmp-{}", std::process::id()));
        std::fs::write(&temp, self.with_site(out)?)?;
        std::fs::rename(&temp, &path)
    }

    /// Forgets the fingerprint of the site in `out`, so that the next build is a full one.
    pub fn forget(out: &Path) {
        let _ = std::fs::remove_file(manifest(out));
    }
}
