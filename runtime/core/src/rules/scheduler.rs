//! EventBridge Scheduler: a `schedule(..)` with a `timezone`, an `input`, a `flexible_window` or a
//! one-time `at(..)` expression is an `aws_scheduler_schedule` (with a role Scheduler assumes to
//! invoke the function), not an EventBridge rule.
//!
//! Source, as of 2026-12-03: the EventBridge Scheduler user guide, schedule-types ("`at(yyyy-mm-
//! ddThh:mm:ss)`", rate and cron as EventBridge's), and the API reference, `CreateSchedule`
//! (`ScheduleExpressionTimezone`: a tz database name; `FlexibleTimeWindow.MaximumWindowInMinutes`
//! 1–1,440; `Name` 1–64 characters of `[0-9a-zA-Z-_.]`). Time zone names are the tz database's
//! ([`super::timezones`]).
//!
//! ```
//! use lambda_stack_core::rules::scheduler::{check_at, check_timezone};
//! assert!(check_at("at(2027-01-01T00:00:00)").is_ok());
//! assert!(check_at("at(2027-02-30T00:00:00)").is_err());
//! assert!(check_timezone("Europe/Pari").unwrap_err().contains("did you mean `Europe/Paris`"));
//! ```

use super::suggest::did_you_mean;
use super::timezones::TIMEZONES;

/// `flexible_window`, in minutes: Scheduler may start the invocation this long after its time.
pub const FLEXIBLE_WINDOW_MINUTES: std::ops::RangeInclusive<u64> = 1..=1_440;
/// The longest schedule name.
pub const MAX_SCHEDULE_NAME: usize = 64;

/// Whether `expression` is a one-time `at(..)`.
pub fn is_at(expression: &str) -> bool {
    expression.trim_start().starts_with("at(")
}

/// `at(yyyy-mm-ddThh:mm:ss)`: a date and time that exist (no 30 February, no hour 24).
pub fn check_at(expression: &str) -> Result<(), String> {
    let shape = "expected `at(yyyy-mm-ddThh:mm:ss)`, such as `at(2027-01-01T09:00:00)`";
    let inner = expression
        .strip_prefix("at(")
        .and_then(|rest| rest.strip_suffix(')'))
        .ok_or_else(|| format!("`{expression}`: {shape}"))?;
    let digits = |text: &str| !text.is_empty() && text.chars().all(|c| c.is_ascii_digit());
    let parts: Option<(u32, u32, u32, u32, u32, u32)> = (|| {
        let (date, time) = inner.split_once('T')?;
        let date: Vec<&str> = date.split('-').collect();
        let time: Vec<&str> = time.split(':').collect();
        let fixed = date.len() == 3
            && time.len() == 3
            && date[0].len() == 4
            && date[1..].iter().chain(&time).all(|part| part.len() == 2)
            && date.iter().chain(&time).all(|part| digits(part));
        if !fixed {
            return None;
        }
        let n = |s: &str| s.parse::<u32>().ok();
        Some((n(date[0])?, n(date[1])?, n(date[2])?, n(time[0])?, n(time[1])?, n(time[2])?))
    })();
    let Some((year, month, day, hour, minute, second)) = parts else {
        return Err(format!("`{expression}`: {shape}"));
    };
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return Err(format!("`{expression}`: there is no month {month}")),
    };
    if day == 0 || day > days {
        return Err(format!("`{expression}`: {year}-{month:02} has no day {day} (it has {days})"));
    }
    if hour > 23 || minute > 59 || second > 59 {
        return Err(format!("`{expression}`: {hour:02}:{minute:02}:{second:02} is not a time of day"));
    }
    Ok(())
}

/// A tz database time zone name, as Scheduler takes them (`Europe/Paris`, `UTC`).
pub fn check_timezone(name: &str) -> Result<(), String> {
    if TIMEZONES.binary_search(&name).is_ok() {
        return Ok(());
    }
    let hint = match did_you_mean(name, TIMEZONES.iter().copied()) {
        hint if hint.is_empty() => {
            "; expected a tz database name such as `Europe/Paris` or `America/New_York`".to_owned()
        }
        hint => hint,
    };
    Err(format!("unknown time zone `{name}`{hint}"))
}

/// `flexible_window` is 1–1,440 minutes.
pub fn check_flexible_window(minutes: u64) -> Result<(), String> {
    super::limits::check_range("`flexible_window`", minutes, &FLEXIBLE_WINDOW_MINUTES, "minutes")
}

/// The Scheduler schedule of a function's `n`-th Scheduler `schedule(..)` (from 1):
/// `{stack}-{function}-schedule`, then `-schedule-2`, ... (schedules and rules have separate
/// namespaces, like the resources).
pub fn schedule_name(stack: &str, function: &str, n: usize) -> String {
    super::names::schedule_rule_name(stack, function, n)
}

/// The IAM role Scheduler assumes to invoke a function: `{stack}-{function}-scheduler` (a
/// function's own role is `{stack}-{function}`, and declared names have no `-`).
pub fn role_name(stack: &str, function: &str) -> String {
    format!("{stack}-{function}-scheduler")
}

/// The schedule's name and its role's fit Scheduler's and IAM's 64 characters.
pub fn check_names(stack: &str, function: &str, n: usize) -> Result<(), String> {
    let schedule = schedule_name(stack, function, n);
    if schedule.len() > MAX_SCHEDULE_NAME {
        return Err(format!(
            "the Scheduler schedule of this trigger, `{schedule}`, is {} characters, above Scheduler's limit of {MAX_SCHEDULE_NAME}; shorten the function or stack name",
            schedule.len()
        ));
    }
    let role = role_name(stack, function);
    if role.len() > super::names::MAX_ROLE_NAME {
        return Err(format!(
            "the role Scheduler assumes for this function, `{role}`, is {} characters, above IAM's limit of {}; shorten the function or stack name",
            role.len(),
            super::names::MAX_ROLE_NAME
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_is_sorted_for_binary_search() {
        assert!(TIMEZONES.windows(2).all(|w| w[0] < w[1]));
        for zone in ["Europe/Paris", "UTC", "America/New_York", "Asia/Kolkata", "Etc/GMT+5"] {
            assert!(check_timezone(zone).is_ok(), "{zone}");
        }
        assert!(check_timezone("Mars/Olympus").unwrap_err().contains("expected a tz database name"));
    }

    #[test]
    fn at_dates_exist() {
        assert!(check_at("at(2028-02-29T23:59:59)").is_ok());
        assert!(check_at("at(2027-02-29T00:00:00)").unwrap_err().contains("has no day 29"));
        assert!(check_at("at(2027-13-01T00:00:00)").unwrap_err().contains("no month 13"));
        assert!(check_at("at(2027-01-01T24:00:00)").unwrap_err().contains("not a time of day"));
        assert!(check_at("at(2027-1-1T00:00)").unwrap_err().contains("expected `at(yyyy-mm-ddThh:mm:ss)`"));
    }

    #[test]
    fn windows_and_names() {
        assert!(check_flexible_window(15).is_ok());
        assert!(check_flexible_window(1441).is_err());
        assert!(check_names("s", "f", 1).is_ok());
        assert!(check_names(&"s".repeat(30), &"f".repeat(30), 1).is_err());
    }
}
