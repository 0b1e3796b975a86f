//! `zongwu serve`: the live preview on 127.0.0.1.

mod common;

use common::Records;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// The server process, stopped when dropped.
struct Server {
    child: Child,
    address: String,
    /// The server's temporary folder (its `TMPDIR`).
    tmp: tempfile::TempDir,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn serve(records: &Records) -> Server {
    let tmp = tempfile::tempdir().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_zongwu"))
        .env("TMPDIR", tmp.path())
        .args([
            "serve".as_ref(),
            records.path().as_os_str(),
            "--port".as_ref(),
            "0".as_ref(),
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let address = line
        .trim()
        .trim_start_matches("http://")
        .trim_end_matches('/')
        .to_owned();
    assert!(
        address.starts_with("127.0.0.1:"),
        "bound to loopback only: {address}"
    );
    Server {
        child,
        address,
        tmp,
    }
}

/// Sends a raw GET to the server; returns the status code and the body.
fn get(server: &Server, path: &str) -> (u16, String) {
    get_at(&server.address, path)
}

/// Sends a raw GET to an address; returns the status code and the body.
fn get_at(address: &str, path: &str) -> (u16, String) {
    let mut stream = TcpStream::connect(address).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut response = Vec::new();
    stream.read_to_end(&mut response).unwrap();
    let text = String::from_utf8_lossy(&response).to_string();
    let code = text
        .split(' ')
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    let body = text
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_owned())
        .unwrap_or_default();
    (code, body)
}

/// Waits until the build number moves past `after`.
fn wait_for_rebuild(server: &Server, after: &str) -> String {
    let start = Instant::now();
    loop {
        let (_, version) = get(server, "/__zongwu/version");
        if version != after {
            return version;
        }
        assert!(start.elapsed() < Duration::from_secs(20), "no rebuild");
        std::thread::sleep(Duration::from_millis(100));
    }
}

const REPAIR: &str = "title = \"灯管不亮\"\nlocation = \"1号楼\"\nreported = 2011-09-05\nreporter = \"高一(1)班班主任\"\n";

#[test]
fn serves_rebuilds_shows_errors_and_recovers() {
    let r = Records::new().with("repairs/R-1.toml", REPAIR);
    let server = serve(&r);
    let (code, home) = get(&server, "/");
    assert_eq!(code, 200);
    assert!(
        home.contains("总务处工作记录") && home.contains("/__zongwu/reload.js"),
        "the page reloads itself"
    );
    assert!(get(&server, "/repairs/R-1.html").1.contains("灯管不亮"));
    assert_eq!(get(&server, "/style.css").0, 200);

    let v1 = get(&server, "/__zongwu/version").1;
    r.write("repairs/R-1.toml", REPAIR.replace("灯管不亮", "窗户破损"));
    let v2 = wait_for_rebuild(&server, &v1);
    assert!(
        get(&server, "/repairs/R-1.html").1.contains("窗户破损"),
        "rebuilt on change"
    );

    r.write("repairs/R-1.toml", "title = 1\n");
    let v3 = wait_for_rebuild(&server, &v2);
    let (code, page) = get(&server, "/repairs/R-1.html");
    assert_eq!(code, 500);
    assert!(
        page.contains("E012") && page.contains("E010"),
        "diagnostics instead of a stale page: {page}"
    );

    r.write("repairs/R-1.toml", REPAIR);
    wait_for_rebuild(&server, &v3);
    assert_eq!(
        get(&server, "/repairs/R-1.html").0,
        200,
        "recovers once fixed"
    );
}

#[test]
fn requests_outside_the_site_are_404() {
    let secret = tempfile::tempdir().unwrap();
    std::fs::write(secret.path().join("secret.txt"), "top secret").unwrap();
    let r = Records::new();
    let server = serve(&r);
    for path in [
        "/../../../../../../etc/passwd",
        "/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        "/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd",
        "/assets/..%2f..%2f..%2fetc/passwd",
        "/..\\..\\etc\\passwd",
        "/%252e%252e/etc/passwd",
        "/zongwu.toml",
        "/nothing-here.html",
    ] {
        let (code, body) = get(&server, path);
        assert_eq!(code, 404, "{path}");
        assert!(
            !body.contains("root:") && !body.contains("top secret"),
            "{path}"
        );
    }
}

#[test]
fn stopping_the_server_leaves_no_temporary_folder() {
    let records = Records::new();
    let mut server = serve(&records);
    assert_eq!(get(&server, "/").0, 200);
    assert_eq!(
        std::fs::read_dir(server.tmp.path()).unwrap().count(),
        1,
        "the preview is built in a temporary folder"
    );
    for signal in ["-INT", "-TERM"] {
        if signal == "-TERM" {
            server = serve(&records);
        }
        let kill = Command::new("kill")
            .args([signal, &server.child.id().to_string()])
            .status()
            .unwrap();
        assert!(kill.success());
        let status = server.child.wait().unwrap();
        assert!(status.success(), "{signal}: {status:?}");
        let left: Vec<_> = std::fs::read_dir(server.tmp.path()).unwrap().collect();
        assert!(left.is_empty(), "{signal}: {left:?}");
    }
}

#[test]
fn survives_template_errors_and_a_deleted_records_folder() {
    let r = Records::new().with("repairs/R-1.toml", REPAIR);
    let server = serve(&r);
    let v1 = get(&server, "/__zongwu/version").1;
    r.write(
        "templates/record.html",
        "{% extends \"base.html\" %}{% block nope",
    );
    let v2 = wait_for_rebuild(&server, &v1);
    let (code, page) = get(&server, "/repairs/R-1.html");
    assert_eq!(code, 500);
    assert!(page.contains("record.html"), "names the template: {page}");

    std::fs::remove_dir_all(r.path().join("templates")).unwrap();
    let v3 = wait_for_rebuild(&server, &v2);
    assert_eq!(get(&server, "/repairs/R-1.html").0, 200);

    // The whole folder gone (a sync tool, a mistaken delete), then back.
    let saved = tempfile::tempdir().unwrap();
    std::fs::rename(r.path(), saved.path().join("records")).unwrap();
    let v4 = wait_for_rebuild(&server, &v3);
    let (code, page) = get(&server, "/");
    assert_eq!(code, 500, "{page}");
    std::fs::rename(saved.path().join("records"), r.path()).unwrap();
    wait_for_rebuild(&server, &v4);
    let start = Instant::now();
    while get(&server, "/repairs/R-1.html").0 != 200 {
        assert!(start.elapsed() < Duration::from_secs(20), "recovers");
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn slow_clients_and_huge_requests_do_not_stall_others() {
    let r = Records::new().with("repairs/R-1.toml", REPAIR);
    let server = serve(&r);
    // A client that starts a request and never finishes it.
    let mut slow = TcpStream::connect(&server.address).unwrap();
    write!(slow, "GET / HTTP/1.1\r\nHost: x\r\n").unwrap();
    // A 10 MB body and a 10 MB header, each sent by its own client.
    let huge: Vec<std::thread::JoinHandle<()>> = [
        format!(
            "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: {}\r\n\r\n",
            10 << 20
        ),
        "GET / HTTP/1.1\r\nHost: x\r\nX-Big: ".to_owned(),
    ]
    .into_iter()
    .map(|head| {
        let address = server.address.clone();
        std::thread::spawn(move || {
            let mut stream = TcpStream::connect(address).unwrap();
            let _ = stream.set_write_timeout(Some(Duration::from_secs(30)));
            let _ = stream.write_all(head.as_bytes());
            let chunk = vec![b'a'; 64 << 10];
            for _ in 0..160 {
                if stream.write_all(&chunk).is_err() {
                    break;
                }
            }
        })
    })
    .collect();
    // Meanwhile, 4 clients × 50 requests: every one answered, none slow.
    let start = Instant::now();
    let clients: Vec<_> = (0..4)
        .map(|_| {
            let address = server.address.clone();
            std::thread::spawn(move || {
                let mut slowest = Duration::ZERO;
                for i in 0..50 {
                    let path = if i % 2 == 0 { "/" } else { "/repairs/R-1.html" };
                    let asked = Instant::now();
                    assert_eq!(get_at(&address, path).0, 200);
                    slowest = slowest.max(asked.elapsed());
                }
                slowest
            })
        })
        .collect();
    let slowest = clients
        .into_iter()
        .map(|c| c.join().unwrap())
        .max()
        .unwrap();
    assert!(
        slowest < Duration::from_secs(2),
        "slowest answer {slowest:?}"
    );
    assert!(start.elapsed() < Duration::from_secs(30));
    for h in huge {
        h.join().unwrap();
    }
    write!(slow, "\r\n").unwrap();
}

/// A built site served by Python's plain web server, as any web server would (zongwu
/// serve's live reload polls every second, which a headless browser waiting for the
/// page to settle would wait out).
struct Static {
    child: Child,
    address: String,
}

impl Drop for Static {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn serve_static(site: &std::path::Path) -> Static {
    let mut child = Command::new("python3")
        .args(["-u", "-m", "http.server", "--bind", "127.0.0.1", "0"])
        .current_dir(site)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("python3 runs");
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    // "Serving HTTP on 127.0.0.1 port 40123 (http://127.0.0.1:40123/) ..."
    let port = line
        .split(" port ")
        .nth(1)
        .and_then(|r| r.split(' ').next())
        .unwrap();
    Static {
        child,
        address: format!("127.0.0.1:{port}"),
    }
}

#[test]
fn search_finds_chinese_words_in_the_served_site() {
    let Some(browser) = common::chromium() else {
        return;
    };
    let asset = "name = \"干粉灭火器\"\ncategory = \"消防\"\nlocation = \"实验楼201\"\nquantity = 4\nunit_price = 120\nacquired = 2011-09-01\n";
    let bulb = "title = \"灯泡不亮\"\nlocation = \"实验楼201\"\nreported = 2012-03-05\nreporter = \"张老师\"\n";
    let window = "title = \"窗户玻璃破损\"\nlocation = \"1号教学楼\"\nreported = 2011-10-08\nreporter = \"李老师\"\nfixed = 2011-10-09\nnotes = \"**钢化玻璃**已更换，见[说明](https://example.com/guide)\"\n";
    let check = "title = \"消防检查\"\ntype = \"fire\"\ndate = 2011-11-02\ninspector = \"总务处\"\n\n[[findings]]\ndescription = \"综合楼灭火器压力不足\"\nseverity = \"medium\"\n";
    let rule = "title = \"消防安全管理制度\"\narea = \"安全\"\nadopted = 2006-03-01\nnotes = \"\"\"\n**第一条** 各楼层按规定配齐消防器材。\n\n**第二条** 疏散通道保持畅通。\n\"\"\"\n";
    let paper = "title = \"办公用品(第一学期)\"\ncategory = \"办公用品\"\nmethod = \"direct\"\nrequester = \"总务处\"\nrequested = 2011-09-02\n\n[[items]]\nname = \"打印纸\"\nquantity = 80\nunit = \"包\"\nunit_price = 22.5\n";
    let mut records = Records::new()
        .with("assets/A-2011-0001.toml", asset)
        .with("repairs/R-2012-0001.toml", bulb)
        .with("repairs/R-2011-0001.toml", window)
        .with("inspections/I-2011-0001.toml", check)
        .with("rules/Z-2006-0001.toml", rule)
        .with("purchases/P-2011-0012.toml", paper);
    // Enough repairs in one folder that Pagefind keeps several results to a file.
    for n in 2..=300 {
        let what = match n {
            250 => "饮水机漏水",
            _ => "门锁损坏",
        };
        let repair = format!(
            "title = \"{what}\"\nlocation = \"2号教学楼\"\nreported = 2012-04-01\nreporter = \"王老师\"\n"
        );
        records = records.with(&format!("repairs/R-2012-{n:04}.toml"), &repair);
    }
    let site = records.path().join("out");
    common::assert_success(&records.run(&["build", "--out", site.to_str().unwrap()]));
    let index = common::files_under(&site.join("pagefind"));
    let fragments = index.iter().filter(|f| f.ends_with(".pf_fragment")).count();
    assert!(
        (4..300).contains(&fragments),
        "{fragments} fragment files for 304 records"
    );
    // Pagefind's engine is in the first partition only (`assets`); the search below
    // finds records in the others (`inspections`, `purchases`, `repairs`, `rules`),
    // merged into it.
    let engine: Vec<&String> = index
        .iter()
        .filter(|f| f.ends_with(".js") || f.ends_with(".css") || f.contains("/wasm."))
        .collect();
    assert!(
        !engine.is_empty() && engine.iter().all(|f| f.starts_with("assets/")),
        "{engine:?}"
    );
    assert_eq!(
        index
            .iter()
            .filter(|f| f.ends_with("pagefind-entry.json"))
            .count(),
        5
    );
    let server = serve_static(&site);
    // The page of a search's results on the site served at `address`.
    let search_at = |address: &str, query: &str| -> String {
        let url = format!("http://{address}/search.html?q={query}");
        let out = common::run_chromium(
            &browser,
            &["--virtual-time-budget=10000", "--dump-dom", &url],
        );
        let dom = String::from_utf8_lossy(&out.stdout).to_string();
        assert!(
            dom.contains("pagefind-ui__message")
                && !dom.contains("正在搜索")
                && !dom.contains("Searching for"),
            "{query}: the search ran: {}",
            &dom[dom.find("<main").unwrap_or(0)..]
        );
        dom
    };
    let search = |query: &str| search_at(&server.address, query);
    // The results of a search on the site served at `address`, best first.
    let found_at = |address: &str, query: &str| -> Vec<String> {
        let dom = search_at(address, query);
        dom.match_indices("class=\"pagefind-ui__result-link")
            .map(|(i, _)| {
                let rest = &dom[i..];
                let href = &rest[rest.find("href=\"").unwrap() + 6..];
                href[..href.find('"').unwrap()].to_owned()
            })
            .collect()
    };
    let found = |query: &str| found_at(&server.address, query);
    let best = |query: &str, n: usize| {
        let mut links = found(query);
        links.truncate(n);
        links.sort();
        links
    };
    assert_eq!(
        best("灭火器", 2),
        ["/assets/A-2011-0001.html", "/inspections/I-2011-0001.html"],
        "the asset by its name, the inspection by its finding"
    );
    assert!(!found("灭火器").contains(&"/repairs/R-2011-0001.html".to_owned()));
    assert_eq!(
        best("实验楼201", 2),
        ["/assets/A-2011-0001.html", "/repairs/R-2012-0001.html"]
    );
    assert_eq!(found("灯泡"), ["/repairs/R-2012-0001.html"]);
    // Notes are found by their words, shown without Markdown's marks, and not by a
    // link's address.
    let glass = search("钢化");
    let excerpt = &glass[glass
        .find("pagefind-ui__result-excerpt")
        .expect("an excerpt")..];
    let excerpt = &excerpt[..excerpt.find("</p>").unwrap()];
    assert!(
        excerpt.contains("<mark>")
            && excerpt.contains("玻璃已更换，见说明")
            && !excerpt.contains('*'),
        "{excerpt}"
    );
    assert!(found("example").is_empty());
    assert_eq!(found("饮水机"), ["/repairs/R-2012-0250.html"]);
    // The first ten of 298 results, from files of several records each.
    let locks = found("门锁");
    let first: Vec<String> = (2..12)
        .map(|n| format!("/repairs/R-2012-{n:04}.html"))
        .collect();
    assert_eq!(locks, first);
    // The site in English searches the same Chinese records and finds the same, in the
    // same order: its page cuts a query into Chinese words as Pagefind does on a
    // Chinese page (uncut, `第一条` put the purchase of 第一学期 before the rule).
    let english = records.path().join("out-en");
    common::assert_success(&records.run(&[
        "build",
        "--lang",
        "en",
        "--out",
        english.to_str().unwrap(),
    ]));
    let english = serve_static(&english);
    assert_eq!(
        found("第一条"),
        ["/rules/Z-2006-0001.html", "/purchases/P-2011-0012.html"]
    );
    for query in ["第一条", "灭火器", "实验楼201", "钢化玻璃"] {
        assert_eq!(
            found_at(&english.address, query),
            found(query),
            "{query} on the English site"
        );
    }
    // Every page has the search box; it leads to search.html?q=….
    let home = std::fs::read_to_string(site.join("index.html")).unwrap();
    assert!(home.contains("<form class=\"site-search\" role=\"search\" action=\"search.html\">"));
    assert!(home.contains("name=\"q\""));
}

#[test]
fn search_opened_from_a_file_says_it_needs_the_site_served() {
    let Some(browser) = common::chromium() else {
        return;
    };
    let records = Records::new();
    let site = records.path().join("out");
    common::assert_success(&records.run(&["build", "--out", site.to_str().unwrap()]));
    let url = format!(
        "file://{}/search.html?q=灭火器",
        site.canonicalize().unwrap().display()
    );
    let out = common::run_chromium(
        &browser,
        &["--virtual-time-budget=5000", "--dump-dom", &url],
    );
    let dom = String::from_utf8_lossy(&out.stdout);
    assert!(
        dom.contains(
            "<p class=\"search-note\" id=\"search-note\">搜索要在网站服务中使用：运行 zongwu serve"
        ),
        "{dom}"
    );
}
