//! What a build keeps beside the site for the next one, below the site and the load
//! (which use it; it uses neither): the records it read ([`Cache`]), and the
//! fingerprint of its inputs ([`fingerprint`]), each a file beside the output folder.

pub mod fingerprint;
mod records;

pub use records::{Cache, Entry, Known, Reused, Stamp, read_back};

use std::path::{Path, PathBuf};

/// A hidden sibling of `out`: `.NAME.SUFFIX` beside the output folder `NAME`.
pub fn beside(out: &Path, suffix: &str) -> PathBuf {
    let name = out
        .file_name()
        .map_or_else(|| "site".into(), |n| n.to_string_lossy().into_owned());
    out.with_file_name(format!(".{name}.{suffix}"))
}

/// The running binary's size and modification time: a new zongwu rebuilds everything.
pub fn this_binary() -> Option<(u64, std::time::SystemTime)> {
    let meta = std::env::current_exe().ok()?.metadata().ok()?;
    Some((meta.len(), meta.modified().ok()?))
}
