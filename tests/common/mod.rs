//! Shared helpers of the integration tests: make a records folder, run the binary.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A minimal valid `zongwu.toml` with two semesters.
pub const CONFIG: &str = r#"[school]
name = "实验中学"
office = "总务处"

[site]
title = "总务处工作记录"
language = "zh-CN"

[[semester]]
id = "2011-2012-1"
title = "2011-2012学年度第一学期"
start = 2011-08-20
end = 2012-02-10

[[semester]]
id = "2011-2012-2"
title = "2011-2012学年度第二学期"
start = 2012-02-11
end = 2012-08-19
"#;

/// A temporary records folder, removed when dropped.
pub struct Records {
    dir: tempfile::TempDir,
}

impl Records {
    /// An empty folder with no `zongwu.toml`.
    pub fn empty() -> Records {
        Records {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    /// A folder with [`CONFIG`] as its `zongwu.toml`.
    pub fn new() -> Records {
        Records::empty().with("zongwu.toml", CONFIG)
    }

    /// Writes a file (creating folders), relative to the records folder.
    pub fn with(self, rel: &str, text: impl AsRef<[u8]>) -> Records {
        self.write(rel, text);
        self
    }

    /// Writes a file (creating folders), relative to the records folder.
    pub fn write(&self, rel: &str, text: impl AsRef<[u8]>) {
        let path = self.dir.path().join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    /// The folder.
    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Runs `zongwu ARGS… <folder>` (the folder last).
    pub fn run(&self, args: &[&str]) -> Output {
        let mut all: Vec<&std::ffi::OsStr> = args.iter().map(|a| a.as_ref()).collect();
        all.push(self.dir.path().as_os_str());
        zongwu(&all)
    }

    /// `zongwu build --out OUT --today TODAY --lang LANG <folder>`, which must succeed:
    /// what it said.
    pub fn build(&self, out: &Path, today: &str, lang: &str) -> String {
        let out = out.to_str().unwrap();
        let output = self.run(&["build", "--out", out, "--today", today, "--lang", lang]);
        assert_success(&output);
        String::from_utf8_lossy(&output.stderr).into_owned()
    }

    /// `zongwu check --format json --lang en <folder>`: the diagnostics and the exit code.
    pub fn check(&self) -> (Vec<Diag>, i32) {
        let out = self.run(&["check", "--format", "json", "--lang", "en"]);
        let diags: Vec<Diag> = serde_json::from_slice(&out.stdout)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&out.stdout)));
        (diags, out.status.code().unwrap_or(-1))
    }

    /// The diagnostics as `(code, file, line)`, the shape most tests assert.
    pub fn codes(&self) -> Vec<(String, String, Option<u64>)> {
        self.check()
            .0
            .into_iter()
            .map(|d| (d.code, d.file, d.line))
            .collect()
    }
}

/// One diagnostic of `check --format json`.
#[derive(Debug, Clone, PartialEq, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Diag {
    pub file: String,
    pub line: Option<u64>,
    pub column: Option<u64>,
    pub severity: String,
    pub code: String,
    pub message: String,
    pub hint: Option<String>,
}

/// Asserts that a command succeeded, showing its standard error if not.
#[track_caller]
pub fn assert_success(output: &Output) {
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// Runs the zongwu binary with these arguments.
pub fn zongwu<S: AsRef<std::ffi::OsStr>>(args: &[S]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_zongwu"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("run zongwu")
}

/// The repository's example records folder.
pub fn example_records() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("records")
}

/// Writes `n` generated valid records into `dir` with `bench/gen-records.py`.
pub fn generate(dir: &Path, n: usize) {
    let generator = Path::new(env!("CARGO_MANIFEST_DIR")).join("bench/gen-records.py");
    let out = Command::new("python3")
        .arg(generator)
        .arg(dir)
        .arg(n.to_string())
        .output()
        .expect("python3 runs bench/gen-records.py");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Every file under `dir`, as paths relative to it with `/`, sorted.
pub fn files_under(dir: &Path) -> Vec<String> {
    fn walk(base: &Path, dir: &Path, out: &mut Vec<String>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(base, &path, out);
            } else {
                let rel = path.strip_prefix(base).unwrap();
                out.push(
                    rel.components()
                        .map(|c| c.as_os_str().to_string_lossy())
                        .collect::<Vec<_>>()
                        .join("/"),
                );
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out);
    out.sort();
    out
}

/// The Chromium binary, or `None` with the reason printed (the caller skips).
/// In CI (`CI` set) a missing browser is a failure, not a skip.
pub fn chromium() -> Option<PathBuf> {
    if let Some(browser) = zongwu::pdf::find_chromium(None) {
        return Some(browser);
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "chromium is required in CI (.ci/run installs it)"
    );
    eprintln!("SKIPPED: chromium is not installed (apt-get install chromium)");
    None
}

/// Whether these command-line tools are installed (each answers `-v`); else `false`
/// with the reason printed (the caller skips). In CI a missing tool is a failure.
pub fn tools(names: &[&str]) -> bool {
    for tool in names {
        if Command::new(tool).arg("-v").output().is_err() {
            assert!(std::env::var_os("CI").is_none(), "{tool} is required in CI");
            eprintln!("SKIPPED: {tool} is not installed (.ci/run says which package has it)");
            return false;
        }
    }
    true
}

/// Runs headless Chromium with the flags this machine needs, plus `args`.
pub fn run_chromium(browser: &Path, args: &[&str]) -> Output {
    let profile = tempfile::tempdir().unwrap();
    let profile_arg = format!("--user-data-dir={}", profile.path().display());
    let mut all = zongwu::pdf::HEADLESS.to_vec();
    all.push(profile_arg.as_str());
    all.extend_from_slice(args);
    Command::new(browser)
        .args(&all)
        .output()
        .expect("run chromium")
}

/// A TOML document as JSON, dates as `YYYY-MM-DD` strings (as editors validate them).
pub fn toml_to_json(value: toml::Value) -> serde_json::Value {
    match value {
        toml::Value::String(s) => s.into(),
        toml::Value::Integer(i) => i.into(),
        toml::Value::Float(f) => f.into(),
        toml::Value::Boolean(b) => b.into(),
        toml::Value::Datetime(d) => d.to_string().into(),
        toml::Value::Array(a) => a.into_iter().map(toml_to_json).collect(),
        toml::Value::Table(t) => t
            .into_iter()
            .map(|(k, v)| (k, toml_to_json(v)))
            .collect::<serde_json::Map<_, _>>()
            .into(),
    }
}
