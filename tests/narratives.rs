//! The example narratives type no figure. Every count, sum, area, length, amount, number
//! of rules, meetings, participants, drills or incidents that the records hold is a
//! template expression over `stats` (or `prev`), so the printed summary cannot say
//! what its records do not.
//!
//! The checker below strips the front matter and every `{{ … }}`, `{% … %}` and
//! `{# … #}` from a narrative and reports what is left that states a figure:
//!
//! - a run of digits (ASCII or full-width), unless a named exception below covers it;
//! - a Chinese numeral used as a quantity: a run of 〇零一二两三四五六七八九十百千万亿
//!   followed by a measure word (项, 个, 台, 次, 人, 米, 平方米, 元, 万元, 亩, 处, 起,
//!   名 …), or 百分之 with a numeral;
//! - a claim of zero (零事故, 未发生安全事故, 未造成人员受伤 …) that does not stand
//!   inside an `{% if %}` whose condition names a figure: typed, 零事故 is a figure
//!   like any other; it must come from `stats.incidents.count`;
//! - an expression that names no figure, only a literal (`{{ 58 }}`, `{{ "58" }}`,
//!   `{% set n = 58 %}`): a typed figure in disguise.

mod common;

use regex::Regex;
use serde_json::Value;
use std::ops::Range;
use std::path::Path;
use std::sync::LazyLock;
use zongwu::diag::Severity;
use zongwu::{Checked, Days};

// ---------------------------------------------------------------------------------
// What states a figure.

/// A Chinese numeral as a quantity writes it, 两 and 〇/零 included.
const NUMERAL: &str = "[〇零一二两三四五六七八九十百千万亿]";

/// The measure words a quantity is counted in. Longer first, so that 平方米 is not
/// read as 米 (or 万元 as 元).
const MEASURE: &str = "(?:平方米|平米|立方米|公里|万元|小时|个月|项|个|台|次|人|名|位|米|元|亩|处|起|件|张|间|套|辆|座|栋|幢|批|所|份|册|本|天|组|吨|棵|株|盏)";

/// Digits: a number, with its decimals or grouping (`15000`, `4,543.50`, `５８`).
static DIGITS: LazyLock<Regex> = LazyLock::new(|| re(r"\d+(?:[.,．，]\d+)*"));

/// A Chinese numeral counting something (五十八项, 两次, 二十多人, 一起), or a
/// percentage in words (百分之九十).
static NUMERAL_QUANTITY: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        "({NUMERAL}+)(?:多|余)?{MEASURE}|百分之({NUMERAL}+)"
    ))
});

/// A claim that something did not happen: 零事故, 无安全事故, 无人员受伤,
/// 未发生(一起)安全事故, 没有出现险情, 未造成人员受伤. Zero is a figure; only a
/// condition on the figure may say it.
static ZERO_CLAIM: LazyLock<Regex> = LazyLock::new(|| {
    re(concat!(
        "零(?:安全)?(?:事故|伤亡|受伤|险情|投诉)",
        "|无(?:安全)?事故",
        "|无人(?:员)?(?:受伤|伤亡)",
        "|(?:未|没有|无)(?:发生|出现|造成)[^。！？!?；;\n]{0,10}?(?:事故|受伤|伤亡|险情)",
    ))
});

// ---------------------------------------------------------------------------------
// The exceptions: what a narrative may type although it holds digits or numerals,
// because it is not a figure of the records. Each masks what it matches; a digit or
// numeral is reported only where no exception covers it.

/// DATE: a day, a month or a year — `2011-09-01`, `2011-09` (a budget month),
/// `2011/9/1`, `2011年9月1日`, `2011年9月`, `2011年`, `9月1日`, `9月`. When something
/// happened, not how much of it. (Dates in Chinese numerals, 二〇一二年一月八日, need
/// no exception: 年, 月 and 日 are not measure words.)
const DATE: &str = r"\d{4}[-/]\d{1,2}(?:[-/]\d{1,2})?|\d{4}\s*年(?:\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*[日号])?)?|\d{1,2}\s*月(?:\s*\d{1,2}\s*[日号])?";

/// SCHOOL_YEAR: a school year or a semester's id — `2011-2012学年度`, `2011-2012-1`.
const SCHOOL_YEAR: &str = r"\d{4}\s*[-—–~至]\s*\d{4}(?:-\d)?";

/// RECORD_ID: the id of a record — `R-2011-0001`, `P-2012-0005`, `Z-2011-0003`.
const RECORD_ID: &str = r"[A-Z]{1,3}-\d{4}-\d{3,}";

/// CLASS_NAME: a class — `高一(3)班`, `初二（1）班`, `高三5班`.
const CLASS_NAME: &str = r"[高初][一二三]\s*(?:[（(]\s*\d{1,2}\s*[）)]|\d{1,2})\s*班";

/// ORDINAL_MARKER: a list or heading marker at a line's start — `1.`, `2、`, `(3)`,
/// `（4）`, also after `## ` or `- `. (Chinese markers, `一、` and `（一）`, hold no
/// digit and are followed by no measure word: they need no exception.)
const ORDINAL_MARKER: &str =
    r"(?m)^[ \t]*(?:#{1,6}[ \t]*)?(?:[-*+][ \t]+)?(?:\d{1,2}[.．、)）]|[（(]\d{1,2}[）)])";

/// NUMBERED_PLACE: a building or room named by a number, the digits immediately
/// followed by 号 — `1号教学楼`, `2号宿舍楼`. (A room such as `3号教学楼305` or
/// `实验楼201` is covered when it is a location that exists in the records: see
/// [`record_locations`].)
const NUMBERED_PLACE: &str = r"\d+号";

/// ORDINAL_WORD: an ordinal in words is a rank, not a count — `第一次`, `第二学期`.
const ORDINAL_WORD: &str = "第[〇零一二两三四五六七八九十百千万]+";

/// EVERY_ONE: 每一 distributes, it does not count — `每一个教师办公室`,
/// `把每一件简单的事做好`.
const EVERY_ONE: &str = "每一";

/// IDIOM: words that hold a numeral and a measure word but no quantity — `一次性`.
const IDIOM: &str = "一次性";

/// UNIT_OF_AN_EXPRESSION: a magnitude written right after an expression is the unit of
/// its figure, not a figure — `{{ x }}万元`, `{{ y }}千米`. (`￼` stands for the
/// expression once stripped.)
const UNIT_OF_AN_EXPRESSION: &str = "\u{FFFC}[百千万亿]+";

/// The exceptions by name, in the order above.
static EXCEPTIONS: LazyLock<Vec<(&'static str, Regex)>> = LazyLock::new(|| {
    [
        ("DATE", DATE),
        ("SCHOOL_YEAR", SCHOOL_YEAR),
        ("RECORD_ID", RECORD_ID),
        ("CLASS_NAME", CLASS_NAME),
        ("ORDINAL_MARKER", ORDINAL_MARKER),
        ("NUMBERED_PLACE", NUMBERED_PLACE),
        ("ORDINAL_WORD", ORDINAL_WORD),
        ("EVERY_ONE", EVERY_ONE),
        ("IDIOM", IDIOM),
        ("UNIT_OF_AN_EXPRESSION", UNIT_OF_AN_EXPRESSION),
    ]
    .into_iter()
    .map(|(name, pattern)| (name, re(pattern)))
    .collect()
});

fn re(pattern: &str) -> Regex {
    Regex::new(pattern).unwrap_or_else(|e| panic!("{pattern}: {e}"))
}

/// RECORD_LOCATION: every `location` (and `found_at`) written in the records, and the
/// rooms' and buildings' names of the room register (`locations.toml`), so that a place
/// the records name (`3号教学楼305`) may be written as it is.
fn record_locations(records: &Path) -> Vec<String> {
    /// The strings under `keys` of a TOML value, at any depth.
    fn collect(value: &toml::Value, keys: &[&str], out: &mut Vec<String>) {
        match value {
            toml::Value::Table(t) => {
                for (k, v) in t {
                    match v {
                        toml::Value::String(s) if keys.contains(&k.as_str()) => out.push(s.clone()),
                        _ => collect(v, keys, out),
                    }
                }
            }
            toml::Value::Array(a) => a.iter().for_each(|v| collect(v, keys, out)),
            _ => {}
        }
    }
    let mut out = Vec::new();
    for file in common::files_under(records) {
        if !file.ends_with(".toml") || file == "zongwu.toml" {
            continue;
        }
        let text = std::fs::read_to_string(records.join(&file)).unwrap();
        let table: toml::Table = text.parse().unwrap_or_else(|e| panic!("{file}: {e}"));
        let value = toml::Value::Table(table);
        let keys: &[&str] = if file == "locations.toml" {
            &["name", "building", "location"]
        } else {
            &["location", "found_at"]
        };
        collect(&value, keys, &mut out);
    }
    out.retain(|l| l.chars().any(char::is_numeric));
    out.sort_by_key(|l| (std::cmp::Reverse(l.len()), l.clone()));
    out.dedup();
    out
}

// ---------------------------------------------------------------------------------
// The checker.

/// A figure typed by hand: its line in the narrative, what it is and what was typed.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Typed {
    line: usize,
    kind: &'static str,
    text: String,
}

/// A narrative with its front matter and template tags taken out.
struct Stripped {
    /// The prose, each tag replaced by `￼` and the newlines it held (so lines keep
    /// their numbers).
    text: String,
    /// The stretches of `text` inside an `{% if %}` (or `elif`/`else`) whose condition
    /// names a figure.
    conditioned: Vec<Range<usize>>,
    /// Expressions that name no figure, only a literal: `(offset in text, tag)`.
    literals: Vec<(usize, String)>,
}

/// Whether a condition names a figure (`stats.…` or `prev…`).
fn names_figure(condition: &str) -> bool {
    static FIGURE: LazyLock<Regex> = LazyLock::new(|| re(r"\b(?:stats|prev)\b"));
    FIGURE.is_match(condition)
}

/// Whether an expression is a literal in disguise: no name outside its string
/// literals (`58`, `"58" | number`), or a string literal that holds a digit or a
/// numeral (`stats.x ~ "58"`) other than a key (`by_month["2011-09"]`).
fn is_literal(expression: &str) -> bool {
    static STRING: LazyLock<Regex> = LazyLock::new(|| re(r#""[^"]*"|'[^']*'|`[^`]*`"#));
    static HOLDS_FIGURE: LazyLock<Regex> = LazyLock::new(|| re(&format!(r"\d|{NUMERAL}")));
    let value = expression.split('|').next().unwrap_or_default();
    let names = STRING.replace_all(value, "");
    !names.chars().any(|c| c.is_ascii_alphabetic() || c == '_')
        || STRING.find_iter(expression).any(|s| {
            let subscript = expression[..s.start()].trim_end().ends_with('[');
            !subscript && HOLDS_FIGURE.is_match(s.as_str())
        })
}

/// Strips a narrative's front matter and template tags.
fn strip(narrative: &str) -> Stripped {
    let mut text = String::new();
    let mut rest = narrative;
    for open in ["+++\n", "+++\r\n"] {
        if let Some(after) = narrative.strip_prefix(open)
            && let Some(end) = after.find("\n+++")
        {
            let front = &narrative[..open.len() + end + "\n+++".len()];
            text.push_str(&"\n".repeat(front.matches('\n').count()));
            rest = &narrative[front.len()..];
            break;
        }
    }
    // Whether each open block's condition names a figure (`for` blocks: no).
    let mut blocks: Vec<bool> = Vec::new();
    let mut conditioned = Vec::new();
    let mut literals = Vec::new();
    let mut prose = |text: &mut String, blocks: &[bool], piece: &str| {
        let start = text.len();
        text.push_str(piece);
        if blocks.iter().any(|&figure| figure) {
            conditioned.push(start..text.len());
        }
    };
    loop {
        let Some(open) = ["{{", "{%", "{#"].iter().filter_map(|t| rest.find(t)).min() else {
            prose(&mut text, &blocks, rest);
            break;
        };
        prose(&mut text, &blocks, &rest[..open]);
        let close = match &rest[open..open + 2] {
            "{{" => "}}",
            "{%" => "%}",
            _ => "#}",
        };
        let end = rest[open + 2..]
            .find(close)
            .map_or(rest.len(), |at| open + 2 + at + 2);
        let tag = &rest[open..end];
        // An unclosed tag runs to the end (`zongwu check` reports it).
        let inner = tag[2..]
            .strip_suffix(close)
            .unwrap_or(&tag[2..])
            .trim_matches(|c: char| c == '-' || c.is_whitespace());
        match &rest[open..open + 2] {
            "{{" if is_literal(inner) => literals.push((text.len(), tag.to_owned())),
            "{%" => {
                let (word, tail) = inner.split_once(char::is_whitespace).unwrap_or((inner, ""));
                match word {
                    "if" => blocks.push(names_figure(tail)),
                    // A later branch is reached through the earlier conditions too.
                    "elif" => {
                        if let Some(top) = blocks.last_mut() {
                            *top = *top || names_figure(tail);
                        }
                    }
                    "for" => blocks.push(false),
                    "endif" | "endfor" => {
                        blocks.pop();
                    }
                    "set" | "set_global" => {
                        let value = tail.split_once('=').map_or(tail, |(_, v)| v);
                        if is_literal(value) {
                            literals.push((text.len(), tag.to_owned()));
                        }
                    }
                    _ => {}
                }
            }
            _ => {}
        }
        text.push('\u{FFFC}');
        text.push_str(&"\n".repeat(tag.matches('\n').count()));
        rest = &rest[end..];
    }
    Stripped {
        text,
        conditioned,
        literals,
    }
}

/// The figures typed by hand in a narrative; `locations` are the places the records
/// name (RECORD_LOCATION).
fn typed_figures(narrative: &str, locations: &[String]) -> Vec<Typed> {
    let stripped = strip(narrative);
    let text = &stripped.text;
    let line = |at: usize| text[..at].matches('\n').count() + 1;
    let mut masked = vec![false; text.len()];
    let mut mask = |range: Range<usize>| masked[range].iter_mut().for_each(|m| *m = true);
    for (_, pattern) in EXCEPTIONS.iter() {
        pattern.find_iter(text).for_each(|m| mask(m.range()));
    }
    for location in locations {
        text.match_indices(location.as_str())
            .for_each(|(at, l)| mask(at..at + l.len()));
    }
    // A stretch is typed when one of its characters of `is_figure` is not masked.
    let unmasked = |start: usize, stretch: &str, is_figure: &dyn Fn(char) -> bool| {
        stretch
            .char_indices()
            .any(|(i, c)| is_figure(c) && !masked[start + i])
    };
    let mut found = Vec::new();
    for m in DIGITS.find_iter(text) {
        if unmasked(m.start(), m.as_str(), &|c| c.is_numeric()) {
            found.push((m.start(), "digits", m.as_str().to_owned()));
        }
    }
    for c in NUMERAL_QUANTITY.captures_iter(text) {
        let numeral = c.get(1).or_else(|| c.get(2)).unwrap();
        if unmasked(numeral.start(), numeral.as_str(), &|_| true) {
            let whole = c.get(0).unwrap();
            found.push((whole.start(), "numeral", whole.as_str().to_owned()));
        }
    }
    for m in ZERO_CLAIM.find_iter(text) {
        let under_figure = stripped
            .conditioned
            .iter()
            .any(|r| r.start <= m.start() && m.end() <= r.end);
        if !under_figure {
            found.push((m.start(), "zero claim", m.as_str().to_owned()));
        }
    }
    for (at, tag) in &stripped.literals {
        found.push((*at, "literal expression", tag.clone()));
    }
    found.sort();
    found
        .into_iter()
        .map(|(at, kind, text)| Typed {
            line: line(at),
            kind,
            text,
        })
        .collect()
}

/// What the checker finds in a piece of prose, as `kind: text` (no locations).
fn typed(narrative: &str) -> Vec<String> {
    typed_figures(narrative, &[])
        .into_iter()
        .map(|t| format!("{}: {}", t.kind, t.text))
        .collect()
}

// ---------------------------------------------------------------------------------
// The checker on small pieces.

#[test]
fn typed_numbers_are_caught() {
    assert_eq!(typed("加固校舍15000平方米"), ["digits: 15000"]);
    assert_eq!(
        typed("从五个方面制定并完善制度58个"),
        ["numeral: 五个", "digits: 58"]
    );
    assert_eq!(typed("制度58项"), ["digits: 58"]);
    assert_eq!(typed("现行制度五十八项"), ["numeral: 五十八项"]);
    assert_eq!(
        typed("制度５８项,加固１５０００平方米"),
        ["digits: ５８", "digits: １５０００"]
    );
    assert_eq!(typed("维修费用4,543.50元"), ["digits: 4,543.50"]);
    assert_eq!(typed("完好率95%"), ["digits: 95"]);
    assert_eq!(typed("完好率百分之九十五"), ["numeral: 百分之九十五"]);
    assert_eq!(typed("举办两次省级教研活动"), ["numeral: 两次"]);
    assert_eq!(typed("参加二十多人"), ["numeral: 二十多人"]);
    assert_eq!(typed("30亩征地"), ["digits: 30"]);
    assert_eq!(typed("增设减速带三处"), ["numeral: 三处"]);
    assert_eq!(typed("每组4人"), ["digits: 4"]);
    // A digit-run followed by 号 is a place; followed by # it is not written as one.
    assert_eq!(typed("重新做齐2#宿舍楼消防系统"), ["digits: 2"]);
    // A list marker counts only at a line's start.
    assert_eq!(typed("共完成 3. 项"), ["digits: 3"]);
}

#[test]
fn zero_is_a_figure_unless_a_condition_on_a_figure_says_it() {
    assert_eq!(typed("全年零事故"), ["zero claim: 零事故"]);
    assert_eq!(
        typed("本学期学校未发生安全事故"),
        ["zero claim: 未发生安全事故"]
    );
    assert_eq!(
        typed("本学期学校未发生一起安全事故"),
        ["zero claim: 未发生一起安全事故", "numeral: 一起"]
    );
    assert_eq!(typed("未造成人员受伤"), ["zero claim: 未造成人员受伤"]);
    // Said by the figure: clean.
    let said = "全年{% if stats.incidents.count == 0 %}未发生安全事故,实现零事故\
                {% else %}发生安全事故{{ stats.incidents.count }}起{% endif %}。";
    assert_eq!(typed(said), Vec::<String>::new());
    let nested = "{% if stats.incidents.count > 0 %}发生{{ stats.incidents.count }}起,\
                  {% if stats.incidents.injuries == 0 %}未造成人员受伤{% endif %}{% endif %}";
    assert_eq!(typed(nested), Vec::<String>::new());
    // A condition that names no figure does not say it; after the block it is typed.
    assert_eq!(
        typed("{% if true %}零事故{% endif %}"),
        ["zero claim: 零事故"]
    );
    assert_eq!(
        typed("{% if stats.incidents.count == 0 %}好{% endif %}零事故"),
        ["zero claim: 零事故"]
    );
    // Nor does a branch that no condition on a figure leads to; a later one does.
    assert_eq!(
        typed("{% if flag %}好{% elif stats.incidents.count == 0 %}零事故{% endif %}"),
        Vec::<String>::new()
    );
    assert_eq!(
        typed("{% if flag %}零事故{% else %}好{% endif %}"),
        ["zero claim: 零事故"]
    );
    // A loop is no condition.
    assert_eq!(
        typed("{% for t in stats.purchases.tenders %}零事故{% endfor %}"),
        ["zero claim: 零事故"]
    );
}

#[test]
fn expressions_are_not_typed_but_literals_in_them_are() {
    for clean in [
        "加固校舍{{ stats.projects.completed.by_category[\"加固\"].quantity | number }}平方米",
        "制定和修订制度{{ stats.rules.adopted + stats.rules.revised }}项,现行制度{{ stats.rules.in_force }}项",
        "比上学期{% if prev %}减少{{ prev.repairs.reported - stats.repairs.reported }}项{% endif %}",
        "预算合计{{ stats.budget.planned | money }},另{{ stats.budget.actual }}万元",
        "{# 58 项是去年的数 #}现行制度{{- stats.rules.in_force -}}项",
        "九月预算{{ stats.budget.by_month[\"2011-09\"].planned | money }}",
        "{% for t in stats.purchases.tenders %}{{ t.title }}{% if not loop.last %}、{% endif %}{% endfor %}",
    ] {
        assert_eq!(typed(clean), Vec::<String>::new(), "{clean}");
    }
    assert_eq!(typed("制度{{ 58 }}项"), ["literal expression: {{ 58 }}"]);
    assert_eq!(
        typed("制度{{ \"58\" }}项"),
        ["literal expression: {{ \"58\" }}"]
    );
    assert_eq!(
        typed("{{ 15000 | number }}平方米"),
        ["literal expression: {{ 15000 | number }}"]
    );
    assert_eq!(
        typed("{{ stats.rules.in_force ~ \"五十八\" }}"),
        ["literal expression: {{ stats.rules.in_force ~ \"五十八\" }}"]
    );
    assert_eq!(
        typed("{% set n = 58 %}制度{{ n }}项"),
        ["literal expression: {% set n = 58 %}"]
    );
    assert_eq!(
        typed("{% set n = stats.rules.in_force %}制度{{ n }}项"),
        Vec::<String>::new()
    );
}

#[test]
fn dates_ids_classes_markers_and_places_are_not_figures() {
    for clean in [
        // DATE
        "2011-09-01开学,2011-09的预算,2011/9/1,2011年9月1日,2011年9月,2011年是关键年,9月1日,12月",
        // SCHOOL_YEAR
        "2011-2012学年度,学期2011-2012-1",
        // RECORD_ID
        "见R-2011-0001和P-2012-0005",
        // CLASS_NAME
        "高一(3)班、初二（1）班和高三5班",
        // ORDINAL_MARKER
        "1. 期初签订安全责任书\n2、配齐消防器材\n(3)加强巡查\n  - 4. 嵌套\n## 5. 标题\n一、总体\n（一）规范管理",
        // NUMBERED_PLACE
        "1号教学楼和2号宿舍楼",
        // ORDINAL_WORD, EVERY_ONE, IDIOM
        "第一学期第一次例会,给每一个教师办公室,把每一件简单的事做好,一次性餐具",
        // UNIT_OF_AN_EXPRESSION
        "{{ stats.budget.planned }}万元",
        // Chinese numerals that count nothing, and a date in them.
        "一物一卡,一是主人翁意识,进一步完善,二〇一二年一月八日",
    ] {
        assert_eq!(typed(clean), Vec::<String>::new(), "{clean}");
    }
    // RECORD_LOCATION: a room of the records may be written; another may not.
    let places = ["3号教学楼305".to_owned(), "实验楼201".to_owned()];
    assert_eq!(typed_figures("实验楼201的配电箱", &places), vec![]);
    assert_eq!(
        typed_figures("实验楼202的配电箱", &places),
        vec![Typed {
            line: 1,
            kind: "digits",
            text: "202".into()
        }]
    );
    // An exception covers only itself: the figure next to it is still typed.
    assert_eq!(typed("2011年加固15000平方米"), ["digits: 15000"]);
    assert_eq!(typed("1号教学楼加固6200平方米"), ["digits: 6200"]);
}

#[test]
fn a_typed_figure_is_reported_at_its_line_after_the_front_matter() {
    let narrative = "+++\ndate = 2012-01-08   # 落款\n+++\n# {{ semester.title }}\n\n\
                     {% if stats.incidents.count == 0 %}\n零事故\n{% endif %}\n制度58项\n";
    assert_eq!(
        typed_figures(narrative, &[]),
        vec![Typed {
            line: 9,
            kind: "digits",
            text: "58".into()
        }]
    );
}

// ---------------------------------------------------------------------------------
// The example narratives.

#[test]
fn every_example_narrative_types_no_figure() {
    let records = common::example_records();
    let locations = record_locations(&records);
    assert!(
        locations.iter().any(|l| l == "3号教学楼305"),
        "the records' locations: {locations:?}"
    );
    let summaries = records.join("summaries");
    let mut files: Vec<_> = std::fs::read_dir(&summaries)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    files.sort();
    assert!(files.len() >= 2, "the example narratives: {files:?}");
    let mut typed = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        for t in typed_figures(&text, &locations) {
            typed.push(format!(
                "summaries/{}:{}: {} `{}`",
                file.file_name().unwrap().to_string_lossy(),
                t.line,
                t.kind,
                t.text
            ));
        }
    }
    assert!(
        typed.is_empty(),
        "figures typed by hand — write them as expressions over stats:\n{}",
        typed.join("\n")
    );
}

/// The example records computed on a day (`None`: today).
fn open(day: Option<&str>) -> Checked {
    let mut days = Days::asked(None);
    if let Some(day) = day {
        days.question = day.parse().unwrap();
        days.today = days.question;
    }
    Checked::open(&common::example_records(), days, false).unwrap()
}

/// The rendered narrative of a semester.
fn rendered(checked: &Checked, semester: &str) -> String {
    let semesters = &checked.computed.records.config.semesters;
    let index = semesters
        .iter()
        .position(|s| s.id.to_string() == semester)
        .unwrap_or_else(|| panic!("no semester {semester}"));
    let narrative = checked
        .computed
        .narrative(index)
        .unwrap_or_else(|| panic!("{semester} has no narrative"));
    narrative.text.clone().unwrap()
}

/// `zongwu stats --format json` of the example records.
fn stats(semester: &str, today: &str) -> Value {
    let out = common::zongwu(&[
        "stats".as_ref(),
        common::example_records().as_os_str(),
        "--format".as_ref(),
        "json".as_ref(),
        "--semester".as_ref(),
        semester.as_ref(),
        "--today".as_ref(),
        today.as_ref(),
    ]);
    common::assert_success(&out);
    serde_json::from_slice(&out.stdout).unwrap()
}

/// A number as the `number` filter writes it (`15000.0` → `15000`).
fn number(v: &Value) -> String {
    let f = v.as_f64().unwrap_or_else(|| panic!("not a number: {v}"));
    assert_eq!(f.fract(), 0.0, "{v}");
    format!("{}", f as i64)
}

/// Asserts that the rendered narrative contains each sentence.
fn assert_says(narrative: &str, sentences: &[String]) {
    for sentence in sentences {
        assert!(
            narrative.contains(sentence.as_str()),
            "the narrative does not say {sentence:?}:\n{narrative}"
        );
    }
}

#[test]
fn the_first_narrative_renders_the_seeds_figures_from_stats() {
    let checked = open(Some("2012-07-10"));
    let text = rendered(&checked, "2011-2012-1");
    let s = stats("2011-2012-1", "2012-07-10");
    let works = &s["projects"]["completed"]["by_category"];
    // The seed's figures, as the records hold them.
    assert_eq!(number(&works["加固"]["quantity"]), "15000");
    assert_eq!(number(&works["拆除"]["quantity"]), "2700");
    assert_eq!(number(&works["围墙加固"]["quantity"]), "220");
    assert_eq!(number(&works["绿化"]["quantity"]), "4000");
    assert_eq!(number(&works["交通设施"]["quantity"]), "3");
    assert_eq!(s["rules"]["in_force"], 58);
    assert_eq!(s["incidents"]["count"], 0);
    assert_eq!(s["inspections"]["by_type"]["drill"], 2);
    // … and the narrative says them, through its expressions.
    let rules = &s["rules"];
    let by_area = &rules["in_force_by_area"];
    let events = &s["events"];
    assert_says(
        &text,
        &[
            format!(
                "校舍加固面积达 {} 平方米",
                number(&works["加固"]["quantity"])
            ),
            format!("拆除D级危房 {} 平方米", number(&works["拆除"]["quantity"])),
            format!("加固围墙 {} 平方米", number(&works["围墙加固"]["quantity"])),
            format!(
                "校园两侧绿化完成 {} 平方米",
                number(&works["绿化"]["quantity"])
            ),
            format!("增设减速带 {} 处", number(&works["交通设施"]["quantity"])),
            format!(
                "制定和修订制度 {} 项",
                rules["adopted"].as_u64().unwrap() + rules["revised"].as_u64().unwrap()
            ),
            format!(
                "现行制度 {} 项:财务 {} 项",
                rules["in_force"], by_area["财务"]
            ),
            format!(
                "新增监控头 {} 个",
                s["assets"]["added"]["by_category"]["安防"]["quantity"]
            ),
            format!(
                "校园监控头已达 {} 个",
                s["assets"]["by_category"]["安防"]["quantity"]
            ),
            format!(
                "组织应急疏散演练 {} 次",
                s["inspections"]["by_type"]["drill"]
            ),
            format!("召开后勤例会 {} 次", events["by_type"]["meeting"]),
            format!("业务培训 {} 次", events["by_type"]["training"]),
            format!(
                "参观学习 {} 次,参加 {} 人次",
                events["count"], events["participants"]
            ),
            format!(
                "南京师范大学参观学习,寻找差距(参观学习 {} 次)",
                events["by_type"]["visit"]
            ),
            "本学期学校未发生安全事故,实现零事故".to_owned(),
            "各月预算合计 85.00万元,实际支出 79.70万元".to_owned(),
        ],
    );
    // Nothing the records do not hold.
    for claim in ["30亩", "平安校园", "征地", "河道", "末位淘汰"] {
        assert!(!text.contains(claim), "the narrative claims {claim}");
    }
}

#[test]
fn the_second_narrative_tells_its_incident_and_rules_by_their_figures() {
    let checked = open(Some("2012-07-10"));
    let text = rendered(&checked, "2011-2012-2");
    let s = stats("2011-2012-2", "2012-07-10");
    let (incidents, rules, prev) = (&s["incidents"], &s["rules"], &s["prev"]);
    // One low-severity 险情, nobody hurt.
    assert_eq!(incidents["count"], 1);
    assert_eq!(incidents["by_severity"]["low"], 1);
    assert_eq!(incidents["injuries"], 0);
    let retired = prev["rules"]["in_force"].as_u64().unwrap() + rules["adopted"].as_u64().unwrap()
        - rules["in_force"].as_u64().unwrap();
    assert_eq!(retired, 1, "Z-2006-0005 retired on 2012-06-01");
    let fewer =
        prev["repairs"]["reported"].as_u64().unwrap() - s["repairs"]["reported"].as_u64().unwrap();
    assert_says(
        &text,
        &[
            format!(
                "本学期发生安全事故和险情 {} 起,其中轻微险情 {} 起,未造成人员受伤。",
                incidents["count"], incidents["by_severity"]["low"]
            ),
            format!(
                "修订制度 {} 项,废止不再适用的制度 {retired} 项,现行制度 {} 项",
                rules["revised"], rules["in_force"]
            ),
            format!("比上学期减少 {fewer} 项"),
            format!("尚待整改 {} 项", s["inspections"]["findings"]["open"]),
        ],
    );
    assert!(!text.contains("未发生安全事故"), "{text}");
    assert!(!text.contains("演练"), "no drill this semester: {text}");
}

#[test]
fn the_example_narratives_render_on_every_day() {
    for day in [
        Some("2011-10-01"),
        Some("2012-02-10"),
        Some("2012-07-10"),
        None,
    ] {
        let checked = open(day);
        assert_eq!(checked.computed.narratives.len(), 2, "{day:?}");
        for narrative in &checked.computed.narratives {
            if let Err(e) = &narrative.text {
                panic!("{day:?}: semester {}: {e:?}", narrative.semester);
            }
        }
        let errors: Vec<String> = checked
            .diagnostics
            .iter()
            .filter(|d| d.severity() == Severity::Error)
            .map(|d| format!("{} {}", d.problem.code(), checked.sources.get(d.file).path))
            .collect();
        assert!(errors.is_empty(), "{day:?}: {errors:?}");
    }
}
