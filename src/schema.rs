//! JSON Schemas of the record files, derived with schemars from the very types the
//! loader fills, and the editor association (taplo / Even Better TOML) that lets an
//! editor complete keys and flag wrong types while the office types.
//!
//! The schemas catch what an editor can: keys, types, choices, ranges. `check` remains
//! the authority (dates in order, references, tenders …).

use crate::model::{Config, Kind};

/// The schema of each file kind, by name: `asset`, …, `config`.
pub fn schemas() -> Vec<(&'static str, serde_json::Value)> {
    let mut out: Vec<_> = Kind::ALL
        .iter()
        .map(|k| (k.info().name, k.schema().to_value()))
        .collect();
    out.push(("config", schemars::schema_for!(Config).to_value()));
    out
}

/// The file that associates each folder with its schema, for taplo and Even Better TOML.
fn taplo_config() -> String {
    let mut out = String::from(
        "# 编辑器支持:VS Code 安装 Even Better TOML 扩展后,输入时会提示键名并标出类型错误。\n# Editor support: taplo and Even Better TOML (VS Code) read this file.\n# Made by `zongwu schema`; run it again after updating zongwu.\n",
    );
    let kinds = Kind::ALL
        .iter()
        .map(|k| (format!("{}/**/*.toml", k.folder()), k.info().name));
    for (include, name) in kinds.chain([("zongwu.toml".to_owned(), "config")]) {
        out.push_str(&format!("\n[[rule]]\ninclude = [\"{include}\"]\n[rule.schema]\npath = \"schemas/{name}.schema.json\"\n"));
    }
    out
}

/// Every file of the editor setup, relative to the records directory.
pub fn editor_files() -> Vec<(String, String)> {
    let mut files: Vec<(String, String)> = schemas()
        .into_iter()
        .map(|(name, schema)| {
            let text = serde_json::to_string_pretty(&schema).unwrap_or_default() + "\n";
            (format!("schemas/{name}.schema.json"), text)
        })
        .collect();
    files.push((".taplo.toml".to_owned(), taplo_config()));
    files.push((
        ".vscode/extensions.json".to_owned(),
        "{\n  \"recommendations\": [\"tamasfe.even-better-toml\"]\n}\n".to_owned(),
    ));
    files
}
