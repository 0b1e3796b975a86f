//! Printing a semester summary to PDF with an installed Chromium (headless).
//!
//! zongwu renders the summary page as the site does, then asks Chromium to print it:
//! A4, the page's own margins and page numbers (`@page` in the stylesheet), no browser
//! header or footer. Nothing is downloaded: without a browser, `pdf` says so.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The flags headless Chromium needs here: no sandbox (zongwu may run as root), and no
/// background network traffic (the school network may have none).
pub const HEADLESS: &[&str] = &[
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
];

/// The names Chromium goes by on PATH.
const NAMES: &[&str] = &[
    "chromium",
    "chromium-browser",
    "google-chrome",
    "google-chrome-stable",
];

/// The browser to print with: the one given, else the first of `NAMES` on PATH.
pub fn find_chromium(given: Option<&Path>) -> Option<PathBuf> {
    if let Some(path) = given {
        return path.is_file().then(|| path.to_path_buf());
    }
    let paths = std::env::var_os("PATH")?;
    std::env::split_paths(&paths)
        .flat_map(|dir| NAMES.iter().map(move |n| dir.join(n)))
        .find(|p| p.is_file())
}

/// Prints `html` (a file) to `pdf` with headless Chromium.
pub fn print(browser: &Path, html: &Path, pdf: &Path) -> Result<(), String> {
    let profile = std::env::temp_dir().join(format!("zongwu-chromium-{}", std::process::id()));
    let url = format!("file://{}", html.display());
    let output = Command::new(browser)
        .args(HEADLESS)
        .arg("--no-pdf-header-footer")
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(&url)
        .output();
    let _ = std::fs::remove_dir_all(&profile);
    let output = output.map_err(|e| format!("{}: {e}", browser.display()))?;
    let printed = std::fs::metadata(pdf).is_ok_and(|m| m.len() > 0);
    if output.status.success() && printed {
        Ok(())
    } else {
        Err(String::from_utf8_lossy(&output.stderr)
            .lines()
            .last()
            .unwrap_or("no PDF was written")
            .to_owned())
    }
}
