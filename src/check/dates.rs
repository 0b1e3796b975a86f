//! Dates against the calendar: an event dated after today (most often a typo, `2062`
//! for `2026`), and a budget month that no semester holds.

use super::Found;
use crate::diag::Problem;
use crate::model::{Kind, Records};
use crate::status::{self, Dated};
use chrono::NaiveDate;

/// Warns about every event date after `today` (planned dates such as `due` are not
/// events).
pub(super) fn after_today(records: &Records, today: NaiveDate, found: &mut Found) {
    fn each<T: Dated>(list: &[T], today: NaiveDate, found: &mut Found) {
        for record in list {
            for (key, date) in record.events() {
                if **date > today {
                    let problem = Problem::AfterToday {
                        key,
                        date: date.to_string(),
                        today: today.to_string(),
                    };
                    found.at(record.origin().file, date, problem);
                }
            }
        }
    }
    for kind in Kind::ALL {
        match kind {
            Kind::Asset => each(&records.assets, today, found),
            Kind::Repair => each(&records.repairs, today, found),
            Kind::Purchase => each(&records.purchases, today, found),
            Kind::Inspection => each(&records.inspections, today, found),
            Kind::Budget => {} // a month of plans, not of events
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
