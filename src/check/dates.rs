//! Dates against the calendar: an event dated after today (most often a typo, `2062`
//! for `2026`), and a budget month that no semester holds.

use super::Found;
use crate::diag::Problem;
use crate::model::Records;
use crate::status;
use chrono::NaiveDate;

/// Warns about every event date after `today` (planned dates such as `due` are not
/// events).
pub(super) fn after_today(records: &Records, today: NaiveDate, found: &mut Found) {
    for (origin, key, date) in status::events(records) {
        if **date > today {
            let problem = Problem::AfterToday {
                key,
                date: date.to_string(),
                today: today.to_string(),
            };
            found.at(origin.file, date, problem);
        }
    }
}

/// Warns about a budget whose month no semester holds (its figures count nowhere).
pub(super) fn budgets_outside_semesters(records: &Records, found: &mut Found) {
    if !records.config_read {
        return;
    }
    for b in &records.budgets {
        if !status::month_in_a_semester(&records.config, b.month) {
            let month = b.month.to_string();
            found.whole(b.origin.file, Problem::MonthOutsideSemesters { month });
        }
    }
}
