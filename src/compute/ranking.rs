//! The class property ranking (每月公布班级公物检查情况): for each semester, a matrix of
//! classes by month — each class's average score in each month's property checks — with
//! its semester average, its rank and its trend.

use super::Idx;
use crate::model::{InspectionType, Month, Records, Semester};
use std::collections::BTreeMap;

/// A class's score in one month.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct MonthScore {
    /// The average of the class's scores that month.
    pub average: f64,
    /// The (first) inspection that scored it, for a link.
    pub inspection: Idx,
}

/// Which way a class went over the semester: its last month against its first.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Trend {
    /// Better.
    Up,
    /// Worse.
    Down,
    /// The same.
    Level,
    /// Scored in one month only.
    Unknown,
}

/// One class's row of the matrix.
#[derive(Clone, Debug, PartialEq)]
pub struct ClassRow {
    /// The class.
    pub class: String,
    /// Its score in each month of the matrix (none where it was not scored).
    pub months: Vec<Option<MonthScore>>,
    /// The average of all its scores in the semester.
    pub average: f64,
    /// 1 for the best average; classes with the same average share a rank.
    pub rank: usize,
    /// Its last scored month against its first.
    pub trend: Trend,
}

/// The ranking of one semester.
#[derive(Clone, Debug, PartialEq)]
pub struct SemesterRanking {
    /// The semester, by index in `zongwu.toml`.
    pub semester: Idx,
    /// The months with property checks, in order.
    pub months: Vec<Month>,
    /// The classes, best first (ties by name).
    pub rows: Vec<ClassRow>,
}

/// The ranking of every semester with property checks, newest first. `records` are
/// those of the day in question.
pub fn semesters(records: &Records) -> Vec<SemesterRanking> {
    let semesters = &records.config.semesters;
    let mut out: Vec<SemesterRanking> = semesters
        .iter()
        .enumerate()
        .filter_map(|(i, s)| semester(records, i, s))
        .collect();
    out.sort_by_key(|r| std::cmp::Reverse(*semesters[r.semester].start));
    out
}

/// The ranking of one semester; `None` without property checks in it.
fn semester(records: &Records, i: Idx, s: &Semester) -> Option<SemesterRanking> {
    // Scores per class, per month: (sum, count, first inspection).
    let mut scores: BTreeMap<&str, BTreeMap<Month, (f64, usize, Idx)>> = BTreeMap::new();
    for (x, inspection) in records.inspections.iter().enumerate() {
        if *inspection.kind != InspectionType::Property || !s.contains(*inspection.date) {
            continue;
        }
        let month = Month::of(*inspection.date);
        for score in inspection.scores.iter().flat_map(|s| s.iter()) {
            let cell = scores
                .entry(&score.class)
                .or_default()
                .entry(month)
                .or_insert((0.0, 0, x));
            cell.0 += score.score;
            cell.1 += 1;
        }
    }
    if scores.is_empty() {
        return None;
    }
    let mut months: Vec<Month> = scores.values().flat_map(|m| m.keys().copied()).collect();
    months.sort();
    months.dedup();
    let mut rows: Vec<ClassRow> = scores
        .into_iter()
        .map(|(class, by_month)| {
            let (sum, count) = by_month
                .values()
                .fold((0.0, 0), |(s, c), (sum, n, _)| (s + sum, c + n));
            let scores: Vec<Option<MonthScore>> = months
                .iter()
                .map(|m| {
                    by_month.get(m).map(|(s, n, x)| MonthScore {
                        average: s / *n as f64,
                        inspection: *x,
                    })
                })
                .collect();
            let averages: Vec<f64> = scores.iter().flatten().map(|s| s.average).collect();
            ClassRow {
                class: class.to_owned(),
                trend: trend(&averages),
                months: scores,
                average: sum / count as f64,
                rank: 0,
            }
        })
        .collect();
    rank(&mut rows);
    Some(SemesterRanking {
        semester: i,
        months,
        rows,
    })
}

/// Which way some monthly averages went: the last against the first.
fn trend(averages: &[f64]) -> Trend {
    match averages {
        [] | [_] => Trend::Unknown,
        [first, .., last] if last > first => Trend::Up,
        [first, .., last] if last < first => Trend::Down,
        _ => Trend::Level,
    }
}

/// Sorts classes by average, best first (ties by name), and ranks them; classes with
/// the same average share a rank and the next rank skips (1, 2, 2, 4).
fn rank(rows: &mut [ClassRow]) {
    rows.sort_by(|a, b| b.average.total_cmp(&a.average).then(a.class.cmp(&b.class)));
    for n in 0..rows.len() {
        rows[n].rank = if n > 0 && rows[n - 1].average == rows[n].average {
            rows[n - 1].rank
        } else {
            n + 1
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_trend_is_the_last_month_against_the_first() {
        assert_eq!(trend(&[]), Trend::Unknown);
        assert_eq!(trend(&[90.0]), Trend::Unknown);
        assert_eq!(trend(&[90.0, 80.0, 95.0]), Trend::Up);
        assert_eq!(trend(&[95.0, 99.0, 90.0]), Trend::Down);
        assert_eq!(trend(&[90.0, 70.0, 90.0]), Trend::Level);
    }

    #[test]
    fn ties_share_a_rank_and_the_next_rank_skips() {
        let row = |class: &str, average: f64| ClassRow {
            class: class.to_owned(),
            months: Vec::new(),
            average,
            rank: 0,
            trend: Trend::Unknown,
        };
        let mut rows = [
            row("一班", 85.0),
            row("三班", 95.0),
            row("二班", 85.0),
            row("四班", 70.0),
        ];
        rank(&mut rows);
        let got: Vec<(usize, &str)> = rows.iter().map(|r| (r.rank, r.class.as_str())).collect();
        assert_eq!(got, [(1, "三班"), (2, "一班"), (2, "二班"), (4, "四班")]);
    }
}
