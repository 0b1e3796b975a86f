//! Writing the site atomically: every file goes into a fresh folder beside the output,
//! which replaces the output only once it is complete. A failed build leaves the last
//! good site as it was.
//!
//! The site replaced is moved aside (`.NAME.old-PID`), not deleted: unlinking some
//! 200,000 files is as slow as writing them. The next build deletes it while it works
//! (a thread started with its staging folder, joined once its own site is in place),
//! its files by several threads at once ([`SWEEPERS`]).
//!
//! Where the new site's files go on the disk matters as much: ext4 walks past every
//! inode freed in the last minute for each file it creates in a group that holds
//! them, and would put the new site where the one just deleted was. The staging
//! folder asks for its folders to be spread over the disk instead
//! (`spread_subfolders`, `Staging::folder`).

use crate::cache::beside;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

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
        spread_subfolders(&dir);
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
                if let Some(folder) = Path::new(rel).parent() {
                    self.folder(folder)?;
                }
                make(&path)
            }
            done => done,
        }
    }

    /// Creates the folders given (relative, `/`-separated) before parallel writes.
    pub fn folders<'a>(&self, rels: impl IntoIterator<Item = &'a str>) -> io::Result<()> {
        rels.into_iter()
            .try_for_each(|rel| self.folder(Path::new(rel)))
    }

    /// Makes a folder of the site (relative) and those above it. A folder at the top
    /// is made under a name drawn afresh, then renamed: ext4 places a new folder below
    /// one marked as a top of folders (see [`spread_subfolders`]) by a hash of its name,
    /// so under its own name each build's `pagefind/` would go where the last build's
    /// was, among the inodes it may just have freed.
    fn folder(&self, rel: &Path) -> io::Result<()> {
        let Some(std::path::Component::Normal(top)) = rel.components().next() else {
            return std::fs::create_dir_all(self.dir.join(rel));
        };
        let top = self.dir.join(top);
        if !top.is_dir() {
            let drawn = self.dir.join(format!(".new-{:016x}", drawn()));
            std::fs::create_dir(&drawn)?;
            if let Err(e) = std::fs::rename(&drawn, &top) {
                let _ = std::fs::remove_dir(&drawn);
                if !top.is_dir() {
                    return Err(e);
                }
            }
        }
        std::fs::create_dir_all(self.dir.join(rel))
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

/// A number drawn afresh for each call.
fn drawn() -> u64 {
    use std::hash::{BuildHasher, Hasher};
    std::collections::hash_map::RandomState::new()
        .build_hasher()
        .finish()
}

/// Marks `dir` as a top of folders (ext4's `chattr +T`), so that the file system puts
/// each folder made in it in a part of the disk with few folders and many free inodes
/// rather than beside its parent: the folders of the site being built then do not land
/// among the inodes of the site deleted just before (ext4 without a journal walks past
/// each inode freed in the last minute before it reuses one, for every file it
/// creates). A hint only: where the file system has no such flag nothing changes.
#[cfg(target_os = "linux")]
fn spread_subfolders(dir: &Path) {
    use std::os::fd::AsRawFd;
    /// `FS_TOPDIR_FL` of linux/fs.h.
    const TOPDIR: libc::c_int = 0x0002_0000;
    let Ok(folder) = std::fs::File::open(dir) else {
        return;
    };
    let mut flags: libc::c_int = 0;
    // SAFETY: both requests read or write one int at the pointer given, which lives
    // for the call; the descriptor is open for the call.
    unsafe {
        if libc::ioctl(folder.as_raw_fd(), libc::FS_IOC_GETFLAGS, &mut flags) == 0 {
            flags |= TOPDIR;
            libc::ioctl(folder.as_raw_fd(), libc::FS_IOC_SETFLAGS, &flags);
        }
    }
}

#[cfg(not(target_os = "linux"))]
fn spread_subfolders(_dir: &Path) {}

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
            match entry.file_type() {
                Ok(kind) if kind.is_dir() => delete(&entry.path()),
                _ => drop(std::fs::remove_file(entry.path())),
            }
        }
    }
}

/// How many threads delete an old site's files at once. Unlinking a file mostly waits
/// for the disk: ext4 without a journal, mounted with `discard`, has the disk discard
/// a file's blocks before the unlink returns. The disk takes several such requests at
/// once, so that deleting a site of 117,000 files took 12.5 s from one thread, 4.3 s
/// from four and 3.3 s from eight on this project's machine, for the same 2.4 to 3.1 s
/// of system time.
const SWEEPERS: usize = 8;

/// Deletes the folder `tree`: its files by [`SWEEPERS`] threads at once, then its
/// folders, deepest first. Links are removed, never followed. What cannot be deleted
/// is left as it is (of an old site, for the next build's sweep).
fn delete(tree: &Path) {
    let mut files = Vec::new();
    let mut folders = Vec::new();
    let walk = walkdir::WalkDir::new(tree)
        .follow_links(false)
        .follow_root_links(false);
    for entry in walk.into_iter().flatten() {
        match entry.file_type().is_dir() {
            true => folders.push(entry.into_path()),
            false => files.push(entry.into_path()),
        }
    }
    let next = AtomicUsize::new(0);
    std::thread::scope(|threads| {
        for _ in 0..SWEEPERS {
            threads.spawn(|| {
                while let Some(file) = files.get(next.fetch_add(1, Ordering::Relaxed)) {
                    let _ = std::fs::remove_file(file);
                }
            });
        }
    });
    // A folder comes before what it holds in the walk.
    for folder in folders.iter().rev() {
        let _ = std::fs::remove_dir(folder);
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            delete(&self.dir);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Staging;
    use std::path::Path;

    /// The names in `dir`, sorted.
    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    /// Every file below `dir`, `/`-separated, sorted.
    fn files(dir: &Path) -> Vec<String> {
        let mut out = Vec::new();
        for name in names(dir) {
            match dir.join(&name).is_dir() {
                true => out.extend(
                    files(&dir.join(&name))
                        .into_iter()
                        .map(|f| format!("{name}/{f}")),
                ),
                false => out.push(name),
            }
        }
        out.sort();
        out
    }

    #[test]
    fn folders_made_under_drawn_names_end_under_their_own() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("site");
        let staging = Staging::new(&out).unwrap();
        staging.folders(["pagefind/a", "pagefind/b"]).unwrap();
        staging.write("index.html", b"home").unwrap();
        staging.write("pagefind/a/x.pf", b"x").unwrap();
        staging.write("repairs/2011/R-1.html", b"r").unwrap();
        staging.write("repairs/2012/R-2.html", b"r").unwrap();
        staging.commit().unwrap();
        assert_eq!(
            files(&out),
            [
                "index.html",
                "pagefind/a/x.pf",
                "repairs/2011/R-1.html",
                "repairs/2012/R-2.html"
            ]
        );
        assert_eq!(names(&out), ["index.html", "pagefind", "repairs"]);
        assert_eq!(names(&out.join("pagefind")), ["a", "b"]);
        assert_eq!(names(tmp.path()), ["site"]);
    }

    /// A build deletes the site the build before it moved aside, its folders and its
    /// links, but not what a link points at, even a link named as an old site.
    #[cfg(unix)]
    #[test]
    fn a_build_deletes_the_site_replaced_before_it_and_follows_no_link() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("site");
        let outside = tmp.path().join("outside");
        std::fs::create_dir(&outside).unwrap();
        std::fs::write(outside.join("kept.txt"), b"kept").unwrap();
        let first = Staging::new(&out).unwrap();
        for n in 0..50 {
            first
                .write(&format!("repairs/{}/R-{n}.html", 2011 + n % 3), b"r")
                .unwrap();
        }
        first.write("index.html", b"first").unwrap();
        first.commit().unwrap();
        std::os::unix::fs::symlink(&outside, out.join("repairs/folder-link")).unwrap();
        std::os::unix::fs::symlink(outside.join("kept.txt"), out.join("file-link")).unwrap();
        let stray = tmp.path().join(".site.old-link");
        std::os::unix::fs::symlink(&outside, &stray).unwrap();
        for day in ["second", "third"] {
            let next = Staging::new(&out).unwrap();
            next.write("index.html", day.as_bytes()).unwrap();
            next.commit().unwrap();
        }
        let old = format!(".site.old-{}", std::process::id());
        assert_eq!(names(tmp.path()), [old.as_str(), "outside", "site"]);
        assert_eq!(files(&tmp.path().join(&old)), ["index.html"]);
        assert_eq!(
            std::fs::read(tmp.path().join(&old).join("index.html")).unwrap(),
            b"second"
        );
        assert_eq!(std::fs::read(out.join("index.html")).unwrap(), b"third");
        assert_eq!(files(&outside), ["kept.txt"]);
        assert!(std::fs::symlink_metadata(stray).is_err());
    }
}
