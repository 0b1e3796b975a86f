//! Search: every record's page indexed with Pagefind (as a library, behind the default
//! `search` feature), so that the site finds anything among 100,000 records.
//!
//! The index is kept in partitions, one per folder of record pages (a kind's folder,
//! or a folder in it, as the records are kept: `pagefind/repairs-2011/`) and thousand
//! records in it (`pagefind/repairs-2011~2/`): they are built in parallel, and
//! `search.html` merges them in the browser (Pagefind's `mergeIndex`), reading their
//! names from `pagefind/bundles.json`. The first partition carries Pagefind's own
//! scripts, its WebAssembly and its interface; the others only their index. Chinese
//! text is indexed as Chinese (`zh`, segmented into words), whatever the language of
//! the site's fixed words: the records are written in Chinese (and `search.js` cuts a
//! query into Chinese words on a site in another language). A partition's results
//! are kept a few records to a file ([`FRAGMENT_FILES`]), and a partition whose
//! records are as they were is kept from the site being replaced.

/// What search finds a record by, taken from its page as it is rendered.
#[derive(Clone, Debug)]
pub struct Entry {
    /// The partition it is indexed in: the folder of its page (`repairs-2011`).
    pub partition: String,
    /// Its page, from the site's top.
    pub url: String,
    /// The result's title: id and title.
    pub title: String,
    /// What it is found by: its id, every text field (not its dates and amounts), its
    /// own lists and its notes.
    pub text: String,
    /// Filter name and value: kind, status, semester, location.
    pub filters: Vec<(&'static str, String)>,
}

/// The folder of the search index in the site.
pub const FOLDER: &str = "pagefind";

/// The most records a partition holds: saving one record indexes its partition again,
/// and Pagefind indexes about 3,000 records a second here.
pub const PARTITION_RECORDS: usize = 1000;

/// The most fragment files (what a result shows: its title, link and text) a
/// partition has: past this many records, Pagefind puts several records' fragments in
/// one file. A file for each of 100,000 records was half the site's files and most
/// of the time it took to lay them down; ten records to a file is still a few
/// kilobytes for a result to fetch.
#[cfg(feature = "search")]
const FRAGMENT_FILES: u32 = (PARTITION_RECORDS / 10) as u32;

/// The partition of a record's page: its folder (`repairs/2011/R-1.html` →
/// `repairs-2011`), and which thousand of the records in its file's folder it is
/// among, `nth` being its place there (`repairs-2011~2` for the second thousand).
pub fn partition_of(page: &str, nth: usize) -> String {
    let folder = page[..page.rfind('/').unwrap_or(0)].replace('/', "-");
    match nth / PARTITION_RECORDS {
        0 => folder,
        n => format!("{folder}~{}", n + 1),
    }
}

/// Pagefind's interface and its search engine (its scripts and its WebAssembly): only
/// the first partition carries them. The browser runs the first partition's engine
/// over every partition merged into it (`mergeIndex` reads a merged bundle's entry,
/// meta, index, filter and fragment files, never its scripts or its WebAssembly), so
/// the others carry their index alone.
#[cfg(feature = "search")]
const ENGINE: &[&str] = &[
    "pagefind.js",
    "pagefind-worker.js",
    "pagefind-ui.js",
    "pagefind-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
    "pagefind-highlight.js",
];

/// Whether a file of a partition's bundle is Pagefind's interface or engine, which only
/// the first partition carries: one of [`ENGINE`] or a WebAssembly file
/// (`wasm.unknown.pagefind`, `wasm.zh.pagefind`).
#[cfg(feature = "search")]
fn is_engine(file: &str) -> bool {
    ENGINE.contains(&file) || (file.starts_with("wasm.") && file.ends_with(".pagefind"))
}

/// Where the search index goes.
pub struct Output<'w> {
    /// Writes a file of the new site, at a `/`-separated path from its top.
    pub write: &'w (dyn Fn(&str, &[u8]) -> std::io::Result<()> + Sync),
    /// Puts a file of the site being replaced, unchanged, into the new one.
    pub keep: &'w (dyn Fn(&str, &std::path::Path) -> std::io::Result<()> + Sync),
    /// The site being replaced, if there is one.
    pub previous: Option<&'w std::path::Path>,
}

/// The file in each partition's bundle that says what it was built from.
#[cfg(feature = "search")]
const DIGEST: &str = "zongwu.digest";

/// Writes the search index: each partition's Pagefind bundle as soon as it is built
/// (partitions are indexed in parallel), then `pagefind/bundles.json`, the
/// partitions' names, the first one first. A partition whose records read the same as
/// when the site being replaced was built (same entries, same zongwu) is kept from it
/// rather than indexed again: one record saved re-indexes only its partition. Returns
/// how many files were written.
#[cfg(feature = "search")]
pub fn index(entries: Vec<Entry>, out: &Output) -> Result<usize, String> {
    use rayon::prelude::*;
    use std::collections::BTreeMap;
    let mut partitions: BTreeMap<String, Vec<Entry>> = BTreeMap::new();
    for entry in entries {
        partitions
            .entry(entry.partition.clone())
            .or_default()
            .push(entry);
    }
    let names: Vec<&String> = partitions.keys().collect();
    let bundles = serde_json::to_vec(&names).map_err(|e| e.to_string())?;
    let partitions: Vec<(String, Vec<Entry>)> = partitions.into_iter().collect();
    // One partition to a job: left to split as it likes, rayon hands out a few runs
    // of partitions, and a thread that finishes its own cannot take from another's.
    let written: Vec<usize> = partitions
        .par_iter()
        .with_max_len(1)
        .enumerate()
        .map(|(n, (name, entries))| {
            let folder = format!("{FOLDER}/{name}");
            let digest = digest(n == 0, entries);
            match keep(out, &folder, &digest)? {
                Some(kept) => Ok(kept),
                None => partition(&folder, n == 0, entries, &digest, out.write),
            }
        })
        .collect::<Result<_, String>>()?;
    let path = format!("{FOLDER}/bundles.json");
    (out.write)(&path, &bundles).map_err(|e| format!("{path}: {e}"))?;
    Ok(written.iter().sum::<usize>() + 1)
}

/// Writes one partition's bundle into `folder` (with Pagefind's interface and engine if
/// it is the first) and its digest; how many files were written.
#[cfg(feature = "search")]
fn partition(
    folder: &str,
    first: bool,
    entries: &[Entry],
    digest: &str,
    write: &(dyn Fn(&str, &[u8]) -> std::io::Result<()> + Sync),
) -> Result<usize, String> {
    let mut count = 0;
    for (file, bytes) in bundle(entries)? {
        if first || !is_engine(&file) {
            let path = format!("{folder}/{file}");
            write(&path, &bytes).map_err(|e| format!("{path}: {e}"))?;
            count += 1;
        }
    }
    let path = format!("{folder}/{DIGEST}");
    write(&path, digest.as_bytes()).map_err(|e| format!("{path}: {e}"))?;
    Ok(count + 1)
}

/// Indexes some partitions again in the site in `site`, each into a new folder that
/// then replaces its old one whole (`first` names the partition that carries
/// Pagefind's interface and engine); how many files were written.
#[cfg(feature = "search")]
pub fn reindex(
    partitions: std::collections::BTreeMap<String, Vec<Entry>>,
    first: Option<&str>,
    site: &std::path::Path,
) -> Result<usize, String> {
    use rayon::prelude::*;
    let pid = std::process::id();
    let partitions: Vec<(&String, &Vec<Entry>)> = partitions.iter().collect();
    let written: Vec<usize> = partitions
        .into_par_iter()
        .with_max_len(1)
        .map(|(name, entries)| {
            let is_first = first == Some(name.as_str());
            let fresh = format!("{FOLDER}/.{name}.new-{pid}");
            let write = |rel: &str, bytes: &[u8]| {
                let path = site.join(rel);
                std::fs::create_dir_all(path.parent().unwrap_or(site))?;
                std::fs::write(path, bytes)
            };
            let digest = digest(is_first, entries);
            let count = partition(&fresh, is_first, entries, &digest, &write)?;
            let folder = site.join(FOLDER).join(name);
            let old = site.join(FOLDER).join(format!(".{name}.old-{pid}"));
            let swap = || -> std::io::Result<()> {
                if folder.exists() {
                    std::fs::rename(&folder, &old)?;
                }
                std::fs::rename(site.join(&fresh), &folder)?;
                if old.exists() {
                    std::fs::remove_dir_all(&old)?;
                }
                Ok(())
            };
            swap().map_err(|e| format!("{}: {e}", folder.display()))?;
            Ok(count)
        })
        .collect::<Result<_, String>>()?;
    Ok(written.iter().sum())
}

/// What a partition's bundle is made from: whether it is the first (which carries
/// Pagefind's interface and engine), every entry, and the zongwu that indexes them.
#[cfg(feature = "search")]
fn digest(first: bool, entries: &[Entry]) -> String {
    use std::hash::{DefaultHasher, Hash, Hasher};
    let mut h = DefaultHasher::new();
    env!("CARGO_PKG_VERSION").hash(&mut h);
    crate::cache::this_binary().hash(&mut h);
    first.hash(&mut h);
    for e in entries {
        (&e.url, &e.title, &e.text, &e.filters).hash(&mut h);
    }
    format!("{:016x}\n", h.finish())
}

/// Keeps a partition's bundle from the site being replaced if it was made from the
/// same (its digest file matches); how many files were kept, or `None`.
#[cfg(feature = "search")]
fn keep(out: &Output, folder: &str, digest: &str) -> Result<Option<usize>, String> {
    let Some(previous) = out.previous else {
        return Ok(None);
    };
    let from = previous.join(folder);
    if std::fs::read_to_string(from.join(DIGEST)).ok().as_deref() != Some(digest) {
        return Ok(None);
    }
    let mut count = 0;
    for entry in walkdir::WalkDir::new(&from).follow_links(false) {
        let entry = entry.map_err(|e| e.to_string())?;
        if entry.file_type().is_file() {
            let rel = entry.path().strip_prefix(&from).unwrap_or(entry.path());
            let rel = rel.to_string_lossy().replace('\\', "/");
            let path = format!("{folder}/{rel}");
            (out.keep)(&path, entry.path()).map_err(|e| format!("{path}: {e}"))?;
            count += 1;
        }
    }
    Ok(Some(count))
}

/// One partition's Pagefind bundle: its files by name within the bundle.
#[cfg(feature = "search")]
fn bundle(entries: &[Entry]) -> Result<Vec<(String, Vec<u8>)>, String> {
    use pagefind::api::PagefindIndex;
    use pagefind::options::PagefindServiceConfig;
    use std::collections::BTreeMap;
    // Pagefind hands every record to a thread the runtime starts: both on one core.
    let _one_core = super::pin::OneCore::here();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .map_err(|e| e.to_string())?;
    runtime.block_on(async {
        let config = PagefindServiceConfig::builder()
            .keep_index_url(true)
            .force_language("zh".to_owned())
            .max_fragments(FRAGMENT_FILES)
            .build();
        let mut index = PagefindIndex::new(Some(config)).map_err(|e| e.to_string())?;
        for entry in entries {
            let meta = BTreeMap::from([("title".to_owned(), entry.title.clone())]);
            let mut filters: BTreeMap<String, Vec<String>> = BTreeMap::new();
            for (name, value) in &entry.filters {
                filters
                    .entry((*name).to_owned())
                    .or_default()
                    .push(value.clone());
            }
            index
                .add_custom_record(
                    entry.url.clone(),
                    entry.text.clone(),
                    "zh".to_owned(),
                    Some(meta),
                    Some(filters),
                    None,
                )
                .await
                .map_err(|e| e.to_string())?;
        }
        let files = index.get_files().await.map_err(|e| e.to_string())?;
        Ok(files
            .into_iter()
            .map(|f| {
                let name = f
                    .filename
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy())
                    .collect::<Vec<_>>()
                    .join("/");
                (name, f.contents)
            })
            .collect())
    })
}

/// Without the `search` feature, there is no index to write.
#[cfg(not(feature = "search"))]
pub fn index(_entries: Vec<Entry>, _out: &Output) -> Result<usize, String> {
    Ok(0)
}

/// Without the `search` feature, there is no index to write again.
#[cfg(not(feature = "search"))]
pub fn reindex(
    _partitions: std::collections::BTreeMap<String, Vec<Entry>>,
    _first: Option<&str>,
    _site: &std::path::Path,
) -> Result<usize, String> {
    Ok(0)
}
