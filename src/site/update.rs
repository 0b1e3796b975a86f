//! Writing again only what a change touched: when some record files were saved since
//! the last build and nothing else changed, the site in place gets the pages that
//! show those records — each record's page, the pages of the records it names (they
//! list it), the part of its kind's index it is a row of, its kind's own pages (the
//! rule book), its locations and months (before and after the change), and every
//! page of figures (dashboard, open items,
//! ranking, semesters, the months' and locations' lists, budgets) — and the search
//! partitions they are indexed in. Every other page stays as it is.
//!
//! A location or month page that a change brings (its first record) is written; one
//! it leaves empty is removed, and a month's neighbours are written again for their
//! links to the previous and next month. Where a change would add or remove rows (a
//! record that comes into being on the day in question or stops existing),
//! [`update`] declines and the caller builds the whole site. A page is replaced
//! atomically (written beside, then renamed over); a page that reads the same is not
//! written at all. `tests/site.rs` holds an incremental build to the whole build: the
//! same bytes, page for page.

use super::pages::{self, PART_ROWS, Site, Spec};
use super::{BuildError, Built, Options, render, search};
use crate::compute::{Computed, Idx};
use crate::kinds::{Parsed, Record, dispatch, each};
use crate::model::{Kind, Month, Place, RecordPage, Records};
use crate::source::{FileId, SourceMap};
use chrono::NaiveDate;
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// What a record touches on the site: the records it names, its locations, the months
/// of its dates, and the first of them (before it, the record does not exist).
struct Touch<'a> {
    kind: Kind,
    names: Vec<(Kind, &'a str)>,
    locations: Vec<&'a str>,
    months: Vec<Month>,
    first: Option<NaiveDate>,
}

impl<'a> Touch<'a> {
    fn of(parsed: &'a Parsed) -> Touch<'a> {
        fn touch<K: Record>(r: &K) -> Touch<'_> {
            Touch {
                kind: K::KIND,
                names: r
                    .references()
                    .into_iter()
                    .map(|n| (n.kind, n.id.as_str()))
                    .collect(),
                locations: r.locations().into_iter().map(|l| l.name.as_str()).collect(),
                months: r.months(),
                first: None,
            }
        }
        Touch {
            first: parsed.first(),
            ..each!(parsed, r => touch(r))
        }
    }
}

/// The pages to write again: whole pages, and parts of kinds' indexes; and the pages
/// of locations and months that no record is in any more, to remove.
#[derive(Default)]
struct Targets {
    pages: BTreeSet<Spec>,
    parts: BTreeMap<Kind, BTreeSet<usize>>,
    gone: BTreeSet<String>,
}

impl Targets {
    /// The pages a changed file touches, as it was (`before`) and as it is; `None` if
    /// the change adds or removes rows (a record that comes into being on the day in
    /// question or stops existing).
    fn add(&mut self, site: &Site, out: &Path, file: FileId, before: &Parsed) -> Option<()> {
        let path = site.sources.get(file).path.as_str();
        let old = Touch::of(before);
        let kind = old.kind;
        let now = site.pages_by_path.get(path).map(|&(_, id)| id);
        let now = now.and_then(|id| site.index.get(&(kind, id)).copied());
        let existed = old.first.is_none_or(|first| first <= site.c.day);
        if existed != now.is_some() {
            return None;
        }
        let Some(i) = now else {
            return Some(()); // neither then nor now on the day: on no page
        };
        let after = parsed(site.records, kind, i);
        let new = Touch::of(&after);
        self.record(site, kind, i);
        self.pages.extend(kind.pages().iter().map(|p| p.spec));
        let traced = site.traced_pages_of(kind, i, before)?;
        self.pages.extend(traced.into_iter().map(Spec::Traced));
        for touch in [&old, &new] {
            for &(kind, id) in &touch.names {
                if let Some(&j) = site.index.get(&(kind, id)) {
                    self.record(site, kind, j);
                }
            }
            // A room's building page counts what the room holds and lists its records.
            let buildings = touch.locations.iter().filter_map(|l| match site.place(l)? {
                Place::Room(_, room) => Some(room.building.as_str()),
                Place::Building(..) => None,
            });
            let places: Vec<&str> = touch.locations.iter().copied().chain(buildings).collect();
            for location in &places {
                match site.locations.binary_search_by(|(n, _)| n.cmp(location)) {
                    Ok(j) => self.pages.insert(Spec::Location(j)),
                    Err(_) => self
                        .gone
                        .insert(format!("locations/{}.html", pages::slug(location))),
                };
            }
            for month in &touch.months {
                let page = format!("months/{month}.html");
                let shown = site.c.months.contains_key(month);
                if shown {
                    self.pages.insert(Spec::Month(*month));
                } else {
                    self.gone.insert(page.clone());
                }
                if shown != out.join(&page).is_file() {
                    // A month page comes or goes: its neighbours' links to the previous
                    // and next month change.
                    let before = site.c.months.range(..*month).next_back();
                    let after = site.c.months.range(*month..).find(|(m, _)| *m != month);
                    for (m, _) in before.into_iter().chain(after) {
                        self.pages.insert(Spec::Month(*m));
                    }
                }
            }
        }
        if kind == Kind::Asset {
            // An asset audit's page shows each card it checked, and what it says of it.
            let id = site.records.assets[i].origin.id.as_str();
            for &(x, _) in site.c.links.audits_of_asset.get(id).into_iter().flatten() {
                self.record(site, Kind::Inspection, x);
            }
        }
        if kind.info().page == RecordPage::Own {
            self.parts.entry(kind).or_default().insert(i / PART_ROWS);
        }
        Some(())
    }

    /// A record's own page (a budget is shown on its month's).
    fn record(&mut self, site: &Site, kind: Kind, i: Idx) {
        match kind.info().page {
            RecordPage::Own => self.pages.insert(Spec::Record(kind, i)),
            RecordPage::Month => self
                .pages
                .insert(Spec::Month(site.records.budgets[i].month)),
        };
    }
}

/// Record `i` of a kind, as the site shows it.
fn parsed(records: &Records, kind: Kind, i: Idx) -> Parsed {
    dispatch!(kind, K => K::all(records)[i].clone().into())
}

/// The pages of figures that any change may move: always written again. (The pages of
/// the records behind figures are written again where the changed record is on them,
/// then or now.)
fn figures(site: &Site) -> impl Iterator<Item = Spec> {
    let semesters = (0..site.records.config.semesters.len()).map(Spec::Semester);
    Spec::GATHERED
        .into_iter()
        .chain([Spec::Index(Kind::Budget)])
        .chain(semesters)
}

/// Writes again, in the site in `options.out`, the pages that the files in `before`
/// (each with what it held at the last build) touch. `Ok(None)` if the change is one
/// that only a whole build can show.
pub fn update(
    computed: &Computed,
    sources: &SourceMap,
    options: &Options,
    before: &[(FileId, Option<Parsed>)],
) -> Result<Option<Built>, BuildError> {
    let out = options.out.as_path();
    let mut site = Site::new(computed, sources, options.lang);
    let mut targets = Targets::default();
    for (file, old) in before {
        let Some(old) = old else { return Ok(None) };
        if targets.add(&site, out, *file, old).is_none() {
            return Ok(None);
        }
    }
    // A value no record had before (a new category) brings a page of its records to
    // every semester, also to those the changed records are not in.
    let new = site.new_group_pages(out);
    targets.pages.extend(new.into_iter().map(Spec::Traced));
    let tpl = super::templates(computed, options)?;
    site.list_fields = tpl.is_own("record.html");
    let whole: BTreeSet<Spec> = targets
        .pages
        .iter()
        .copied()
        .chain(figures(&site))
        .filter(|spec| !matches!(spec, Spec::Index(kind) if targets.parts.contains_key(kind)))
        .collect();
    let jobs: Vec<(Spec, Option<&BTreeSet<usize>>)> = whole
        .iter()
        .map(|spec| (*spec, None))
        .chain(
            targets
                .parts
                .iter()
                .map(|(kind, parts)| (Spec::Index(*kind), Some(parts))),
        )
        .collect();
    site.prepare_rows(&whole);
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |e| BuildError::Io(path, e)
    };
    // The search partitions are indexed while the pages are written.
    let search = || match options.search {
        true => reindex(&site, out, &targets),
        false => Ok(0),
    };
    let pages = || {
        jobs.par_iter()
            .with_max_len(super::PAGES_PER_JOB)
            .map(|(spec, only)| {
                let rendered = render(&site, &tpl.tera, *spec, *only)?;
                let mut written = 0;
                for (path, bytes) in &rendered.files {
                    written += replace(out, path, bytes).map_err(io(&out.join(path)))?;
                }
                if only.is_none() {
                    let first = rendered.files.first().map(|(path, _)| path.as_str());
                    remove_parts_after(out, first, rendered.parts).map_err(io(out))?;
                }
                Ok((rendered.pages, written))
            })
            .collect::<Result<Vec<(usize, usize)>, BuildError>>()
    };
    let (written, searched) = rayon::join(pages, search);
    let (written, searched) = (written?, searched?);
    for page in &targets.gone {
        remove_parts_after(out, Some(page), 0).map_err(io(&out.join(page)))?;
    }
    Ok(Some(Built {
        pages: written.iter().map(|(pages, _)| pages).sum(),
        files: written.iter().map(|(_, files)| files).sum::<usize>() + searched,
    }))
}

/// Writes a file of the site in place unless it already reads the same: beside it,
/// then renamed over it. How many files were written (0 or 1).
fn replace(out: &Path, rel: &str, bytes: &[u8]) -> std::io::Result<usize> {
    let path = out.join(rel);
    if std::fs::read(&path).is_ok_and(|old| old == bytes) {
        return Ok(0);
    }
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    let temp = path.with_file_name(format!(".{name}.tmp-{}", std::process::id()));
    std::fs::write(&temp, bytes)?;
    std::fs::rename(&temp, &path)?;
    Ok(1)
}

/// Removes the parts of a page past its last one (a list that got shorter).
fn remove_parts_after(out: &Path, first: Option<&str>, parts: usize) -> std::io::Result<()> {
    let Some(first) = first else { return Ok(()) };
    for n in parts.. {
        let path = out.join(pages::part_path(first, n));
        match std::fs::remove_file(&path) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

/// Indexes again the search partitions of the records whose pages were written,
/// replacing each partition's folder whole; how many files were written.
fn reindex(site: &Site, out: &Path, targets: &Targets) -> Result<usize, BuildError> {
    let changed: BTreeSet<String> = targets
        .pages
        .iter()
        .filter_map(|spec| match spec {
            Spec::Record(kind, i) => Some(site.partition(*kind, *i)),
            _ => None,
        })
        .collect();
    if changed.is_empty() {
        return Ok(0);
    }
    let records: Vec<(Kind, Idx, String)> = Kind::ALL
        .into_iter()
        .filter(|kind| kind.info().page == RecordPage::Own)
        .flat_map(|kind| (0..site.records.count(kind)).map(move |i| (kind, i)))
        .map(|(kind, i)| (kind, i, site.partition(kind, i)))
        .collect();
    let first = records.iter().map(|(_, _, p)| p).min().cloned();
    let mut partitions: BTreeMap<String, Vec<search::Entry>> = BTreeMap::new();
    let entries: Vec<search::Entry> = records
        .par_iter()
        .filter(|(_, _, partition)| changed.contains(partition))
        .filter_map(|(kind, i, _)| site.search_entry_of(*kind, *i))
        .collect();
    for entry in entries {
        partitions
            .entry(entry.partition.clone())
            .or_default()
            .push(entry);
    }
    search::reindex(partitions, first.as_deref(), out).map_err(BuildError::Search)
}
