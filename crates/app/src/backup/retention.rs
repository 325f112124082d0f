//! Which backups to keep: the newest of each of the last N days that have one, and the newest
//! of each of the last M months that have one. Everything else in the folder goes.

use std::collections::BTreeSet;

use chrono::{DateTime, Datelike, Utc};

/// `backups` as (name, when written); the names to delete, oldest first.
pub fn to_delete(
    backups: &[(String, DateTime<Utc>)],
    keep_daily: usize,
    keep_monthly: usize,
) -> Vec<String> {
    let mut newest_first: Vec<&(String, DateTime<Utc>)> = backups.iter().collect();
    newest_first.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| b.0.cmp(&a.0)));
    let mut keep = BTreeSet::new();
    let (mut days, mut months) = (BTreeSet::new(), BTreeSet::new());
    for (name, at) in &newest_first {
        let day = at.date_naive();
        if !days.contains(&day) && days.len() < keep_daily {
            days.insert(day);
            keep.insert(name.clone());
        }
        let month = (at.year(), at.month());
        if !months.contains(&month) && months.len() < keep_monthly {
            months.insert(month);
            keep.insert(name.clone());
        }
    }
    newest_first
        .iter()
        .rev()
        .filter(|(name, _)| !keep.contains(name))
        .map(|(name, _)| name.clone())
        .collect()
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    fn at(day: u32, month: u32, hour: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, month, day, hour, 0, 0).unwrap()
    }

    #[test]
    fn the_newest_of_each_of_the_last_days_and_months_are_kept() {
        let mut backups = Vec::new();
        // Two a day (morning and on close) from 1 September to 30 November.
        for month in 9..=11 {
            for day in 1..=30 {
                for hour in [9, 21] {
                    backups.push((format!("{month:02}-{day:02}-{hour}"), at(day, month, hour)));
                }
            }
        }
        let deleted = to_delete(&backups, 3, 2);
        let kept: BTreeSet<_> = backups
            .iter()
            .map(|(n, _)| n.clone())
            .filter(|n| !deleted.contains(n))
            .collect();
        let expected: BTreeSet<String> = ["11-30-21", "11-29-21", "11-28-21", "10-30-21"]
            .into_iter()
            .map(String::from)
            .collect();
        assert_eq!(kept, expected, "3 days (November's newest is also its month) + October");
        assert_eq!(deleted.len(), backups.len() - 4);
        assert_eq!(deleted[0], "09-01-9", "oldest first");
    }

    #[test]
    fn fewer_backups_than_the_limits_are_all_kept() {
        let backups = vec![("a".to_string(), at(1, 11, 9)), ("b".to_string(), at(2, 11, 9))];
        assert!(to_delete(&backups, 7, 12).is_empty());
    }
}
