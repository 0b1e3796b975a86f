//! Load: walk a records directory, read every file (UTF-8 only, BOM and CRLF accepted),
//! and parse the files in parallel into [`Records`], with the diagnostics found so far.
//!
//! Symbolic links are never followed out of the directory, and linked folders not at all.

use crate::cache::{Cache, Entry, Known, Reused, Stamp};
use crate::diag::{Diagnostic, Encoding, Problem};
use crate::model::{Kind, Origin, RecordId, Records, Summary};
use crate::parse::{self, Parsed, Sink};
use crate::source::{FileId, Source, SourceMap};
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

/// The name of the configuration file that marks a records directory.
pub const CONFIG_FILE: &str = "zongwu.toml";

/// The name of the optional room register beside the configuration.
pub const REGISTER_FILE: &str = "locations.toml";

/// The folder of semester narratives.
pub const SUMMARIES: &str = "summaries";

/// Why a directory could not be loaded at all (exit code 2).
#[derive(Debug)]
pub enum LoadError {
    /// The path is not a directory.
    NotADirectory(PathBuf),
    /// The directory has no `zongwu.toml`.
    NoConfig(PathBuf),
}

impl LoadError {
    /// The message, in the given language.
    pub fn message(&self, lang: crate::Lang) -> String {
        match self {
            LoadError::NotADirectory(p) => lang.pick(
                format!("记录目录 {} 不存在或不是文件夹", p.display()),
                format!("the records directory {} does not exist or is not a folder", p.display()),
            ),
            LoadError::NoConfig(p) => lang.pick(
                format!("{} 中没有 {CONFIG_FILE}：这不是记录目录（可用 zongwu init 新建）", p.display()),
                format!("{} has no {CONFIG_FILE}: it is not a records directory (zongwu init makes one)", p.display()),
            ),
        }
    }
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(crate::Lang::En))
    }
}

impl std::error::Error for LoadError {}

/// What a file found by the walk is.
#[derive(Clone, Copy, Debug)]
enum Role {
    /// `zongwu.toml`.
    Config,
    /// `locations.toml`.
    Register,
    /// A record of a kind.
    Record(Kind),
    /// A semester narrative.
    Summary,
    /// Not read: only the given problem is reported about it.
    Skipped,
}

/// One file found by the walk.
struct Found {
    rel: String,
    abs: PathBuf,
    role: Role,
    problem: Option<Problem>,
}

/// Everything a load yields: the sources, the parsed records and the diagnostics.
pub struct Loaded {
    /// Every file read, by id.
    pub sources: SourceMap,
    /// The records that parsed.
    pub records: Records,
    /// What was wrong, unsorted.
    pub diagnostics: Vec<Diagnostic>,
}

/// Whether `root` is a records directory: a folder holding `zongwu.toml`.
pub fn records_folder(root: &Path) -> Result<(), LoadError> {
    if !root.is_dir() {
        return Err(LoadError::NotADirectory(root.to_path_buf()));
    }
    if !root.join(CONFIG_FILE).is_file() {
        return Err(LoadError::NoConfig(root.to_path_buf()));
    }
    Ok(())
}

/// Loads a records directory.
pub fn load(root: &Path) -> Result<Loaded, LoadError> {
    load_reusing(root, Cache::default(), list(root, false)?).map(|(loaded, _)| loaded)
}

/// The files of a records directory as a build finds them, in path order; with the
/// stamp (size, time, inode) of each record file when asked: what a build's
/// fingerprint is taken of and its load then reads, listed once for both.
pub struct Listing {
    found: Vec<Found>,
    stamps: Vec<Option<Stamp>>,
}

/// Lists the files of a records directory; with `stamped`, each record file's stamp.
pub fn list(root: &Path, stamped: bool) -> Result<Listing, LoadError> {
    records_folder(root)?;
    let found = walk(root);
    let stamps = found
        .par_iter()
        .map(|f| match (f.role, &f.problem) {
            (Role::Record(_), None) if stamped => {
                std::fs::metadata(&f.abs).ok().and_then(|m| Stamp::of(&m))
            }
            _ => None,
        })
        .collect();
    Ok(Listing { found, stamps })
}

impl Listing {
    /// A hash of what tells these files from other versions of them: every path, and
    /// the stamp of each record file.
    pub fn hash(&self) -> u64 {
        use std::hash::{Hash, Hasher};
        let mut h = std::hash::DefaultHasher::new();
        for (found, stamp) in self.found.iter().zip(&self.stamps) {
            found.rel.hash(&mut h);
            stamp.hash(&mut h);
        }
        h.finish()
    }
}

/// Loads the records directory `root` from its listing, taking from `cache` every
/// record file found as the cache has it (same stamp) instead of reading it; with what
/// was reused and what the files read afresh held before.
pub fn load_reusing(
    root: &Path,
    cache: Cache,
    listing: Listing,
) -> Result<(Loaded, Reused), LoadError> {
    let Listing { found, stamps } = listing;
    let known = cache.known(found.iter().map(|f| f.rel.as_str()));
    let read: Vec<(Read, Option<Entry>)> = found
        .par_iter()
        .zip(&known)
        .zip(&stamps)
        .enumerate()
        .map(|(i, ((f, known), stamp))| read_cached(FileId(i as u32), f, &cache, *known, *stamp))
        .collect();
    let mut reused = Reused {
        entries: Vec::with_capacity(read.len()),
        ..Reused::default()
    };
    let mut held = 0;
    // Each file's read goes on to `assemble` as it is looked at: the reads, a few
    // hundred bytes each, are moved once more, not gathered again first.
    let files = read.into_iter().zip(&found).zip(known).enumerate().map(
        |(i, (((read, mut entry), f), known))| {
            if matches!(f.role, Role::Record(_)) {
                let old = cache.held(known);
                match (old, &mut entry) {
                    (Some((_, old)), Some(new)) if new.fresh && old != new.bytes => {
                        let file = FileId(i as u32);
                        reused
                            .before
                            .push((file, crate::cache::read_back(old, file)));
                    }
                    // Read again and found the same: stored again only with a new stamp.
                    (Some((stamp, _)), Some(new)) => new.fresh &= stamp != new.stamp,
                    _ => reused.unknown += 1,
                }
                held += usize::from(old.is_some());
            }
            reused.entries.extend(entry);
            read
        },
    );
    let mut loaded = assemble(&found, files);
    reused.gone = cache.len() - held;
    loaded.sources = loaded.sources.under(root);
    Ok((loaded, reused))
}

/// What reading one file yields: its source, its record, its diagnostics.
type Read = (Source, Option<Parsed>, Vec<Diagnostic>);

/// One file from the cache if it is there as the cache has it (`stamp`: as it was
/// found now), else read and parsed; with its entry for the next cache (a record file
/// that parsed, when the cache keeps entries).
fn read_cached(
    file: FileId,
    found: &Found,
    cache: &Cache,
    known: Known,
    stamp: Option<Stamp>,
) -> (Read, Option<Entry>) {
    let stamp = stamp.filter(|_| cache.keep);
    if let Some(stamp) = stamp
        && let Some((entry, parsed)) = cache.get(known, &found.rel, stamp, file)
    {
        let source = Source {
            path: found.rel.clone(),
            text: String::new(),
            unread: true,
        };
        return ((source, Some(parsed), Vec::new()), Some(entry));
    }
    let read = read_one(file, found, stamp.map(|s| s.size));
    let entry = match (&read, stamp) {
        ((source, Some(parsed), diags), Some(stamp)) => {
            Entry::new(&source.path, stamp, parsed, diags.is_empty())
        }
        _ => None,
    };
    (read, entry)
}

/// Lists the files of the directory, sorted by relative path.
fn walk(root: &Path) -> Vec<Found> {
    let canonical_root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let folders: Vec<(&str, Option<Kind>)> = Kind::ALL
        .iter()
        .map(|k| (k.folder(), Some(*k)))
        .chain([(SUMMARIES, None)])
        .collect();
    let mut found = vec![Found {
        rel: CONFIG_FILE.to_owned(),
        abs: root.join(CONFIG_FILE),
        role: Role::Config,
        problem: None,
    }];
    if root.join(REGISTER_FILE).is_file() {
        found.push(Found {
            rel: REGISTER_FILE.to_owned(),
            abs: root.join(REGISTER_FILE),
            role: Role::Register,
            problem: None,
        });
    }
    let folders: Vec<Vec<Found>> = folders
        .par_iter()
        .map(|&(folder, kind)| walk_folder(root, &canonical_root, folder, kind))
        .collect();
    found.extend(folders.into_iter().flatten());
    found.extend(misplaced(root));
    found.par_sort_by(|a, b| a.rel.cmp(&b.rel));
    found
}

/// The files of one folder of records (of `kind`) or of narratives.
fn walk_folder(root: &Path, canonical_root: &Path, folder: &str, kind: Option<Kind>) -> Vec<Found> {
    let mut found = Vec::new();
    let walker = walkdir::WalkDir::new(root.join(folder))
        .follow_links(false)
        .follow_root_links(false)
        .sort_by_file_name()
        .into_iter();
    for entry in
        walker.filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'))
    {
        let entry = match entry {
            Ok(entry) => entry,
            Err(err) => {
                let Some(path) = err.path().map(Path::to_path_buf) else {
                    continue;
                };
                if err
                    .io_error()
                    .is_some_and(|e| e.kind() == std::io::ErrorKind::NotFound)
                    && err.depth() == 0
                {
                    continue;
                }
                let problem = Problem::Unreadable {
                    detail: err.io_error().map_or(err.to_string(), io_detail),
                };
                found.push(Found {
                    rel: relative(root, &path),
                    abs: path,
                    role: Role::Skipped,
                    problem: Some(problem),
                });
                continue;
            }
        };
        let path = entry.path();
        let ext = if kind.is_some() { "toml" } else { "md" };
        if entry.file_type().is_dir() {
            if entry.depth() > 0 && path.extension().is_some_and(|e| e == ext) {
                found.push(Found {
                    rel: relative(root, path),
                    abs: path.to_path_buf(),
                    role: Role::Skipped,
                    problem: Some(Problem::FolderNamedLikeFile { ext }),
                });
            }
            continue;
        }
        let mut problem = None;
        if entry.path_is_symlink() {
            problem = match path.canonicalize() {
                Ok(target) if target.is_dir() => Some(Problem::LinkedFolder),
                Ok(target) if !target.is_file() => Some(Problem::NotAFile),
                Ok(target) if target.starts_with(canonical_root) => None,
                _ => Some(Problem::LinkOutside),
            };
        } else if !entry.file_type().is_file() {
            problem = Some(Problem::NotAFile);
        }
        if problem.is_none() {
            problem = match path.extension() {
                Some(e) if e == ext => None,
                // `A-1.TOML` would vanish from every figure: an error, not a stray file.
                Some(e) if e.eq_ignore_ascii_case(ext) => Some(Problem::ExtensionCase {
                    written: e.to_string_lossy().into_owned(),
                    ext,
                    fixed: format!(
                        "{}.{ext}",
                        path.file_stem().unwrap_or_default().to_string_lossy()
                    ),
                }),
                _ => Some(Problem::NotARecord { expected_ext: ext }),
            };
        }
        let role = match (&problem, kind) {
            (Some(_), _) => Role::Skipped,
            (None, Some(kind)) => Role::Record(kind),
            (None, None) => Role::Summary,
        };
        found.push(Found {
            rel: relative(root, path),
            abs: path.to_path_buf(),
            role,
            problem,
        });
    }
    found
}

/// The folders of a records directory besides the kinds' that zongwu reads or writes:
/// no `.toml` file in them is a misplaced record.
const OWN_FOLDERS: &[&str] = &[SUMMARIES, "templates", "attachments", "schemas", "hooks"];

/// Every `.toml` file (`.TOML` too) outside the folders zongwu reads (a record in
/// `repair/`, `报修/` or at the top level), so that a misplaced record never disappears
/// silently. Hidden files and folders, zongwu's own folders and a built site are not
/// looked into.
fn misplaced(root: &Path) -> Vec<Found> {
    let own = |name: &str| Kind::from_folder(name).is_some() || OWN_FOLDERS.contains(&name);
    let walker = walkdir::WalkDir::new(root)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            let name = e.file_name().to_string_lossy();
            e.depth() == 0
                || !(name.starts_with('.')
                    || (e.depth() == 1 && e.file_type().is_dir() && own(&name))
                    || (e.file_type().is_dir() && e.path().join("index.html").is_file()))
        });
    walker
        .filter_map(Result::ok)
        .filter(|e| {
            let toml = |x: &std::ffi::OsStr| x.eq_ignore_ascii_case("toml");
            e.file_type().is_file() && e.path().extension().is_some_and(toml)
        })
        .filter(|e| {
            e.depth() > 1 || (e.file_name() != CONFIG_FILE && e.file_name() != REGISTER_FILE)
        })
        .map(|e| {
            let rel = relative(root, e.path());
            let guess = guess_kind(&rel);
            Found {
                rel,
                abs: e.path().to_path_buf(),
                role: Role::Skipped,
                problem: Some(Problem::Misplaced {
                    folder: guess.map(Kind::folder),
                }),
            }
        })
        .collect()
}

/// The kind a misplaced record most likely is: by the folder it is in (`repair/`,
/// `Repairs/`, `报修/`), else by its id (`R-2012-0001`, `2011-09`).
fn guess_kind(rel: &str) -> Option<Kind> {
    let mut parts = rel.rsplit('/');
    let name = parts.next()?;
    let stem = name.rsplit_once('.').map_or(name, |(stem, _)| stem);
    let by_folder = parts.find_map(|folder| {
        let folder = folder.to_lowercase();
        Kind::ALL.into_iter().find(|k| {
            let info = k.info();
            folder == info.folder
                || folder == info.name
                || folder.contains(info.word.0)
                || match k {
                    Kind::Repair => folder.contains("维修"),
                    _ => false,
                }
        })
    });
    let by_id = || {
        if crate::model::Month::parse(stem).is_some() {
            return Some(Kind::Budget);
        }
        let prefix = stem.split('-').next()?;
        Kind::ALL
            .into_iter()
            .find(|k| !k.info().prefix.is_empty() && k.info().prefix.eq_ignore_ascii_case(prefix))
    };
    by_folder.or_else(by_id)
}

/// A path relative to the root, `/`-separated.
fn relative(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// A file's name without its folders and without one `ext` (`A-1.toml.toml` → `A-1.toml`).
fn stem<'a>(rel: &'a str, ext: &str) -> &'a str {
    let name = rel.rsplit('/').next().unwrap_or_default();
    name.strip_suffix(ext).unwrap_or(name)
}

/// An I/O error in the user's terms, without Rust's debug formatting.
fn io_detail(err: &std::io::Error) -> String {
    match err.kind() {
        std::io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
        _ => err.to_string(),
    }
}

/// Reads and parses one file, `size` bytes long as it was listed where that is known.
fn read_one(file: FileId, found: &Found, size: Option<u64>) -> Read {
    let mut sink = Sink {
        file,
        diags: Vec::new(),
    };
    let mut source = Source {
        path: found.rel.clone(),
        text: String::new(),
        unread: false,
    };
    if let Some(problem) = &found.problem {
        sink.whole(problem.clone());
    }
    if matches!(found.role, Role::Skipped) {
        return (source, None, sink.diags);
    }
    match read_file(&found.abs, size) {
        Ok(bytes) => match decode(bytes) {
            Ok(text) => source.text = text,
            Err(encoding) => sink.whole(Problem::NotUtf8 { encoding }),
        },
        Err(err) => sink.whole(Problem::Unreadable {
            detail: io_detail(&err),
        }),
    }
    let parsed = match found.role {
        Role::Record(kind) if sink.diags.is_empty() => {
            let stem = stem(&found.rel, ".toml");
            if !RecordId::is_valid(stem) {
                sink.whole(Problem::BadId {
                    id: stem.to_owned(),
                });
            }
            let origin = Origin {
                id: RecordId(stem.to_owned()),
                file,
            };
            parse::record(kind, origin, &source.text, &mut sink)
        }
        _ => None,
    };
    (source, parsed, sink.diags)
}

/// The bytes of a file `size` bytes long as it was listed, where that is known: one
/// read into room for one byte more, which comes back short at the file's end (a file
/// grown since it was listed is read on to its end); else as `std::fs::read` reads it.
/// Its listing has already asked the file system for its size, and asking again, then
/// reading once more to find the end, were two of the six calls a record cost.
fn read_file(path: &Path, size: Option<u64>) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let Some(size) = size.and_then(|s| usize::try_from(s).ok()) else {
        return std::fs::read(path);
    };
    let mut file = std::fs::File::open(path)?;
    let mut bytes = vec![0; size + 1];
    let read = loop {
        match file.read(&mut bytes) {
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            read => break read?,
        }
    };
    bytes.truncate(read);
    if read > size {
        file.read_to_end(&mut bytes)?;
    }
    Ok(bytes)
}

/// The text of a file: UTF-8, with a leading byte order mark removed.
fn decode(mut bytes: Vec<u8>) -> Result<String, Encoding> {
    if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        bytes.drain(..3);
    }
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(Encoding::Utf16);
    }
    String::from_utf8(bytes).map_err(|err| guess_encoding(err.as_bytes()))
}

/// Whether non-UTF-8 bytes look like GBK/GB18030: high bytes in lead/trail pairs.
fn guess_encoding(bytes: &[u8]) -> Encoding {
    let mut i = 0;
    let mut pairs = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            i += 1;
        } else if (0x81..=0xFE).contains(&b)
            && bytes
                .get(i + 1)
                .is_some_and(|&t| (0x40..=0xFE).contains(&t) && t != 0x7F)
        {
            pairs += 1;
            i += 2;
        } else {
            return Encoding::Unknown;
        }
    }
    if pairs > 0 {
        Encoding::Gbk
    } else {
        Encoding::Unknown
    }
}

/// Puts the parsed files together into one [`Records`]: `read` holds what reading each
/// file of `found` yielded, in the same order.
fn assemble(found: &[Found], read: impl Iterator<Item = Read>) -> Loaded {
    let mut sources = Vec::with_capacity(found.len());
    let mut diagnostics = Vec::new();
    let mut ids: BTreeMap<Kind, Vec<(RecordId, FileId)>> = BTreeMap::new();
    let mut records = Records::default();
    let mut counts: BTreeMap<Kind, usize> = BTreeMap::new();
    for f in found {
        if let Role::Record(kind) = f.role {
            *counts.entry(kind).or_default() += 1;
        }
    }
    for (kind, count) in counts {
        records.reserve(kind, count);
    }
    let mut config_text = None;
    let mut register_text = None;
    for (i, ((source, parsed, diags), f)) in read.zip(found).enumerate() {
        let file = FileId(i as u32);
        let read_cleanly = diags.is_empty();
        diagnostics.extend(diags);
        match f.role {
            Role::Config => {
                records.config_file = file;
                config_text = read_cleanly.then(|| source.text.clone());
            }
            Role::Register => {
                records.register_file = file;
                register_text = read_cleanly.then(|| source.text.clone());
            }
            Role::Summary => records.summaries.push(Summary {
                semester: stem(&f.rel, ".md").to_owned(),
                file,
            }),
            Role::Record(kind) => {
                let stem = stem(&f.rel, ".toml");
                ids.entry(kind)
                    .or_default()
                    .push((RecordId(stem.to_owned()), file));
            }
            Role::Skipped => {}
        }
        if let Some(parsed) = parsed {
            parsed.add_to(&mut records);
        }
        sources.push(source);
    }
    if let Some(text) = config_text {
        let mut sink = Sink {
            file: records.config_file,
            diags: Vec::new(),
        };
        if let Some(config) = parse::config(&text, &mut sink) {
            records.config = config;
        }
        records.config_read = sink.diags.is_empty();
        diagnostics.extend(sink.diags);
    }
    if let Some(text) = register_text {
        let mut sink = Sink {
            file: records.register_file,
            diags: Vec::new(),
        };
        records.register = parse::register(&text, &mut sink);
        diagnostics.extend(sink.diags);
    }
    records.ids = ids;
    Loaded {
        sources: SourceMap::new(sources),
        records,
        diagnostics,
    }
}

#[cfg(test)]
mod tests {
    use super::read_file;

    #[test]
    fn a_file_is_read_whole_whatever_size_it_was_listed_with() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("R-1.toml");
        let text = "title = \"灯泡不亮\"\n".repeat(300);
        std::fs::write(&path, &text).unwrap();
        let len = text.len() as u64;
        // As listed, grown since (listed shorter), shrunk since (listed longer), unknown.
        for size in [Some(len), Some(3), Some(0), Some(len + 100), None] {
            assert_eq!(read_file(&path, size).unwrap(), text.as_bytes(), "{size:?}");
        }
        let empty = tmp.path().join("R-2.toml");
        std::fs::write(&empty, "").unwrap();
        assert_eq!(read_file(&empty, Some(0)).unwrap(), b"");
        assert!(read_file(&tmp.path().join("R-3.toml"), Some(10)).is_err());
    }
}
