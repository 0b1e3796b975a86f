//! The fixed words of the site in both languages. Templates get them as `t.KEY`;
//! Rust code that builds tables asks [`word`].

use crate::i18n::Lang;
use crate::kinds::{Record, dispatch};
use crate::model::Kind;
use std::collections::BTreeMap;

/// A table of words: `(key, Chinese, English)`.
pub type Words = &'static [(&'static str, &'static str, &'static str)];

/// `(key, Chinese, English)` for every fixed word of the site that is not a kind's own
/// (those are in each kind's module, [`crate::kinds::Record::WORDS`]).
const WORDS: Words = &[
    ("home", "首页", "Home"),
    ("assets", "资产", "Assets"),
    ("repairs", "报修", "Repairs"),
    ("purchases", "采购", "Purchases"),
    ("inspections", "检查", "Inspections"),
    ("budgets", "预算", "Budgets"),
    ("months", "月报", "Monthly reports"),
    ("locations", "地点", "Locations"),
    ("keeper", "负责人", "Keeper"),
    ("building_of_room", "楼宇", "Building"),
    ("room", "房间", "Room"),
    ("rooms", "房间", "Rooms"),
    ("room_use", "用途", "Use"),
    ("building_itself", "楼宇本身", "The building itself"),
    ("asset_cards", "资产（张）", "Assets (cards)"),
    ("open_repairs_short", "未修报修", "Open repairs"),
    ("open_findings_short", "未整改问题", "Open findings"),
    ("ranking", "班级评比", "Class ranking"),
    ("open_items", "待办事项", "Open items"),
    ("semesters", "学期", "Semesters"),
    ("id", "编号", "ID"),
    ("name", "名称", "Name"),
    ("category", "类别", "Category"),
    ("location", "地点", "Location"),
    ("quantity", "数量", "Quantity"),
    ("unit", "单位", "Unit"),
    ("unit_price", "单价（元）", "Unit price (yuan)"),
    ("value", "金额（元）", "Value (yuan)"),
    ("purchase", "来源采购", "Purchase"),
    ("notes", "备注", "Notes"),
    ("title", "事项", "Title"),
    ("asset", "资产", "Asset"),
    ("cost", "费用（元）", "Cost (yuan)"),
    ("status", "状态", "Status"),
    ("total", "总额（元）", "Total (yuan)"),
    ("type", "类型", "Type"),
    ("date", "日期", "Date"),
    ("repair", "报修单", "Repair"),
    ("class", "班级", "Class"),
    ("average", "平均分", "Average"),
    ("rank", "名次", "Rank"),
    ("month", "月份", "Month"),
    ("count", "数量", "Count"),
    ("days_open", "已等待天数", "Days open"),
    ("status_overdue", "超期", "Overdue"),
    ("yes", "是", "Yes"),
    ("no", "否", "No"),
    (
        "download_csv",
        "下载 CSV（可用 Excel 打开）",
        "Download CSV (opens in Excel)",
    ),
    ("filter", "筛选", "Filter"),
    ("filter_placeholder", "输入关键字筛选…", "Type to filter…"),
    ("nothing", "暂无记录。", "Nothing here."),
    ("related", "相关记录", "Related records"),
    ("records", "条记录", "records"),
    ("key_figures", "主要数据", "Key figures"),
    ("as_of", "统计日期", "As of"),
    ("semester", "学期", "Semester"),
    ("kind", "种类", "Kind"),
    (
        "home_more",
        "这里只列出前 {shown} 条，共 {total} 条：全部见待办事项 →",
        "Showing the first {shown} of {total}: see them all under open items →",
    ),
    ("parts", "分页（行）", "Parts (rows)"),
    ("search", "搜索", "Search"),
    ("search_label", "搜索全部记录", "Search every record"),
    (
        "search_placeholder",
        "搜索记录，如 灭火器",
        "Search records",
    ),
    (
        "search_needs_server",
        "搜索要在网站服务中使用：运行 zongwu serve，或把网站放到任何 Web 服务器上。直接打开的文件（file://）不能读取搜索索引。",
        "Search needs the site to be served: run zongwu serve, or put the site on any web server. A page opened as a file (file://) cannot read the search index.",
    ),
    (
        "search_missing",
        "这个网站生成时没有生成搜索索引（用了 zongwu build --no-search，或 zongwu 不带搜索功能）。",
        "This site was built without a search index (zongwu build --no-search, or a zongwu without search).",
    ),
    ("current_semester", "本学期", "This semester"),
    (
        "spending_chart",
        "每月预算与实际支出",
        "Budget and spending per month",
    ),
    (
        "repairs_chart",
        "每月报修与维修",
        "Repairs reported and fixed per month",
    ),
    (
        "repairs_chart_note",
        "按月统计，首尾两月只计学期内的日子，各月相加即本学期的报修数和完成维修数。",
        "By month; the first and last months count only the semester's days, so the months add up to the semester's repairs reported and fixed.",
    ),
    ("assets_chart", "各类资产金额", "Asset value by category"),
    ("overdue_repairs", "超期未修的报修", "Overdue repairs"),
    ("open_repairs", "未修好的报修", "Open repairs"),
    ("open_findings", "未整改的问题", "Unrectified findings"),
    (
        "semester_open_findings",
        "本学期检查发现、尚未整改的问题",
        "Findings of this semester's inspections not yet rectified",
    ),
    ("waiting_purchases", "进行中的采购", "Purchases in progress"),
    ("asset_value", "资产总值", "Asset value (yuan)"),
    ("repairs_reported", "报修", "Repairs reported"),
    ("repairs_fixed", "完成维修", "Repairs fixed"),
    ("purchase_total", "采购金额", "Purchases (yuan)"),
    ("inspections_held", "检查次数", "Inspections"),
    ("findings_open", "待整改问题", "Open findings"),
    (
        "budget_vs_actual",
        "预算与实际支出",
        "Budget against actual",
    ),
    (
        "month_repairs_reported",
        "本月报修",
        "Repairs reported this month",
    ),
    (
        "month_repairs_fixed",
        "本月完成维修",
        "Repairs fixed this month",
    ),
    ("month_purchases", "本月采购", "Purchases this month"),
    ("month_inspections", "本月检查", "Inspections this month"),
    (
        "ranking_intro",
        "每月公布班级公物检查情况：每学期一张表，各月得分（点击查看当次检查）、学期平均分、名次和趋势（末月与首月相比）。",
        "The monthly class property check: per semester, each month's score (linking to the check), the semester's average, the rank and the trend (the last month against the first).",
    ),
    ("summary", "学期工作总结", "Semester summary"),
    ("printable", "打印版总结", "Printable summary"),
    ("period", "起止日期", "Dates"),
    ("generated", "生成于", "Generated"),
    ("all_kinds", "全部", "All"),
    ("total_row", "合计", "Total"),
    ("than_previous", "比上学期", "vs. last term"),
    ("records_count", "记录条数", "Records"),
    ("traced_rows", "计入的记录", "The records counted"),
    ("amount_yuan", "金额（元）", "Amount (yuan)"),
    ("trace_assets", "在账资产", "Assets on the books"),
    ("trace_assets.added", "本学期新增资产", "Assets added"),
    ("trace_assets.disposed", "本学期报废资产", "Assets disposed"),
    ("trace_repairs.reported", "本学期报修", "Repairs reported"),
    ("trace_repairs.fixed", "本学期完成维修", "Repairs fixed"),
    (
        "trace_repairs.verified",
        "本学期验收的维修",
        "Repairs verified",
    ),
    ("trace_repairs.open", "未修好的报修", "Open repairs"),
    ("trace_repairs.overdue", "超期未修的报修", "Overdue repairs"),
    ("trace_purchases", "本学期采购", "Purchases"),
    ("trace_inspections", "本学期检查", "Inspections"),
    (
        "trace_inspections.findings",
        "本学期检查发现的问题",
        "Findings",
    ),
    (
        "trace_inspections.audit",
        "本学期清查的资产",
        "Assets audited",
    ),
    (
        "trace_inspections.audit.missing",
        "清查时不在位的资产",
        "Assets missing at audit",
    ),
    (
        "trace_inspections.audit.moved",
        "清查时在别处找到的资产",
        "Assets found elsewhere",
    ),
    (
        "trace_inspections.audit.short",
        "清查时数量不足的资产",
        "Assets counted short",
    ),
    ("trace_incidents", "本学期安全事故", "Incidents"),
    ("trace_events", "本学期会议、培训与接待", "Events"),
    (
        "trace_projects.started",
        "本学期开工的工程",
        "Works started",
    ),
    (
        "trace_projects.completed",
        "本学期完工的工程",
        "Works completed",
    ),
    (
        "trace_projects.accepted",
        "本学期验收的工程",
        "Works accepted",
    ),
    (
        "trace_contracts.active",
        "履行中的合同",
        "Contracts in force",
    ),
    (
        "trace_contracts.signed",
        "本学期签订的合同",
        "Contracts signed",
    ),
    ("trace_rules.in_force", "现行制度", "Rules in force"),
    ("trace_rules.adopted", "本学期制定的制度", "Rules adopted"),
    ("trace_rules.revised", "本学期修订的制度", "Rules revised"),
    ("trace_budget.actual", "实际支出", "Spending"),
    ("trace_budget.planned", "预算", "Budget lines"),
    (
        "rule_assets",
        "截至 {day} 在账的资产：购置日期不晚于该日、当日尚未报废",
        "Assets on the books on {day}: acquired by that day and not disposed by then",
    ),
    (
        "rule_assets.added",
        "{start}至{day}购置的资产：购置日期在这段日子里",
        "Assets acquired from {start} to {day}",
    ),
    (
        "rule_assets.disposed",
        "{start}至{day}报废的资产：报废日期在这段日子里",
        "Assets disposed of from {start} to {day}",
    ),
    (
        "rule_repairs.reported",
        "{start}至{day}报修的报修单：报修日期在这段日子里",
        "Repairs reported from {start} to {day}",
    ),
    (
        "rule_repairs.fixed",
        "{start}至{day}修好的报修单：维修日期在这段日子里；维修费用是它们的费用之和",
        "Repairs fixed from {start} to {day}; their cost is the sum of their costs",
    ),
    (
        "rule_repairs.verified",
        "{start}至{day}验收的报修单：验收日期在这段日子里",
        "Repairs verified from {start} to {day}",
    ),
    (
        "rule_repairs.open",
        "截至 {day} 未修好的报修：报修日期不晚于该日、当日尚未修好",
        "Repairs open on {day}: reported by that day and not fixed by then",
    ),
    (
        "rule_repairs.overdue",
        "截至 {day} 超期未修的报修：当日尚未修好，且报修已超过 {overdue} 天",
        "Repairs overdue on {day}: not fixed by then, reported more than {overdue} days before",
    ),
    (
        "rule_purchases",
        "{start}至{day}申请的采购：申请日期在这段日子里；总额是各项明细之和",
        "Purchases requested from {start} to {day}; a total is the sum of its items",
    ),
    (
        "rule_inspections",
        "{start}至{day}进行的检查：检查日期在这段日子里",
        "Inspections held from {start} to {day}",
    ),
    (
        "rule_inspections.findings",
        "{start}至{day}的检查发现的问题；整改日期不晚于 {day} 的为已整改",
        "The findings of the inspections held from {start} to {day}; rectified if rectified by {day}",
    ),
    (
        "rule_inspections.audit",
        "{start}至{day}的资产清查逐项核对的资产：清查日期在这段日子里，每行清查结果算一项",
        "The audit lines of the asset audits held from {start} to {day}: one for each asset checked",
    ),
    (
        "rule_inspections.audit.missing",
        "{start}至{day}的资产清查中没有找到的资产：清查结果为不在位（found = false）",
        "The audit lines of the asset audits held from {start} to {day} that did not find their asset (found = false)",
    ),
    (
        "rule_inspections.audit.moved",
        "{start}至{day}的资产清查中在别处找到的资产：实际位置（found_at）不是卡片上的存放地点",
        "The audit lines of the asset audits held from {start} to {day} that found their asset elsewhere: a found_at other than the card's location",
    ),
    (
        "rule_inspections.audit.short",
        "{start}至{day}的资产清查中数量不足的资产：找到了，清点数量（quantity）少于卡片上的数量",
        "The audit lines of the asset audits held from {start} to {day} that found their asset counted short: a quantity below the card's",
    ),
    (
        "rule_incidents",
        "{start}至{day}发生的安全事故和险情：日期在这段日子里；受伤人数是它们的受伤人数之和",
        "Incidents from {start} to {day}; the people hurt are the sum of their injuries",
    ),
    (
        "rule_events",
        "{start}至{day}的会议、培训、考察和接待：日期在这段日子里；参加人数是它们的参加人数之和",
        "Meetings, training, visits and receptions from {start} to {day}; the participants are the sum of theirs",
    ),
    (
        "rule_projects.started",
        "{start}至{day}开工的工程：开工日期在这段日子里",
        "Works projects started from {start} to {day}",
    ),
    (
        "rule_projects.completed",
        "{start}至{day}完工的工程：完工日期在这段日子里；数量按类别的单位相加",
        "Works projects completed from {start} to {day}; quantities summed in their category's unit",
    ),
    (
        "rule_projects.accepted",
        "{start}至{day}验收的工程：验收日期在这段日子里",
        "Works projects accepted from {start} to {day}",
    ),
    (
        "rule_contracts.active",
        "截至 {day} 履行中的合同：已签订，开始日期不晚于该日、结束日期不早于该日；金额是它们的合同金额之和",
        "Contracts in force on {day}: signed, started by that day and not ended before it; the amount is the sum of theirs",
    ),
    (
        "rule_contracts.signed",
        "{start}至{day}签订的合同：签订日期在这段日子里",
        "Contracts signed from {start} to {day}",
    ),
    (
        "rule_rules.in_force",
        "截至 {day} 现行的制度：施行日期不晚于该日，当日尚未废止",
        "Rules in force on {day}: adopted by that day and not retired by then",
    ),
    (
        "rule_rules.adopted",
        "{start}至{day}制定的制度：施行日期在这段日子里",
        "Rules adopted from {start} to {day}",
    ),
    (
        "rule_rules.revised",
        "{start}至{day}修订过的制度：至少有一次修订在这段日子里（修订两次也算一项）",
        "Rules revised from {start} to {day}: at least one revision in that time (a rule revised twice counts once)",
    ),
    (
        "rule_budget.actual",
        "本学期各月（{first}至{last}，每月归入包含其 15 日的学期）截至 {day} 的实际支出：采购按购买日期计总额，维修按维修日期计费用",
        "Spending in the semester's months ({first} to {last}; a month belongs to the semester that holds its 15th) up to {day}: purchases by the day bought, repairs by the day fixed",
    ),
    (
        "rule_budget.planned",
        "本学期各月（{first}至{last}）中截至 {day} 已开始的月份的预算",
        "The budget lines of the semester's months ({first} to {last}) begun by {day}",
    ),
    ("group_by_category", "；类别为“{key}”", "; category {key}"),
    (
        "group_by_class",
        "；责任班级为“{key}”",
        "; responsible class {key}",
    ),
    ("group_by_method", "；采购方式为“{key}”", "; method {key}"),
    ("group_by_type", "；类型为“{key}”", "; type {key}"),
    ("group_status", "；其中{key}的", "; of which {key}"),
    (
        "group_by_severity",
        "；严重程度为“{key}”",
        "; severity {key}",
    ),
    ("group_by_month", "；月份为 {key}", "; month {key}"),
    ("group_in_force_by_area", "；类别为“{key}”", "; area {key}"),
    ("trends", "历年对比", "Trends"),
    (
        "trends_intro",
        "各学期的主要数据（每学期按其统计日期），点击柱条查看该学期的总结。",
        "Each semester's key figures (each on its own day); a bar leads to that semester's summary.",
    ),
    ("office", "部门", "Office"),
    ("budget_short", "预算", "Budget"),
    ("changes", "修改记录", "Changes"),
    ("latest_changes", "最近修改", "Latest changes"),
    ("list_separator", "、", ", "),
    ("colon", "：", ": "),
    ("overspent", "超支", "Overspent"),
    (
        "budget_by_category",
        "各类预算与实际支出",
        "Budget against actual by category",
    ),
    ("trend", "趋势", "Trend"),
    ("trend_up", "↑ 上升", "↑ up"),
    ("trend_down", "↓ 下降", "↓ down"),
    ("trend_level", "→ 持平", "→ level"),
    (
        "scroll_hint",
        "← 左右滑动查看全部 →",
        "← scroll sideways to see it all →",
    ),
    ("records_touched", "涉及的记录", "Records"),
    ("author", "修改人", "Author"),
    ("subject", "修改说明", "Description"),
    ("value_short", "金额", "Value"),
    ("actual_short", "实际支出", "Actual"),
    ("added_count", "新增卡片", "Cards added"),
    ("added_quantity", "新增数量", "Items added"),
    ("added_value", "新增金额（元）", "Value added (yuan)"),
    ("books_count", "在账卡片", "Cards on the books"),
    ("books_quantity", "在账数量", "Items on the books"),
    ("books_value", "在账金额（元）", "Value on the books (yuan)"),
    ("figure", "项目", "Figure"),
    ("amount", "数值", "Value"),
    ("repairs_verified", "已验收", "Verified"),
    ("repairs_open_end", "期末未修", "Open at the end"),
    ("repairs_overdue_end", "其中超期", "Of which overdue"),
    ("median_days", "维修天数（中位数）", "Median days to fix"),
    ("repair_cost", "维修费用（元）", "Repair cost (yuan)"),
    (
        "by_class",
        "各班级报修（责任班级）",
        "Repairs by responsible class",
    ),
    ("by_method", "按采购方式", "By method"),
    ("tenders", "招标项目", "Tenders"),
    ("bid_count", "投标数", "Bids"),
    ("by_type", "按检查类型", "By type"),
    ("findings_total", "发现问题", "Findings"),
    ("findings_rectified", "已整改", "Rectified"),
    (
        "budget_by_month",
        "各月预算与实际支出",
        "Budget against actual by month",
    ),
    ("assets_by_category", "资产（按类别）", "Assets by category"),
    (
        "disposed_in_semester",
        "本学期报废",
        "Disposed this semester",
    ),
    ("works_in_progress", "施工中的工程", "Works in progress"),
    (
        "contracts_ending_soon",
        "{days} 天内到期的合同",
        "Contracts ending within {days} days",
    ),
    (
        "days_since_incident",
        "距上次安全事故 {days} 天",
        "{days} days since the last incident",
    ),
    (
        "day_since_incident",
        "距上次安全事故 {days} 天",
        "{days} day since the last incident",
    ),
    ("no_incident", "尚无安全事故记录", "No incident recorded"),
    (
        "works_by_category",
        "完成的工程（按类别）",
        "Works completed, by category",
    ),
    ("works_count", "项数", "Projects"),
    ("works_quantity", "工程量", "Size"),
    ("works_started", "本学期开工", "Started"),
    ("works_completed", "本学期完工", "Completed"),
    ("works_accepted", "本学期验收", "Accepted"),
    ("safety", "安全", "Safety"),
    ("zero_incidents", "零事故", "no incident"),
    ("rules_in_force", "现行制度", "In force"),
    ("rules_of_area", "其中{area}类", "of which {area}"),
    ("rules_adopted", "本学期施行", "Adopted this semester"),
    ("rules_revised", "本学期修订", "Revised this semester"),
    ("contracts_active", "履行中的合同", "Active contracts"),
    (
        "contracts_amount",
        "其合同金额（元）",
        "Their amount (yuan)",
    ),
    ("contracts_signed", "本学期签订", "Signed this semester"),
    ("events_held", "活动次数", "Events held"),
    ("audit_checked", "资产清查核对", "Assets audited"),
    ("audit_missing", "清查不在位", "Missing at audit"),
    ("audit_moved", "清查位置变动", "Found elsewhere"),
    ("audit_short", "清查数量不足", "Counted short"),
    ("asset_labels", "资产标签", "Asset labels"),
];

/// The word for `key` in `lang` (every key the site uses has one).
pub fn word(lang: Lang, key: &str) -> &'static str {
    find(lang, key).unwrap_or_else(|| {
        debug_assert!(false, "no site word for `{key}`");
        ""
    })
}

/// The word for `key` in `lang`, if the site has one.
pub fn find(lang: Lang, key: &str) -> Option<&'static str> {
    /// Every word by its key, gathered once: pages ask for words per row.
    static BY_KEY: std::sync::LazyLock<rustc_hash::FxHashMap<&str, (&str, &str)>> =
        std::sync::LazyLock::new(|| every().map(|(k, zh, en)| (*k, (*zh, *en))).collect());
    let (zh, en) = BY_KEY.get(key)?;
    Some(lang.pick(zh, en))
}

/// Every word: the site's, then each kind's.
fn every() -> impl Iterator<Item = &'static (&'static str, &'static str, &'static str)> {
    let kinds = Kind::ALL
        .into_iter()
        .flat_map(|k| dispatch!(k, K => K::WORDS));
    WORDS.iter().chain(kinds)
}

/// Every word in `lang`, keyed, for the templates' `t`.
pub fn all(lang: Lang) -> BTreeMap<&'static str, &'static str> {
    every()
        .map(|(k, zh, en)| (*k, lang.pick(*zh, *en)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_is_unique_and_translated() {
        let mut keys: Vec<_> = every().map(|w| w.0).collect();
        let count = keys.len();
        keys.sort_unstable();
        keys.dedup();
        assert_eq!(keys.len(), count, "a key in two tables");
        assert!(every().all(|(_, zh, en)| !zh.is_empty() && !en.is_empty()));
    }
}
