//! Render: the static site, from checked records to a folder of HTML pages.
//!
//! [`build`] plans the pages, renders them in parallel with the Tera templates, and
//! writes them into a staging folder that replaces the output only when complete;
//! [`update`] writes again in place only the pages that changed records touch
//! ([`build_or_update`] chooses).
//! Nothing here computes a status or a figure: pages present what [`crate::compute`]
//! worked out on the day in question.

pub mod charts;
pub mod fresh;
pub mod html;
pub mod markdown;
pub mod nav;
pub mod output;
pub(crate) mod pages;
#[cfg(feature = "search")]
mod pin;
pub mod search;
pub mod table;
pub mod templates;
mod update;
pub mod words;

pub use pages::Site;
pub use update::update;

use crate::compute::Computed;
use crate::i18n::Lang;
use crate::model::Kind;
use crate::source::SourceMap;
use rayon::prelude::*;
use std::path::{Path, PathBuf};

/// How to build.
#[derive(Clone, Debug)]
pub struct Options {
    /// The output folder.
    pub out: PathBuf,
    /// The records directory: its `templates/` override the built-in ones, its
    /// `attachments/` are published, and its git history is shown.
    pub root: PathBuf,
    /// The language of fixed words.
    pub lang: Lang,
    /// A time stamp to print in the footer; none by default, so builds are reproducible.
    pub stamp: Option<String>,
    /// Only the printable summary of this semester (for `zongwu pdf`), or every page.
    pub only_semester: Option<String>,
    /// Whether to write the search index (`--no-search` leaves it out; a printable
    /// summary alone never needs it).
    pub search: bool,
}

/// Why a build failed. The previous output is left as it was.
#[derive(Debug)]
pub enum BuildError {
    /// A template could not be parsed or rendered.
    Template(templates::TemplateError),
    /// The output could not be written.
    Io(PathBuf, std::io::Error),
    /// The search index could not be built.
    Search(String),
}

impl std::fmt::Display for BuildError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            BuildError::Template(e) => write!(f, "{e}"),
            BuildError::Io(path, e) => write!(f, "{}: {e}", path.display()),
            BuildError::Search(e) => write!(f, "search index: {e}"),
        }
    }
}

/// What a build wrote.
#[derive(Clone, Copy, Debug)]
pub struct Built {
    /// HTML pages written.
    pub pages: usize,
    /// Files written in all (pages, CSV, static files, attachments).
    pub files: usize,
}

/// The folders of report pages.
const REPORT_FOLDERS: [&str; 3] = ["months", "locations", "semesters"];

/// The templates, with the values every page shares set.
fn templates(computed: &Computed, options: &Options) -> Result<templates::Templates, BuildError> {
    let records = &computed.records;
    let mut tpl = templates::load(&options.root.join("templates")).map_err(BuildError::Template)?;
    let lang = options.lang;
    let global = tpl.tera.global_context();
    global.insert("lang", lang.tag());
    global.insert("t", &words::all(lang));
    global.insert(
        "site",
        &serde_json::json!({
            "title": records.config.site.title,
            "school": records.config.school.name,
            "office": records.config.school.office,
        }),
    );
    global.insert("nav", &nav::items(lang));
    global.insert("generated", &options.stamp);
    global.insert("day", &computed.day.to_string());
    Ok(tpl)
}

/// One page rendered: its files (its parts, or those asked for, and the files that
/// go with it), and how many parts it has in all.
struct Rendered {
    files: Vec<(String, Vec<u8>)>,
    pages: usize,
    parts: usize,
}

/// Renders one page: every part of it, or only the parts `only` lists.
fn render(
    site: &pages::Site,
    tera: &tera::Tera,
    spec: pages::Spec,
    only: Option<&std::collections::BTreeSet<usize>>,
) -> Result<Rendered, BuildError> {
    let page = site.page(spec);
    let parts = match page.parted {
        true => pages::parts(page.sections),
        false => vec![page.sections],
    };
    let pager = pager(&page.path, &parts);
    let mut context = page.context;
    if parts.len() > 1 {
        context.insert("parts", &pager);
    }
    let mut files = Vec::new();
    for (n, (part, sections)) in pager.iter().zip(&parts).enumerate() {
        if only.is_some_and(|only| !only.contains(&n)) {
            continue;
        }
        let html = table::splice_rows(|| {
            context.insert("sections", sections);
            context.insert("part", part);
            let mut html = Vec::new();
            tera.render_to(page.template, &context, &mut html)
                .map(|()| html)
        })
        .map_err(|e| BuildError::Template(e.into()))?;
        files.push((part.path.clone(), html));
    }
    let pages = files.len();
    files.extend(page.extra);
    Ok(Rendered {
        files,
        pages,
        parts: parts.len(),
    })
}

/// The most pages rendered one after another as one job of the thread pool. Left to
/// split the list as it likes, rayon cuts it into a run per thread and a half, and a
/// thread that runs out of pages cannot take any from a run another is in: the last
/// quarter of the list (the pages of places, months and the records behind figures,
/// heavier than a record's page) was laid out by one thread while the other waited.
const PAGES_PER_JOB: usize = 16;

/// Builds the site of checked records from what was computed of them.
pub fn build(
    computed: &Computed,
    sources: &SourceMap,
    options: &Options,
) -> Result<Built, BuildError> {
    let records = &computed.records;
    let tpl = templates(computed, options)?;
    let mut site = pages::Site::new(computed, sources, options.lang);
    site.list_fields = tpl.is_own("record.html");
    let mut specs = site.plan();
    if let Some(id) = &options.only_semester {
        // A summary printed alone: its figures lead to the published site, if any.
        site.figure_links = match &records.config.site.base_url {
            Some(base) => pages::FigureLinks::At(base.clone()),
            None => pages::FigureLinks::Off,
        };
        let semesters = &records.config.semesters;
        specs.retain(|spec| matches!(spec, pages::Spec::Semester(i) if *semesters[*i].id == *id));
    }
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |e| BuildError::Io(path, e)
    };
    let staging = output::Staging::new(&options.out).map_err(io(&options.out))?;
    staging
        .folders(Kind::folders().chain(REPORT_FOLDERS))
        .map_err(io(&options.out))?;
    let previous = options.out.is_dir().then_some(options.out.as_path());
    site.prepare_rows(&specs);
    let pages = || {
        specs
            .par_iter()
            .with_max_len(PAGES_PER_JOB)
            .map(|spec| {
                let rendered = render(&site, &tpl.tera, *spec, None)?;
                for (path, bytes) in &rendered.files {
                    put(&staging, previous, path, bytes).map_err(io(Path::new(path)))?;
                }
                Ok((rendered.pages, rendered.files.len() - rendered.pages))
            })
            .collect::<Result<Vec<(usize, usize)>, BuildError>>()
    };
    // The search index is built while the pages are written (the printable summary
    // alone, for `zongwu pdf`, needs none).
    let index = || match options.search && options.only_semester.is_none() {
        false => Ok(0),
        true => {
            let entries = specs
                .par_iter()
                .filter_map(|spec| match spec {
                    pages::Spec::Record(kind, i) => site.search_entry_of(*kind, *i),
                    _ => None,
                })
                .collect();
            let output = search::Output {
                write: &|path, bytes| staging.write(path, bytes),
                keep: &|path, from| staging.keep(path, from),
                previous,
            };
            search::index(entries, &output).map_err(BuildError::Search)
        }
    };
    let (written, searched) = rayon::join(pages, index);
    let (written, searched) = (written?, searched?);
    let pages_written = written.iter().map(|(pages, _)| pages).sum::<usize>();
    let extras_written = written.iter().map(|(_, extra)| extra).sum::<usize>();
    for (name, text) in &tpl.statics {
        staging
            .write(name, text.as_bytes())
            .map_err(io(Path::new(name)))?;
    }
    let attachments_dir = options.root.join("attachments");
    let attachments = copy_attachments(&attachments_dir, &staging).map_err(io(&attachments_dir))?;
    staging.commit().map_err(io(&options.out))?;
    Ok(Built {
        pages: pages_written,
        files: pages_written + extras_written + searched + tpl.statics.len() + attachments,
    })
}

/// Updates the site in place where the last build left it so and only record files
/// changed (`reused` says which, and what they held), else builds it whole; with
/// whether it was updated in place.
pub fn build_or_update(
    computed: &Computed,
    sources: &SourceMap,
    options: &Options,
    in_place: bool,
    reused: &crate::cache::Reused,
) -> Result<(Built, bool), BuildError> {
    if in_place
        && reused.same_files()
        && options.only_semester.is_none()
        && let Some(built) = update(computed, sources, options, &reused.before)?
    {
        return Ok((built, true));
    }
    build(computed, sources, options).map(|built| (built, false))
}

/// Writes a file of the site, or links the copy in the site being replaced where it
/// holds the same bytes: a link allocates no inode, which on a well-used file system is
/// most of what writing a small file costs.
fn put(
    staging: &output::Staging,
    previous: Option<&Path>,
    rel: &str,
    bytes: &[u8],
) -> std::io::Result<()> {
    if let Some(previous) = previous {
        let old = previous.join(rel);
        let same = std::fs::metadata(&old).is_ok_and(|m| m.len() == bytes.len() as u64)
            && std::fs::read(&old).is_ok_and(|b| b == bytes);
        if same {
            return staging.keep(rel, &old);
        }
    }
    staging.write(rel, bytes)
}

/// One part of a page shown in parts: its file, the link to it from the others (they
/// are in one folder) and the rows it shows (`1–1000`).
#[derive(serde::Serialize)]
struct Part {
    path: String,
    href: String,
    rows: String,
}

/// The parts of a page, each with the range of rows it shows.
fn pager(path: &str, parts: &[Vec<pages::Section>]) -> Vec<Part> {
    let mut first = 1;
    parts
        .iter()
        .enumerate()
        .map(|(n, sections)| {
            let rows: usize = sections.iter().map(|s| s.table.len()).sum();
            let path = pages::part_path(path, n);
            let part = Part {
                href: path.rsplit('/').next().unwrap_or(&path).to_owned(),
                rows: format!("{}–{}", first, first + rows.max(1) - 1),
                path,
            };
            first += rows;
            part
        })
        .collect()
}

/// Copies `attachments/` into the site; links are not followed, so nothing outside
/// the records directory is published.
fn copy_attachments(from: &Path, staging: &output::Staging) -> std::io::Result<usize> {
    if !from.is_dir() {
        return Ok(0);
    }
    let mut count = 0;
    for entry in walkdir::WalkDir::new(from)
        .follow_links(false)
        .sort_by_file_name()
    {
        let entry = entry.map_err(std::io::Error::other)?;
        if !entry.file_type().is_file() {
            continue;
        }
        let rel = entry.path().strip_prefix(from).unwrap_or(entry.path());
        let rel: Vec<String> = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        staging.write(
            &format!("attachments/{}", rel.join("/")),
            &std::fs::read(entry.path())?,
        )?;
        count += 1;
    }
    Ok(count)
}
