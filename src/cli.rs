//! The command line: clap definitions and the dispatch to library calls.
//!
//! Exit codes: 0 all well (warnings allowed), 1 invalid records, 2 usage or I/O error.

use crate::diag::{self, render};
use crate::i18n::Lang;
use crate::load::Loaded;
use clap::{Parser, Subcommand, ValueEnum};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// zongwu: the General Affairs Office's records, checked and published.
#[derive(Parser, Debug)]
#[command(name = "zongwu", version, about, long_about = None)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// How `check` prints what it finds.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Messages for people, like a compiler's.
    #[default]
    Human,
    /// One JSON array, for editors and scripts.
    Json,
}

/// The subcommands.
#[derive(Subcommand, Debug)]
pub enum Command {
    /// Check every record and report every mistake, with file, line and a hint.
    Check {
        /// The records directory.
        #[arg(default_value = "records")]
        records: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
        /// Language of the messages (default: the site's language in zongwu.toml).
        #[arg(long, value_parser = ["zh-CN", "en"])]
        lang: Option<String>,
    },
    /// Check the records, then build the static site (only if there is no error).
    Build {
        /// The records directory.
        #[arg(default_value = "records")]
        records: PathBuf,
        /// The output folder; replaced whole, only when the build succeeds.
        #[arg(long, default_value = "site")]
        out: PathBuf,
        /// Language of the site and the messages (default: the site's language in zongwu.toml).
        #[arg(long, value_parser = ["zh-CN", "en"])]
        lang: Option<String>,
        /// The day that open and overdue items are counted on (default: today).
        #[arg(long, value_name = "YYYY-MM-DD")]
        today: Option<chrono::NaiveDate>,
        /// Print the build time in every page's footer (off by default: builds are reproducible).
        #[arg(long)]
        timestamp: bool,
    },
}

/// Parses the arguments, runs the command and returns the exit code.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let code = match cli.command {
        Command::Check {
            records,
            format,
            lang,
        } => check(&records, format, parse_lang(lang)),
        Command::Build {
            records,
            out,
            lang,
            today,
            timestamp,
        } => build(&records, &out, parse_lang(lang), today, timestamp),
    };
    code.unwrap_or_else(|code| code)
}

/// The `--lang` value (clap has already limited it to the known ones).
fn parse_lang(lang: Option<String>) -> Option<Lang> {
    lang.and_then(|l| l.parse().ok())
}

/// Loads and checks a records directory; a directory that cannot be loaded is exit 2.
fn load(records: &Path, lang: Option<Lang>) -> Result<(Loaded, Lang), ExitCode> {
    let loaded = crate::validate(records).map_err(|err| {
        let lang = lang.unwrap_or_default();
        eprintln!("{}: {}", lang.pick("错误", "error"), err.message(lang));
        ExitCode::from(2)
    })?;
    let lang = lang.unwrap_or(loaded.records.config.site.language);
    Ok((loaded, lang))
}

/// Whether to colour output on this stream.
fn styled(terminal: bool) -> bool {
    terminal && std::env::var_os("NO_COLOR").is_none()
}

/// Loads, checks and prints any diagnostics to stderr; records with errors are exit 1.
fn load_valid(records: &Path, lang: Option<Lang>) -> Result<(Loaded, Lang), ExitCode> {
    let (loaded, lang) = load(records, lang)?;
    if !loaded.diagnostics.is_empty() {
        let text = render::human(
            &loaded.diagnostics,
            &loaded.sources,
            lang,
            styled(std::io::stderr().is_terminal()),
        );
        eprintln!("{text}");
    }
    if diag::has_errors(&loaded.diagnostics) {
        return Err(ExitCode::from(1));
    }
    Ok((loaded, lang))
}

/// `zongwu check`.
fn check(records: &Path, format: Format, lang: Option<Lang>) -> Result<ExitCode, ExitCode> {
    let (loaded, lang) = load(records, lang)?;
    let diags = &loaded.diagnostics;
    let text = match format {
        Format::Json => render::json(diags, &loaded.sources, lang),
        Format::Human => {
            render::human(
                diags,
                &loaded.sources,
                lang,
                styled(std::io::stdout().is_terminal()),
            ) + "\n"
        }
    };
    let mut stdout = std::io::stdout().lock();
    if stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
        .is_err()
    {
        return Err(ExitCode::from(2));
    }
    Ok(if diag::has_errors(diags) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// `zongwu build`.
fn build(
    records: &Path,
    out: &Path,
    lang: Option<Lang>,
    today: Option<chrono::NaiveDate>,
    stamp: bool,
) -> Result<ExitCode, ExitCode> {
    let (loaded, lang) = load_valid(records, lang)?;
    let options = crate::site::Options {
        out: out.to_path_buf(),
        templates: records.join("templates"),
        attachments: records.join("attachments"),
        lang,
        today: today.unwrap_or_else(|| chrono::Local::now().date_naive()),
        stamp: stamp.then(|| chrono::Local::now().format("%Y-%m-%d %H:%M").to_string()),
    };
    match crate::site::build(&loaded.records, &loaded.sources, &options) {
        Ok(built) => {
            eprintln!(
                "{}",
                lang.pick(
                    format!(
                        "已生成网站 {}:{} 个页面,共 {} 个文件。",
                        out.display(),
                        built.pages,
                        built.files
                    ),
                    format!(
                        "built {}: {} pages, {} files.",
                        out.display(),
                        built.pages,
                        built.files
                    ),
                )
            );
            Ok(ExitCode::SUCCESS)
        }
        Err(err) => {
            eprintln!("{}: {err}", lang.pick("错误", "error"));
            eprintln!(
                "{}",
                lang.pick(
                    "原有的网站未作改动。",
                    "The previous site was left as it was."
                )
            );
            Err(ExitCode::from(2))
        }
    }
}
