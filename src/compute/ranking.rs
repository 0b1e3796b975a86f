//! The monthly class property ranking (每月公布班级公物检查情况): per month, each
//! class's average score over the month's property inspections, ranked.

use crate::model::{InspectionType, Month, Records};
use std::collections::BTreeMap;

/// One class's place in a month.
#[derive(Clone, Debug, PartialEq)]
pub struct Ranked {
    /// 1 for the best; classes with the same average share a rank.
    pub rank: usize,
    /// The class.
    pub class: String,
    /// Its average score in the month.
    pub average: f64,
    /// How many scores the average is of.
    pub checks: usize,
}

/// The ranking of every month with property scores, newest month first.
pub fn monthly(records: &Records) -> Vec<(Month, Vec<Ranked>)> {
    let mut by_month: BTreeMap<Month, BTreeMap<&str, Vec<f64>>> = BTreeMap::new();
    let property = records
        .inspections
        .iter()
        .filter(|x| *x.kind == InspectionType::Property);
    for x in property {
        for s in x.scores.iter().flat_map(|s| s.iter()) {
            let month = by_month.entry(Month::of(*x.date)).or_default();
            month.entry(&s.class).or_default().push(s.score);
        }
    }
    by_month
        .into_iter()
        .rev()
        .map(|(month, classes)| (month, rank(classes)))
        .collect()
}

/// Classes by average score, best first (ties by name), with shared ranks for ties.
fn rank(classes: BTreeMap<&str, Vec<f64>>) -> Vec<Ranked> {
    let mut rows: Vec<Ranked> = classes
        .into_iter()
        .map(|(class, scores)| Ranked {
            rank: 0,
            class: class.to_owned(),
            average: scores.iter().sum::<f64>() / scores.len() as f64,
            checks: scores.len(),
        })
        .collect();
    rows.sort_by(|a, b| b.average.total_cmp(&a.average).then(a.class.cmp(&b.class)));
    for n in 0..rows.len() {
        rows[n].rank = if n > 0 && rows[n - 1].average == rows[n].average {
            rows[n - 1].rank
        } else {
            n + 1
        };
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::rank;

    #[test]
    fn ties_share_a_rank_and_the_next_rank_skips() {
        let classes = [
            ("一班", vec![90.0, 80.0]),
            ("二班", vec![85.0]),
            ("三班", vec![95.0]),
        ];
        let rows = rank(classes.into_iter().collect());
        let got: Vec<(usize, &str, f64, usize)> = rows
            .iter()
            .map(|r| (r.rank, r.class.as_str(), r.average, r.checks))
            .collect();
        assert_eq!(
            got,
            [
                (1, "三班", 95.0, 1),
                (2, "一班", 85.0, 2),
                (2, "二班", 85.0, 1)
            ]
        );
    }
}
