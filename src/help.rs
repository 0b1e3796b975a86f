//! The command line's help in Chinese, for when the language is zh-CN: the language
//! asked with `--lang`, else `site.language` of the records folder, else the system's.
//!
//! The English help is written once, as doc comments on [`crate::cli`]'s types; this
//! module holds its Chinese words and puts them in place of the English ones.

use crate::i18n::Lang;
use clap::{Arg, ArgAction, Command};

/// What the records folder means, for every command that takes one.
const RECORDS: &str = "记录目录（默认：当前文件夹有 zongwu.toml 时为当前文件夹，否则为 records）";
/// What `--today` means for the commands that show statuses and figures.
const TODAY: &str =
    "所问的那一天：状态和数字按这一天计算（默认今天）；学期的数字按学期末或这一天（取较早者）";

/// A command's name, its Chinese description, and each argument's id and help.
type Words = (
    &'static str,
    &'static str,
    &'static [(&'static str, &'static str)],
);

/// Each command's Chinese description and the help of each of its arguments.
const WORDS: &[Words] = &[
    (
        "check",
        "检查每一条记录，一次列出所有错误，注明位置和改法",
        &[
            ("records", RECORDS),
            (
                "format",
                "输出格式：human（给人看）或 json（给编辑器和脚本）",
            ),
            (
                "today",
                "把这一天当作今天：晚于它的日期会被提醒（默认今天）",
            ),
        ],
    ),
    (
        "init",
        "新建记录目录：带注释的 zongwu.toml 和房间登记 locations.toml、每类记录一个例子、git 仓库和提交前检查",
        &[
            ("dir", "要新建的文件夹（须为空或不存在）"),
            ("force", "文件夹不空也写入（已有的文件不会被覆盖）"),
        ],
    ),
    (
        "new",
        "新建一条记录：自动编号，每个必填项都写好注释",
        &[
            ("kind", "记录种类"),
            ("records", RECORDS),
            ("title", "新记录的标题（或名称）"),
            ("month", "预算的月份，如 2026-12（默认本月）"),
        ],
    ),
    (
        "completions",
        "输出命令行补全脚本",
        &[("shell", "哪种 shell:bash、zsh、fish 或 powershell")],
    ),
    (
        "serve",
        "在本机预览网站，记录一改就重新生成并自动刷新",
        &[
            ("records", RECORDS),
            ("port", "端口（0 表示任选一个空闲端口）"),
            (
                "bind",
                "监听的地址；默认只有本机能看到（0.0.0.0 表示对整个网络开放）",
            ),
            ("today", TODAY),
        ],
    ),
    (
        "schema",
        "为编辑器写出记录文件的 JSON Schema（VS Code 的 Even Better TOML 会提示键名和类型）",
        &[(
            "out",
            "写入哪个记录目录（须有 zongwu.toml；默认同其他命令）",
        )],
    ),
    (
        "export",
        "把一类记录（或 rooms：locations.toml 的房间）导出为表格（CSV 或 Excel）",
        &[
            ("kind", "记录种类，或 rooms（房间登记）"),
            ("records", RECORDS),
            ("format", "表格格式：csv 或 xlsx"),
            (
                "out",
                "写到哪个文件（默认：CSV 输出到屏幕，Excel 写成 种类.xlsx）",
            ),
        ],
    ),
    (
        "import",
        "把表格读进记录：已有编号的更新原文件，新编号新建；rooms 把房间并入 locations.toml；任何一行有错就什么都不写",
        &[
            ("kind", "记录种类，或 rooms（房间登记）"),
            ("file", "要读入的表格；第一行是列名"),
            ("records", RECORDS),
            ("format", "表格格式（默认按扩展名）"),
        ],
    ),
    (
        "stats",
        "列出一个学期的数字：总结里能用的每个名字及其值",
        &[
            ("records", RECORDS),
            (
                "semester",
                "学期编号（默认：所问那一天所在的学期；两学期之间为最近开始的学期）",
            ),
            ("format", "输出格式：table（名字和值）或 json"),
            ("today", TODAY),
        ],
    ),
    (
        "pdf",
        "把学期工作总结打印成 A4 PDF（需要已安装的 Chromium）",
        &[
            ("records", RECORDS),
            (
                "semester",
                "学期编号（默认：所问那一天所在的学期；两学期之间为最近开始的学期）",
            ),
            ("out", "PDF 文件名（默认：学期编号.pdf，写在当前文件夹）"),
            (
                "chromium",
                "用哪个 Chromium（或 Chrome）程序打印（默认在 PATH 中找）",
            ),
            ("today", TODAY),
        ],
    ),
    (
        "labels",
        "打印在账资产的标签（A4 不干胶标签纸，每张带资产页面的二维码；需要已安装的 Chromium）",
        &[
            ("records", RECORDS),
            (
                "location",
                "只打印存放在这个地点的资产（和卡片上写的完全一样；有房间登记时，楼宇包括其中各房间）",
            ),
            (
                "ids",
                "只打印这些编号的资产（--ids A-2011-0001 A-2011-0002，或用逗号隔开）；已报废的不打印",
            ),
            (
                "layout",
                "标签纸：3x8（每页 24 张，70 × 37 毫米）或 2x7（每页 14 张，99.1 × 38.1 毫米）",
            ),
            (
                "out",
                "写出的文件：PDF；以 .html 结尾时写出标签网页本身（不需要浏览器）",
            ),
            (
                "chromium",
                "用哪个 Chromium（或 Chrome）程序打印（默认在 PATH 中找）",
            ),
            ("today", "所问的那一天：打印这一天在账的资产（默认今天）"),
        ],
    ),
    (
        "checklist",
        "把一个地点的资产清查表打印成 A4 PDF：当天在该地点的每张资产卡片，带勾选框、实际位置栏和清点数量栏",
        &[
            ("location", "地点，按记录里的写法（如 3号教学楼301）"),
            ("records", RECORDS),
            ("out", "PDF 文件名（默认：地点-日期.pdf，写在当前文件夹）"),
            (
                "chromium",
                "用哪个 Chromium（或 Chrome）程序打印（默认在 PATH 中找）",
            ),
            (
                "today",
                "清查的日期：列出这一天在账、在该地点的资产卡片（默认今天）",
            ),
            (
                "toml",
                "同时写出一条资产清查记录（inspections/编号.toml），每张卡片一段 [[audit]]，found = true 待改，填回结果只需修改",
            ),
        ],
    ),
    (
        "build",
        "检查记录，没有错误时生成网站",
        &[
            ("records", RECORDS),
            ("out", "输出文件夹；生成成功后才整体替换"),
            ("today", TODAY),
            (
                "timestamp",
                "在每页页脚印上生成时间（默认不印：同样的记录生成同样的网站）",
            ),
            ("full", "即使记录没有变化也重新生成每一页"),
            (
                "no_search",
                "不生成搜索索引（生成更快；网站的搜索页会说明没有索引）",
            ),
        ],
    ),
];

/// The language of the help: `--lang` on the command line, else `site.language` of the
/// records folder (this one if it holds zongwu.toml, else `records`), else the system's.
pub fn language(args: &[std::ffi::OsString]) -> Lang {
    let asked = args.iter().enumerate().find_map(|(i, a)| {
        let a = a.to_str()?;
        match a.strip_prefix("--lang") {
            Some("") => args.get(i + 1)?.to_str(),
            Some(rest) => rest.strip_prefix('='),
            None => None,
        }
    });
    if let Some(lang) = asked.and_then(|l| l.parse().ok()) {
        return lang;
    }
    let site = ["zongwu.toml", "records/zongwu.toml"]
        .iter()
        .find_map(|path| std::fs::read_to_string(path).ok())
        .and_then(|text| text.parse::<toml::Table>().ok())
        .and_then(|t| t.get("site")?.get("language")?.as_str()?.parse().ok());
    site.unwrap_or_else(Lang::of_system)
}

/// The arguments with `help [COMMAND]` written as `[COMMAND] --help`, so that `zongwu
/// help check` prints what `zongwu check --help` does, in either language.
pub fn as_flag(mut args: Vec<std::ffi::OsString>) -> Vec<std::ffi::OsString> {
    // The command is the first argument after the options before it (`--lang zh-CN`).
    let mut i = 1;
    while let Some(arg) = args.get(i).and_then(|a| a.to_str()) {
        match arg {
            "--lang" => i += 2,
            option if option.starts_with('-') => i += 1,
            _ => break,
        }
    }
    if args.get(i).is_some_and(|a| a == "help") {
        args.remove(i);
        args.push("--help".into());
    }
    args
}

/// A command's help laid out with Chinese headings.
fn template(cmd: &Command) -> String {
    let mut template = String::from("{about-with-newline}\n用法：{usage}\n");
    if cmd.has_subcommands() {
        template.push_str("\n命令：\n{subcommands}\n");
    }
    if cmd.get_positionals().next().is_some() {
        template.push_str("\n参数：\n{positionals}\n");
    }
    template.push_str("\n选项：\n{options}\n");
    template
}

/// One command in Chinese: its description, its arguments' help, its headings, and
/// help and version flags that say what they do in Chinese.
fn chinese_command(cmd: Command, about: &'static str, args: &[(&str, &'static str)]) -> Command {
    let mut cmd = cmd.about(about).disable_help_flag(true).arg(
        Arg::new("help")
            .short('h')
            .long("help")
            .action(ArgAction::Help)
            .help("显示帮助"),
    );
    for (id, help) in args {
        // The Chinese help of these names their values itself.
        let names_values = matches!(*id, "format" | "shell" | "layout");
        cmd = cmd.mut_arg(*id, |a| a.help(*help).hide_possible_values(names_values));
    }
    let template = template(&cmd);
    cmd.help_template(template)
}

/// The command line with Chinese help.
pub fn chinese(cmd: Command) -> Command {
    let lang = "语言：zh-CN 或 en（默认：zongwu.toml 的 site.language，否则系统语言）";
    let mut cmd = chinese_command(
        cmd,
        "zongwu：总务处的记录，检查、统计、发布",
        &[("lang", lang)],
    )
    .disable_version_flag(true)
    .arg(
        Arg::new("version")
            .short('V')
            .long("version")
            .action(ArgAction::Version)
            .help("显示版本"),
    )
    .disable_help_subcommand(true);
    for (name, about, args) in WORDS {
        cmd = cmd.mut_subcommand(*name, |c| chinese_command(c, about, args));
    }
    // Listed in Chinese in place of clap's; `help` itself is read by [`as_flag`].
    cmd.subcommand(Command::new("help").about("显示本帮助，或某个命令的帮助（zongwu help 命令）"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn every_command_and_argument_has_its_chinese_words() {
        let cli = crate::cli::Cli::command();
        let names: Vec<&str> = cli.get_subcommands().map(Command::get_name).collect();
        let translated: Vec<&str> = WORDS.iter().map(|(n, _, _)| *n).collect();
        assert_eq!(names, translated, "the same commands, in the same order");
        for (name, _, args) in WORDS {
            let sub = cli.find_subcommand(name).unwrap();
            let ids: Vec<&str> = sub.get_arguments().map(|a| a.get_id().as_str()).collect();
            let words: Vec<&str> = args.iter().map(|(id, _)| *id).collect();
            assert_eq!(ids, words, "{name}");
        }
        chinese(cli).debug_assert();
    }

    #[test]
    fn the_language_is_asked_else_the_sites_else_the_systems() {
        let args = |list: &[&str]| {
            list.iter()
                .map(std::ffi::OsString::from)
                .collect::<Vec<_>>()
        };
        assert_eq!(
            language(&args(&["zongwu", "--lang", "en", "check"])),
            Lang::En
        );
        assert_eq!(
            language(&args(&["zongwu", "check", "--lang=zh-CN"])),
            Lang::ZhCn
        );
    }

    #[test]
    fn help_and_a_command_is_that_commands_help_flag() {
        let args = |list: &[&str]| {
            list.iter()
                .map(std::ffi::OsString::from)
                .collect::<Vec<_>>()
        };
        let flag = |list: &[&str]| as_flag(args(list));
        assert_eq!(flag(&["zongwu", "help"]), args(&["zongwu", "--help"]));
        assert_eq!(
            flag(&["zongwu", "--lang", "en", "help", "check"]),
            args(&["zongwu", "--lang", "en", "check", "--help"])
        );
        assert_eq!(
            flag(&["zongwu", "check", "help"]),
            args(&["zongwu", "check", "help"]),
            "a folder named help"
        );
    }
}
