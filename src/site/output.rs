//! Writing the site atomically: every file goes into a fresh folder beside the output,
//! which replaces the output only once it is complete. A failed build leaves the last
//! good site as it was.

use std::io;
use std::path::{Path, PathBuf};

/// A folder being filled, to become the output when [`Staging::commit`] is called.
/// Dropped without commit, it removes itself.
pub struct Staging {
    dir: PathBuf,
    out: PathBuf,
    committed: bool,
}

/// A hidden sibling of `out`: `.NAME.SUFFIX` beside the output folder `NAME`.
pub fn beside(out: &Path, suffix: &str) -> PathBuf {
    let name = out
        .file_name()
        .map_or_else(|| "site".into(), |n| n.to_string_lossy().into_owned());
    out.with_file_name(format!(".{name}.{suffix}"))
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
        Ok(Staging {
            dir,
            out,
            committed: false,
        })
    }

    /// Writes one file, at a `/`-separated path relative to the site.
    pub fn write(&self, rel: &str, bytes: &[u8]) -> io::Result<()> {
        let path = self.dir.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(path, bytes)
    }

    /// Creates the folders given (relative, `/`-separated) before parallel writes.
    pub fn folders<'a>(&self, rels: impl IntoIterator<Item = &'a str>) -> io::Result<()> {
        rels.into_iter()
            .try_for_each(|rel| std::fs::create_dir_all(self.dir.join(rel)))
    }

    /// Swaps the finished folder in for the output, then removes the old output.
    pub fn commit(mut self) -> io::Result<()> {
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
        if had_output {
            let _ = std::fs::remove_dir_all(&old);
        }
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
}
