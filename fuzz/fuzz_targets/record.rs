//! Fuzzes one record file through the whole `zongwu check` pipeline, without the disk:
//! decode (as `load` does) → `parse::record` → `Records` → `check::check` →
//! `diag::sort` → both renderers (human, plain and styled, in both languages; JSON).
//!
//! Input: the first byte picks the kind (`Kind::ALL[b % Kind::ALL.len()]`), the rest is
//! the file's bytes. The records directory is the real `records/zongwu.toml` (file 0, as in
//! `load`) plus this one record file (file 1), so the cross-record checks (semesters,
//! references, duplicates) run against a real configuration.

#![no_main]

use libfuzzer_sys::fuzz_target;
use std::collections::BTreeMap;
use std::sync::LazyLock;
use zongwu::Lang;
use zongwu::diag::{self, Diagnostic, render};
use zongwu::model::{Config, Kind, Origin, RecordId, Records};
use zongwu::parse::{self, Sink};
use zongwu::source::{FileId, Source, SourceMap};

/// The sample configuration the repository ships.
const CONFIG: &str = include_str!("../../records/zongwu.toml");

/// The configuration, parsed once.
static PARSED_CONFIG: LazyLock<Config> = LazyLock::new(|| {
    let mut sink = Sink {
        file: FileId(0),
        diags: Vec::new(),
    };
    let config = parse::config(CONFIG, &mut sink).expect("records/zongwu.toml parses");
    assert!(sink.diags.is_empty(), "records/zongwu.toml has problems");
    config
});

/// What `load::decode` does: a leading BOM is dropped; UTF-16 and invalid UTF-8 are
/// reported (`NotUtf8`) and the file is not parsed.
fn decode(bytes: &[u8]) -> Option<&str> {
    let bytes = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return None;
    }
    std::str::from_utf8(bytes).ok()
}

fuzz_target!(|data: &[u8]| {
    let Some((&first, rest)) = data.split_first() else {
        return;
    };
    let kind = Kind::ALL[first as usize % Kind::ALL.len()];
    let Some(text) = decode(rest) else {
        return;
    };

    let mut sources = SourceMap::default();
    let config_file = sources.push(Source {
        path: "zongwu.toml".to_owned(),
        text: CONFIG.to_owned(),
    });
    // A valid stem, as `load` would have (an invalid one is only a `BadId` diagnostic).
    let id = "X-1";
    let file = sources.push(Source {
        path: format!("{}/{id}.toml", kind.folder()),
        text: text.to_owned(),
    });

    let mut sink = Sink {
        file,
        diags: Vec::new(),
    };
    let origin = Origin {
        id: RecordId(id.to_owned()),
        file,
    };
    let parsed = parse::record(kind, origin, text, &mut sink);

    let mut records = Records {
        config: PARSED_CONFIG.clone(),
        config_file,
        config_read: true,
        ids: BTreeMap::from([(kind, vec![(RecordId(id.to_owned()), file)])]),
        ..Records::default()
    };
    if let Some(parsed) = parsed {
        parsed.add_to(&mut records);
    }

    let mut diagnostics: Vec<Diagnostic> = sink.diags;
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 25).unwrap_or_default();
    diagnostics.extend(zongwu::check::check(&records, &sources, today));
    diag::sort(&mut diagnostics);

    for lang in [Lang::ZhCn, Lang::En] {
        let out = render::human(&diagnostics, &sources, lang, false);
        assert!(out.ends_with(&render::summary_line(&diagnostics, lang)));
        let _ = render::json(&diagnostics, &sources, lang);
    }
    let _ = render::human(&diagnostics, &sources, Lang::En, true);
});
