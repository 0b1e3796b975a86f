//! The command line: clap definitions and the dispatch to library calls.
//!
//! Exit codes: 0 all well (warnings allowed), 1 invalid records, 2 usage or I/O error.

use crate::diag::{self, render};
use crate::i18n::Lang;
use clap::{Parser, Subcommand, ValueEnum};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
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
}

/// Parses the arguments, runs the command and returns the exit code.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Check {
            records,
            format,
            lang,
        } => check(&records, format, lang.and_then(|l| l.parse().ok())),
    }
}

/// `zongwu check`.
fn check(records: &std::path::Path, format: Format, lang: Option<Lang>) -> ExitCode {
    let loaded = match crate::validate(records) {
        Ok(loaded) => loaded,
        Err(err) => {
            let lang = lang.unwrap_or_default();
            eprintln!("{}: {}", lang.pick("错误", "error"), err.message(lang));
            return ExitCode::from(2);
        }
    };
    let lang = lang.unwrap_or(loaded.records.config.site.language);
    let diags = &loaded.diagnostics;
    let text = match format {
        Format::Json => render::json(diags, &loaded.sources, lang),
        Format::Human => {
            let styled = std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
            render::human(diags, &loaded.sources, lang, styled) + "\n"
        }
    };
    let mut stdout = std::io::stdout().lock();
    if stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
        .is_err()
    {
        return ExitCode::from(2);
    }
    if diag::has_errors(diags) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
