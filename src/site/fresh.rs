//! What a build of the site leaves for the next one, and the fast paths it allows.
//!
//! The next build ([`Previous::of`]) takes the inputs' [`Fingerprint`] first. If it and
//! the site's folders match what the last build stored, the site is what a full build
//! would write, and nothing is done — in about the time it takes to list the records.
//! If only the record files differ, the site may be updated in place (see
//! `site::update`), with the records the last build read taken from its [`Cache`]. The
//! fingerprint is taken before anything is read, and the manifest is removed until the
//! build succeeds: a record saved while a build runs is seen as changed by the next
//! one, and a build that fails leaves the next one a whole build.

use crate::cache::fingerprint::Fingerprint;
use crate::cache::{Cache, Reused};
use crate::load::Listing;
use std::io;
use std::path::Path;

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
            (Some(listing), false) => Fingerprint::of(root, listing.hash(), settings).ok(),
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
