//! `zongwu init`: a new records directory that `check` and `build` accept at once.

use crate::create::write_new;
use chrono::{Datelike, NaiveDate};
use std::path::Path;

/// The school year holding `today`: its first and second semester, as config text.
fn semesters(today: NaiveDate) -> String {
    let y = if today.month() >= 8 {
        today.year()
    } else {
        today.year() - 1
    };
    format!(
        "[[semester]]                # 每学期一段；日期范围不能重叠\nid = \"{y}-{n}-1\"          # 学期编号，也是 summaries/ 里总结文件的名字\ntitle = \"{y}-{n}学年度第一学期\"\nstart = {y}-08-20\nend = {n}-02-10\n\n[[semester]]\nid = \"{y}-{n}-2\"\ntitle = \"{y}-{n}学年度第二学期\"\nstart = {n}-02-11\nend = {n}-08-19\n",
        n = y + 1
    )
}

/// The configuration, every setting present and explained.
fn config(today: NaiveDate) -> String {
    format!(
        r#"# zongwu 的配置。改完后运行 zongwu check 检查。

[school]
name = "实验中学"          # 学校名称(必填),印在网站和学期总结封面上
office = "总务处"          # 部门名称(必填)

[site]
title = "总务处工作记录"   # 网站标题(必填)
language = "zh-CN"        # 网站和提示的语言:"zh-CN" 或 "en"
base_url = ""             # 可不填:网站只用相对链接,直接打开文件也能用

[rules]                   # 以下都可不填,不填即为这里写的默认值
tender_threshold = 50000  # 采购总额达到此数(元)必须招标(tender)或政府采购(government)
min_bids = 3              # 招标至少要有几份投标
repair_overdue_days = 7   # 报修超过几天没修好算超期
rectify_default_days = 14 # 检查发现的问题没写整改期限时,几天内要整改
repair_category = "维修"   # 维修费用计入哪个预算类别

{}"#,
        semesters(today)
    )
}

/// The room register, naming every place the example records name.
const REGISTER: &str = r#"# 房间登记（室室有人管）：有了这个文件，记录的 location 只能写这里列出的房间或楼宇，
# 写错一个字会报错并提示最接近的名称。不需要时删掉这个文件，地点就按原样自由填写。

[[building]]               # 每座楼一段
name = "1号教学楼"          # 楼宇名称（必填），记录的 location 也可以直接写楼宇
keeper = "高一年级组长"      # 负责人（可不填）

[[building]]
name = "行政楼"
keeper = "总务处"

[[building]]               # 记录写整片地方（全校、校园围墙）时，也列为楼宇
name = "全校"
keeper = "总务处"

[[building]]
name = "校园围墙"
keeper = "门卫组"

[[room]]                   # 每个房间一段
name = "1号教学楼101"        # 房间名称（必填）：记录的 location 原样写这个
building = "1号教学楼"       # 所在楼宇（必填）：上面的一座楼
keeper = "高一(1)班班主任"    # 负责人（可不填）
use = "教室"                # 用途（可不填）

[[room]]
name = "行政楼会议室"
building = "行政楼"
keeper = "总务处"
use = "会议室"
"#;

/// The example records: one of each kind, valid as they are.
fn examples(today: NaiveDate) -> Vec<(String, String)> {
    let y = today.year();
    let d = today.format("%Y-%m-%d");
    let month = today.format("%Y-%m");
    let school_year = if today.month() >= 8 { y } else { y - 1 };
    let a_year = crate::kinds::contract::a_year_from(today);
    vec![
        (format!("assets/A-{y}-0001.toml"), format!("name = \"灭火器\"\ncategory = \"消防\"\nlocation = \"1号教学楼\"\ncustodian = \"总务处\"\nquantity = 12\nunit = \"个\"\nunit_price = 120\nacquired = {d}\npurchase = \"P-{y}-0001\"\n")),
        (format!("purchases/P-{y}-0001.toml"), format!("title = \"灭火器补充\"\ncategory = \"消防\"\nmethod = \"direct\"\nrequester = \"总务处\"\nrequested = {d}\napproved = {d}\npurchased = {d}\nvendor = \"消防器材经营部\"\n\n[[items]]\nname = \"灭火器\"\nquantity = 12\nunit = \"个\"\nunit_price = 120\n")),
        (format!("repairs/R-{y}-0001.toml"), format!("title = \"灯管不亮\"\nlocation = \"1号教学楼101\"\nreported = {d}\nreporter = \"高一(1)班班主任\"\nassignee = \"维修组\"\nnotes = \"\"\"\n报修后**当天**修好。\n\"\"\"\n")),
        (format!("inspections/I-{y}-0001.toml"), format!("title = \"开学安全检查\"\ntype = \"safety\"\ndate = {d}\ninspector = \"总务处\"\nlocation = \"全校\"\n\n[[findings]]\ndescription = \"走廊应急灯不亮\"\nseverity = \"medium\"\n")),
        (format!("budgets/{month}.toml"), "[lines]\n\"消防\" = 2000\n\"维修\" = 3000\n".to_owned()),
        (format!("projects/W-{y}-0001.toml"), format!("title = \"校园围墙加固\"\ncategory = \"加固\"\nlocation = \"校园围墙\"\nstarted = {d}\nquantity = 220\nunit = \"米\"\ncontractor = \"建筑工程公司\"\n")),
        (format!("contracts/C-{y}-0001.toml"), format!("title = \"多媒体设备维护外包\"\nvendor = \"电教设备服务公司\"\ncategory = \"多媒体维护\"\nsigned = {d}\nstart = {d}\nend = {a_year}\namount = 36000\n")),
        (format!("rules/Z-{y}-0001.toml"), format!("title = \"校园安全巡查制度\"\narea = \"安全\"\nadopted = {d}\nowner = \"总务处\"\nnotes = \"\"\"\n**第一条** 总务处每周巡查校舍和设施一次，发现的隐患登记在册、限期整改。\n\n**第二条** 整改完成后复查销号。\n\"\"\"\n")),
        (format!("events/E-{y}-0001.toml"), format!("title = \"开学后勤工作会议\"\ntype = \"meeting\"\ndate = {d}\nlocation = \"行政楼会议室\"\nparticipants = 20\n")),
        (
            format!("summaries/{school_year}-{}-{}.md", school_year + 1, if today.month() >= 8 || today.month() < 2 { 1 } else { 2 }),
            "# 学期工作总结\n\n本学期共受理报修 {{ stats.repairs.reported }} 项，完成维修 {{ stats.repairs.fixed }} 项。\n".to_owned(),
        ),
    ]
}

/// A git pre-commit hook that refuses a commit while the records (in `folder`, from the
/// repository's top) have errors. It checks what is staged, not the working folder: the
/// index is exported to a temporary folder, removed on exit, and the same relative
/// folder is checked there, so that messages name the files as from the top.
fn pre_commit(folder: &str) -> String {
    let folder = format!("'{}'", folder.replace('\'', r"'\''"));
    format!(
        r#"#!/bin/sh
# 提交前检查将要提交（已暂存）的记录：有错误就不提交。/ Checks the records staged for a commit.
# zongwu init 已把它装进 .git/hooks/；别处的仓库：cp hooks/pre-commit .git/hooks/
if ! command -v zongwu >/dev/null 2>&1; then
  echo "zongwu 未安装，无法在提交前检查记录（安装方法见 README）/ zongwu is not installed (see the README)" >&2
  exit 1
fi
# 检查的是暂存区，不是工作区：把暂存的文件导出到临时文件夹再检查。
# What is staged is checked, not the working folder: the index is exported to a temporary folder.
staged=$(mktemp -d) || exit 1
trap 'rm -rf "$staged"' EXIT
trap 'exit 1' HUP INT TERM
git checkout-index --all --prefix="$staged/" || exit 1
cd "$staged" || exit 1
zongwu check {folder}
"#
    )
}

/// What `init` did besides writing files.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Setup {
    /// The files written, relative to the folder.
    pub files: Vec<String>,
    /// Whether a git repository was created (there was none).
    pub git_init: bool,
    /// The git hook installed, if one was.
    pub hook: Option<std::path::PathBuf>,
}

/// Runs git in `dir`; its standard output when it succeeds.
fn git(dir: &Path, args: &[&str]) -> Option<String> {
    let out = std::process::Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .output()
        .ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).trim().to_owned())
}

/// Makes `dir` a git repository if it is in none, and installs the pre-commit hook
/// (executable) unless the repository has one.
fn git_setup(dir: &Path, setup: &mut Setup) -> std::io::Result<()> {
    if git(dir, &["rev-parse", "--is-inside-work-tree"]).is_none() {
        if git(dir, &["init", "--quiet"]).is_none() {
            return Ok(()); // git is not installed: the hook stays in hooks/
        }
        setup.git_init = true;
    }
    let (Some(prefix), Some(hooks)) = (
        git(dir, &["rev-parse", "--show-prefix"]),
        git(dir, &["rev-parse", "--git-path", "hooks"]),
    ) else {
        return Ok(());
    };
    let hook = dir.join(hooks).join("pre-commit");
    if hook.exists() {
        return Ok(());
    }
    let folder = match prefix.trim_end_matches('/') {
        "" => ".",
        prefix => prefix,
    };
    write_new(&hook, pre_commit(folder).as_bytes())?;
    executable(&hook)?;
    setup.hook = Some(hook);
    Ok(())
}

/// Makes a file executable (a hook git runs).
fn executable(path: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755))
}

/// Creates a records directory in `dir`, a git repository where there is none, and the
/// git hook that checks the records before every commit. An existing non-empty
/// directory is refused unless `force`; even then no existing file is replaced.
pub fn init(dir: &Path, force: bool, today: NaiveDate) -> Result<Setup, String> {
    let non_empty = dir
        .read_dir()
        .map(|mut entries| entries.next().is_some())
        .unwrap_or(false);
    if non_empty && !force {
        return Err(format!("{} is not empty", dir.display()));
    }
    let mut files = vec![
        ("zongwu.toml".to_owned(), config(today)),
        (crate::load::REGISTER_FILE.to_owned(), REGISTER.to_owned()),
        (
            ".gitignore".to_owned(),
            "# zongwu build 的输出，及其放在旁边的记录、缓存、临时文件夹和上一版网站\n# the built site, and what a build keeps beside it: manifest, cache, staging, the site replaced\n/site/\n/.site.*\n".to_owned(),
        ),
        ("hooks/pre-commit".to_owned(), pre_commit(".")),
    ];
    files.extend(examples(today));
    files.extend(crate::schema::editor_files());
    let mut written = Vec::new();
    for (rel, text) in files {
        let path = dir.join(&rel);
        if path.exists() {
            continue;
        }
        write_new(&path, text.as_bytes()).map_err(|e| format!("{}: {e}", path.display()))?;
        if rel.starts_with("hooks/") {
            executable(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        }
        written.push(rel);
    }
    let mut setup = Setup {
        files: written,
        ..Setup::default()
    };
    git_setup(dir, &mut setup).map_err(|e| format!("git: {e}"))?;
    Ok(setup)
}
