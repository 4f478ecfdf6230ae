//! Schedules: the `rate(..)` and `cron(..)` expressions of `schedule(..)` triggers.
//!
//! Source, as of 2026-11-25: EventBridge user guide, "Cron expressions reference" and "Rate
//! expressions" (docs.aws.amazon.com/eventbridge/latest/userguide/eb-cron-expressions.html and
//! eb-scheduled-rule-pattern.html): six fields, the field table, exactly one `?`, one `#`
//! expression, a singular unit for a rate of 1; API `ScheduleExpression` at most 256 characters
//! (botocore 1.44.8). Where the guide is silent EventBridge behaves like Quartz, whose cron it
//! follows: `LW`, `6L`, names in any case, ranges that wrap (`FRI-MON`). The
//! aws_cron_expression_validator project (github.com/grumBit/aws_cron_expression_validator, 2024)
//! recorded those by trying them in the EventBridge console.
//!
//! Decisions where AWS leaves room, each explained where it is made: cron ranges may wrap
//! (`FRI-MON`) except years, increments stay within the field, `L`/`W`/`#` forms stand alone, and
//! `L-3` offsets are refused.
//!
//! ```
//! use lambda_stack_core::rules::schedule;
//! assert!(schedule::check_schedule("rate(5 minutes)").is_ok());
//! assert!(schedule::check_schedule("cron(0 12 ? * MON-FRI *)").is_ok());
//! assert_eq!(
//!     schedule::check_schedule("rate(1 minutes)").unwrap_err(),
//!     "`rate(1 minutes)`: use the singular `minute` when the value is 1"
//! );
//! ```

use std::ops::RangeInclusive;

use super::suggest::{did_you_mean, one_of};

/// The longest schedule expression EventBridge accepts (API `ScheduleExpression`).
pub const MAX_SCHEDULE_CHARS: usize = 256;

/// The units of `rate(VALUE UNIT)`, singular and plural: the singular is for a value of 1 only.
pub const RATE_UNITS: &[(&str, &str)] = &[("minute", "minutes"), ("hour", "hours"), ("day", "days")];

/// One of the six fields of an EventBridge cron expression, in order.
///
/// ```
/// use lambda_stack_core::rules::schedule::CronField;
/// assert_eq!(CronField::DayOfWeek.position(), 5);
/// assert_eq!(CronField::DayOfWeek.name(), "day-of-week");
/// assert_eq!(CronField::Year.values(), 1970..=2199);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CronField {
    Minutes,
    Hours,
    DayOfMonth,
    Month,
    DayOfWeek,
    Year,
}

impl CronField {
    /// Every field, in the order a cron expression writes them.
    pub const ALL: [CronField; 6] = [
        CronField::Minutes,
        CronField::Hours,
        CronField::DayOfMonth,
        CronField::Month,
        CronField::DayOfWeek,
        CronField::Year,
    ];

    /// Its position, counted from 1 as messages count it.
    pub fn position(self) -> usize {
        match self {
            CronField::Minutes => 1,
            CronField::Hours => 2,
            CronField::DayOfMonth => 3,
            CronField::Month => 4,
            CronField::DayOfWeek => 5,
            CronField::Year => 6,
        }
    }

    /// Its name in the EventBridge guide.
    pub fn name(self) -> &'static str {
        match self {
            CronField::Minutes => "minutes",
            CronField::Hours => "hours",
            CronField::DayOfMonth => "day-of-month",
            CronField::Month => "month",
            CronField::DayOfWeek => "day-of-week",
            CronField::Year => "year",
        }
    }

    /// The numbers it takes.
    pub fn values(self) -> RangeInclusive<u32> {
        match self {
            CronField::Minutes => 0..=59,
            CronField::Hours => 0..=23,
            CronField::DayOfMonth => 1..=31,
            CronField::Month => 1..=12,
            CronField::DayOfWeek => 1..=7,
            CronField::Year => 1970..=2199,
        }
    }

    /// The names it takes besides numbers, the first being 1 (`JAN`, `SUN`).
    pub fn names(self) -> &'static [&'static str] {
        match self {
            CronField::Month => &["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"],
            CronField::DayOfWeek => &["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"],
            _ => &[],
        }
    }

    /// The wildcards it takes, as the EventBridge table lists them.
    pub fn wildcards(self) -> &'static str {
        match self {
            CronField::Minutes | CronField::Hours | CronField::Month | CronField::Year => ", - * /",
            CronField::DayOfMonth => ", - * ? / L W",
            CronField::DayOfWeek => ", - * ? L #",
        }
    }

    /// What one value of the field is, for "`x` is not a minute".
    fn noun(self) -> &'static str {
        match self {
            CronField::Minutes => "a minute",
            CronField::Hours => "an hour",
            CronField::DayOfMonth => "a day of the month",
            CronField::Month => "a month",
            CronField::DayOfWeek => "a day of the week",
            CronField::Year => "a year",
        }
    }

    /// `0-59`, or `1-12 or JAN-DEC` for fields with names.
    fn accepts(self) -> String {
        let values = self.values();
        let names = self.names();
        match (names.first(), names.last()) {
            (Some(first), Some(last)) => {
                format!("{}-{} or {first}-{last}", values.start(), values.end())
            }
            _ => format!("{}-{}", values.start(), values.end()),
        }
    }

    /// The largest increment after `/`. Quartz, whose syntax EventBridge follows, refuses larger
    /// ones; they could only ever match their starting value anyway.
    fn max_increment(self) -> u32 {
        match self {
            CronField::Minutes => 59,
            CronField::Hours => 23,
            CronField::DayOfMonth => 31,
            CronField::Month => 12,
            // Day-of-week takes no `/` at all.
            CronField::DayOfWeek => 0,
            CronField::Year => 2199 - 1970,
        }
    }
}

impl std::fmt::Display for CronField {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// A schedule is `rate(VALUE UNIT)` or a six-field `cron(..)` that EventBridge rules accept.
///
/// ```
/// use lambda_stack_core::rules::schedule::check_schedule;
/// assert!(check_schedule("rate(1 day)").is_ok());
/// assert!(check_schedule("cron(0/15 8-17 ? * MON-FRI *)").is_ok());
/// assert_eq!(
///     check_schedule("cron(0 12 ? * MON-FRY *)").unwrap_err(),
///     "cron field 5 (day-of-week) `MON-FRY`: `FRY` is not a day of the week (1-7 or SUN-SAT); did you mean `FRI`?"
/// );
/// ```
pub fn check_schedule(expr: &str) -> Result<(), String> {
    let length = expr.chars().count();
    if length > MAX_SCHEDULE_CHARS {
        return Err(format!("a schedule expression is at most {MAX_SCHEDULE_CHARS} characters, found {length}"));
    }
    if let Some(inner) = expr.strip_prefix("rate(") {
        return check_rate(expr, closing_paren(expr, inner)?);
    }
    if let Some(inner) = expr.strip_prefix("cron(") {
        return check_cron(closing_paren(expr, inner)?);
    }
    if let Some(inner) = expr.strip_prefix("at(") {
        return Err(at_message(expr, inner.strip_suffix(')').unwrap_or(inner)));
    }
    let lower = expr.to_ascii_lowercase();
    for keyword in ["rate", "cron", "at"] {
        if lower.starts_with(&format!("{keyword}(")) {
            return Err(format!("`{expr}`: write `{keyword}` in lowercase"));
        }
    }
    // A cron or rate body without its wrapper is the likeliest mistake; name the fix.
    let words: Vec<&str> = expr.split_whitespace().collect();
    let cron_like = expr.chars().all(|c| c.is_ascii_alphanumeric() || " *?,-/#".contains(c));
    if (5..=7).contains(&words.len()) && cron_like {
        return Err(format!(
            "`{expr}` looks like a cron expression without its wrapper; write `cron({})`",
            words.join(" ")
        ));
    }
    if words.len() == 2 && words[0].bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!("`{expr}` looks like a rate without its wrapper; write `rate({})`", words.join(" ")));
    }
    Err(format!(
        "schedule `{expr}` must be `rate(VALUE UNIT)`, such as `rate(5 minutes)`, or \
         `cron(MINUTES HOURS DAY-OF-MONTH MONTH DAY-OF-WEEK YEAR)`, such as `cron(0 12 * * ? *)`"
    ))
}

/// The body of `rate(..)` or `cron(..)`, once its closing parenthesis is found.
fn closing_paren<'a>(expr: &str, inner: &'a str) -> Result<&'a str, String> {
    inner.strip_suffix(')').ok_or_else(|| format!("`{expr}` must end with `)`"))
}

/// `at(..)` exists only in EventBridge Scheduler; lambda-stack creates EventBridge rules. A
/// well-formed `at(yyyy-mm-ddThh:mm:ss)` is translated into the equivalent one-year cron.
fn at_message(expr: &str, inner: &str) -> String {
    let base = format!(
        "`{expr}`: one-time `at(..)` schedules exist only in EventBridge Scheduler; lambda-stack \
         creates EventBridge rules, which take `rate(..)` and `cron(..)`"
    );
    let parsed = (|| {
        let (date, time) = inner.split_once('T')?;
        let date: Vec<&str> = date.split('-').collect();
        let time: Vec<&str> = time.split(':').collect();
        if date.len() != 3 || time.len() != 3 {
            return None;
        }
        let number = |text: &str, digits: usize| -> Option<u32> {
            (text.len() == digits && text.bytes().all(|b| b.is_ascii_digit())).then(|| text.parse().ok()).flatten()
        };
        let (year, month, day) = (number(date[0], 4)?, number(date[1], 2)?, number(date[2], 2)?);
        let (hour, minute) = (number(time[0], 2)?, number(time[1], 2)?);
        number(time[2], 2)?;
        Some(format!("cron({minute} {hour} {day} {month} ? {year})"))
    })();
    match parsed {
        Some(cron) if check_schedule(&cron).is_ok() => {
            format!("{base}; for a single run in UTC write `{cron}`")
        }
        _ => format!("{base}; for a single run write a `cron(..)` with a year, such as `cron(0 9 25 12 ? 2026)`"),
    }
}

/// `rate(VALUE UNIT)`: a positive whole number, one space, and a unit that agrees with it.
fn check_rate(expr: &str, inner: &str) -> Result<(), String> {
    let shape = || format!("`{expr}`: a rate is `rate(VALUE UNIT)` with one space, such as `rate(5 minutes)`");
    let Some((value, unit)) = inner.split_once(' ') else {
        return Err(shape());
    };
    if value.is_empty() || unit.is_empty() || unit.contains(char::is_whitespace) {
        return Err(shape());
    }
    if !value.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!("`{expr}`: the value `{value}` must be a positive whole number"));
    }
    let Ok(value) = value.parse::<u64>() else {
        return Err(format!("`{expr}`: the value `{value}` is too large"));
    };
    if value == 0 {
        return Err(format!("`{expr}`: the value must be positive; a rate of 0 never fires"));
    }
    for &(singular, plural) in RATE_UNITS {
        if unit == singular {
            return if value == 1 {
                Ok(())
            } else {
                Err(format!("`{expr}`: use the plural `{plural}` when the value is not 1"))
            };
        }
        if unit == plural {
            return if value == 1 {
                Err(format!("`{expr}`: use the singular `{singular}` when the value is 1"))
            } else {
                Ok(())
            };
        }
    }
    let lower = unit.to_ascii_lowercase();
    if lower.starts_with("sec") || lower == "s" {
        return Err(format!(
            "`{expr}`: EventBridge schedules fire at most once a minute, so `{unit}` is not a unit; \
             the shortest rate is `rate(1 minute)`"
        ));
    }
    if lower.starts_with("week") {
        let days = value.saturating_mul(7);
        return Err(format!("`{expr}`: rates count minutes, hours or days; write `rate({days} days)`"));
    }
    if lower.starts_with("month") || lower.starts_with("year") {
        return Err(format!(
            "`{expr}`: rates count minutes, hours or days; for calendar months or years use a \
             `cron(..)`, such as `cron(0 0 1 * ? *)` for midnight on the first of every month"
        ));
    }
    let units: Vec<&str> =
        RATE_UNITS.iter().map(|&(singular, plural)| if value == 1 { singular } else { plural }).collect();
    Err(format!(
        "`{expr}`: unknown unit `{unit}`; expected {}{}",
        one_of(&units),
        did_you_mean(unit, units.iter().copied())
    ))
}

/// `cron(..)`: six fields, each valid for its position, and exactly one `?` between the two day
/// fields.
fn check_cron(inner: &str) -> Result<(), String> {
    let fields: Vec<&str> = inner.split_whitespace().collect();
    if fields.len() != 6 {
        return Err(field_count_message(&fields));
    }
    if inner.split(' ').count() != 6 {
        return Err(format!("separate the 6 cron fields with single spaces: `cron({})`", fields.join(" ")));
    }
    for (field, text) in CronField::ALL.into_iter().zip(&fields) {
        check_cron_field(field, text).map_err(|why| {
            // A field of one value: say "`60` is out of range" once, not "`60`: `60` is ...".
            if why.starts_with(&format!("`{text}` ")) {
                format!("cron field {} ({field}): {why}", field.position())
            } else {
                format!("cron field {} ({field}) `{text}`: {why}", field.position())
            }
        })?;
    }
    check_day_fields(fields[2], fields[4])
}

/// Why the field count is wrong, with the corrected expression when one is certain: a unix cron
/// lacks the year, a Quartz cron starts with seconds.
fn field_count_message(fields: &[&str]) -> String {
    let base =
        format!("cron needs 6 fields (minutes hours day-of-month month day-of-week year), found {}", fields.len());
    match fields.len() {
        5 => {
            let mut fixed: Vec<&str> = fields.to_vec();
            fixed.push("*");
            if fixed[2] != "?" && fixed[4] != "?" {
                if fixed[4] == "*" {
                    fixed[4] = "?";
                } else if fixed[2] == "*" {
                    fixed[2] = "?";
                }
            }
            let suggestion = format!("cron({})", fixed.join(" "));
            // Unix numbers days 0-6 from Sunday, EventBridge 1-7: a numeric day cannot be carried over.
            let numeric_days = fields[4].bytes().any(|b| b.is_ascii_digit());
            if numeric_days {
                format!(
                    "{base} — EventBridge cron has a year field, and numbers days of the week from 1 (SUN) to 7 (SAT)"
                )
            } else if check_schedule(&suggestion).is_ok() {
                format!("{base} — EventBridge cron has a year field: write `{suggestion}`")
            } else {
                format!("{base} — EventBridge cron has a year field")
            }
        }
        7 => {
            let suggestion = format!("cron({})", fields[1..].join(" "));
            if check_schedule(&suggestion).is_ok() {
                format!("{base} — EventBridge cron has no seconds field: write `{suggestion}`")
            } else {
                format!("{base} — EventBridge cron has no seconds field")
            }
        }
        _ => base,
    }
}

/// Exactly one of day-of-month and day-of-week is `?`: EventBridge cannot match both.
fn check_day_fields(day_of_month: &str, day_of_week: &str) -> Result<(), String> {
    match (day_of_month == "?", day_of_week == "?") {
        (true, false) | (false, true) => Ok(()),
        (true, true) => Err("exactly one of day-of-month and day-of-week must be `?`, found `?` in both; write `*` \
             in one of them to run every day"
            .to_string()),
        (false, false) => {
            let fix = if day_of_week == "*" {
                "write `?` in day-of-week".to_string()
            } else if day_of_month == "*" {
                "write `?` in day-of-month".to_string()
            } else {
                format!("EventBridge cannot combine `{day_of_month}` with `{day_of_week}`; write `?` in one of them")
            };
            Err(format!("exactly one of day-of-month and day-of-week must be `?`: {fix}"))
        }
    }
}

/// One field: `*`, `?` (day fields only), or a comma list of values, ranges, increments and the
/// day fields' `L`, `W` and `#` forms.
fn check_cron_field(field: CronField, text: &str) -> Result<(), String> {
    let day_field = matches!(field, CronField::DayOfMonth | CronField::DayOfWeek);
    if text == "?" {
        return if day_field {
            Ok(())
        } else {
            Err(format!(
                "`?` is only allowed in day-of-month and day-of-week; write `*` for every {}",
                field.noun().trim_start_matches("an ").trim_start_matches("a ")
            ))
        };
    }
    if text == "*" {
        return Ok(());
    }
    if let Some(wildcard) = text.chars().find(|&c| c == '#' || c == '?') {
        if !field.wildcards().contains(wildcard) {
            return Err(format!(
                "`{wildcard}` is not allowed in the {field} field, which takes {} and the wildcards `{}`",
                field.accepts(),
                field.wildcards()
            ));
        }
    }
    let items: Vec<&str> = text.split(',').collect();
    let listed = items.len() > 1;
    for item in items {
        check_cron_item(field, item, listed)?;
    }
    Ok(())
}

/// One entry of a field's comma list.
fn check_cron_item(field: CronField, item: &str, listed: bool) -> Result<(), String> {
    match item {
        "" => return Err("the list has an empty entry (`,,`, or a `,` at either end)".to_string()),
        "?" => return Err("`?` stands alone; it cannot be part of a list".to_string()),
        "*" => return Err("`*` already matches every value; it cannot be part of a list".to_string()),
        _ => {}
    }
    let special = match field {
        CronField::DayOfMonth => day_of_month_special(item),
        CronField::DayOfWeek => day_of_week_special(item),
        _ => None,
    };
    if let Some(result) = special {
        result?;
        if listed {
            return Err(format!(
                "`{item}` must stand alone in {field}; it cannot be combined with other values in a list"
            ));
        }
        return Ok(());
    }
    let (base, increment) = match item.split_once('/') {
        Some((base, increment)) => (base, Some(increment)),
        None => (item, None),
    };
    if let Some(increment) = increment {
        if field == CronField::DayOfWeek {
            return Err("day-of-week takes no `/` increments; list the days instead, such as `MON,WED,FRI`".to_string());
        }
        check_increment(field, increment)?;
        if base == "*" {
            return Ok(());
        }
    }
    let Some((from, to)) = base.split_once('-') else {
        return cron_value(field, base).map(|_| ());
    };
    if to.contains('-') {
        return Err(format!("`{base}` is not a range; write `FROM-TO`"));
    }
    let (start, end) = (cron_value(field, from)?, cron_value(field, to)?);
    // Other ranges may wrap around (`FRI-MON`, `22-2`), as in Quartz; years cannot.
    if field == CronField::Year && end < start {
        return Err(format!("the range `{base}` runs backwards; write the earlier year first"));
    }
    Ok(())
}

/// Day-of-month's `L` (the last day), `LW` (the last weekday) and `15W` (the weekday nearest the
/// 15th), or `None` when `item` uses neither letter.
fn day_of_month_special(item: &str) -> Option<Result<(), String>> {
    let upper = item.to_ascii_uppercase();
    if !upper.contains('L') && !upper.contains('W') {
        return None;
    }
    if upper == "L" || upper == "LW" {
        return Some(Ok(()));
    }
    if let Some(day) = upper.strip_suffix('W') {
        if day.is_empty() {
            return Some(Err(
                "`W` needs a day: `15W` is the weekday nearest the 15th, `LW` the last weekday of the month"
                    .to_string(),
            ));
        }
        if !day.bytes().all(|b| b.is_ascii_digit()) {
            return Some(Err(format!(
                "`{item}` puts `W` after a range or increment; `W` takes a single day of the month, such as `15W`"
            )));
        }
        return Some(cron_value(CronField::DayOfMonth, day).map(|_| ()));
    }
    Some(Err(format!(
        "`{item}` is not supported in day-of-month, which takes `L` (the last day of the month), \
         `LW` (its last weekday) or `15W` (the weekday nearest the 15th)"
    )))
}

/// Day-of-week's `L` (Saturday, the last day of the week), `6L`/`FRIL` (the last Friday of the
/// month) and `6#3`/`FRI#3` (the third Friday), or `None` when `item` uses neither.
fn day_of_week_special(item: &str) -> Option<Result<(), String>> {
    let upper = item.to_ascii_uppercase();
    if let Some((day, nth)) = upper.split_once('#') {
        return Some((|| {
            if day.contains(['-', '/', 'L']) || day.is_empty() {
                return Err(format!("`{item}` is not a day and a week; `#` follows a single day, such as `6#3` for the third Friday of the month"));
            }
            cron_value(CronField::DayOfWeek, day)?;
            match nth {
                "1" | "2" | "3" | "4" | "5" => Ok(()),
                _ => Err(format!(
                    "`{item}` has no week of the month after `#`; write 1 to 5 (`6#3` is the third Friday)"
                )),
            }
        })());
    }
    if upper == "L" {
        return Some(Ok(()));
    }
    if let Some(day) = upper.strip_suffix('L') {
        if !day.contains(['L', '-', '/']) {
            return Some(cron_value(CronField::DayOfWeek, day).map(|_| ()));
        }
    }
    if upper.contains('L') {
        return Some(Err(format!(
            "`{item}` is not supported in day-of-week, which takes `L` (Saturday, the last day of \
             the week) or `6L`/`FRIL` (the last Friday of the month)"
        )));
    }
    None
}

/// The increment after `/`: a whole number from 1 to the field's size.
fn check_increment(field: CronField, increment: &str) -> Result<(), String> {
    if increment.is_empty() || !increment.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!("the increment after `/` must be a whole number, such as `0/15`, found `{increment}`"));
    }
    let max = field.max_increment();
    match increment.parse::<u32>() {
        Ok(0) => Err("an increment of 0 never advances; use 1 or more".to_string()),
        Ok(n) if n <= max => Ok(()),
        _ => Err(format!(
            "the increment `{increment}` is larger than the {field} field allows (at most {max}); it could only match its start"
        )),
    }
}

/// A single value of a field: a number in its range, or for months and days of the week a
/// three-letter name in any case.
fn cron_value(field: CronField, token: &str) -> Result<u32, String> {
    if token.is_empty() {
        return Err(format!("a value is missing; the {field} field takes {}", field.accepts()));
    }
    if token.bytes().all(|b| b.is_ascii_digit()) {
        let digits = if field == CronField::Year { 4 } else { 2 };
        let value = if token.len() <= digits { token.parse::<u32>().ok() } else { None };
        return match value {
            Some(value) if field.values().contains(&value) => Ok(value),
            _ if field == CronField::DayOfWeek && token.trim_start_matches('0').is_empty() => Err(format!(
                "`{token}` is out of range; EventBridge numbers days of the week from 1 (SUN) to 7 (SAT), so unix cron's 0 is `1` or `SUN`"
            )),
            _ => Err(format!("`{token}` is out of range; the {field} field takes {}", field.accepts())),
        };
    }
    let names = field.names();
    if let Some(index) = names.iter().position(|name| name.eq_ignore_ascii_case(token)) {
        return Ok(index as u32 + 1);
    }
    if names.is_empty() {
        return Err(format!(
            "`{token}` is not {}; the {field} field takes {} and the wildcards `{}`",
            field.noun(),
            field.accepts(),
            field.wildcards()
        ));
    }
    // `MONDAY` and `January` are too far from `MON` and `JAN` for the edit distance to find.
    let abbreviation = token
        .get(..3)
        .filter(|_| token.len() > 3)
        .and_then(|start| names.iter().find(|name| name.eq_ignore_ascii_case(start)));
    let hint = match abbreviation {
        Some(name) => format!("; did you mean `{name}`?"),
        None => did_you_mean(token, names.iter().copied()),
    };
    Err(format!("`{token}` is not {} ({}){hint}", field.noun(), field.accepts()))
}

/// Two expressions are the same schedule when they differ only in spacing (`rate(5 minutes)`
/// and `rate( 5  minutes )`).
pub fn same_schedule(a: &str, b: &str) -> bool {
    let words = |s: &str| -> String { s.replace(['(', ')'], " ").split_whitespace().collect::<Vec<_>>().join(" ") };
    words(a) == words(b)
}

/// The message for a function given the same schedule twice.
pub fn duplicate_schedule(function: &str, expression: &str) -> String {
    format!(
        "function `{function}` already has the schedule `{expression}`; a second rule on it would invoke the function twice at each time; remove one"
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn err(expr: &str) -> String {
        check_schedule(expr).expect_err(expr)
    }

    #[test]
    fn rates() {
        for ok in
            ["rate(1 minute)", "rate(5 minutes)", "rate(1 hour)", "rate(12 hours)", "rate(1 day)", "rate(30 days)"]
        {
            assert_eq!(check_schedule(ok), Ok(()), "{ok}");
        }
        assert_eq!(err("rate(1 minutes)"), "`rate(1 minutes)`: use the singular `minute` when the value is 1");
        assert_eq!(err("rate(5 minute)"), "`rate(5 minute)`: use the plural `minutes` when the value is not 1");
        assert!(err("rate(0 minutes)").contains("must be positive"));
        assert!(err("rate(-5 minutes)").contains("positive whole number"));
        assert!(err("rate(1.5 hours)").contains("positive whole number"));
        assert!(err("rate(99999999999999999999999 days)").contains("too large"));
        assert!(err("rate(30 seconds)").contains("at most once a minute"));
        assert!(err("rate(2 weeks)").contains("`rate(14 days)`"));
        assert!(err("rate(1 month)").contains("cron(0 0 1 * ? *)"));
        assert!(err("rate(5 Minutes)").ends_with("did you mean `minutes`?"));
        assert!(err("rate(5 mins)").contains("expected `minutes`, `hours` or `days`"));
        assert!(err("rate(1 dya)").contains("did you mean `day`?"));
        for shape in ["rate(5minutes)", "rate(5  minutes)", "rate( 5 minutes)", "rate(5 minutes )", "rate()"] {
            assert!(err(shape).contains("with one space"), "{shape}");
        }
        assert!(err("rate(5 minutes").contains("must end with `)`"));
    }

    #[test]
    fn wrappers_and_keywords() {
        assert!(err("Rate(5 minutes)").contains("write `rate` in lowercase"));
        assert!(err("CRON(0 12 * * ? *)").contains("write `cron` in lowercase"));
        assert_eq!(
            err("0 12 * * ? *"),
            "`0 12 * * ? *` looks like a cron expression without its wrapper; write `cron(0 12 * * ? *)`"
        );
        assert!(err("5 minutes").contains("write `rate(5 minutes)`"));
        assert!(err("every day").starts_with("schedule `every day` must be"));
        assert!(err("").starts_with("schedule `` must be"));
        assert!(err(&format!("cron({})", "1,".repeat(200))).contains("at most 256 characters"));
    }

    #[test]
    fn at_is_scheduler_only() {
        let message = err("at(2026-12-25T09:30:00)");
        assert!(message.contains("exist only in EventBridge Scheduler"), "{message}");
        assert!(message.ends_with("write `cron(30 9 25 12 ? 2026)`"), "{message}");
        assert!(err("at(tomorrow)").contains("such as `cron(0 9 25 12 ? 2026)`"));
    }

    #[test]
    fn valid_crons() {
        // The EventBridge guide's examples, and forms the console accepts (see the module header).
        for fields in [
            "0 10 * * ? *",
            "15 12 * * ? *",
            "0 18 ? * MON-FRI *",
            "0 8 1 * ? *",
            "0/15 * * * ? *",
            "0/10 * ? * MON-FRI *",
            "0/5 8-17 ? * MON-FRI *",
            "0 9 ? * 2#1 *",
            "0 18 ? * L *",
            "0 18 ? * SATL *",
            "0 18 ? * 6L *",
            "0 18 L * ? *",
            "0 18 LW * ? *",
            "0 18 31W * ? *",
            "1/5 8-17 ? * Mon-Fri *",
            "0 07/12 ? * * *",
            "10,20,30,40 07/12 ? * * *",
            "10 10 15 JAN,JUL,DEC ? *",
            "10 10 31 04,09,12 ? *",
            "0,5 07/12 ? * 1,5,7 2020-2021,2028-2199",
            "30 7 ? * MON#1 *",
            "30 0 1 JAN-APR,JUL-OCT/2,DEC ? *",
            "0 11-23/2 * * ? *",
            "0 1-7/2,11-23/2,10 * * ? *",
            "0 0 1 1-12/3 ? *",
            "0 22-2 ? * FRI-MON *",
            "0 0 1 * ? 2027",
            "59 23 31 12 ? 2199",
            "*/5 * * * ? *",
            "0 0 ? * fri#5 *",
        ] {
            assert_eq!(check_schedule(&format!("cron({fields})")), Ok(()), "{fields}");
        }
    }

    #[test]
    fn cron_field_messages() {
        assert_eq!(
            err("cron(0 12 ? * MON-FRY *)"),
            "cron field 5 (day-of-week) `MON-FRY`: `FRY` is not a day of the week (1-7 or SUN-SAT); did you mean `FRI`?"
        );
        assert_eq!(
            err("cron(60 12 * * ? *)"),
            "cron field 1 (minutes): `60` is out of range; the minutes field takes 0-59"
        );
        assert!(err("cron(0 24 * * ? *)").starts_with("cron field 2 (hours): `24` is out of range"));
        assert!(err("cron(0 0 32 * ? *)").starts_with("cron field 3 (day-of-month): `32`"));
        assert!(err("cron(0 0 0 * ? *)").contains("1-31"));
        assert!(err("cron(0 0 1 13 ? *)").contains("1-12 or JAN-DEC"));
        assert!(err("cron(0 0 1 JANUARY ? *)").ends_with("did you mean `JAN`?"));
        assert!(err("cron(0 0 ? * MONDAY *)").ends_with("did you mean `MON`?"));
        assert!(err("cron(0 0 ? * 0 *)").contains("unix cron's 0 is `1` or `SUN`"));
        assert!(err("cron(0 0 ? * 8 *)").contains("out of range"));
        assert!(err("cron(0 0 * * ? 1969)").starts_with("cron field 6 (year)"));
        assert!(err("cron(0 0 * * ? 2200)").contains("1970-2199"));
        assert!(err("cron(0 0 * * ? 26)").contains("out of range"));
        assert!(err("cron(0 0 * * ? 2030-2027)").contains("runs backwards"));
        assert!(err("cron(005 0 * * ? *)").contains("out of range"));
        assert!(err("cron(x 0 * * ? *)").contains("`x` is not a minute"));
        assert!(err("cron(L 0 * * ? *)").contains("`L` is not a minute"));
    }

    #[test]
    fn cron_wildcards() {
        assert!(err("cron(? 0 * * ? *)")
            .contains("`?` is only allowed in day-of-month and day-of-week; write `*` for every minute"));
        assert!(err("cron(0 ? * * ? *)").contains("for every hour"));
        assert!(err("cron(0 0 * ? ? *)").contains("for every month"));
        assert!(err("cron(0 0 3#2 * ? *)").contains("`#` is not allowed in the day-of-month field"));
        assert!(err("cron(0 0 ? * MON,? *)").contains("`?` stands alone"));
        assert!(err("cron(*,5 0 * * ? *)").contains("`*` already matches every value"));
        assert!(err("cron(1,,2 0 * * ? *)").contains("empty entry"));
        assert!(err("cron(1, 0 * * ? *)").contains("empty entry"));
        assert!(err("cron(1-2-3 0 * * ? *)").contains("is not a range"));
        assert!(err("cron(-5 0 * * ? *)").contains("a value is missing"));
        assert!(err("cron(5- 0 * * ? *)").contains("a value is missing"));
    }

    #[test]
    fn cron_increments() {
        assert!(err("cron(0/0 * * * ? *)").contains("increment of 0"));
        assert!(err("cron(0/60 * * * ? *)").contains("at most 59"));
        assert!(err("cron(0 0/24 * * ? *)").contains("at most 23"));
        assert!(err("cron(0/x * * * ? *)").contains("whole number"));
        assert!(err("cron(0/ * * * ? *)").contains("whole number"));
        assert!(err("cron(0 0 ? * MON/2 *)").contains("day-of-week takes no `/`"));
        assert!(err("cron(0 0 * 2/FEB ? *)").contains("whole number"));
        assert!(check_schedule("cron(0 0 * FEB/2 ? *)").is_ok());
        assert!(check_schedule("cron(0 0 1 * ? 2026/4)").is_ok());
    }

    #[test]
    fn cron_day_specials() {
        assert!(err("cron(0 0 W * ? *)").contains("`W` needs a day"));
        assert!(err("cron(0 0 32W * ? *)").contains("out of range"));
        assert!(err("cron(0 0 1-5W * ? *)").contains("single day of the month"));
        assert!(err("cron(0 0 L-3 * ? *)").contains("is not supported in day-of-month"));
        assert!(err("cron(0 0 3L * ? *)").contains("`3L` is not supported in day-of-month"));
        assert!(err("cron(0 0 L,15 * ? *)").contains("must stand alone in day-of-month"));
        assert!(err("cron(0 0 15W,20 * ? *)").contains("must stand alone"));
        assert!(err("cron(0 0 ? * 3#1,6#3 *)").contains("must stand alone in day-of-week"));
        assert!(err("cron(0 0 ? * 3#6 *)").contains("write 1 to 5"));
        assert!(err("cron(0 0 ? * 3# *)").contains("1 to 5"));
        assert!(err("cron(0 0 ? * #2 *)").starts_with("cron field 5 (day-of-week): `#2` is not a day and a week"));
        assert!(err("cron(0 0 ? * MON-FRI#2 *)").contains("follows a single day"));
        assert!(err("cron(0 0 ? * 8#2 *)").contains("out of range"));
        assert!(err("cron(0 0 ? * L-2 *)").contains("not supported in day-of-week"));
        assert!(err("cron(0 0 ? * 6L,MON *)").contains("must stand alone"));
        assert!(err("cron(0 0 ? * 9L *)").contains("out of range"));
    }

    #[test]
    fn cron_field_count_and_days() {
        assert_eq!(
            err("cron(0 12 * * MON)"),
            "cron needs 6 fields (minutes hours day-of-month month day-of-week year), found 5 — EventBridge cron has a year field: write `cron(0 12 ? * MON *)`"
        );
        assert!(err("cron(0 12 * * *)").ends_with("write `cron(0 12 * * ? *)`"));
        assert!(err("cron(0 12 * * 1-5)").ends_with("from 1 (SUN) to 7 (SAT)"));
        assert!(err("cron(0 0 12 * * ? *)").ends_with("no seconds field: write `cron(0 12 * * ? *)`"));
        assert!(err("cron(0 12 * *)").ends_with("found 4"));
        assert!(err("cron()").ends_with("found 0"));
        assert!(err("cron(0  12 * * ? *)").contains("single spaces"));
        assert!(err("cron(0\t12 * * ? *)").contains("single spaces"));
        assert!(err("cron( 0 12 * * ? *)").contains("single spaces"));
        assert_eq!(
            err("cron(0 12 * * * *)"),
            "exactly one of day-of-month and day-of-week must be `?`: write `?` in day-of-week"
        );
        assert!(err("cron(0 12 * * MON *)").ends_with("write `?` in day-of-month"));
        assert!(err("cron(0 12 1 * MON *)").contains("cannot combine `1` with `MON`"));
        assert!(err("cron(0 12 ? * ? *)").contains("found `?` in both"));
    }

    #[test]
    fn cron_fields_describe_themselves() {
        let names: Vec<&str> = CronField::ALL.iter().map(|f| f.name()).collect();
        assert_eq!(names.join(" "), "minutes hours day-of-month month day-of-week year");
        for (index, field) in CronField::ALL.iter().enumerate() {
            assert_eq!(field.position(), index + 1);
        }
        assert_eq!(CronField::Month.accepts(), "1-12 or JAN-DEC");
        assert_eq!(CronField::Month.names().len(), 12);
        assert_eq!(CronField::DayOfWeek.names().len(), 7);
    }

    /// A valid value of each field, as text, in one of the forms the field takes.
    fn field_strategy(field: CronField) -> BoxedStrategy<String> {
        let values = field.values();
        let (lo, hi) = (*values.start(), *values.end());
        let names = field.names();
        let value = (lo..=hi).prop_map(|v| v.to_string());
        let named = if names.is_empty() {
            value.clone().boxed()
        } else {
            prop_oneof![value.clone(), proptest::sample::select(names).prop_map(str::to_string)].boxed()
        };
        let range = (lo..=hi, lo..=hi).prop_map(move |(a, b)| {
            let (a, b) = if field == CronField::Year { (a.min(b), a.max(b)) } else { (a, b) };
            format!("{a}-{b}")
        });
        let mut forms = vec![Just("*".to_string()).boxed(), named.clone(), range.boxed()];
        if field != CronField::DayOfWeek {
            let step = 1..=field.max_increment();
            forms.push((named, step).prop_map(|(v, s)| format!("{v}/{s}")).boxed());
        }
        proptest::strategy::Union::new(forms).boxed()
    }

    proptest! {
        #[test]
        fn schedules_never_panic(expr in "\\PC{0,80}") {
            let _ = check_schedule(&expr);
        }

        #[test]
        fn cron_shaped_text_never_panics(body in "[0-9A-Za-z*?/,#LW\\- ]{0,40}") {
            let _ = check_schedule(&format!("cron({body})"));
            let _ = check_schedule(&format!("rate({body})"));
        }

        #[test]
        fn unicode_in_fields_never_panics(body in "[0-9LW#é€😀,/\\- ]{0,30}") {
            let _ = check_schedule(&format!("cron(0 0 {body} * ? *)"));
            let _ = check_schedule(&format!("cron(0 0 ? * {body} *)"));
        }

        #[test]
        fn generated_crons_pass(
            minutes in field_strategy(CronField::Minutes),
            hours in field_strategy(CronField::Hours),
            day in field_strategy(CronField::DayOfMonth),
            month in field_strategy(CronField::Month),
            weekday in field_strategy(CronField::DayOfWeek),
            year in field_strategy(CronField::Year),
            days_by_month in any::<bool>(),
        ) {
            let (day, weekday) = if days_by_month { (day, "?".to_string()) } else { ("?".to_string(), weekday) };
            let expr = format!("cron({minutes} {hours} {day} {month} {weekday} {year})");
            prop_assert_eq!(check_schedule(&expr), Ok(()), "{}", expr);
        }

        #[test]
        fn rates_agree_with_their_unit(value in 0u64..10_000, unit in 0usize..3, plural in any::<bool>()) {
            let (singular, plurals) = RATE_UNITS[unit];
            let expr = format!("rate({value} {})", if plural { plurals } else { singular });
            let valid = value > 0 && plural == (value != 1);
            prop_assert_eq!(check_schedule(&expr).is_ok(), valid, "{}", expr);
        }
    }
}
