//! The records a build read, kept for the next one: every record file that parsed, by
//! path and [`Stamp`] (size, modification time, inode), with its parsed form (spans
//! included). A build that finds a file as the last one left it takes the record from
//! here instead of reading and parsing it again — at 100,000 records, most of what
//! loading costs — unless reading it gave a diagnostic (only reading repeats it); and
//! it knows, for each file that did change, what it held before ([`Reused::before`]),
//! so that the pages it touched then can be written again.
//!
//! The cache is a file beside the output folder (`.site.zongwu-cache`), stored after a
//! build succeeds: appended to when the same files are there, else written whole and
//! atomically. It is only a memory: a cache that cannot be read, is cut short, or was
//! written by another zongwu is ignored, and everything is read afresh.

use crate::kinds::Parsed;
use crate::source::FileId;
use std::io;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

/// What tells a file as the last build left it from a changed one: size and
/// modification time (as make, Hugo and Zola tell them; an editor's save moves the
/// time), and the file's inode, which an editor saving a copy and renaming it over the
/// file changes even within one tick of the file system's clock.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Stamp {
    /// Size in bytes.
    pub size: u64,
    /// Modification time, in nanoseconds since the epoch.
    pub modified: u128,
    /// The inode number (0 where there is none).
    pub inode: u64,
}

impl Stamp {
    /// The stamp of a file's metadata.
    pub fn of(meta: &std::fs::Metadata) -> Option<Stamp> {
        let modified = meta.modified().ok()?;
        let since = modified.duration_since(SystemTime::UNIX_EPOCH).ok()?;
        #[cfg(unix)]
        let inode = std::os::unix::fs::MetadataExt::ino(meta);
        #[cfg(not(unix))]
        let inode = 0;
        Some(Stamp {
            size: meta.len(),
            modified: since.as_nanos(),
            inode,
        })
    }
}

/// One record file as a build found it.
#[derive(Clone, Debug)]
pub struct Entry {
    /// Its path in the records directory, `/`-separated.
    pub path: String,
    /// Its size and time when it was read.
    pub stamp: Stamp,
    /// Whether the record may be taken from here: not if reading it gave a
    /// diagnostic, which only reading it again repeats.
    pub reusable: bool,
    /// The parsed record, serialised (MessagePack, spans kept).
    pub bytes: Vec<u8>,
    /// Whether it was read by this build (not taken from the cache).
    pub fresh: bool,
}

impl Entry {
    /// A record file just parsed, for the cache.
    pub fn new(path: &str, stamp: Stamp, parsed: &Parsed, reusable: bool) -> Option<Entry> {
        Some(Entry {
            path: path.to_owned(),
            stamp,
            reusable,
            bytes: rmp_serde::to_vec(parsed).ok()?,
            fresh: true,
        })
    }

    /// Appends the entry to a cache file's bytes.
    fn encode(&self, out: &mut Vec<u8>) {
        let numbers = [
            self.path.len() as u64,
            self.stamp.size,
            self.stamp.inode,
            self.bytes.len() as u64,
        ];
        for n in numbers {
            out.extend_from_slice(&n.to_le_bytes());
        }
        out.extend_from_slice(&self.stamp.modified.to_le_bytes());
        out.push(u8::from(self.reusable));
        out.extend_from_slice(self.path.as_bytes());
        out.extend_from_slice(&self.bytes);
    }
}

/// An entry of the cache file, by where its parts are in the file's bytes.
#[derive(Clone, Debug)]
struct Slot {
    path: std::ops::Range<usize>,
    stamp: Stamp,
    reusable: bool,
    bytes: std::ops::Range<usize>,
}

/// Where the cache holds one file, if it does.
#[derive(Clone, Copy, Debug, Default)]
pub struct Known {
    slot: Option<usize>,
}

/// The record files of the last build: the cache file's bytes, and its entries sorted
/// by path (where an entry was appended again, the last one).
#[derive(Debug, Default)]
pub struct Cache {
    file: Vec<u8>,
    slots: Vec<Slot>,
    /// Whether the load makes entries for the next cache (a build does; `check` and
    /// the other commands that read records do not).
    pub keep: bool,
}

/// What a load took from the cache, and what changed since.
#[derive(Debug, Default)]
pub struct Reused {
    /// The entries of this load, in path order, to be stored for the next one.
    pub entries: Vec<Entry>,
    /// Record files whose record is not what the cache has: each with what it held at
    /// the last build, if that can be read back.
    pub before: Vec<(FileId, Option<Parsed>)>,
    /// Record files that the last build did not see (all of them when there was no
    /// cache), or that did not parse.
    pub unknown: usize,
    /// Record files that the last build read and that are gone.
    pub gone: usize,
}

impl Reused {
    /// Whether the same record files are there as at the last build, each known.
    pub fn same_files(&self) -> bool {
        self.unknown == 0 && self.gone == 0
    }
}

/// The first bytes of a cache file: what wrote it. Another zongwu may parse otherwise.
fn header() -> String {
    let binary = super::this_binary();
    format!("zongwu-cache {} {binary:?}\n", env!("CARGO_PKG_VERSION"))
}

/// Where the cache of the site in `out` is kept.
fn path(out: &Path) -> PathBuf {
    super::beside(out, "zongwu-cache")
}

impl Cache {
    /// The cache of the site in `out`, or an empty one if there is none that this
    /// zongwu wrote and can read; the load makes entries for the next one.
    pub fn open(out: &Path) -> Cache {
        let cache = std::fs::read(path(out)).ok().and_then(Cache::decode);
        Cache {
            keep: true,
            ..cache.unwrap_or_default()
        }
    }

    /// An empty cache, for a build that takes nothing from the last one but leaves its
    /// records for the next.
    pub fn fresh() -> Cache {
        Cache {
            keep: true,
            ..Cache::default()
        }
    }

    /// Where the cache holds each of these paths (sorted, as a load lists its files),
    /// in one pass over both.
    pub fn known<'a>(&self, paths: impl Iterator<Item = &'a str>) -> Vec<Known> {
        let mut s = 0;
        let slot_path = |s: usize| &self.file[self.slots[s].path.clone()];
        paths
            .map(|path| {
                while s < self.slots.len() && slot_path(s) < path.as_bytes() {
                    s += 1;
                }
                Known {
                    slot: (s < self.slots.len() && slot_path(s) == path.as_bytes()).then_some(s),
                }
            })
            .collect()
    }

    /// The entry of a file to take its record from, if the cache has one with this
    /// stamp, read back as file `file`.
    pub fn get(
        &self,
        known: Known,
        path: &str,
        stamp: Stamp,
        file: FileId,
    ) -> Option<(Entry, Parsed)> {
        let slot = &self.slots[known.slot?];
        if slot.stamp != stamp || !slot.reusable {
            return None;
        }
        let entry = Entry {
            path: path.to_owned(),
            stamp,
            reusable: true,
            bytes: self.file[slot.bytes.clone()].to_vec(),
            fresh: false,
        };
        let parsed = read_back(&entry.bytes, file)?;
        Some((entry, parsed))
    }

    /// What the cache holds for a file, if anything: the file's stamp and its record,
    /// serialised.
    pub fn held(&self, known: Known) -> Option<(Stamp, &[u8])> {
        let slot = &self.slots[known.slot?];
        Some((slot.stamp, &self.file[slot.bytes.clone()]))
    }

    /// How many entries the cache has.
    pub fn len(&self) -> usize {
        self.slots.len()
    }

    /// Whether the cache has no entries.
    pub fn is_empty(&self) -> bool {
        self.slots.is_empty()
    }

    /// Stores a build's entries as the cache of the site in `out`. With the same files
    /// as the cache the build started from (`same_files`), the entries it read afresh
    /// are appended to it; otherwise, or when the file has grown to twice what it
    /// holds, it is written whole and atomically. A cache file cut short by a crash is
    /// ignored by the next build.
    pub fn store(out: &Path, entries: &[Entry], same_files: bool) -> io::Result<()> {
        let path = path(out);
        let live: usize = entries
            .iter()
            .map(|e| e.path.len() + e.bytes.len() + 49)
            .sum();
        let size = std::fs::metadata(&path).map_or(0, |m| m.len() as usize);
        if same_files && size > 0 && size < 2 * live {
            let mut bytes = Vec::new();
            entries
                .iter()
                .filter(|e| e.fresh)
                .for_each(|e| e.encode(&mut bytes));
            if bytes.is_empty() {
                return Ok(());
            }
            use std::io::Write;
            return std::fs::OpenOptions::new()
                .append(true)
                .open(&path)?
                .write_all(&bytes);
        }
        let mut bytes = header().into_bytes();
        entries.iter().for_each(|e| e.encode(&mut bytes));
        let temp = path.with_extension(format!("tmp-{}", std::process::id()));
        std::fs::write(&temp, bytes)?;
        std::fs::rename(&temp, &path)
    }

    /// Reads a cache file; `None` if another zongwu wrote it or it is cut short.
    fn decode(file: Vec<u8>) -> Option<Cache> {
        fn take(at: &mut usize, file: &[u8], n: usize) -> Option<std::ops::Range<usize>> {
            let range = *at..at.checked_add(n)?;
            file.get(range.clone())?;
            *at = range.end;
            Some(range)
        }
        fn number(at: &mut usize, file: &[u8]) -> Option<u64> {
            Some(u64::from_le_bytes(
                file[take(at, file, 8)?].try_into().ok()?,
            ))
        }
        fn length(at: &mut usize, file: &[u8]) -> Option<usize> {
            usize::try_from(number(at, file)?).ok()
        }
        let header = header();
        let mut at = header.len();
        (file.get(..at)? == header.as_bytes()).then_some(())?;
        let mut slots = Vec::new();
        while at < file.len() {
            let path_len = length(&mut at, &file)?;
            let size = number(&mut at, &file)?;
            let inode = number(&mut at, &file)?;
            let bytes_len = length(&mut at, &file)?;
            let modified = u128::from_le_bytes(file[take(&mut at, &file, 16)?].try_into().ok()?);
            let reusable = file[take(&mut at, &file, 1)?] == [1];
            let path = take(&mut at, &file, path_len)?;
            std::str::from_utf8(&file[path.clone()]).ok()?;
            let bytes = take(&mut at, &file, bytes_len)?;
            let stamp = Stamp {
                size,
                modified,
                inode,
            };
            slots.push(Slot {
                path,
                stamp,
                reusable,
                bytes,
            });
        }
        // Sorted by path, the last of the same path first, then only that one kept.
        slots.reverse();
        slots.sort_by(|a, b| file[a.path.clone()].cmp(&file[b.path.clone()]));
        slots.dedup_by(|b, a| file[a.path.clone()] == file[b.path.clone()]);
        Some(Cache {
            file,
            slots,
            keep: true,
        })
    }
}

/// A record read back from its cache bytes, as file `file`; `None` if it cannot be.
pub fn read_back(bytes: &[u8], file: FileId) -> Option<Parsed> {
    let mut parsed: Parsed = rmp_serde::from_slice(bytes).ok()?;
    parsed.origin_mut().file = file;
    Some(parsed)
}
