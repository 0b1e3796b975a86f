//! Every problem zongwu can report, with its stable code, short name, and message and
//! hint in both languages. This file is the one place where diagnostic wording lives.

use super::Severity;
use crate::amount::AmountError;
use crate::i18n::Lang;
use crate::model::Kind;

/// Formats the Chinese or the English text, evaluating only the one chosen.
macro_rules! tr {
    ($lang:expr, $zh:literal, $en:literal $(,)?) => {
        match $lang {
            Lang::ZhCn => format!($zh),
            Lang::En => format!($en),
        }
    };
}

/// The TOML type a key should have, as named in messages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Expected {
    /// A quoted string.
    String,
    /// A bare date like `2011-09-05`.
    Date,
    /// A number of yuan.
    Amount,
    /// A whole number.
    Integer,
    /// A number, whole or not.
    Number,
    /// `true` or `false`.
    Bool,
    /// A `[table]`.
    Table,
    /// `[[name]]` tables.
    Tables,
    /// `["a", "b"]`.
    Strings,
    /// `[2011-09-05, 2012-01-10]`.
    Dates,
}

impl Expected {
    fn name(self, lang: Lang) -> &'static str {
        use Expected::*;
        match (self, lang) {
            (String, Lang::ZhCn) => "带引号的文字",
            (String, Lang::En) => "a quoted string",
            (Date, Lang::ZhCn) => "日期（如 2011-09-05，不加引号）",
            (Date, Lang::En) => "a date like 2011-09-05 (no quotes)",
            (Amount, Lang::ZhCn) => "金额（如 1200 或 850.50）",
            (Amount, Lang::En) => "an amount like 1200 or 850.50",
            (Integer, Lang::ZhCn) => "整数",
            (Integer, Lang::En) => "a whole number",
            (Number, Lang::ZhCn) => "数字",
            (Number, Lang::En) => "a number",
            (Bool, Lang::ZhCn) => "true 或 false",
            (Bool, Lang::En) => "true or false",
            (Table, Lang::ZhCn) => "表（[名称] 段）",
            (Table, Lang::En) => "a table ([name])",
            (Tables, Lang::ZhCn) => "表数组（[[名称]] 段）",
            (Tables, Lang::En) => "a list of tables ([[name]])",
            (Strings, Lang::ZhCn) => "文字列表(如 [\"a\", \"b\"])",
            (Strings, Lang::En) => "a list of strings like [\"a\", \"b\"]",
            (Dates, Lang::ZhCn) => "日期列表（如 [2011-09-05, 2012-01-10]，日期不加引号）",
            (Dates, Lang::En) => "a list of dates like [2011-09-05, 2012-01-10] (no quotes)",
        }
    }
}

/// A best guess at the encoding of a file that is not UTF-8.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    /// Byte pairs in the GBK/GB18030 ranges: the usual Chinese Windows encoding.
    Gbk,
    /// A UTF-16 byte order mark.
    Utf16,
    /// Something else.
    Unknown,
}

/// Everything that can be wrong in a records directory.
#[derive(Clone, Debug, PartialEq)]
pub enum Problem {
    /// The file is not valid TOML; `detail` is the parser's own words.
    Syntax { detail: String },
    /// The file is not UTF-8.
    NotUtf8 { encoding: Encoding },
    /// The file could not be read.
    Unreadable { detail: String },
    /// A symbolic link leads outside the records directory or nowhere.
    LinkOutside,
    /// A pipe, socket or device where a record file is expected; never read.
    NotAFile,
    /// A required key is absent.
    MissingKey { key: String },
    /// A required text left blank.
    EmptyValue { key: String },
    /// A key that this kind of record does not have.
    UnknownKey {
        key: String,
        suggestion: Option<&'static str>,
    },
    /// A value of the wrong TOML type.
    WrongType {
        key: String,
        expected: Expected,
        found: &'static str,
    },
    /// One value where a list is expected (`revised = 2011-10-01`); `fixed` is the line
    /// with the value in brackets.
    NotAList { key: String, fixed: String },
    /// A date written as a quoted string.
    QuotedDate { key: String, text: String },
    /// A date with a time of day or an offset.
    DateWithTime { key: String },
    /// An amount that is not acceptable money.
    BadAmount { key: String, error: AmountError },
    /// A value outside a fixed list of choices.
    BadChoice {
        key: String,
        value: String,
        choices: &'static [&'static str],
        words: &'static [&'static str],
        suggestion: Option<&'static str>,
    },
    /// A number outside its allowed range.
    OutOfRange {
        key: String,
        value: String,
        min: &'static str,
        max: Option<&'static str>,
    },
    /// A number that must be above zero (a size, whole or not) and is not.
    NotPositive { key: String, value: String },
    /// A list that must not be empty.
    EmptyList { key: String },
    /// A file stem that is not a valid record id.
    BadId { id: String },
    /// Two files of one kind with the same id.
    DuplicateId { id: String, other: String },
    /// A reference to a record that does not exist.
    UnknownRef {
        key: String,
        kind: Kind,
        id: String,
        suggestion: Option<String>,
    },
    /// A date earlier than the date it must follow.
    DateOrder {
        key: String,
        date: String,
        earlier_key: String,
        earlier: String,
    },
    /// A workflow step recorded without the step before it.
    MissingStep { key: String, needs: &'static str },
    /// A key required because another is set.
    RequiredWith {
        key: &'static str,
        because: &'static str,
    },
    /// A purchase at or over the tender threshold bought by quotation or directly.
    TenderRequired {
        total: String,
        threshold: String,
        method: String,
    },
    /// A tender with too few bids.
    TooFewBids { count: usize, min: u32 },
    /// A tender whose bids do not have exactly one winner.
    WinningBids { count: usize },
    /// The winning bid's vendor differs from the purchase's vendor.
    WinnerVendor { winner: String, vendor: String },
    /// A repair reported on an asset already disposed.
    DisposedAsset {
        asset: String,
        disposed: String,
        reported: String,
    },
    /// `scores` or `audit` on an inspection of another type.
    MisplacedTable {
        key: &'static str,
        needs_type: &'static str,
    },
    /// A budget file whose name is not a real month.
    BadMonth { stem: String },
    /// Two semesters whose ranges overlap.
    SemesterOverlap { id: String, other: String },
    /// Two semesters with the same id.
    DuplicateSemester { id: String },
    /// A summary expression that does not parse.
    NarrativeSyntax { detail: String },
    /// A summary expression that cannot be evaluated (an unknown figure, a wrong filter).
    NarrativeValue { detail: String },
    /// A narrative of the first semester names `prev`, which it does not have.
    NoPrevious { semester: String },
    /// A file in a record folder that is not a record file.
    NotARecord { expected_ext: &'static str },
    /// A summary whose name is no semester's id.
    OrphanSummary { id: String },
    /// A linked folder, which zongwu does not follow.
    LinkedFolder,
    /// A folder whose name ends like a record file (`A-1.toml/`).
    FolderNamedLikeFile { ext: &'static str },
    /// Full-width characters typed where TOML needs half-width ones.
    FullWidth { chars: String, fixed: String },
    /// A date written another way than `2011-09-01`.
    DateSpelling { written: String, fixed: String },
    /// A number written with separators, a currency sign or a unit.
    NumberSpelling { written: String, fixed: String },
    /// Text written without its double quotes.
    Unquoted { written: String, fixed: String },
    /// A price of one item left at 0.
    ZeroPrice { key: String },
    /// A required key written with a misspelled name.
    MisspelledKey { key: String, expected: String },
    /// A key written in Chinese (`名称`): the English key it names, and the line with it.
    ChineseKey {
        key: String,
        expected: &'static str,
        fixed: String,
    },
    /// A `.toml` file outside the folders zongwu reads: a misplaced record?
    Misplaced { folder: Option<&'static str> },
    /// A record (or summary) file whose extension is not in lower case (`A-1.TOML`):
    /// not read; `fixed` is its name as it should be.
    ExtensionCase {
        written: String,
        ext: &'static str,
        fixed: String,
    },
    /// An event dated after today: most often a typo in the year.
    AfterToday {
        key: &'static str,
        date: String,
        today: String,
    },
    /// A budget month that no semester holds.
    MonthOutsideSemesters { month: String },
    /// Text on one line with white space at its start or end (ASCII or full-width),
    /// read without it.
    SpaceAtEnds {
        key: String,
        written: String,
        fixed: String,
    },
    /// A completed works project measured in another unit than its category's (that
    /// of the category's first completed project, `first`): its quantity cannot be
    /// added to theirs.
    MixedUnits {
        category: String,
        unit: String,
        expected: String,
        first: String,
    },
    /// An audit line that says two things: `found = false` with a `found_at` or a
    /// `quantity` above 0, or `found = true` with `quantity = 0`. `key` is the key that
    /// contradicts `found` (`audit[2].found_at`), `written` its value as written.
    AuditContradiction {
        key: String,
        written: String,
        found: bool,
    },
    /// An audit line that counted more items than its card holds.
    AuditOverCount {
        key: String,
        counted: u32,
        asset: String,
        quantity: u32,
    },
    /// An audit line whose `found_at` is its card's own location: not moved.
    AuditNotMoved { key: String, location: String },
    /// A name written twice in `locations.toml` (by two buildings, or two rooms).
    DuplicatePlace { name: String },
    /// A room of `locations.toml` in a building the file does not list.
    UnknownBuilding {
        building: String,
        suggestion: Option<String>,
    },
    /// A room of `locations.toml` named like a building.
    RoomNamedLikeBuilding { name: String },
    /// A record's location that is neither a room nor a building of `locations.toml`.
    UnknownLocation {
        key: String,
        name: String,
        suggestion: Option<String>,
    },
}

impl Problem {
    /// The stable code and the short name, e.g. `("E011", "unknown-key")`.
    pub fn code_name(&self) -> (&'static str, &'static str) {
        use Problem::*;
        match self {
            Syntax { .. } => ("E001", "toml-syntax"),
            FullWidth { .. } => ("E006", "full-width"),
            DateSpelling { .. } => ("E007", "date-spelling"),
            NumberSpelling { .. } => ("E008", "number-spelling"),
            Unquoted { .. } => ("E009", "unquoted-text"),
            NotUtf8 { .. } => ("E002", "not-utf8"),
            Unreadable { .. } => ("E003", "unreadable"),
            LinkOutside => ("E004", "link-outside"),
            NotAFile => ("E005", "not-a-file"),
            MissingKey { .. } => ("E010", "missing-key"),
            UnknownKey { .. } | MisspelledKey { .. } | ChineseKey { .. } => ("E011", "unknown-key"),
            WrongType { .. } => ("E012", "wrong-type"),
            NotAList { .. } => ("E110", "list-expected"),
            QuotedDate { .. } => ("E013", "quoted-date"),
            DateWithTime { .. } => ("E014", "date-with-time"),
            BadAmount { .. } => ("E015", "invalid-amount"),
            BadChoice { .. } => ("E016", "invalid-choice"),
            OutOfRange { .. } | NotPositive { .. } => ("E017", "out-of-range"),
            EmptyList { .. } => ("E018", "empty-list"),
            EmptyValue { .. } => ("E019", "empty-value"),
            BadId { .. } => ("E020", "invalid-id"),
            DuplicateId { .. } => ("E021", "duplicate-id"),
            UnknownRef { .. } => ("E022", "unknown-reference"),
            ExtensionCase { .. } => ("E023", "extension-case"),
            DateOrder { .. } => ("E030", "date-order"),
            MissingStep { .. } => ("E031", "missing-step"),
            RequiredWith { .. } => ("E032", "required-with"),
            ZeroPrice { .. } => ("E033", "zero-price"),
            TenderRequired { .. } => ("E040", "tender-required"),
            TooFewBids { .. } => ("E041", "too-few-bids"),
            WinningBids { .. } => ("E042", "winning-bid"),
            WinnerVendor { .. } => ("E043", "winner-vendor"),
            DisposedAsset { .. } => ("E050", "disposed-asset"),
            MisplacedTable { .. } => ("E060", "misplaced-table"),
            BadMonth { .. } => ("E070", "invalid-month"),
            SemesterOverlap { .. } => ("E080", "semester-overlap"),
            DuplicateSemester { .. } => ("E081", "duplicate-semester"),
            NarrativeSyntax { .. } => ("E090", "narrative-syntax"),
            NarrativeValue { .. } => ("E091", "narrative-value"),
            NoPrevious { .. } => ("E092", "no-previous-semester"),
            NotARecord { .. } => ("W001", "not-a-record"),
            OrphanSummary { .. } => ("W002", "summary-without-semester"),
            LinkedFolder => ("W003", "linked-folder"),
            FolderNamedLikeFile { .. } => ("W004", "folder-named-like-file"),
            AfterToday { .. } => ("W005", "date-after-today"),
            Misplaced { .. } => ("W007", "misplaced-file"),
            MonthOutsideSemesters { .. } => ("W006", "budget-outside-semesters"),
            SpaceAtEnds { .. } => ("W008", "space-at-ends"),
            MixedUnits { .. } => ("W009", "mixed-units"),
            AuditContradiction { .. } => ("E111", "audit-contradiction"),
            AuditOverCount { .. } => ("W010", "audit-over-count"),
            AuditNotMoved { .. } => ("W011", "audit-not-moved"),
            DuplicatePlace { .. } => ("E112", "duplicate-place"),
            UnknownBuilding { .. } => ("E113", "unknown-building"),
            RoomNamedLikeBuilding { .. } => ("E114", "room-named-like-building"),
            UnknownLocation { .. } => ("E115", "unknown-location"),
        }
    }

    /// The stable code, e.g. `E011`.
    pub fn code(&self) -> &'static str {
        self.code_name().0
    }

    /// Errors fail `check`; warnings do not.
    pub fn severity(&self) -> Severity {
        if self.code().starts_with('W') {
            Severity::Warning
        } else {
            Severity::Error
        }
    }

    /// The message: what is wrong, in one sentence.
    pub fn message(&self, lang: Lang) -> String {
        use Problem::*;
        match self {
            Syntax { detail } => match lang {
                Lang::ZhCn => format!("这一行不符合 TOML 格式：{}", syntax_zh(detail)),
                Lang::En => format!("invalid TOML: {detail}"),
            },
            FullWidth { chars, .. } => tr!(
                lang,
                "这一行有全角字符 {chars}（中文输入法打出的）；标点和数字要用半角（英文）",
                "this line has full-width characters {chars} (from a Chinese input method); punctuation and digits must be half-width"
            ),
            DateSpelling { written, .. } => tr!(
                lang,
                "日期 {written} 的写法不对：日期写成 年-月-日，月和日都是两位，不加引号",
                "the date {written} is not written as zongwu reads dates: year-month-day, two-digit month and day, no quotes"
            ),
            NumberSpelling { written, .. } => tr!(
                lang,
                "数字 {written} 里不能有千位分隔符、货币符号或单位（包括 万、千）",
                "the number {written} cannot hold thousands separators, a currency sign or a unit (万 and 千 included)"
            ),
            ZeroPrice { key } => tr!(
                lang,
                "`{key}` 是 0:单价要填实际金额",
                "`{key}` is 0: a price must be filled in"
            ),
            Unquoted { written, .. } => tr!(
                lang,
                "文字 {written} 没有加英文双引号",
                "the text {written} is not in double quotes"
            ),
            MisspelledKey { key, expected } => tr!(
                lang,
                "写成了 `{key}`，应为必填项 `{expected}`",
                "`{key}` is written where the required key `{expected}` belongs"
            ),
            ChineseKey { key, expected, .. } => tr!(
                lang,
                "键名要用英文：把 `{key}` 改成 `{expected}`",
                "keys are written in English: `{key}` is `{expected}`"
            ),
            NotUtf8 {
                encoding: Encoding::Gbk,
            } => {
                tr!(
                    lang,
                    "文件不是 UTF-8 编码（看起来是 GBK/GB18030）",
                    "the file is not UTF-8 (it looks like GBK/GB18030)"
                )
            }
            NotUtf8 {
                encoding: Encoding::Utf16,
            } => {
                tr!(
                    lang,
                    "文件不是 UTF-8 编码（看起来是 UTF-16）",
                    "the file is not UTF-8 (it looks like UTF-16)"
                )
            }
            NotUtf8 {
                encoding: Encoding::Unknown,
            } => tr!(lang, "文件不是 UTF-8 编码", "the file is not UTF-8"),
            Unreadable { detail } => tr!(
                lang,
                "无法读取文件：{detail}",
                "cannot read the file: {detail}"
            ),
            LinkOutside => tr!(
                lang,
                "这是一个指向记录目录之外（或不存在位置）的链接，已跳过",
                "this link points outside the records directory (or nowhere) and was skipped"
            ),
            NotAFile => tr!(
                lang,
                "这不是普通文件（而是管道、套接字或设备），已跳过",
                "this is not a regular file (a pipe, socket or device) and was skipped"
            ),
            MissingKey { key } => tr!(lang, "缺少必填项 `{key}`", "missing required key `{key}`"),
            UnknownKey { key, .. } => tr!(lang, "未知的键 `{key}`", "unknown key `{key}`"),
            WrongType {
                key,
                expected,
                found,
            } => {
                let (e, f) = (expected.name(lang), type_name(found, lang));
                tr!(
                    lang,
                    "`{key}` 应为{e}，这里是{f}",
                    "`{key}` must be {e}, found {f}"
                )
            }
            NotAList { key, .. } => tr!(
                lang,
                "`{key}` 是一个列表：只有一项也要写在方括号 [ ] 里",
                "`{key}` is a list: even one entry goes in brackets [ ]"
            ),
            QuotedDate { key, .. } => tr!(
                lang,
                "`{key}` 的日期加了引号",
                "the date in `{key}` is quoted"
            ),
            DateWithTime { key } => {
                tr!(
                    lang,
                    "`{key}` 只写日期，不写时间或时区",
                    "`{key}` takes a date only, without a time or offset"
                )
            }
            BadAmount { key, error } => match error {
                AmountError::NotANumber => tr!(
                    lang,
                    "`{key}` 不是有效金额",
                    "`{key}` is not a valid amount"
                ),
                AmountError::TooPrecise => {
                    tr!(
                        lang,
                        "`{key}` 的金额最多保留两位小数",
                        "`{key}` has more than two decimal places"
                    )
                }
                AmountError::Negative => tr!(
                    lang,
                    "`{key}` 的金额不能为负数",
                    "`{key}` must not be negative"
                ),
                AmountError::TooLarge => tr!(
                    lang,
                    "`{key}` 的金额大得不合常理",
                    "`{key}` is implausibly large"
                ),
            },
            BadChoice { key, value, .. } => tr!(
                lang,
                "`{key}` 的值 \"{value}\" 无效",
                "invalid value \"{value}\" for `{key}`"
            ),
            OutOfRange {
                key,
                value,
                min,
                max: Some(max),
            } => {
                tr!(
                    lang,
                    "`{key}` 的值 {value} 超出范围 {min}–{max}",
                    "`{key}` is {value}, outside {min}–{max}"
                )
            }
            OutOfRange {
                key,
                value,
                min,
                max: None,
            } => {
                tr!(
                    lang,
                    "`{key}` 的值 {value} 应不小于 {min}",
                    "`{key}` is {value}; it must be at least {min}"
                )
            }
            NotPositive { key, value } => tr!(
                lang,
                "`{key}` 的值 {value} 应大于 0",
                "`{key}` is {value}; it must be more than 0"
            ),
            EmptyList { key } => tr!(
                lang,
                "`{key}` 至少要有一项",
                "`{key}` needs at least one entry"
            ),
            EmptyValue { key } => tr!(
                lang,
                "必填项 `{key}` 是空的",
                "the required `{key}` is empty"
            ),
            BadId { id } => tr!(
                lang,
                "\"{id}\" 不是有效的编号",
                "\"{id}\" is not a valid id"
            ),
            DuplicateId { id, other } => {
                tr!(
                    lang,
                    "编号 {id} 重复，已在 {other} 中使用",
                    "the id {id} is used twice; it is also {other}"
                )
            }
            UnknownRef { key, kind, id, .. } => {
                let k = kind.name(lang);
                tr!(
                    lang,
                    "`{key}` 引用的{k} {id} 不存在",
                    "`{key}` names {k} {id}, which does not exist"
                )
            }
            DateOrder {
                key,
                date,
                earlier_key,
                earlier,
            } => tr!(
                lang,
                "`{key}`({date})早于 `{earlier_key}`({earlier})",
                "`{key}` ({date}) is before `{earlier_key}` ({earlier})"
            ),
            MissingStep { key, needs } => {
                tr!(
                    lang,
                    "填了 `{key}`，却没有填 `{needs}`",
                    "`{key}` is set but `{needs}` is not"
                )
            }
            RequiredWith { key, because } => {
                tr!(
                    lang,
                    "填了 `{because}` 时必须填写 `{key}`",
                    "`{key}` is required when `{because}` is set"
                )
            }
            TenderRequired {
                total,
                threshold,
                method,
            } => tr!(
                lang,
                "采购总额 {total} 元已达招标限额 {threshold} 元，不能用 \"{method}\" 方式",
                "the total of {total} yuan reaches the tender threshold of {threshold} yuan, so method \"{method}\" is not allowed"
            ),
            TooFewBids { count, min } => {
                tr!(
                    lang,
                    "招标只有 {count} 份投标，至少需要 {min} 份",
                    "the tender has {count} bids; at least {min} are needed"
                )
            }
            WinningBids { count } => tr!(
                lang,
                "招标应恰好有一份中标（won = true），这里有 {count} 份",
                "a tender needs exactly one winning bid (won = true); found {count}"
            ),
            WinnerVendor { winner, vendor } => tr!(
                lang,
                "中标单位 \"{winner}\" 与供应商 `vendor` \"{vendor}\" 不一致",
                "the winning bid's vendor \"{winner}\" differs from `vendor` \"{vendor}\""
            ),
            DisposedAsset {
                asset,
                disposed,
                reported,
            } => tr!(
                lang,
                "资产 {asset} 已于 {disposed} 报废，不能在 {reported} 报修",
                "asset {asset} was disposed on {disposed}, before this repair was reported on {reported}"
            ),
            MisplacedTable { key, needs_type } => tr!(
                lang,
                "只有 type = \"{needs_type}\" 的检查才能有 `{key}`",
                "only an inspection of type \"{needs_type}\" can have `{key}`"
            ),
            BadMonth { stem } => tr!(
                lang,
                "预算文件名 \"{stem}\" 不是月份（应为 YYYY-MM，如 2011-09）",
                "the budget file name \"{stem}\" is not a month (YYYY-MM, e.g. 2011-09)"
            ),
            SemesterOverlap { id, other } => {
                tr!(
                    lang,
                    "学期 {id} 与学期 {other} 的日期重叠",
                    "semester {id} overlaps semester {other}"
                )
            }
            DuplicateSemester { id } => tr!(
                lang,
                "学期编号 {id} 重复",
                "the semester id {id} is used twice"
            ),
            NarrativeSyntax { detail } => {
                tr!(
                    lang,
                    "总结中的表达式有语法错误：{detail}",
                    "a summary expression does not parse: {detail}"
                )
            }
            NoPrevious { semester } => tr!(
                lang,
                "{semester} 是最早的学期，没有上学期可比：prev 是空的",
                "{semester} is the first semester: there is no previous one, prev is null"
            ),
            NarrativeValue { detail } => {
                tr!(
                    lang,
                    "总结中的表达式无法计算：{detail}",
                    "a summary expression cannot be computed: {detail}"
                )
            }
            NotARecord { expected_ext } => tr!(
                lang,
                "记录目录中的这个文件不是 .{expected_ext} 文件，已忽略",
                "this file in a record folder is not a .{expected_ext} file and was ignored"
            ),
            OrphanSummary { id } => tr!(
                lang,
                "总结 \"{id}\" 没有对应的学期（[[semester]] id）",
                "the summary \"{id}\" matches no semester ([[semester]] id)"
            ),
            LinkedFolder => tr!(
                lang,
                "这是一个文件夹链接，zongwu 不跟随，已跳过",
                "this is a linked folder; zongwu does not follow it"
            ),
            FolderNamedLikeFile { ext } => tr!(
                lang,
                "这是一个名字以 .{ext} 结尾的文件夹，不是记录文件；其中的文件照常读取",
                "this is a folder whose name ends in .{ext}, not a record file; the files in it are read as usual"
            ),
            ExtensionCase { written, ext, .. } => tr!(
                lang,
                "文件的扩展名 .{written} 要写成小写的 .{ext}；否则 zongwu 不读它，它不计入任何数字和页面",
                "the extension .{written} must be written in lower case, .{ext}; otherwise zongwu does not read the file, and it counts in no figure or page"
            ),
            Misplaced { .. } => tr!(
                lang,
                "这个 .toml 文件不在任何记录文件夹中，zongwu 不读它",
                "this .toml file is in no record folder, so zongwu does not read it"
            ),
            AfterToday { key, date, today } => tr!(
                lang,
                "{key} = {date} 在今天（{today}）之后；在这一天之前，它不计入任何数字和状态",
                "{key} = {date} is after today ({today}); until that day it counts in no figure or status"
            ),
            MonthOutsideSemesters { month } => tr!(
                lang,
                "{month} 的预算不属于任何学期（一个月归入包含它 15 日的学期），不计入任何学期的预算",
                "the budget of {month} belongs to no semester (a month belongs to the semester that holds its 15th), so no semester counts it"
            ),
            SpaceAtEnds { key, written, .. } => tr!(
                lang,
                "`{key}` 的文字 {written} 开头或结尾有空格（半角或全角）；已按去掉空格的文字读取，以免同一个名称被当成两个",
                "the text of `{key}`, {written}, begins or ends with white space (half- or full-width); it is read without it, so that one name is not taken for two"
            ),
            MixedUnits {
                category,
                unit,
                expected,
                first,
            } => tr!(
                lang,
                "类别 \"{category}\" 的工程以 \"{expected}\" 计量（以最先完工的 {first} 为准），这里是 \"{unit}\"；单位不同的数量不能相加，这项工程的数量不计入该类别的合计",
                "the works of category \"{category}\" are measured in \"{expected}\" (as {first}, the first completed, is), this one in \"{unit}\": quantities in different units cannot be added, so this one's is left out of the category's sum"
            ),
            AuditContradiction {
                key,
                written,
                found: false,
            } => tr!(
                lang,
                "这一行写了 found = false（没有找到），`{key}` 却是 {written}",
                "this line says found = false (not found), yet `{key}` is {written}"
            ),
            AuditContradiction { key, written, .. } => tr!(
                lang,
                "这一行写了 found = true（找到了），`{key}` 却是 {written}，一件也没有清点到",
                "this line says found = true (found), yet `{key}` is {written}: none was counted"
            ),
            AuditOverCount {
                key,
                counted,
                asset,
                quantity,
            } => tr!(
                lang,
                "`{key}` 清点到 {counted} 件，资产卡片 {asset} 上只记有 {quantity} 件",
                "`{key}` counted {counted} items; the card {asset} holds {quantity}"
            ),
            AuditNotMoved { key, location } => tr!(
                lang,
                "`{key}` 是 \"{location}\"，就是资产卡片上的存放地点：这不算位置变动",
                "`{key}` is \"{location}\", the card's own location: the asset has not moved"
            ),
            DuplicatePlace { name } => tr!(
                lang,
                "locations.toml 中 \"{name}\" 写了两次",
                "\"{name}\" is written twice in locations.toml"
            ),
            UnknownBuilding { building, .. } => tr!(
                lang,
                "楼宇 \"{building}\" 不在 locations.toml 的 [[building]] 中",
                "the building \"{building}\" is not a [[building]] of locations.toml"
            ),
            RoomNamedLikeBuilding { name } => tr!(
                lang,
                "房间 \"{name}\" 与一座楼宇同名",
                "the room \"{name}\" has the name of a building"
            ),
            UnknownLocation { key, name, .. } => tr!(
                lang,
                "`{key}` 写的地点 \"{name}\" 不是 locations.toml 中的房间或楼宇",
                "`{key}` names \"{name}\", which is neither a room nor a building of locations.toml"
            ),
        }
    }

    /// A suggested fix, where there is one.
    pub fn hint(&self, lang: Lang) -> Option<String> {
        use Problem::*;
        Some(match self {
            Syntax { .. } => tr!(
                lang,
                "每行写成 键 = 值：文字加英文双引号（\"灭火器\"），日期写成 2011-09-01，数字只写数字（1200）",
                "write each line as key = value: text in double quotes (\"extinguisher\"), dates as 2011-09-01, numbers as digits (1200)"
            ),
            FullWidth { fixed, .. }
            | DateSpelling { fixed, .. }
            | NumberSpelling { fixed, .. }
            | Unquoted { fixed, .. }
            | SpaceAtEnds { fixed, .. }
            | NotAList { fixed, .. }
            | ChineseKey { fixed, .. } => {
                tr!(lang, "改成：{fixed}", "write: {fixed}")
            }
            ZeroPrice { .. } => tr!(
                lang,
                "填写一件物品的价格（元）；受赠的资产按评估价值登记，并在 notes 中写明来源",
                "write the price of one item in yuan; a donated asset is entered at its assessed value, with its source in notes"
            ),
            MisspelledKey { expected, .. } => tr!(
                lang,
                "把键名改成 `{expected}`",
                "rename the key to `{expected}`"
            ),
            NotUtf8 {
                encoding: Encoding::Utf16,
            } => tr!(
                lang,
                "用记事本或 VS Code 打开，另存为“UTF-8”编码",
                "open it in an editor and save it as UTF-8"
            ),
            NotUtf8 { .. } => tr!(
                lang,
                "用记事本或 VS Code 打开，另存为“UTF-8”编码；或运行 iconv -f GB18030 -t UTF-8 原文件 > 新文件",
                "open it in an editor and save it as UTF-8, or run: iconv -f GB18030 -t UTF-8 FILE > NEW"
            ),
            Unreadable { .. } => tr!(lang, "检查文件的读取权限", "check the file's permissions"),
            LinkOutside => tr!(
                lang,
                "把文件本身放进记录目录，不要用链接",
                "put the file itself inside the records directory instead of a link"
            ),
            NotAFile => tr!(
                lang,
                "删除它，或换成一个普通的 .toml 文件",
                "remove it, or replace it with an ordinary .toml file"
            ),
            MissingKey { key } => {
                // Inside a table, the line to write names the key alone.
                let key = key.rsplit('.').next().unwrap_or(key);
                tr!(lang, "添加一行 {key} = …", "add a line `{key} = …`")
            }
            UnknownKey {
                suggestion: Some(s),
                ..
            } => tr!(lang, "是不是想写 `{s}`?", "did you mean `{s}`?"),
            UnknownKey { .. } => tr!(
                lang,
                "删除这一行，或对照格式说明检查键名的拼写",
                "remove it, or check its spelling against the record format"
            ),
            WrongType {
                expected: Expected::String,
                ..
            } => {
                tr!(
                    lang,
                    "文字要用英文双引号括起来，如 \"示例\"",
                    "put text in double quotes, like \"example\""
                )
            }
            WrongType { expected, .. } => {
                let e = expected.name(lang);
                tr!(lang, "改写为{e}", "write it as {e}")
            }
            QuotedDate { text, .. } => tr!(
                lang,
                "去掉引号，直接写 {text}",
                "remove the quotes: write {text}"
            ),
            DateWithTime { .. } => tr!(
                lang,
                "只保留日期部分，如 2011-09-05",
                "keep only the date, like 2011-09-05"
            ),
            BadAmount {
                error: AmountError::TooPrecise,
                ..
            } => {
                tr!(
                    lang,
                    "金额精确到分即可，如 850.50",
                    "round to fen (0.01), like 850.50"
                )
            }
            BadAmount {
                error: AmountError::Negative,
                ..
            } => {
                tr!(
                    lang,
                    "写正数；退款请在备注中说明",
                    "write a positive amount; explain refunds in `notes`"
                )
            }
            BadAmount { .. } => tr!(
                lang,
                "写成数字，如 1200 或 850.50",
                "write a plain number, like 1200 or 850.50"
            ),
            BadChoice {
                suggestion: Some(s),
                ..
            } => tr!(lang, "是不是想写 \"{s}\"?", "did you mean \"{s}\"?"),
            BadChoice { choices, words, .. } => {
                let pairs = choices.iter().zip(words.iter());
                let list = match lang {
                    Lang::ZhCn => pairs
                        .map(|(c, w)| format!("\"{w}\"（或 \"{c}\"）"))
                        .collect::<Vec<_>>()
                        .join("、"),
                    Lang::En => pairs
                        .map(|(c, w)| format!("\"{c}\" ({w})"))
                        .collect::<Vec<_>>()
                        .join(", "),
                };
                tr!(lang, "可选值：{list}", "choose one of: {list}")
            }
            OutOfRange {
                min,
                max: Some(max),
                ..
            } => {
                tr!(
                    lang,
                    "写 {min} 到 {max} 之间的数",
                    "write a number from {min} to {max}"
                )
            }
            OutOfRange { min, max: None, .. } => tr!(
                lang,
                "写不小于 {min} 的整数",
                "write a whole number of at least {min}"
            ),
            NotPositive { .. } => tr!(
                lang,
                "写大于 0 的数，如 4000 或 35.5",
                "write a number above 0, like 4000 or 35.5"
            ),
            EmptyList { key } => tr!(lang, "添加一段 [[{key}]]", "add a [[{key}]] table"),
            EmptyValue { .. } => tr!(
                lang,
                "在引号里填上内容",
                "write the value between the quotes"
            ),
            BadId { .. } => tr!(
                lang,
                "编号（记录的文件名）只用字母、数字、点、横线和下划线，以字母或数字开头，如 R-2011-0042",
                "an id (a record's file name) uses letters, digits, `.`, `-` and `_`, starting with a letter or digit, like R-2011-0042"
            ),
            DuplicateId { .. } => tr!(
                lang,
                "给其中一个文件改名，用新的编号",
                "rename one of the files to a new id"
            ),
            UnknownRef {
                suggestion: Some(s),
                ..
            } => tr!(lang, "是不是想写 \"{s}\"?", "did you mean \"{s}\"?"),
            UnknownRef { .. } => tr!(
                lang,
                "检查编号是否写错，或先建立那条记录",
                "check the id, or create that record first"
            ),
            DateOrder { .. } => tr!(
                lang,
                "检查这两个日期是否写反或写错",
                "check both dates: one of them is mistyped"
            ),
            MissingStep { needs, .. } => tr!(
                lang,
                "先填写 `{needs}`:流程的每一步都要有日期",
                "fill in `{needs}` too: every earlier step of the workflow needs its date"
            ),
            RequiredWith { key, .. } => tr!(lang, "添加一行 {key} = …", "add a line `{key} = …`"),
            TenderRequired { .. } => tr!(
                lang,
                "把 method 改为 \"tender\"（招标）或 \"government\"（政府采购）",
                "set method to \"tender\" or \"government\""
            ),
            TooFewBids { .. } => tr!(
                lang,
                "为每份投标添加一段 [[bids]]",
                "add a [[bids]] table for every bid received"
            ),
            WinningBids { .. } => tr!(
                lang,
                "在中标的那一份 [[bids]] 中写 won = true，其余不写或写 false",
                "mark the one winning [[bids]] with won = true and no other"
            ),
            WinnerVendor { winner, .. } => tr!(
                lang,
                "把 vendor 改为 \"{winner}\"",
                "set vendor to \"{winner}\""
            ),
            DisposedAsset { .. } => tr!(
                lang,
                "检查资产编号，或检查报废日期是否写错",
                "check the asset id, or the asset's disposal date"
            ),
            MisplacedTable { key, needs_type } => tr!(
                lang,
                "删除 `{key}`，或把 type 改为 \"{needs_type}\"",
                "remove `{key}`, or set type to \"{needs_type}\""
            ),
            BadMonth { .. } => tr!(
                lang,
                "把文件改名为 2011-09.toml 这样的月份",
                "rename the file to a month, like 2011-09.toml"
            ),
            SemesterOverlap { .. } => tr!(
                lang,
                "调整 start / end，使每一天只属于一个学期",
                "adjust start and end so that every day belongs to one semester"
            ),
            DuplicateSemester { .. } => tr!(
                lang,
                "每个学期用不同的 id",
                "give every semester its own id"
            ),
            NarrativeSyntax { .. } => tr!(
                lang,
                "数字写成 {{{{ stats.repairs.fixed }}}} 这样，两边各两个花括号",
                "write a figure as {{{{ stats.repairs.fixed }}}}, with two braces on each side"
            ),
            NoPrevious { .. } => tr!(
                lang,
                "把用到 prev 的句子写在 {{% if prev %}} 和 {{% endif %}} 之间，或删去",
                "put what uses prev between {{% if prev %}} and {{% endif %}}, or leave it out"
            ),
            NarrativeValue { .. } => tr!(
                lang,
                "检查名称的拼写；运行 zongwu stats --semester 学期编号 可列出所有数据",
                "check the name; zongwu stats --semester ID lists every figure"
            ),
            NotARecord { expected_ext } => tr!(
                lang,
                "记录文件应以 .{expected_ext} 结尾；其他文件请放到 attachments/",
                "record files end in .{expected_ext}; keep other files in attachments/"
            ),
            OrphanSummary { .. } => tr!(
                lang,
                "把文件名改为某个学期的 id，或在 zongwu.toml 中添加该学期",
                "rename it to a semester's id, or add that semester to zongwu.toml"
            ),
            LinkedFolder => tr!(
                lang,
                "把文件夹本身放进记录目录",
                "move the folder itself into the records directory"
            ),
            FolderNamedLikeFile { .. } => tr!(
                lang,
                "给文件夹改个不带扩展名的名字（如 2012），以免与记录文件混淆",
                "rename the folder without the extension (e.g. 2012), so it is not taken for a record"
            ),
            ExtensionCase { fixed, .. } => {
                tr!(lang, "把文件改名为 {fixed}", "rename the file to {fixed}")
            }
            Misplaced {
                folder: Some(folder),
            } => tr!(
                lang,
                "如果这是一条记录，把它移到 {folder}/ 文件夹中",
                "if it is a record, move it into the {folder}/ folder"
            ),
            Misplaced { folder: None } => {
                let folders: Vec<String> = Kind::folders().map(|f| format!("{f}/")).collect();
                let (last, rest) = folders.split_last().unzip();
                let rest = rest.unwrap_or_default();
                let last = last.map_or("", String::as_str);
                let (zh, en) = (rest.join("、"), rest.join(", "));
                tr!(
                    lang,
                    "记录放在 {zh} 或 {last} 中；其他文件放到 attachments/",
                    "records go in {en} or {last}; other files in attachments/"
                )
            }
            AfterToday { .. } => tr!(
                lang,
                "年份是否写错了（如把 2026 写成 2062）？事情发生以后再填写这个日期",
                "is the year mistyped (2062 for 2026)? Write the date once it has happened"
            ),
            MonthOutsideSemesters { .. } => tr!(
                lang,
                "检查文件名中的月份，或在 zongwu.toml 中调整学期的 start 和 end",
                "check the month in the file name, or the semesters' start and end in zongwu.toml"
            ),
            MixedUnits { expected, .. } => tr!(
                lang,
                "把数量换算成{expected}，写成 unit = \"{expected}\"；或给这项工程另起一个类别",
                "convert the quantity to {expected} and write unit = \"{expected}\", or give this project a category of its own"
            ),
            AuditContradiction {
                key,
                written,
                found: false,
            } => {
                let short = key.rsplit('.').next().unwrap_or(key);
                tr!(
                    lang,
                    "找到了就把 found 改成 found = true；没有找到就删去 {short} = {written} 这一行",
                    "if it was found, write found = true; if not, remove the line {short} = {written}"
                )
            }
            AuditContradiction { .. } => tr!(
                lang,
                "没有找到就写 found = false，并删去 quantity 这一行；找到了就写清点到的件数",
                "if none was found, write found = false and remove the quantity line; else write how many were counted"
            ),
            AuditOverCount {
                asset,
                counted,
                quantity,
                ..
            } => {
                let extra = counted - quantity;
                tr!(
                    lang,
                    "多出的 {extra} 件不在账上：为它们建一张资产卡片（zongwu new asset），或改正卡片 {asset} 的 quantity；数错了就改正这里的件数",
                    "the {extra} extra are on no card: add a card for them (zongwu new asset) or correct the quantity of {asset}; if miscounted, correct the count here"
                )
            }
            AuditNotMoved { .. } => tr!(
                lang,
                "删去 found_at 这一行：在卡片上的地点找到的资产不用写 found_at",
                "remove the found_at line: an asset found where its card says needs no found_at"
            ),
            DuplicatePlace { .. } => tr!(
                lang,
                "删去重复的一段，或给其中一个换个名称",
                "remove the repeated entry, or give one of them another name"
            ),
            UnknownBuilding {
                suggestion: Some(s),
                ..
            } => tr!(
                lang,
                "是不是想写 \"{s}\"？若是另一座楼，先加一段 [[building]]",
                "did you mean \"{s}\"? If it is another building, add a [[building]] for it"
            ),
            UnknownBuilding { building, .. } => tr!(
                lang,
                "在 locations.toml 中加一段 [[building]]，name = \"{building}\"",
                "add a [[building]] with name = \"{building}\" to locations.toml"
            ),
            RoomNamedLikeBuilding { name } => tr!(
                lang,
                "记录写楼宇时就写 \"{name}\"，不必再列为房间；房间写全名，如 \"{name}101\"",
                "records name the building as \"{name}\" without a room for it; give a room its full name, like \"{name}101\""
            ),
            UnknownLocation {
                suggestion: Some(s),
                ..
            } => tr!(
                lang,
                "是不是想写 \"{s}\"？若是新房间，在 locations.toml 中加一段 [[room]]",
                "did you mean \"{s}\"? If it is a new room, add a [[room]] for it to locations.toml"
            ),
            UnknownLocation { name, .. } => tr!(
                lang,
                "检查地点的写法；若是新房间，在 locations.toml 中加一段 [[room]]，name = \"{name}\"",
                "check how the place is written; if it is a new room, add a [[room]] with name = \"{name}\" to locations.toml"
            ),
        })
    }
}

/// The TOML parser's message in Chinese, by what it says went wrong (its English is
/// never shown in Chinese output).
fn syntax_zh(detail: &str) -> &'static str {
    const KNOWN: &[(&str, &str)] = &[
        (
            "string values must be quoted",
            "值不是 TOML 能读的：文字要加英文双引号",
        ),
        ("unexpected key or value", "值的后面多了内容"),
        ("key with no value", "键的后面缺少 = 和值"),
        ("duplicate key", "同一个键写了两次"),
        ("invalid date", "日期写法不对"),
        ("invalid time", "时间写法不对"),
        ("unclosed", "引号或括号没有配对"),
        ("invalid escape", "文字里的反斜杠 \\ 要写成 \\\\"),
        ("invalid basic string", "文字里有不允许的字符"),
        ("invalid key", "键名只能用英文字母、数字、_ 和 -"),
        ("invalid table header", "表头 [..] 写法不对"),
        ("invalid array", "数组 [..] 写法不对"),
        ("invalid inline table", "{..} 写法不对"),
        ("missing", "缺少内容"),
    ];
    KNOWN
        .iter()
        .find(|(en, _)| detail.starts_with(en))
        .map_or("这一行无法读取", |(_, zh)| zh)
}

/// A TOML type's name, as found in a file.
fn type_name(found: &str, lang: Lang) -> &'static str {
    match (found, lang) {
        ("string", Lang::ZhCn) => "文字",
        ("integer", Lang::ZhCn) => "整数",
        ("float", Lang::ZhCn) => "小数",
        ("boolean", Lang::ZhCn) => "布尔值",
        ("datetime", Lang::ZhCn) => "日期",
        ("array", Lang::ZhCn) => "数组",
        ("table", Lang::ZhCn) => "表",
        ("string", _) => "a string",
        ("integer", _) => "an integer",
        ("float", _) => "a decimal number",
        ("boolean", _) => "a boolean",
        ("datetime", _) => "a date",
        ("array", _) => "an array",
        _ => "a table",
    }
}
