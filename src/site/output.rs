//! Writing the site atomically: every file goes into a fresh folder beside the output,
//! which replaces the output only once it is complete. A failed build leaves the last
//! good site as it was.
//!
//! The site replaced is moved aside (`.NAME.old-PID`), not deleted: unlinking some
//! 200,000 files is as slow as writing them. The next build deletes it while it works
//! (a thread started with its staging folder, joined once its own site is in place).

use crate::cache::beside;
use std::io;
use std::path::{Path, PathBuf};

/// A folder being filled, to become the output when [`Staging::commit`] is called.
/// Dropped without commit, it removes itself.
pub struct Staging {
    dir: PathBuf,
    out: PathBuf,
    committed: bool,
    /// Deleting the sites earlier builds moved aside.
    sweeper: Option<std::thread::JoinHandle<()>>,
}

/// The name of a sibling of `out` with this tag and the process id.
fn sibling(out: &Path, tag: &str) -> PathBuf {
    beside(out, &format!("{tag}-{}", std::process::id()))
}

impl Staging {
    /// Creates the staging folder beside `out` (same file system, so the swap is a rename).
    pub fn new(out: &Path) -> io::Result<Staging> {
        let out = if out.is_absolute() {
            out.to_path_buf()
        } else {
            std::env::current_dir()?.join(out)
        };
        if let Some(parent) = out.parent() {
            std::fs::create_dir_all(parent)?;
        }
        let dir = sibling(&out, "building");
        if dir.exists() {
            std::fs::remove_dir_all(&dir)?;
        }
        std::fs::create_dir(&dir)?;
        let sweeper = Some(std::thread::spawn({
            let out = out.clone();
            move || sweep(&out)
        }));
        Ok(Staging {
            dir,
            out,
            committed: false,
            sweeper,
        })
    }

    /// Writes one file, at a `/`-separated path relative to the site.
    pub fn write(&self, rel: &str, bytes: &[u8]) -> io::Result<()> {
        self.place(rel, |path| std::fs::write(path, bytes))
    }

    /// Puts a file of the site being replaced, unchanged, into the new one: a hard
    /// link (a copy where the file system has none).
    pub fn keep(&self, rel: &str, from: &Path) -> io::Result<()> {
        self.place(rel, |path| {
            std::fs::hard_link(from, path).or_else(|e| match e.kind() {
                io::ErrorKind::NotFound => Err(e),
                _ => std::fs::copy(from, path).map(|_| ()),
            })
        })
    }

    /// Makes a file of the site at a `/`-separated path with `make`, making its folder
    /// first if it is not there yet (asked only then: one system call per file saved,
    /// over 200,000 files).
    fn place(&self, rel: &str, make: impl Fn(&Path) -> io::Result<()>) -> io::Result<()> {
        let path = self.dir.join(rel);
        match make(&path) {
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                if let Some(parent) = path.parent() {
                    std::fs::create_dir_all(parent)?;
                }
                make(&path)
            }
            done => done,
        }
    }

    /// Creates the folders given (relative, `/`-separated) before parallel writes.
    pub fn folders<'a>(&self, rels: impl IntoIterator<Item = &'a str>) -> io::Result<()> {
        rels.into_iter()
            .try_for_each(|rel| std::fs::create_dir_all(self.dir.join(rel)))
    }

    /// Swaps the finished folder in for the output, moving the old output aside for
    /// the next build to delete.
    pub fn commit(mut self) -> io::Result<()> {
        if let Some(sweeper) = self.sweeper.take() {
            let _ = sweeper.join();
        }
        let old = sibling(&self.out, "old");
        if old.exists() {
            std::fs::remove_dir_all(&old)?;
        }
        let had_output = self.out.exists();
        if had_output {
            std::fs::rename(&self.out, &old)?;
        }
        if let Err(err) = std::fs::rename(&self.dir, &self.out) {
            if had_output {
                let _ = std::fs::rename(&old, &self.out);
            }
            return Err(err);
        }
        self.committed = true;
        Ok(())
    }
}

/// Deletes the old sites beside `out` that earlier builds moved aside.
fn sweep(out: &Path) {
    let (Some(parent), Some(name)) = (out.parent(), out.file_name()) else {
        return;
    };
    let prefix = format!(".{}.old-", name.to_string_lossy());
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    for entry in entries.flatten() {
        if entry.file_name().to_string_lossy().starts_with(&prefix) {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
}
