//! `zongwu serve`: the site on 127.0.0.1 (unless `--bind` says otherwise), rebuilt whenever anything under the records
//! directory changes, with open pages reloading themselves. While the records are
//! invalid, every page is the list of diagnostics instead of a stale site.
//!
//! The server only ever answers with files inside its own build folder: a path with a
//! `..` segment (encoded or not), a backslash or a NUL is a 404.

use crate::diag::{self, render};
use crate::i18n::Lang;
use percent_encoding::percent_decode_str;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::sync::{Arc, RwLock};
use std::time::Duration;

/// What the server shows: the build number, and the error page while there is one.
#[derive(Default)]
struct Status {
    version: u64,
    error: Option<String>,
}

/// Polls the build number and reloads the page when it changes.
const RELOAD_JS: &str = "(function(){var v=null;function poll(){var r=new XMLHttpRequest();r.open('GET','/__zongwu/version');r.onload=function(){if(v!==null&&r.responseText!==v){location.reload();}v=r.responseText;};r.send();}poll();setInterval(poll,1000);}());\n";

/// How to serve.
pub struct Options {
    /// The records directory.
    pub root: PathBuf,
    /// The address to listen on: 127.0.0.1 unless the user asks otherwise.
    pub bind: std::net::IpAddr,
    /// The port (0: any free port).
    pub port: u16,
    /// The language, if not the site's.
    pub lang: Option<Lang>,
    /// The day in question, if not today (taken afresh at every rebuild).
    pub today: Option<chrono::NaiveDate>,
}

/// Escapes text for HTML.
fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The page shown while the records cannot be built.
fn error_page(lang: Lang, text: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"{}\"><head><meta charset=\"utf-8\"><title>zongwu</title></head><body><h1>{}</h1><pre>{}</pre></body></html>\n",
        lang.tag(),
        lang.pick(
            "记录有错误，改好后本页会自动刷新",
            "The records have errors; this page reloads once they are fixed"
        ),
        escape(text)
    )
}

/// Checks and builds the records into `site` as `zongwu build` does (nothing if nothing
/// changed, the pages a saved record touches if only record files changed); the error
/// page's text where that fails.
fn rebuild(options: &Options, site: &Path) -> Result<(), String> {
    let lang = |checked: Option<&crate::Checked>| {
        options
            .lang
            .or(checked.map(|c| c.computed.records.config.site.language))
            .unwrap_or_default()
    };
    let days = crate::Days::asked(options.today);
    let settings = crate::site::fresh::settings(options.lang, days.question, true);
    let Some(mut previous) =
        crate::site::fresh::Previous::of(&options.root, site, &settings, false, false)
    else {
        return Ok(());
    };
    let cache = std::mem::take(&mut previous.cache);
    let listing = previous.listing.take();
    let (checked, reused) = crate::Checked::open_reusing(&options.root, days, true, cache, listing)
        .map_err(|e| error_page(lang(None), &e.message(lang(None))))?;
    let lang = lang(Some(&checked));
    if diag::has_errors(&checked.diagnostics) {
        return Err(error_page(
            lang,
            &render::human(&checked.diagnostics, &checked.sources, lang, false),
        ));
    }
    let build = crate::site::Options {
        out: site.to_path_buf(),
        root: options.root.clone(),
        lang,
        stamp: None,
        only_semester: None,
        search: true,
    };
    let built = crate::site::build_or_update(
        &checked.computed,
        &checked.sources,
        &build,
        previous.in_place(),
        &reused,
    );
    let (_, in_place) = built.map_err(|e| error_page(lang, &e.to_string()))?;
    // Without them, the next rebuild is a whole one.
    let _ = previous.finish(site, &reused, in_place);
    Ok(())
}

/// The file a request path names inside `site`, if any.
fn resolve(site: &Path, url: &str) -> Option<PathBuf> {
    let path = url.split(['?', '#']).next()?;
    let decoded = percent_decode_str(path).decode_utf8().ok()?;
    if decoded.contains(['\\', '\0']) {
        return None;
    }
    let mut file = site.to_path_buf();
    for segment in decoded.split('/') {
        match segment {
            "" | "." => {}
            ".." => return None,
            segment => file.push(segment),
        }
    }
    if file.is_dir() {
        file.push("index.html");
    }
    file.is_file().then_some(file)
}

/// The content type of a file, by extension.
fn content_type(path: &Path) -> &'static str {
    match path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or_default()
    {
        "html" => "text/html; charset=utf-8",
        "json" => "application/json",
        "wasm" => "application/wasm",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "pdf" => "application/pdf",
        _ => "application/octet-stream",
    }
}

/// Answers one request.
fn respond(request: tiny_http::Request, site: &Path, status: &RwLock<Status>) {
    let header =
        |value: &str| tiny_http::Header::from_bytes("Content-Type", value).expect("a valid header");
    let html = |body: String, code: u16| {
        tiny_http::Response::from_string(body)
            .with_status_code(code)
            .with_header(header("text/html; charset=utf-8"))
    };
    let reload = "<script src=\"/__zongwu/reload.js\"></script></body>";
    let url = request.url().to_owned();
    let response = match url.as_str() {
        "/__zongwu/version" => tiny_http::Response::from_string(
            status.read().map(|s| s.version).unwrap_or(0).to_string(),
        ),
        "/__zongwu/reload.js" => tiny_http::Response::from_string(RELOAD_JS)
            .with_header(header("text/javascript; charset=utf-8")),
        _ => match (
            status.read().ok().and_then(|s| s.error.clone()),
            resolve(site, &url),
        ) {
            (Some(page), Some(file)) if content_type(&file).starts_with("text/html") => {
                html(page.replace("</body>", reload), 500)
            }
            (_, Some(file)) => match std::fs::read(&file) {
                Ok(bytes) if content_type(&file).starts_with("text/html") => html(
                    String::from_utf8_lossy(&bytes).replacen("</body>", reload, 1),
                    200,
                ),
                Ok(bytes) => {
                    tiny_http::Response::from_data(bytes).with_header(header(content_type(&file)))
                }
                Err(_) => html("<h1>404</h1>".to_owned(), 404),
            },
            (Some(page), None) => html(page.replace("</body>", reload), 500),
            (None, None) => html("<!DOCTYPE html><h1>404</h1>".to_owned(), 404),
        },
    };
    let _ = request.respond(response);
}

/// Serves until the process is stopped; prints the address first.
pub fn run(options: Options) -> Result<(), String> {
    let lang = options.lang.unwrap_or_default();
    crate::load::records_folder(&options.root).map_err(|e| e.message(lang))?;
    let work = std::env::temp_dir().join(format!("zongwu-serve-{}", std::process::id()));
    let site = work.join("site");
    // Ctrl+C, or a terminal or service manager stopping zongwu: leave nothing behind.
    let leftover = work.clone();
    let _ = ctrlc::set_handler(move || {
        let _ = std::fs::remove_dir_all(&leftover);
        std::process::exit(0);
    });
    let status = Arc::new(RwLock::new(Status::default()));
    let update = |status: &RwLock<Status>| {
        let result = rebuild(&options, &site);
        if let Ok(mut s) = status.write() {
            s.version += 1;
            s.error = result.err();
        }
    };
    update(&status);
    let server =
        tiny_http::Server::http((options.bind, options.port)).map_err(|e| e.to_string())?;
    if !options.bind.is_loopback() {
        eprintln!(
            "注意：预览对网络开放，能访问本机的人都能看到 / note: the preview is open to the network; anyone who can reach this machine can read it"
        );
    }
    let address = server
        .server_addr()
        .to_ip()
        .map(|a| a.to_string())
        .unwrap_or_default();
    println!("http://{address}/");
    eprintln!("正在预览 / serving http://{address}/ （Ctrl+C 停止 / to stop）");

    let (events, changes) = mpsc::channel::<notify::Result<notify::Event>>();
    let mut watcher = notify::recommended_watcher(events).map_err(|e| e.to_string())?;
    let watch_root = options
        .root
        .canonicalize()
        .unwrap_or_else(|_| options.root.clone());
    let parent = watch_root
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| watch_root.clone());
    // Watch the parent too, so that a records folder deleted and made again is seen.
    use notify::Watcher;
    let _ = watcher.watch(&parent, notify::RecursiveMode::NonRecursive);
    let _ = watcher.watch(&watch_root, notify::RecursiveMode::Recursive);

    let requests = {
        let (site, status) = (site.clone(), Arc::clone(&status));
        std::thread::spawn(move || {
            for request in server.incoming_requests() {
                let (site, status) = (site.clone(), Arc::clone(&status));
                std::thread::spawn(move || respond(request, &site, &status));
            }
        })
    };
    while changes.recv().is_ok() {
        // Let a burst of changes (an editor saving) settle into one rebuild.
        while changes.recv_timeout(Duration::from_millis(200)).is_ok() {}
        let _ = watcher.watch(&watch_root, notify::RecursiveMode::Recursive);
        update(&status);
    }
    let _ = requests.join();
    let _ = std::fs::remove_dir_all(&work);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::resolve;

    #[test]
    fn paths_never_leave_the_site() {
        let site = std::env::temp_dir().join(format!("zongwu-resolve-{}", std::process::id()));
        std::fs::create_dir_all(site.join("assets")).unwrap();
        std::fs::write(site.join("index.html"), "x").unwrap();
        std::fs::write(site.join("assets/A-1.html"), "x").unwrap();
        assert_eq!(resolve(&site, "/"), Some(site.join("index.html")));
        assert_eq!(
            resolve(&site, "/assets/A-1.html?q=1"),
            Some(site.join("assets/A-1.html"))
        );
        for bad in [
            "/../etc/passwd",
            "/%2e%2e/etc/passwd",
            "/assets/%2E%2E/%2e%2e/x",
            "/..%2fetc",
            "/a\\..\\b",
            "/%00",
            "/%252e%252e/x",
            "/nope.html",
        ] {
            assert_eq!(resolve(&site, bad), None, "{bad}");
        }
        std::fs::remove_dir_all(site).unwrap();
    }
}
