//! The command line: clap definitions and the dispatch to library calls.
//!
//! Exit codes: 0 all well (warnings allowed), 1 invalid records, 2 usage or I/O error.

use crate::diag::{self, render};
use crate::i18n::Lang;
use crate::load::Loaded;
use crate::model::Kind;
use crate::{Checked, Days};
use clap::{Parser, Subcommand, ValueEnum};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// zongwu: the General Affairs Office's records, checked and published.
#[derive(Parser, Debug)]
#[command(name = "zongwu", version, about, long_about = None)]
pub struct Cli {
    /// Language of messages, help, the site and new files (default: site.language in
    /// zongwu.toml, else the system's LANG).
    #[arg(long, global = true, value_parser = ["zh-CN", "en"])]
    pub lang: Option<String>,
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

/// How `stats` prints the figures.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum StatsFormat {
    /// One line per figure: the name to write in a summary, and its value.
    #[default]
    Table,
    /// The whole `stats` object as JSON.
    Json,
}

/// Spreadsheet formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum SheetFormat {
    /// Comma-separated values, UTF-8 (with a byte order mark on export, for Excel).
    Csv,
    /// Excel workbook.
    Xlsx,
}

impl From<SheetFormat> for crate::exchange::Format {
    fn from(format: SheetFormat) -> Self {
        match format {
            SheetFormat::Csv => Self::Csv,
            SheetFormat::Xlsx => Self::Xlsx,
        }
    }
}

/// Record kinds on the command line, by their names in [`Kind::info`].
impl ValueEnum for Kind {
    fn value_variants<'a>() -> &'a [Self] {
        &Kind::ALL
    }

    fn to_possible_value(&self) -> Option<clap::builder::PossibleValue> {
        let info = self.info();
        Some(clap::builder::PossibleValue::new(info.name).help(info.help))
    }
}

/// What a sheet holds: the records of a kind, or the rooms of the room register.
#[derive(Clone, Copy, Debug)]
pub enum Sheeted {
    /// Records of a kind.
    Records(Kind),
    /// The rooms of `locations.toml`.
    Rooms,
}

impl Sheeted {
    /// Every kind, then the rooms.
    const ALL: [Sheeted; Kind::ALL.len() + 1] = {
        let mut all = [Sheeted::Rooms; Kind::ALL.len() + 1];
        let mut i = 0;
        while i < Kind::ALL.len() {
            all[i] = Sheeted::Records(Kind::ALL[i]);
            i += 1;
        }
        all
    };
}

impl ValueEnum for Sheeted {
    fn value_variants<'a>() -> &'a [Self] {
        &Sheeted::ALL
    }

    fn to_possible_value(&self) -> Option<clap::builder::PossibleValue> {
        match self {
            Sheeted::Records(kind) => kind.to_possible_value(),
            Sheeted::Rooms => Some(
                clap::builder::PossibleValue::new("rooms")
                    .help("the rooms of locations.toml (名称, 楼宇, 负责人, 用途)"),
            ),
        }
    }
}

/// The subcommands.
#[derive(Subcommand, Debug)]
pub enum Command {
    /// Check every record and report every mistake, with file, line and a hint.
    Check {
        /// The records directory (default: this folder if it holds zongwu.toml, else `records`).
        records: Option<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
        /// The day taken as today: events dated after it are warned about, and
        /// summaries are computed on it (default: today).
        #[arg(long, value_name = "YYYY-MM-DD")]
        today: Option<chrono::NaiveDate>,
    },
    /// Create a new records directory with a commented configuration and an example of each kind.
    Init {
        /// The folder to create (it must be empty or absent).
        dir: PathBuf,
        /// Write into a folder that is not empty (existing files are never replaced).
        #[arg(long)]
        force: bool,
    },
    /// Write a new record with the next free id and every required key to fill in.
    New {
        /// The kind of record.
        #[arg(value_enum)]
        kind: Kind,
        /// The records directory (default: this folder if it holds zongwu.toml, else `records`).
        records: Option<PathBuf>,
        /// The title (or name) of the new record.
        #[arg(long)]
        title: Option<String>,
        /// For a budget: its month, e.g. 2026-12 (default: this month).
        #[arg(long, value_name = "YYYY-MM", value_parser = parse_month)]
        month: Option<crate::model::Month>,
    },
    /// Print a shell's completion script for zongwu (e.g. `zongwu completions bash >
    /// ~/.local/share/bash-completion/completions/zongwu`).
    Completions {
        /// The shell.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Preview the site on 127.0.0.1, rebuilt and reloaded whenever a record changes.
    Serve {
        /// The records directory (default: this folder if it holds zongwu.toml, else `records`).
        records: Option<PathBuf>,
        /// The port (0 picks a free one).
        #[arg(long, default_value_t = 8000)]
        port: u16,
        /// The address to listen on; only this computer can see the preview unless
        /// another address is given (e.g. 0.0.0.0 for the whole network).
        #[arg(long, default_value = "127.0.0.1")]
        bind: std::net::IpAddr,
        /// The day in question: statuses and figures as they stood on it (default:
        /// today, taken afresh at every rebuild).
        #[arg(long, value_name = "YYYY-MM-DD")]
        today: Option<chrono::NaiveDate>,
    },
    /// Write the JSON Schemas of the record files and the editor association (taplo, VS Code).
    Schema {
        /// The records directory to write them into (`schemas/`, `.taplo.toml`); it must
        /// hold zongwu.toml (default: this folder if it does, else `records`).
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Write a kind's records, or the rooms of locations.toml, as a spreadsheet (CSV or Excel).
    Export {
        /// The kind of record, or `rooms`.
        #[arg(value_enum)]
        kind: Sheeted,
        /// The records directory (default: this folder if it holds zongwu.toml, else `records`).
        records: Option<PathBuf>,
        /// The sheet format.
        #[arg(long, value_enum, default_value_t = SheetFormat::Csv)]
        format: SheetFormat,
        /// The file to write (default: CSV to standard output, Excel to KIND.xlsx).
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Read a spreadsheet (CSV or Excel) into records, or rooms into locations.toml, only if every row is valid.
    Import {
        /// The kind of record, or `rooms`.
        #[arg(value_enum)]
        kind: Sheeted,
        /// The sheet to read; its first row names the columns.
        file: PathBuf,
        /// The records directory (default: this folder if it holds zongwu.toml, else `records`).
        records: Option<PathBuf>,
        /// The sheet format (default: by the file's extension).
        #[arg(long, value_enum)]
        format: Option<SheetFormat>,
    },
    /// Print a semester's figures: the `stats` that summaries can use.
    Stats {
        /// The records directory (default: this folder if it holds zongwu.toml, else `records`).
        records: Option<PathBuf>,
        /// The semester id (default: the one holding the day in question; between
        /// semesters, the latest begun; before any, the first).
        #[arg(long)]
        semester: Option<String>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = StatsFormat::Table)]
        format: StatsFormat,
        /// The day in question: figures as they stood on it; a semester's figures are
        /// taken on its end, or on this day if earlier (default: today).
        #[arg(long, value_name = "YYYY-MM-DD")]
        today: Option<chrono::NaiveDate>,
    },
    /// Print a semester's summary to PDF (A4) with an installed Chromium.
    Pdf {
        /// The records directory (default: this folder if it holds zongwu.toml, else `records`).
        records: Option<PathBuf>,
        /// The semester id (default: the one holding the day in question; between
        /// semesters, the latest begun; before any, the first).
        #[arg(long)]
        semester: Option<String>,
        /// The PDF to write (default: SEMESTER.pdf in the current folder).
        #[arg(long)]
        out: Option<PathBuf>,
        /// The Chromium (or Chrome) program to print with (default: found on PATH).
        #[arg(long, value_name = "PATH")]
        chromium: Option<PathBuf>,
        /// The day in question: the summary's figures as they stood on the semester's
        /// end, or on this day if earlier (default: today).
        #[arg(long, value_name = "YYYY-MM-DD")]
        today: Option<chrono::NaiveDate>,
    },
    /// Print labels for the asset cards on the books (A4 sheets of self-adhesive
    /// labels, each with a QR code of the card's page) with an installed Chromium.
    Labels {
        /// The records directory (default: this folder if it holds zongwu.toml, else `records`).
        records: Option<PathBuf>,
        /// Only the cards at this location, written exactly as the cards write it (with a
        /// room register, a building takes in the cards of its rooms).
        #[arg(long, conflicts_with = "ids")]
        location: Option<String>,
        /// Only these cards, by id (`--ids A-2011-0001 A-2011-0002`, or with commas); a
        /// disposed card is refused.
        #[arg(long, num_args = 1.., value_delimiter = ',', value_name = "ID")]
        ids: Vec<String>,
        /// The label stock: 3x8 (24 labels of 70 × 37 mm) or 2x7 (14 labels of 99.1 ×
        /// 38.1 mm).
        #[arg(long, value_enum, default_value = "3x8")]
        layout: crate::labels::Layout,
        /// The file to write: a PDF, or the labels' HTML page itself when it ends in
        /// `.html` (no browser needed).
        #[arg(long, default_value = "labels.pdf")]
        out: PathBuf,
        /// The Chromium (or Chrome) program to print with (default: found on PATH).
        #[arg(long, value_name = "PATH")]
        chromium: Option<PathBuf>,
        /// The day in question: the cards on the books on it (default: today).
        #[arg(long, value_name = "YYYY-MM-DD")]
        today: Option<chrono::NaiveDate>,
    },
    /// Print an asset audit's checklist of one location to PDF (A4): every asset card
    /// there on the day, with a box to tick, where each was found and how many.
    Checklist {
        /// The location, as the records write it (e.g. 3号教学楼301).
        location: String,
        /// The records directory (default: this folder if it holds zongwu.toml, else `records`).
        records: Option<PathBuf>,
        /// The PDF to write (default: LOCATION-DAY.pdf in the current folder).
        #[arg(long)]
        out: Option<PathBuf>,
        /// The Chromium (or Chrome) program to print with (default: found on PATH).
        #[arg(long, value_name = "PATH")]
        chromium: Option<PathBuf>,
        /// The day of the audit: the cards on the books there on it, and the date of
        /// the sheet (default: today).
        #[arg(long, value_name = "YYYY-MM-DD")]
        today: Option<chrono::NaiveDate>,
        /// Also write the asset-audit inspection to type the results into
        /// (inspections/ID.toml, one [[audit]] line per card, found = true to correct).
        #[arg(long)]
        toml: bool,
    },
    /// Check the records, then build the static site (only if there is no error).
    Build {
        /// The records directory (default: this folder if it holds zongwu.toml, else `records`).
        records: Option<PathBuf>,
        /// The output folder; replaced whole, only when the build succeeds.
        #[arg(long, default_value = "site")]
        out: PathBuf,
        /// The day in question: every status and figure as it stood on it (default:
        /// today).
        #[arg(long, value_name = "YYYY-MM-DD")]
        today: Option<chrono::NaiveDate>,
        /// Print the build time in every page's footer (off by default: builds are reproducible).
        #[arg(long)]
        timestamp: bool,
        /// Build every page even if nothing changed since the last build.
        #[arg(long)]
        full: bool,
        /// Leave out the search index (a faster build; the site's search then says it
        /// has none).
        #[arg(long)]
        no_search: bool,
    },
}

/// Parses the arguments, runs the command and returns the exit code.
pub fn main() -> ExitCode {
    use clap::{CommandFactory, FromArgMatches};
    let args = crate::help::as_flag(std::env::args_os().collect());
    let mut command = Cli::command();
    if crate::help::language(&args) == Lang::ZhCn {
        command = crate::help::chinese(command);
    }
    let matches = command.get_matches_from(args);
    let cli = Cli::from_arg_matches(&matches).unwrap_or_else(|e| e.exit());
    let lang = parse_lang(cli.lang);
    let code = match cli.command {
        Command::Check {
            records,
            format,
            today,
        } => check(&records_dir(records), format, lang, today),
        Command::Init { dir, force } => init(&dir, force, lang),
        Command::Schema { out } => schema(&records_dir(out)),
        Command::Serve {
            records,
            port,
            bind,
            today,
        } => {
            let options = crate::serve::Options {
                root: records_dir(records),
                bind,
                port,
                lang,
                today,
            };
            crate::serve::run(options)
                .map(|()| ExitCode::SUCCESS)
                .map_err(|err| {
                    eprintln!("错误 / error: {err}");
                    ExitCode::from(2)
                })
        }
        Command::Export {
            kind,
            records,
            format,
            out,
        } => export(
            &records_dir(records),
            kind,
            format.into(),
            out.as_deref(),
            lang,
        ),
        Command::Import {
            kind,
            file,
            records,
            format,
        } => import(
            &records_dir(records),
            kind,
            &file,
            format.map(Into::into),
            lang,
        ),
        Command::New {
            kind,
            records,
            title,
            month,
        } => new(&records_dir(records), kind, title.as_deref(), month, lang),
        Command::Completions { shell } => {
            use clap::CommandFactory;
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "zongwu", &mut script);
            let mut stdout = std::io::stdout().lock();
            match stdout.write_all(&script).and_then(|()| stdout.flush()) {
                Ok(()) => Ok(ExitCode::SUCCESS),
                Err(_) => Err(ExitCode::from(2)),
            }
        }
        Command::Stats {
            records,
            semester,
            format,
            today,
        } => stats(
            &records_dir(records),
            semester.as_deref(),
            format,
            lang,
            Days::asked(today),
        ),
        Command::Pdf {
            records,
            semester,
            out,
            chromium,
            today,
        } => pdf(
            &records_dir(records),
            semester.as_deref(),
            out,
            chromium.as_deref(),
            lang,
            Days::asked(today),
        ),
        Command::Labels {
            records,
            location,
            ids,
            layout,
            out,
            chromium,
            today,
        } => {
            let pick = match (&location, ids.is_empty()) {
                (Some(place), _) => crate::labels::Pick::At(place),
                (None, false) => crate::labels::Pick::Ids(&ids),
                (None, true) => crate::labels::Pick::All,
            };
            let printing = Printing {
                out,
                chromium,
                lang,
                days: Days::asked(today),
            };
            labels(&records_dir(records), pick, layout, printing)
        }
        Command::Checklist {
            location,
            records,
            out,
            chromium,
            today,
            toml,
        } => {
            let days = Days::asked(today);
            let out = out.unwrap_or_else(|| crate::checklist::file_name(&location, days.question));
            let printing = Printing {
                out,
                chromium,
                lang,
                days,
            };
            checklist(&records_dir(records), &location, printing, toml)
        }
        Command::Build {
            records,
            out,
            today,
            timestamp,
            full,
            no_search,
        } => {
            let options = BuildFlags {
                lang,
                days: Days::asked(today),
                stamp: timestamp,
                full,
                search: !no_search,
            };
            build(&records_dir(records), &out, options)
        }
    };
    code.unwrap_or_else(|code| code)
}

/// A `--month` value: `YYYY-MM`.
fn parse_month(text: &str) -> Result<crate::model::Month, String> {
    crate::model::Month::parse(text).ok_or_else(|| {
        format!(
            "“{text}”不是月份，应写成 YYYY-MM，如 2026-12 / not a month: write YYYY-MM, e.g. 2026-12"
        )
    })
}

/// The records directory: as given, else this folder if it holds zongwu.toml (a
/// folder made by `zongwu init`), else `records`.
fn records_dir(given: Option<PathBuf>) -> PathBuf {
    given.unwrap_or_else(|| {
        let here = Path::new(crate::load::CONFIG_FILE).is_file();
        PathBuf::from(if here { "." } else { "records" })
    })
}

/// The `--lang` value (clap has already limited it to the known ones).
fn parse_lang(lang: Option<String>) -> Option<Lang> {
    lang.and_then(|l| l.parse().ok())
}

/// Says why a records directory could not be loaded: exit 2.
fn unloadable(err: &crate::load::LoadError, lang: Option<Lang>) -> ExitCode {
    let lang = lang.unwrap_or_default();
    eprintln!("{}: {}", lang.pick("错误", "error"), err.message(lang));
    ExitCode::from(2)
}

/// Loads and checks a records directory, for the commands that write records.
fn open_records(records: &Path, lang: Option<Lang>) -> Result<(Loaded, Lang), ExitCode> {
    let today = chrono::Local::now().date_naive();
    let loaded = crate::validate(records, today).map_err(|e| unloadable(&e, lang))?;
    let lang = lang.unwrap_or(loaded.records.config.site.language);
    Ok((loaded, lang))
}

/// Loads, checks and computes a records directory on `days`; with `history`, the git
/// history is read for the pages.
fn open(
    records: &Path,
    lang: Option<Lang>,
    days: Days,
    history: bool,
) -> Result<(Checked, Lang), ExitCode> {
    let checked = Checked::open(records, days, history).map_err(|e| unloadable(&e, lang))?;
    let lang = lang.unwrap_or(checked.computed.records.config.site.language);
    Ok((checked, lang))
}

/// Whether to colour output on this stream.
fn styled(terminal: bool) -> bool {
    terminal && std::env::var_os("NO_COLOR").is_none()
}

/// Prints any diagnostics to stderr; records with errors are exit 1.
fn report(
    diagnostics: &[crate::diag::Diagnostic],
    sources: &crate::source::SourceMap,
    lang: Lang,
) -> Result<(), ExitCode> {
    if !diagnostics.is_empty() {
        let styled = styled(std::io::stderr().is_terminal());
        eprintln!("{}", render::human(diagnostics, sources, lang, styled));
    }
    if diag::has_errors(diagnostics) {
        return Err(ExitCode::from(1));
    }
    Ok(())
}

/// Opens a records directory for a command that shows it: computed, with any
/// diagnostics printed; records with errors are exit 1.
fn open_valid(
    records: &Path,
    lang: Option<Lang>,
    days: Days,
    history: bool,
) -> Result<(Checked, Lang), ExitCode> {
    let (checked, lang) = open(records, lang, days, history)?;
    report(&checked.diagnostics, &checked.sources, lang)?;
    Ok((checked, lang))
}

/// `zongwu check`.
fn check(
    records: &Path,
    format: Format,
    lang: Option<Lang>,
    today: Option<chrono::NaiveDate>,
) -> Result<ExitCode, ExitCode> {
    let today = today.unwrap_or_else(|| chrono::Local::now().date_naive());
    let days = Days {
        question: today,
        today,
    };
    let (checked, lang) = open(records, lang, days, false)?;
    let diags = &checked.diagnostics;
    let text = match format {
        Format::Json => render::json(diags, &checked.sources, lang),
        Format::Human => {
            render::human(
                diags,
                &checked.sources,
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

/// `zongwu init`.
fn init(dir: &Path, force: bool, lang: Option<Lang>) -> Result<ExitCode, ExitCode> {
    let today = chrono::Local::now().date_naive();
    let lang = lang.unwrap_or_else(Lang::of_system);
    match crate::init::init(dir, force, today) {
        Ok(setup) => {
            for file in &setup.files {
                println!("{}", dir.join(file).display());
            }
            let d = dir.display();
            if setup.git_init {
                eprintln!(
                    "{}",
                    lang.pick(
                        format!("已在 {d} 建立 git 仓库（git init）。"),
                        format!("made {d} a git repository (git init)."),
                    )
                );
            }
            if let Some(hook) = &setup.hook {
                let h = hook.display();
                eprintln!(
                    "{}",
                    lang.pick(
                        format!("已安装提交前检查 {h}：要提交的记录有错误时不能提交。"),
                        format!(
                            "installed {h}: a commit is refused while the records it commits have errors."
                        ),
                    )
                );
            }
            eprintln!(
                "{}",
                lang.pick(
                    format!("已创建记录目录 {d}；运行 zongwu check {d} 检查，zongwu build {d} 生成网站。"),
                    format!("created the records directory {d}; run zongwu check {d} to check it, zongwu build {d} to build its site."),
                )
            );
            Ok(ExitCode::SUCCESS)
        }
        Err(err) => {
            eprintln!(
                "{}",
                lang.pick(
                    format!("错误：{err}（如确需写入，加 --force；已有的文件不会被覆盖）"),
                    format!(
                        "error: {err} (add --force to write anyway; no existing file is replaced)"
                    ),
                )
            );
            Err(ExitCode::from(2))
        }
    }
}

/// `zongwu schema`: schemas are refreshed; an existing association file is kept.
fn schema(out: &Path) -> Result<ExitCode, ExitCode> {
    crate::load::records_folder(out).map_err(|e| unloadable(&e, None))?;
    for (rel, text) in crate::schema::editor_files() {
        let path = out.join(&rel);
        let generated = rel.starts_with("schemas/");
        if path.exists() && !generated {
            eprintln!(
                "{}: 已存在，保留原样 / exists, kept as it is",
                path.display()
            );
            continue;
        }
        let temp = out.join(format!("{rel}.zongwu-{}", std::process::id()));
        let written = path
            .parent()
            .map_or(Ok(()), std::fs::create_dir_all)
            .and_then(|()| std::fs::write(&temp, &text))
            .and_then(|()| std::fs::rename(&temp, &path));
        if let Err(err) = written {
            let _ = std::fs::remove_file(&temp);
            eprintln!("错误 / error: {}: {err}", path.display());
            return Err(ExitCode::from(2));
        }
        println!("{}", path.display());
    }
    Ok(ExitCode::SUCCESS)
}

/// `zongwu new`: prints the new file's path.
fn new(
    records: &Path,
    kind: crate::model::Kind,
    title: Option<&str>,
    month: Option<crate::model::Month>,
    lang: Option<Lang>,
) -> Result<ExitCode, ExitCode> {
    let (loaded, lang) = open_records(records, lang)?;
    if month.is_some() && kind != Kind::Budget {
        eprintln!(
            "{}",
            lang.pick(
                "错误：--month 只用于 zongwu new budget",
                "error: --month is for zongwu new budget only"
            )
        );
        return Err(ExitCode::from(2));
    }
    let today = chrono::Local::now().date_naive();
    let path = match kind {
        Kind::Budget => {
            let id = month.unwrap_or(crate::model::Month::of(today)).to_string();
            crate::create::new_record_path(records, kind, &id, std::iter::empty())
        }
        _ => {
            let (records_read, sources) = (&loaded.records, &loaded.sources);
            crate::create::next_record(records, records_read, sources, kind, today).1
        }
    };
    let text = crate::create::record_text(kind, title, today, lang);
    match crate::create::write_new(&path, text.as_bytes()) {
        Ok(()) => {
            println!("{}", path.display());
            Ok(ExitCode::SUCCESS)
        }
        Err(err) => {
            eprintln!("{}: {}: {err}", lang.pick("错误", "error"), path.display());
            Err(ExitCode::from(2))
        }
    }
}

/// Prints an exchange error; its exit code.
fn exchange_failed(err: crate::exchange::ExchangeError, lang: Lang) -> ExitCode {
    use crate::exchange::ExchangeError;
    match err {
        ExchangeError::File(e) => eprintln!("{}: {e}", lang.pick("错误", "error")),
        ExchangeError::Rows(rows) => {
            for (row, column, message) in &rows {
                eprintln!(
                    "{}",
                    lang.pick(
                        format!("第 {row} 行，“{column}”列：{message}"),
                        format!("row {row}, column \"{column}\": {message}")
                    )
                );
            }
            eprintln!(
                "{}",
                lang.pick(
                    format!("共 {} 处错误；没有写入任何记录。", rows.len()),
                    format!("{} errors; no record was written.", rows.len())
                )
            );
            return ExitCode::from(1);
        }
    }
    ExitCode::from(2)
}

/// `zongwu export`.
fn export(
    records: &Path,
    what: Sheeted,
    format: crate::exchange::Format,
    out: Option<&Path>,
    lang: Option<Lang>,
) -> Result<ExitCode, ExitCode> {
    use crate::exchange::{self, Format};
    let (loaded, lang) = open_records(records, lang)?;
    report(&loaded.diagnostics, &loaded.sources, lang)?;
    let chinese = lang == Lang::ZhCn;
    let (sheet, name) = match what {
        Sheeted::Records(kind) => (
            exchange::export(&loaded.records, kind, chinese),
            kind.folder(),
        ),
        Sheeted::Rooms => {
            let register = loaded.records.register.as_ref();
            (exchange::rooms::export(register, chinese), "rooms")
        }
    };
    let bytes = exchange::write(&sheet, format).map_err(|e| exchange_failed(e, lang))?;
    let default = (format == Format::Xlsx).then(|| PathBuf::from(format!("{name}.xlsx")));
    match out.map(Path::to_path_buf).or(default) {
        Some(path) => std::fs::write(&path, bytes).map_err(|e| {
            eprintln!("{}: {}: {e}", lang.pick("错误", "error"), path.display());
            ExitCode::from(2)
        })?,
        None => std::io::stdout()
            .lock()
            .write_all(&bytes)
            .map_err(|_| ExitCode::from(2))?,
    }
    Ok(ExitCode::SUCCESS)
}

/// `zongwu import`: prints the path of every file written.
fn import(
    records: &Path,
    what: Sheeted,
    file: &Path,
    format: Option<crate::exchange::Format>,
    lang: Option<Lang>,
) -> Result<ExitCode, ExitCode> {
    use crate::exchange::{self, Format};
    let (loaded, lang) = open_records(records, lang)?;
    report(&loaded.diagnostics, &loaded.sources, lang)?;
    let by_extension = file
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("xlsx") || e.eq_ignore_ascii_case("xls"));
    let format = format.unwrap_or(if by_extension {
        Format::Xlsx
    } else {
        Format::Csv
    });
    let sheet = exchange::read(file, format).map_err(|e| exchange_failed(e, lang))?;
    let kind = match what {
        Sheeted::Records(kind) => kind,
        Sheeted::Rooms => return import_rooms(records, &loaded, &sheet, lang),
    };
    let today = chrono::Local::now().date_naive();
    let plan = exchange::import(&loaded, kind, &sheet, lang, today)
        .map_err(|e| exchange_failed(e, lang))?;
    let writes: Vec<crate::create::FileWrite> = plan
        .changes
        .iter()
        .map(|c| crate::create::FileWrite {
            path: records.join(&c.path),
            old: c.old.as_deref(),
            text: &c.text,
        })
        .collect();
    if let Err((path, err)) = crate::create::write_all(&writes) {
        eprintln!(
            "{}: {}: {err}; {}",
            lang.pick("错误", "error"),
            path.display(),
            lang.pick("没有写入任何记录。", "no record was written.")
        );
        return Err(ExitCode::from(2));
    }
    for w in &writes {
        println!("{}", w.path.display());
    }
    let added = plan.changes.iter().filter(|c| c.old.is_none()).count();
    let (updated, same, absent) = (plan.changes.len() - added, plan.unchanged, plan.absent);
    eprintln!(
        "{}",
        lang.pick(
            format!("新增 {added}，更新 {updated}，未变 {same}；表中没有的 {absent} 条记录保持不变。"),
            format!("added {added}, updated {updated}, unchanged {same}; {absent} records not in the sheet were left as they are."),
        )
    );
    Ok(ExitCode::SUCCESS)
}

/// `zongwu import rooms`: merges the sheet's rooms into `locations.toml`, written
/// atomically (and only if no one changed it meanwhile); prints its path.
fn import_rooms(
    records: &Path,
    loaded: &crate::load::Loaded,
    sheet: &crate::exchange::Sheet,
    lang: Lang,
) -> Result<ExitCode, ExitCode> {
    let path = records.join(crate::load::REGISTER_FILE);
    let old = loaded.records.register.as_ref().map(|_| {
        loaded
            .sources
            .get(loaded.records.register_file)
            .text
            .as_str()
    });
    let register = loaded.records.register.as_ref();
    let plan = crate::exchange::rooms::import(register, old, sheet, lang)
        .map_err(|e| exchange_failed(e, lang))?;
    let write = crate::create::FileWrite {
        path: path.clone(),
        old,
        text: &plan.text,
    };
    if let Err((path, err)) = crate::create::write_all(&[write]) {
        eprintln!("{}: {}: {err}", lang.pick("错误", "error"), path.display());
        return Err(ExitCode::from(2));
    }
    println!("{}", path.display());
    let (added, updated, same, buildings) =
        (plan.added, plan.updated, plan.unchanged, plan.buildings);
    eprintln!(
        "{}",
        lang.pick(
            format!("新增房间 {added}，更新 {updated}，未变 {same}；新增楼宇 {buildings}。"),
            format!("rooms added {added}, updated {updated}, unchanged {same}; buildings added {buildings}."),
        )
    );
    Ok(ExitCode::SUCCESS)
}

/// `zongwu stats`.
fn stats(
    records: &Path,
    id: Option<&str>,
    format: StatsFormat,
    lang: Option<Lang>,
    days: Days,
) -> Result<ExitCode, ExitCode> {
    let (checked, lang) = open_valid(records, lang, days, false)?;
    let computed = &checked.computed;
    let i = semester(computed, id, lang)?;
    let semester = &computed.records.config.semesters[i];
    let facts = &computed.semesters[i];
    // The figures, and the previous semester's as `prev` (null for the first).
    let prev = computed.previous(i).map(|p| &computed.semesters[p].json);
    let text = match format {
        StatsFormat::Json => {
            let mut json = facts.json.clone();
            if let serde_json::Value::Object(map) = &mut json {
                map.insert("prev".into(), prev.cloned().unwrap_or_default());
            }
            serde_json::to_string_pretty(&json).unwrap_or_default() + "\n"
        }
        StatsFormat::Table => {
            let mut lines = Vec::new();
            flatten("stats", &facts.json, &mut lines);
            flatten("prev", prev.unwrap_or(&serde_json::Value::Null), &mut lines);
            let width = lines
                .iter()
                .map(|(k, _)| crate::i18n::display_width(k))
                .max()
                .unwrap_or(0);
            let mut out = format!(
                "{} ({} — {}; {} {})\n",
                semester.title,
                *semester.start,
                *semester.end,
                lang.pick("数据截至", "as of"),
                facts.day
            );
            for (name, value) in lines {
                let pad = " ".repeat(width - crate::i18n::display_width(&name));
                out.push_str(&format!("{name}{pad}  {value}\n"));
            }
            out
        }
    };
    print!("{text}");
    Ok(ExitCode::SUCCESS)
}

/// The semester asked for (by default the one of the day in question); an unknown one
/// is exit 2.
fn semester(
    computed: &crate::compute::Computed,
    id: Option<&str>,
    lang: Lang,
) -> Result<usize, ExitCode> {
    let found = match id {
        Some(id) => computed.semester(id),
        None => computed.current,
    };
    found.ok_or_else(|| {
        let known: Vec<&str> = computed
            .records
            .config
            .semesters
            .iter()
            .map(|s| s.id.as_str())
            .collect();
        let asked = id.unwrap_or_default();
        eprintln!(
            "{}",
            lang.pick(
                format!(
                    "错误：没有学期 \"{asked}\"。已有的学期：{}",
                    known.join("、")
                ),
                format!(
                    "error: there is no semester \"{asked}\". Known semesters: {}",
                    known.join(", ")
                ),
            )
        );
        ExitCode::from(2)
    })
}

/// `zongwu pdf`.
fn pdf(
    records: &Path,
    id: Option<&str>,
    out: Option<PathBuf>,
    chromium: Option<&Path>,
    lang: Option<Lang>,
    days: Days,
) -> Result<ExitCode, ExitCode> {
    let (checked, lang) = open_valid(records, lang, days, false)?;
    let i = semester(&checked.computed, id, lang)?;
    let browser = browser(chromium, lang)?;
    let id = checked.computed.records.config.semesters[i].id.as_str();
    let out = out.unwrap_or_else(|| PathBuf::from(format!("{id}.pdf")));
    let staging = std::env::temp_dir().join(format!("zongwu-pdf-{}", std::process::id()));
    let mut options = site_options(records, &staging, lang, false);
    options.only_semester = Some(id.to_owned());
    let result = crate::site::build(&checked.computed, &checked.sources, &options)
        .map_err(|e| e.to_string())
        .and_then(|_| {
            let html = staging.join("semesters").join(format!("{id}.html"));
            print_pdf(&browser, &html, &out)
        });
    let _ = std::fs::remove_dir_all(&staging);
    wrote(result, &out, lang)
}

/// The browser to print with (`--chromium`, else found on PATH); without one, exit 2
/// saying how to get one.
fn browser(chromium: Option<&Path>, lang: Lang) -> Result<PathBuf, ExitCode> {
    crate::pdf::find_chromium(chromium).ok_or_else(|| {
        eprintln!(
            "{}",
            lang.pick(
                "错误：找不到 Chromium。请安装（如 apt-get install chromium），或用 --chromium 指定浏览器程序。",
                "error: Chromium was not found. Install it (e.g. apt-get install chromium) or name it with --chromium.",
            )
        );
        ExitCode::from(2)
    })
}

/// Prints the page `html` to the PDF `out` (relative to the current folder) with
/// [`crate::pdf::print`].
fn print_pdf(browser: &Path, html: &Path, out: &Path) -> Result<(), String> {
    let out = match out.is_absolute() {
        true => out.to_path_buf(),
        false => std::env::current_dir()
            .map_err(|e| e.to_string())?
            .join(out),
    };
    crate::pdf::print(browser, html, &out)
}

/// Says that `out` was written, or why not (exit 2).
fn wrote(result: Result<(), String>, out: &Path, lang: Lang) -> Result<ExitCode, ExitCode> {
    match result {
        Ok(()) => {
            eprintln!(
                "{}",
                lang.pick(
                    format!("已生成 {}", out.display()),
                    format!("wrote {}", out.display())
                )
            );
            Ok(ExitCode::SUCCESS)
        }
        Err(err) => {
            eprintln!("{}: {err}", lang.pick("错误", "error"));
            Err(ExitCode::from(2))
        }
    }
}

/// Where and how `labels` and `checklist` write what they print.
struct Printing {
    /// `--out`: a PDF, or the HTML page when it ends in `.html`.
    out: PathBuf,
    /// `--chromium`.
    chromium: Option<PathBuf>,
    /// `--lang`.
    lang: Option<Lang>,
    /// The day in question (`--today`) and today.
    days: Days,
}

/// `zongwu labels`: the labels of the cards picked, on the day in question; a pick that
/// names no card on the books is exit 2, with what to type instead.
fn labels(
    records: &Path,
    pick: crate::labels::Pick,
    layout: crate::labels::Layout,
    printing: Printing,
) -> Result<ExitCode, ExitCode> {
    let Printing {
        out,
        chromium,
        lang,
        days,
    } = printing;
    let (checked, lang) = open_valid(records, lang, days, false)?;
    let records = &checked.computed.records;
    let refused = |refusal: crate::labels::Refusal| {
        let message = refusal.message(lang, days.question);
        eprintln!("{}: {message}", lang.pick("错误", "error"));
        ExitCode::from(2)
    };
    let picked = crate::labels::select(records, days.question, pick).map_err(refused)?;
    let html =
        crate::labels::html(records, &checked.sources, &picked, layout, lang).map_err(refused)?;
    let (labels, sheets) = (picked.len(), picked.len().div_ceil(layout.per_sheet()));
    let s = |n: usize| if n == 1 { "" } else { "s" };
    eprintln!(
        "{}",
        lang.pick(
            format!("{labels} 张标签，{sheets} 页"),
            format!("{labels} label{} on {sheets} sheet{}", s(labels), s(sheets)),
        )
    );
    if out
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("html"))
    {
        let result = std::fs::write(&out, html).map_err(|e| format!("{}: {e}", out.display()));
        return wrote(result, &out, lang);
    }
    let browser = browser(chromium.as_deref(), lang)?;
    wrote(print_page(&browser, "labels", &html, &out), &out, lang)
}

/// Prints a page of zongwu's own (`html`, written for the moment into a folder of
/// its own as `NAME.html`) to the PDF `out` with [`print_pdf`].
fn print_page(browser: &Path, name: &str, html: &str, out: &Path) -> Result<(), String> {
    let staging = std::env::temp_dir().join(format!("zongwu-{name}-{}", std::process::id()));
    let page = staging.join(format!("{name}.html"));
    let result = std::fs::create_dir_all(&staging)
        .and_then(|()| std::fs::write(&page, html))
        .map_err(|e| format!("{}: {e}", page.display()))
        .and_then(|()| print_pdf(browser, &page, out));
    let _ = std::fs::remove_dir_all(&staging);
    result
}

/// `zongwu checklist`: the sheet of a location printed to PDF; with `toml`, the
/// asset-audit inspection to type its results into, written (after the PDF) with the
/// next free id, which the sheet names.
fn checklist(
    records: &Path,
    location: &str,
    printing: Printing,
    toml: bool,
) -> Result<ExitCode, ExitCode> {
    let Printing {
        out,
        chromium,
        lang,
        days,
    } = printing;
    let (checked, lang) = open_valid(records, lang, days, false)?;
    let computed = &checked.computed;
    let mut sheet = crate::checklist::Checklist::of(computed, location, lang).map_err(|e| {
        let hint = e.suggestion.map_or_else(String::new, |s| {
            lang.pick(
                format!("是不是想写 “{s}”？"),
                format!(" Did you mean \"{s}\"?"),
            )
        });
        eprintln!(
            "{}",
            lang.pick(
                format!("错误：没有记录写过地点 “{location}”。{hint}"),
                format!("error: no record names the location \"{location}\".{hint}"),
            )
        );
        ExitCode::from(2)
    })?;
    let browser = browser(chromium.as_deref(), lang)?;
    let record = toml.then(|| {
        let (records_read, sources) = (&computed.records, &checked.sources);
        let kind = Kind::Inspection;
        crate::create::next_record(records, records_read, sources, kind, computed.day)
    });
    sheet.record = record.as_ref().map(|(id, _)| id.clone());
    wrote(
        print_page(&browser, "checklist", &sheet.html(), &out),
        &out,
        lang,
    )?;
    if let Some((_, path)) = record {
        if let Err(err) = crate::create::write_new(&path, sheet.record_text().as_bytes()) {
            eprintln!("{}: {}: {err}", lang.pick("错误", "error"), path.display());
            return Err(ExitCode::from(2));
        }
        println!("{}", path.display());
    }
    Ok(ExitCode::SUCCESS)
}

/// The options of `zongwu build`.
struct BuildFlags {
    /// `--lang`.
    lang: Option<Lang>,
    /// The day in question (`--today`) and today.
    days: Days,
    /// `--timestamp`.
    stamp: bool,
    /// `--full`.
    full: bool,
    /// Not `--no-search`.
    search: bool,
}

/// The build options for a records directory.
fn site_options(records: &Path, out: &Path, lang: Lang, stamp: bool) -> crate::site::Options {
    crate::site::Options {
        out: out.to_path_buf(),
        root: records.to_path_buf(),
        lang,
        stamp: stamp.then(|| chrono::Local::now().format("%Y-%m-%d %H:%M").to_string()),
        only_semester: None,
        search: true,
    }
}

/// Every leaf of a JSON value, with the expression that names it in a summary.
fn flatten(path: &str, value: &serde_json::Value, out: &mut Vec<(String, String)>) {
    match value {
        serde_json::Value::Object(map) => {
            for (key, value) in map {
                flatten(&crate::compute::stats::child(path, key), value, out);
            }
        }
        serde_json::Value::Array(items) => {
            for (i, value) in items.iter().enumerate() {
                flatten(
                    &crate::compute::stats::child(path, &i.to_string()),
                    value,
                    out,
                );
            }
        }
        serde_json::Value::String(s) => out.push((path.to_owned(), s.clone())),
        other => out.push((path.to_owned(), other.to_string())),
    }
}

/// `zongwu build`.
fn build(records: &Path, out: &Path, flags: BuildFlags) -> Result<ExitCode, ExitCode> {
    let settings = crate::site::fresh::settings(flags.lang, flags.days.question, flags.search);
    let Some(mut previous) =
        crate::site::fresh::Previous::of(records, out, &settings, flags.stamp, flags.full)
    else {
        let lang = flags.lang.unwrap_or_default();
        eprintln!(
            "{}",
            lang.pick(
                format!(
                    "网站 {} 已是最新：自上次生成以来记录没有变化。",
                    out.display()
                ),
                format!(
                    "{} is up to date: nothing changed since the last build.",
                    out.display()
                ),
            )
        );
        return Ok(ExitCode::SUCCESS);
    };
    let cache = std::mem::take(&mut previous.cache);
    let (checked, reused) =
        Checked::open_reusing(records, flags.days, true, cache, previous.listing.take())
            .map_err(|e| unloadable(&e, flags.lang))?;
    let lang = flags
        .lang
        .unwrap_or(checked.computed.records.config.site.language);
    report(&checked.diagnostics, &checked.sources, lang)?;
    let options = crate::site::Options {
        search: flags.search,
        ..site_options(records, out, lang, flags.stamp)
    };
    let result = crate::site::build_or_update(
        &checked.computed,
        &checked.sources,
        &options,
        previous.in_place(),
        &reused,
    );
    if let Ok((_, in_place)) = &result {
        // Without them, the next build is a whole one: nothing is lost.
        let _ = previous.finish(out, &reused, *in_place);
    }
    // Freeing 100,000 records one by one takes longer than the process's exit does.
    std::mem::forget((checked, reused));
    match result {
        Ok((built, true)) => {
            eprintln!(
                "{}",
                lang.pick(
                    format!(
                        "已更新网站 {}：重写了 {} 个文件，其余未变。",
                        out.display(),
                        built.files
                    ),
                    format!(
                        "updated {}: {} files written again, the rest as they were.",
                        out.display(),
                        built.files
                    ),
                )
            );
            Ok(ExitCode::SUCCESS)
        }
        Ok((built, false)) => {
            eprintln!(
                "{}",
                lang.pick(
                    format!(
                        "已生成网站 {}：{} 个页面，共 {} 个文件。",
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
