//! The Tera templates: the built-in ones embedded in the binary, each overridable by a
//! file of the same name in `RECORDS_DIR/templates/`.

use std::path::Path;
use tera::Tera;

/// The built-in templates and static files, by name.
pub const BUILT_IN: &[(&str, &str)] = &[
    ("base.html", include_str!("../../templates/base.html")),
    ("section.html", include_str!("../../templates/section.html")),
    ("figures.html", include_str!("../../templates/figures.html")),
    ("home.html", include_str!("../../templates/home.html")),
    ("list.html", include_str!("../../templates/list.html")),
    ("record.html", include_str!("../../templates/record.html")),
    ("month.html", include_str!("../../templates/month.html")),
    ("report.html", include_str!("../../templates/report.html")),
    ("search.html", include_str!("../../templates/search.html")),
    ("book.html", include_str!("../../templates/book.html")),
    (
        "semester.html",
        include_str!("../../templates/semester.html"),
    ),
    ("style.css", include_str!("../../templates/style.css")),
    ("table.js", include_str!("../../templates/table.js")),
    ("search.js", include_str!("../../templates/search.js")),
];

/// Files copied to the site as they are (after overrides).
pub const STATIC: &[&str] = &["style.css", "table.js", "search.js"];

/// A template could not be read, parsed or rendered: the message names the file and line.
#[derive(Debug)]
pub struct TemplateError(pub String);

impl std::fmt::Display for TemplateError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<tera::Error> for TemplateError {
    fn from(err: tera::Error) -> Self {
        let mut message = err.to_string();
        let mut source = std::error::Error::source(&err);
        while let Some(cause) = source {
            message.push_str(&format!("\n  {cause}"));
            source = cause.source();
        }
        TemplateError(message)
    }
}

/// The templates in use, with the static files' contents.
pub struct Templates {
    /// The Tera instance, with every template parsed.
    pub tera: Tera,
    /// The static files (stylesheet, script), overrides applied.
    pub statics: Vec<(&'static str, String)>,
    /// The names of the templates and files the office has its own of.
    own: Vec<&'static str>,
}

impl Templates {
    /// Whether the office has its own template or file of this name.
    pub fn is_own(&self, name: &str) -> bool {
        self.own.contains(&name)
    }
}

/// Loads the built-in templates with the overrides found in `overrides`.
pub fn load(overrides: &Path) -> Result<Templates, TemplateError> {
    let mut sources: Vec<(&'static str, String)> = Vec::with_capacity(BUILT_IN.len());
    let mut own = Vec::new();
    for (name, built_in) in BUILT_IN {
        let path = overrides.join(name);
        let text = if path.is_file() {
            own.push(*name);
            std::fs::read_to_string(&path)
                .map_err(|e| TemplateError(format!("templates/{name}: {e}")))?
        } else {
            (*built_in).to_owned()
        };
        sources.push((name, text));
    }
    let mut tera = Tera::default();
    tera.autoescape_on(vec![".html"]);
    let (statics, pages): (Vec<_>, Vec<_>) = sources
        .into_iter()
        .partition(|(name, _)| STATIC.contains(name));
    tera.add_raw_templates(pages.iter().map(|(n, t)| (*n, t.as_str())))?;
    Ok(Templates { tera, statics, own })
}
