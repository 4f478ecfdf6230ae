//! Event sources: schedules, S3 notifications, SQS queues, DynamoDB and Kinesis streams, SNS
//! topics, and function URLs.
//!
//! Sources, as of 2026-11-25:
//!
//! * Schedules: EventBridge user guide, "Cron expressions reference" and "Rate expressions"
//!   (docs.aws.amazon.com/eventbridge/latest/userguide/eb-cron-expressions.html and
//!   eb-scheduled-rule-pattern.html): six fields, the field table, exactly one `?`, one `#`
//!   expression, a singular unit for a rate of 1; API `ScheduleExpression` at most 256 characters
//!   (botocore 1.44.8). Where the guide is silent EventBridge behaves like Quartz, whose cron it
//!   follows: `LW`, `6L`, names in any case, ranges that wrap (`FRI-MON`). The
//!   aws_cron_expression_validator project (github.com/grumBit/aws_cron_expression_validator, 2024)
//!   recorded those by trying them in the EventBridge console.
//! * S3: the API model's `Event` enum (botocore 1.44.8), and the user guide's "Configuring event
//!   notifications using object key name filtering"
//!   (docs.aws.amazon.com/AmazonS3/latest/userguide/notification-how-to-filtering.html) for the
//!   overlap rule and the 1,024-character filter values.
//! * SQS triggers: Lambda developer guide, services-sqs-parameters (batch size, no batching window
//!   for FIFO) and services-sqs-configure (function timeout within the visibility timeout, the 6×
//!   advice); the `CreateEventSourceMapping` API model (1–10,000, window 0–300, above 10 needs a
//!   window).
//! * Queues: SQS `CreateQueue` API model (name rules; visibility 0–43,200, retention
//!   60–1,209,600, delay 0–900; "the dead-letter queue of a FIFO queue must also be a FIFO queue");
//!   1–1,000 maximum receives, the SQS console's bounds (the API documents no range; AWS's
//!   Modern Data Architecture Accelerator validates the same); the SQS developer guide,
//!   setting-up-dead-letter-queue-retention.
//! * Streams: Lambda developer guide, services-kinesis-parameters (default batch 100 with a window
//!   of 0); the `CreateEventSourceMapping` API model (DynamoDB and Kinesis batches 1–10,000,
//!   `AT_TIMESTAMP` for Kinesis only); DynamoDB `TableName`, `StreamViewType` and `KeySchemaAttributeName`, Kinesis `StreamName` and
//!   `ShardCount` (botocore 1.44.8); Kinesis "Quotas and limits"
//!   (docs.aws.amazon.com/streams/latest/dev/service-sizes-and-limits.html).
//! * Topics: SNS `CreateTopic` API model; SNS developer guide, "Message delivery for FIFO topics"
//!   (FIFO topics deliver only to SQS queues).
//! * Function URLs: Lambda API `FunctionUrlAuthType` (`NONE`, `AWS_IAM`); one URL per function.
//!
//! Decisions where AWS leaves room, each explained where it is made: cron ranges may wrap
//! (`FRI-MON`) except years, increments stay within the field, `L`/`W`/`#` forms stand alone, and
//! `L-3` offsets are refused; `s3(on:)` takes `created`, `removed` and `restored`, not
//! `replicated`; stream triggers start at `latest` or `trim_horizon`, not Kinesis's
//! `at_timestamp`; stream batches above 10 need no window (only SQS's do); a Kinesis stream
//! without `shards` is on-demand, and more shards than the smallest default quota only warn.
//!
//! ```
//! use lambda_stack_runtime::rules::events;
//! assert!(events::check_schedule("rate(5 minutes)").is_ok());
//! assert!(events::check_schedule("cron(0 12 ? * MON-FRI *)").is_ok());
//! assert_eq!(
//!     events::check_schedule("rate(1 minutes)").unwrap_err(),
//!     "`rate(1 minutes)`: use the singular `minute` when the value is 1"
//! );
//! assert!(events::check_sqs_batch(100, Some(5), false).is_ok());
//! assert!(events::check_sqs_batch(100, None, false).is_err());
//! ```

use std::ops::RangeInclusive;

use super::limits::check_range;
use super::names::check_declaration_name;
use super::resources::Kind;
use super::suggest::{did_you_mean, one_of};
use super::Verdict;

// ---------------------------------------------------------------------------------------------
// Schedules
// ---------------------------------------------------------------------------------------------

/// The longest schedule expression EventBridge accepts (API `ScheduleExpression`).
pub const MAX_SCHEDULE_CHARS: usize = 256;

/// The units of `rate(VALUE UNIT)`, singular and plural: the singular is for a value of 1 only.
pub const RATE_UNITS: &[(&str, &str)] = &[("minute", "minutes"), ("hour", "hours"), ("day", "days")];

/// One of the six fields of an EventBridge cron expression, in order.
///
/// ```
/// use lambda_stack_runtime::rules::events::CronField;
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
/// use lambda_stack_runtime::rules::events::check_schedule;
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

// ---------------------------------------------------------------------------------------------
// S3 notifications
// ---------------------------------------------------------------------------------------------

/// Every S3 event notification type (the API model's `Event` enum, botocore 1.44.8).
pub const S3_EVENTS: &[&str] = &[
    "s3:ReducedRedundancyLostObject",
    "s3:ObjectCreated:*",
    "s3:ObjectCreated:Put",
    "s3:ObjectCreated:Post",
    "s3:ObjectCreated:Copy",
    "s3:ObjectCreated:CompleteMultipartUpload",
    "s3:ObjectRemoved:*",
    "s3:ObjectRemoved:Delete",
    "s3:ObjectRemoved:DeleteMarkerCreated",
    "s3:ObjectRestore:*",
    "s3:ObjectRestore:Post",
    "s3:ObjectRestore:Completed",
    "s3:ObjectRestore:Delete",
    "s3:Replication:*",
    "s3:Replication:OperationFailedReplication",
    "s3:Replication:OperationNotTracked",
    "s3:Replication:OperationMissedThreshold",
    "s3:Replication:OperationReplicatedAfterThreshold",
    "s3:LifecycleTransition",
    "s3:IntelligentTiering",
    "s3:ObjectAcl:Put",
    "s3:LifecycleExpiration:*",
    "s3:LifecycleExpiration:Delete",
    "s3:LifecycleExpiration:DeleteMarkerCreated",
    "s3:ObjectTagging:*",
    "s3:ObjectTagging:Put",
    "s3:ObjectTagging:Delete",
    "s3:ObjectAnnotation:*",
    "s3:ObjectAnnotation:Put",
    "s3:ObjectAnnotation:Delete",
    "s3:ObjectRetention:Put",
];

/// The words `s3(.., on: ..)` takes and the events each stands for.
///
/// `restored` is the end of a restore from an archive tier (`s3:ObjectRestore:Completed`): the
/// object is readable again, which is what a function reacting to restores waits for. There is no
/// `replicated`: the `s3:Replication:*` events report replication failures and missed thresholds,
/// and fire only for buckets with a replication rule and metrics, which lambda-stack does not manage.
pub const S3_ON: &[(&str, &[&str])] = &[
    ("created", &["s3:ObjectCreated:*"]),
    ("removed", &["s3:ObjectRemoved:*"]),
    ("restored", &["s3:ObjectRestore:Completed"]),
];

/// A prefix or suffix filter value, in characters.
pub const MAX_S3_FILTER_CHARS: usize = 1_024;

/// The S3 events an `on:` word stands for; an exact S3 event name is also accepted.
///
/// ```
/// use lambda_stack_runtime::rules::events::s3_events_for;
/// assert_eq!(s3_events_for("created").unwrap(), ["s3:ObjectCreated:*"]);
/// assert_eq!(s3_events_for("s3:ObjectCreated:Put").unwrap(), ["s3:ObjectCreated:Put"]);
/// assert!(s3_events_for("creatd").unwrap_err().contains("did you mean `created`?"));
/// ```
pub fn s3_events_for(on: &str) -> Result<&'static [&'static str], String> {
    if let Some(&(_, events)) = S3_ON.iter().find(|&&(word, _)| word == on) {
        return Ok(events);
    }
    if let Some(event) = S3_EVENTS.iter().find(|&&event| event == on) {
        return Ok(std::slice::from_ref(event));
    }
    if on == "replicated" || on.starts_with("s3:Replication:") {
        return Err(format!(
            "`{on}` is not supported: S3's replication events report replication failures and need a \
             replication rule with metrics, which lambda-stack does not manage"
        ));
    }
    if on.starts_with("s3:") {
        return Err(format!("unknown S3 event `{on}`{}", did_you_mean(on, S3_EVENTS.iter().copied())));
    }
    let words = S3_ON.iter().map(|&(word, _)| word);
    Err(format!("unknown s3 event `{on}`; expected {}{}", one_of(words.clone()), did_you_mean(on, words)))
}

/// A `prefix` or `suffix` filter is at most 1,024 characters and literal: S3 takes no wildcards.
pub fn check_s3_filter(rule: &str, value: &str) -> Result<(), String> {
    let length = value.chars().count();
    if length > MAX_S3_FILTER_CHARS {
        return Err(format!("s3 `{rule}` is {length} characters, above S3's limit of {MAX_S3_FILTER_CHARS}"));
    }
    if value.contains('*') {
        let literal = value.replace('*', "");
        let fix = if literal.is_empty() {
            format!("leave `{rule}` out to match every key")
        } else {
            format!("write `{rule}: \"{literal}\"`")
        };
        return Err(format!(
            "s3 `{rule}` `{value}` contains `*`, but S3 filters match literally and take no wildcards; {fix}"
        ));
    }
    Ok(())
}

/// An `s3` trigger on an `existing` bucket (a warning): S3 keeps one notification configuration
/// per bucket, and the stack's replaces whatever the bucket had.
pub fn check_existing_bucket_notification(bucket: &str) -> Verdict {
    Verdict::Warning(format!(
        "bucket `{bucket}` is `existing`, and S3 keeps one notification configuration per bucket: \
         this stack's s3 triggers replace any notifications the bucket already sends"
    ))
}

/// One notification a bucket sends: its events and key filters (`""` for none), and the function
/// it invokes, which names it in messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Notification<'a> {
    /// The function it invokes.
    pub function: &'a str,
    /// S3 event types, as [`s3_events_for`] returns them.
    pub events: &'a [&'a str],
    /// The key prefix filter, `""` for none.
    pub prefix: &'a str,
    /// The key suffix filter, `""` for none.
    pub suffix: &'a str,
}

/// Two event types overlap when they are equal or one is the other's `:*` family
/// (`s3:ObjectCreated:*` covers `s3:ObjectCreated:Put`).
pub fn events_overlap(a: &str, b: &str) -> bool {
    let covers = |wide: &str, narrow: &str| wide.strip_suffix('*').is_some_and(|family| narrow.starts_with(family));
    a == b || covers(a, b) || covers(b, a)
}

/// Two notifications on one bucket do not overlap: S3 rejects a configuration where they share an
/// event type, one prefix starts the other, and one suffix ends the other.
///
/// This is the rule of the S3 user guide (notification-how-to-filtering, 2026-11-25): "two prefixes
/// are considered overlapping if a given string can begin with both prefixes", likewise suffixes,
/// and a missing filter overlaps every other. A key exists that both would fire for exactly when
/// all three overlap (the longer prefix followed by the longer suffix is one).
///
/// ```
/// use lambda_stack_runtime::rules::events::{check_notification_overlap, Notification};
/// let jpg = Notification { function: "thumbs", events: &["s3:ObjectCreated:*"], prefix: "images/", suffix: ".jpg" };
/// let png = Notification { suffix: ".png", ..jpg };
/// let all = Notification { function: "index", events: &["s3:ObjectCreated:Put"], prefix: "", suffix: "" };
/// assert!(check_notification_overlap(&jpg, &png).is_ok());
/// assert!(check_notification_overlap(&jpg, &all).is_err());
/// ```
pub fn check_notification_overlap(a: &Notification<'_>, b: &Notification<'_>) -> Result<(), String> {
    let shared =
        a.events.iter().flat_map(|&x| b.events.iter().map(move |&y| (x, y))).find(|&(x, y)| events_overlap(x, y));
    let Some((x, y)) = shared else {
        return Ok(());
    };
    let prefixes_overlap = a.prefix.starts_with(b.prefix) || b.prefix.starts_with(a.prefix);
    let suffixes_overlap = a.suffix.ends_with(b.suffix) || b.suffix.ends_with(a.suffix);
    if !(prefixes_overlap && suffixes_overlap) {
        return Ok(());
    }
    let event = if x.ends_with('*') { y } else { x };
    let prefix = if a.prefix.len() >= b.prefix.len() { a.prefix } else { b.prefix };
    let suffix = if a.suffix.len() >= b.suffix.len() { a.suffix } else { b.suffix };
    let keys = match (prefix.is_empty(), suffix.is_empty()) {
        (true, true) => "every key".to_string(),
        (false, true) => format!("keys starting with `{prefix}`"),
        (true, false) => format!("keys ending with `{suffix}`"),
        (false, false) => format!("keys starting with `{prefix}` and ending with `{suffix}`"),
    };
    let who = if a.function == b.function {
        format!("two s3 triggers of `{}`", a.function)
    } else {
        format!("the s3 triggers of `{}` and `{}`", a.function, b.function)
    };
    Err(format!(
        "{who} overlap on one bucket: both receive `{event}` for {keys}, and S3 rejects two \
         notifications for the same event when one's prefix starts the other's and one's suffix \
         ends the other's; give them prefixes or suffixes no key can match together, such as \
         `in/` and `out/`, or `.jpg` and `.png`"
    ))
}

/// Every overlapping pair among one bucket's notifications, as `(earlier, later, message)`.
pub fn overlapping_notifications(notifications: &[Notification<'_>]) -> Vec<(usize, usize, String)> {
    let mut found = Vec::new();
    for (i, a) in notifications.iter().enumerate() {
        for (j, b) in notifications.iter().enumerate().skip(i + 1) {
            if let Err(message) = check_notification_overlap(a, b) {
                found.push((i, j, message));
            }
        }
    }
    found
}

// ---------------------------------------------------------------------------------------------
// SQS queues and triggers
// ---------------------------------------------------------------------------------------------

/// Messages per batch an `sqs(..)` trigger can ask for (a standard queue).
pub const SQS_BATCH_SIZE: RangeInclusive<u64> = 1..=10_000;
/// The most a FIFO queue's trigger can ask for.
pub const SQS_FIFO_MAX_BATCH_SIZE: u64 = 10;
/// Lambda's batch size for SQS when none is given.
pub const DEFAULT_SQS_BATCH_SIZE: u64 = 10;
/// Above this batch size, SQS triggers need a batching window.
pub const MAX_BATCH_WITHOUT_WINDOW: u64 = 10;
/// A batching window (`MaximumBatchingWindowInSeconds`), for queues and streams alike.
pub const BATCH_WINDOW_SECONDS: RangeInclusive<u64> = 0..=300;
/// A queue's `visibility_timeout`, in seconds (12 hours at most).
pub const VISIBILITY_TIMEOUT_SECONDS: RangeInclusive<u64> = 0..=43_200;
/// SQS's visibility timeout when none is given.
pub const DEFAULT_VISIBILITY_TIMEOUT: u64 = 30;
/// A queue's `retention` (`MessageRetentionPeriod`), in seconds: one minute to 14 days.
pub const RETENTION_SECONDS: RangeInclusive<u64> = 60..=1_209_600;
/// SQS's retention when none is given: 4 days.
pub const DEFAULT_RETENTION: u64 = 345_600;
/// A queue's `delay` (`DelaySeconds`), in seconds: up to 15 minutes.
pub const DELAY_SECONDS: RangeInclusive<u64> = 0..=900;
/// `max_receive` (the redrive policy's `maxReceiveCount`).
pub const MAX_RECEIVE: RangeInclusive<u64> = 1..=1_000;
/// The `maxReceiveCount` the CreateQueue API documents as its default, for a `dead_letter` given
/// without `max_receive`.
pub const DEFAULT_MAX_RECEIVE: u64 = 10;

/// An `sqs(..)` trigger's batch: 1–10,000 messages (at most 10 for FIFO), a window of 0–300
/// seconds that FIFO queues do not take, and a window of at least 1 second above 10 messages.
pub fn check_sqs_batch(batch_size: u64, window: Option<u64>, fifo: bool) -> Result<(), String> {
    check_range("batch_size", batch_size, &SQS_BATCH_SIZE, "messages")?;
    if let Some(window) = window {
        check_range("window", window, &BATCH_WINDOW_SECONDS, "seconds")?;
    }
    if fifo {
        if batch_size > SQS_FIFO_MAX_BATCH_SIZE {
            return Err(format!(
                "batch_size for a FIFO queue must be at most {SQS_FIFO_MAX_BATCH_SIZE}, found {batch_size}"
            ));
        }
        if window.is_some() {
            return Err("FIFO queues take no batching window; remove `window`".to_string());
        }
        return Ok(());
    }
    if batch_size > MAX_BATCH_WITHOUT_WINDOW && window.unwrap_or(0) == 0 {
        return Err(format!(
            "a batch_size above {MAX_BATCH_WITHOUT_WINDOW} ({batch_size}) needs a batching window of at \
             least 1 second, such as `window: 1`"
        ));
    }
    Ok(())
}

/// A function's timeout is not above the visibility timeout of a queue that triggers it: Lambda
/// rejects the event source mapping otherwise.
pub fn check_visibility_timeout(
    function_timeout: u64,
    visibility_timeout: u64,
    queue: &str,
    function: &str,
) -> Result<(), String> {
    // AWS *recommends* six times the function timeout, so that retries of a throttled batch do not
    // reappear while still in flight; that is advice, not a rule, and stays out of the error path.
    if function_timeout <= visibility_timeout {
        return Ok(());
    }
    let default = if visibility_timeout == DEFAULT_VISIBILITY_TIMEOUT { " (SQS's default)" } else { "" };
    Err(format!(
        "function `{function}` has a timeout of {function_timeout} seconds, above the visibility \
         timeout of queue `{queue}`, {visibility_timeout} seconds{default}, and Lambda rejects such a \
         trigger; set `visibility_timeout` on `{queue}` to at least {function_timeout} (AWS recommends \
         {}, six times the function timeout)",
        recommended_visibility_timeout(function_timeout, 0)
    ))
}

/// The visibility timeout AWS recommends for a queue that triggers a function: six times the
/// function timeout plus the batching window, within SQS's 12 hours.
pub fn recommended_visibility_timeout(function_timeout: u64, window: u64) -> u64 {
    function_timeout.saturating_mul(6).saturating_add(window).min(*VISIBILITY_TIMEOUT_SECONDS.end())
}

/// A queue's visibility timeout is 0–43,200 seconds (12 hours).
pub fn check_queue_visibility(seconds: u64) -> Result<(), String> {
    check_range("visibility_timeout", seconds, &VISIBILITY_TIMEOUT_SECONDS, "seconds (12 hours)")
}

/// A queue's retention is 60–1,209,600 seconds (one minute to 14 days).
pub fn check_queue_retention(seconds: u64) -> Result<(), String> {
    check_range("retention", seconds, &RETENTION_SECONDS, "seconds (1 minute to 14 days)")
}

/// A queue's delivery delay is 0–900 seconds (15 minutes).
pub fn check_queue_delay(seconds: u64) -> Result<(), String> {
    check_range("delay", seconds, &DELAY_SECONDS, "seconds (15 minutes)")
}

/// `max_receive` is 1–1,000 receives before a message moves to the dead-letter queue.
pub fn check_max_receive(count: u64) -> Result<(), String> {
    check_range("max_receive", count, &MAX_RECEIVE, "receives")
}

/// A redrive policy names a dead-letter queue other than the queue itself, and `max_receive` only
/// comes with one.
pub fn check_redrive(queue: &str, dead_letter: Option<&str>, max_receive: Option<u64>) -> Result<(), String> {
    match dead_letter {
        None if max_receive.is_some() => {
            Err(format!("queue `{queue}` sets `max_receive` but has no `dead_letter` queue to move messages to"))
        }
        Some(dead_letter) if dead_letter == queue => {
            Err(format!("queue `{queue}` cannot be its own dead-letter queue"))
        }
        _ => max_receive.map_or(Ok(()), check_max_receive),
    }
}

/// A FIFO queue's dead-letter queue is FIFO, and a standard queue's is standard.
pub fn check_dead_letter_fifo(
    queue: &str,
    queue_fifo: bool,
    dead_letter: &str,
    dead_letter_fifo: bool,
) -> Result<(), String> {
    match (queue_fifo, dead_letter_fifo) {
        (true, false) => Err(format!(
            "queue `{queue}` is FIFO, so its dead-letter queue must be FIFO too, but `{dead_letter}` is \
             a standard queue; add `fifo: true` to `{dead_letter}`"
        )),
        (false, true) => Err(format!(
            "queue `{queue}` is a standard queue, so its dead-letter queue must be standard too, but \
             `{dead_letter}` is FIFO"
        )),
        _ => Ok(()),
    }
}

/// A standard queue's dead-letter queue should keep messages longer than the queue does (a warning).
///
/// Moving a message to the dead-letter queue of a standard queue keeps its original enqueue time,
/// so with a retention no longer than the source's it can expire soon after it arrives; a FIFO
/// queue resets the time, so FIFO queues never warn (SQS developer guide,
/// setting-up-dead-letter-queue-retention).
pub fn check_dead_letter_retention(
    queue: &str,
    queue_retention: u64,
    dead_letter: &str,
    dead_letter_retention: u64,
    fifo: bool,
) -> Verdict {
    if fifo || dead_letter_retention > queue_retention {
        return Verdict::Ok;
    }
    Verdict::Warning(format!(
        "dead-letter queue `{dead_letter}` keeps messages for {dead_letter_retention} seconds, no longer \
         than `{queue}` does ({queue_retention}); a message keeps its original enqueue time when it \
         moves, so it can expire soon after it arrives: give `{dead_letter}` a longer `retention` \
         (at most {})",
        RETENTION_SECONDS.end()
    ))
}

// ---------------------------------------------------------------------------------------------
// DynamoDB and Kinesis streams
// ---------------------------------------------------------------------------------------------

/// A stream that triggers a function.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum StreamSource {
    DynamoDb,
    Kinesis,
}

impl StreamSource {
    /// The trigger's keyword in `lambda_stack!`.
    pub fn keyword(self) -> &'static str {
        match self {
            StreamSource::DynamoDb => "dynamodb",
            StreamSource::Kinesis => "kinesis",
        }
    }

    /// The `start:` words it takes and their API values.
    ///
    /// Kinesis's `AT_TIMESTAMP` is left out on purpose: it needs a timestamp besides the word,
    /// Lambda uses it only when the mapping is created, and Terraform replaces the mapping when it
    /// changes, so a date written into a stack would replay the stream from that date on every
    /// re-creation. DynamoDB streams do not support it at all.
    pub fn start_positions(self) -> &'static [(&'static str, &'static str)] {
        &[("latest", "LATEST"), ("trim_horizon", "TRIM_HORIZON")]
    }
}

impl std::fmt::Display for StreamSource {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.keyword())
    }
}

/// Records per batch for a DynamoDB or Kinesis trigger.
pub const STREAM_BATCH_SIZE: RangeInclusive<u64> = 1..=10_000;
/// Lambda's batch size for streams when none is given.
pub const DEFAULT_STREAM_BATCH_SIZE: u64 = 100;
/// The `start:` lambda-stack uses when none is given: records written from now on. Replaying a
/// stream's retained history on a fresh deploy is something to ask for, not a default.
pub const DEFAULT_START: &str = "latest";
/// The `stream:` words of a table and their `StreamViewType`.
pub const STREAM_VIEWS: &[(&str, &str)] = &[
    ("new_image", "NEW_IMAGE"),
    ("old_image", "OLD_IMAGE"),
    ("new_and_old_images", "NEW_AND_OLD_IMAGES"),
    ("keys_only", "KEYS_ONLY"),
];
/// A key attribute name, in bytes (`KeySchemaAttributeName`).
pub const KEY_ATTRIBUTE_BYTES: RangeInclusive<usize> = 1..=255;
/// The smallest default shard quota of an account (most regions; 6,000 or 20,000 in some).
pub const DEFAULT_SHARD_QUOTA: u64 = 1_000;

/// A stream trigger's `start:` is `latest` or `trim_horizon`; returns the API value.
///
/// ```
/// use lambda_stack_runtime::rules::events::{check_start_position, StreamSource};
/// assert_eq!(check_start_position(StreamSource::Kinesis, "trim_horizon"), Ok("TRIM_HORIZON"));
/// assert!(check_start_position(StreamSource::DynamoDb, "lastest").unwrap_err().contains("did you mean `latest`?"));
/// ```
pub fn check_start_position(source: StreamSource, start: &str) -> Result<&'static str, String> {
    let positions = source.start_positions();
    if let Some(&(_, api)) = positions.iter().find(|&&(word, _)| word == start) {
        return Ok(api);
    }
    let words = positions.iter().map(|&(word, _)| word);
    if start.eq_ignore_ascii_case("at_timestamp") {
        return Err(match source {
            StreamSource::Kinesis => "`at_timestamp` is not supported: Lambda applies it only \
                                      when the trigger is created, and a change replaces the \
                                      trigger; use `trim_horizon` to read the records the stream \
                                      still holds, or `latest` for new ones"
                .to_string(),
            StreamSource::DynamoDb => {
                format!("DynamoDB streams cannot start at a timestamp; expected {}", one_of(words))
            }
        });
    }
    Err(format!(
        "unknown start position `{start}` for a `{source}` trigger; expected {}{}",
        one_of(words.clone()),
        did_you_mean(start, words)
    ))
}

/// A DynamoDB or Kinesis trigger's batch is 1–10,000 records, and its window 0–300 seconds.
///
/// Unlike SQS, a stream needs no window above 10 records, whatever the CreateEventSourceMapping
/// API text says ("For Kinesis, DynamoDB, and Amazon SQS event sources, when you set BatchSize to a
/// value greater than 10, you must set MaximumBatchingWindowInSeconds to at least 1"): the stream
/// parameter pages give a default batch of 100 with a default window of 0, which Lambda accepts.
pub fn check_stream_batch(source: StreamSource, batch_size: u64, window: Option<u64>) -> Result<(), String> {
    if !STREAM_BATCH_SIZE.contains(&batch_size) {
        return Err(format!(
            "batch_size for a `{source}` trigger must be between {} and {} records, found {batch_size}",
            STREAM_BATCH_SIZE.start(),
            STREAM_BATCH_SIZE.end()
        ));
    }
    match window {
        Some(window) => check_range("window", window, &BATCH_WINDOW_SECONDS, "seconds"),
        None => Ok(()),
    }
}

/// A table's `stream:` is one of DynamoDB's stream view types; returns the API value.
pub fn check_stream_view(view: &str) -> Result<&'static str, String> {
    if let Some(&(_, api)) = STREAM_VIEWS.iter().find(|&&(word, _)| word == view) {
        return Ok(api);
    }
    let words = STREAM_VIEWS.iter().map(|&(word, _)| word);
    Err(format!("unknown stream view `{view}`; expected {}{}", one_of(words.clone()), did_you_mean(view, words)))
}

/// A `dynamodb(..)` trigger reads the table's stream, so the table declares one.
pub fn check_table_has_stream(table: &str, has_stream: bool) -> Result<(), String> {
    if has_stream {
        return Ok(());
    }
    Err(format!(
        "a dynamodb trigger reads the table's stream, but table `{table}` has none; add `stream: \
         new_and_old_images` (or {}) to `table {table}`",
        one_of(STREAM_VIEWS.iter().map(|&(word, _)| word).filter(|&word| word != "new_and_old_images"))
    ))
}

/// `orders.stream_arn` reads the table's stream, so the table declares one.
pub fn no_stream_arn(table: &str) -> String {
    format!("table `{table}` has no stream, so no `stream_arn`; add `stream: new_and_old_images` to `table {table}`")
}

/// A table's key attribute names are 1–255 bytes, and its range key is not its hash key.
pub fn check_table_keys(table: &str, hash_key: &str, range_key: Option<&str>) -> Result<(), String> {
    for (key, name) in std::iter::once(("hash_key", hash_key)).chain(range_key.map(|r| ("range_key", r))) {
        if !KEY_ATTRIBUTE_BYTES.contains(&name.len()) {
            return Err(format!(
                "table `{table}`: `{key}` must be 1 to {} bytes, found {}",
                KEY_ATTRIBUTE_BYTES.end(),
                name.len()
            ));
        }
    }
    if range_key == Some(hash_key) {
        return Err(format!("table `{table}`: `range_key` must differ from `hash_key` (`{hash_key}`)"));
    }
    Ok(())
}

/// A provisioned Kinesis stream has at least one shard; more than an account's smallest default
/// quota is allowed, with a warning (the quota is per account and can be raised).
///
/// A stream without `shards` is on-demand: Kinesis manages the shards.
pub fn check_shards(stream: &str, shards: u64) -> Verdict {
    if shards == 0 {
        return Verdict::Error(format!(
            "stream `{stream}` needs at least 1 shard; leave `shards` out for on-demand capacity"
        ));
    }
    if shards > DEFAULT_SHARD_QUOTA {
        return Verdict::Warning(format!(
            "stream `{stream}` asks for {shards} shards, above the default account quota of \
             {DEFAULT_SHARD_QUOTA} shards in most regions; check the account's Kinesis shard quota"
        ));
    }
    Verdict::Ok
}

// ---------------------------------------------------------------------------------------------
// SNS topics
// ---------------------------------------------------------------------------------------------

/// A function subscribes only to standard topics: SNS FIFO topics deliver to SQS queues alone.
pub fn check_sns_subscription(topic: &str, topic_fifo: bool, function: &str) -> Result<(), String> {
    if !topic_fifo {
        return Ok(());
    }
    Err(format!(
        "function `{function}` cannot subscribe to FIFO topic `{topic}`: SNS FIFO topics deliver only \
         to SQS queues; subscribe a queue to the topic and trigger `{function}` with `sqs(..)` on that queue"
    ))
}

// ---------------------------------------------------------------------------------------------
// Names
// ---------------------------------------------------------------------------------------------

/// The suffix of FIFO queue and topic names.
pub const FIFO_SUFFIX: &str = ".fifo";
/// SQS queue names, `.fifo` included.
pub const MAX_QUEUE_NAME: usize = 80;
/// SNS topic names, `.fifo` included.
pub const MAX_TOPIC_NAME: usize = 256;
/// DynamoDB table names: `[a-zA-Z0-9_.-]{3,255}`.
pub const TABLE_NAME_CHARS: RangeInclusive<usize> = 3..=255;
/// Kinesis stream names: `[a-zA-Z0-9_.-]{1,128}`.
pub const STREAM_NAME_CHARS: RangeInclusive<usize> = 1..=128;

/// The SQS name of `queue` in `stack`, with `.fifo` for a FIFO queue.
pub fn queue_name(stack: &str, queue: &str, fifo: bool) -> String {
    format!("{stack}-{queue}{}", if fifo { FIFO_SUFFIX } else { "" })
}

/// The SNS name of `topic` in `stack`, with `.fifo` for a FIFO topic.
pub fn topic_name(stack: &str, topic: &str, fifo: bool) -> String {
    format!("{stack}-{topic}{}", if fifo { FIFO_SUFFIX } else { "" })
}

/// The DynamoDB name of `table` in `stack`.
pub fn table_name(stack: &str, table: &str) -> String {
    format!("{stack}-{table}")
}

/// The Kinesis name of `stream` in `stack`.
pub fn stream_name(stack: &str, stream: &str) -> String {
    format!("{stack}-{stream}")
}

/// An SQS queue name: at most 80 characters of letters, digits, `-` and `_`, ending in `.fifo`
/// exactly when the queue is FIFO.
pub fn check_queue_name(name: &str, fifo: bool) -> Result<(), String> {
    check_fifo_name("queue", "SQS", name, fifo, MAX_QUEUE_NAME)
}

/// An SNS topic name: at most 256 characters of letters, digits, `-` and `_`, ending in `.fifo`
/// exactly when the topic is FIFO.
pub fn check_topic_name(name: &str, fifo: bool) -> Result<(), String> {
    check_fifo_name("topic", "SNS", name, fifo, MAX_TOPIC_NAME)
}

fn check_fifo_name(kind: &str, service: &str, name: &str, fifo: bool, max: usize) -> Result<(), String> {
    let base = match (fifo, name.strip_suffix(FIFO_SUFFIX)) {
        (true, Some(base)) => base,
        (true, None) => return Err(format!("FIFO {kind} name `{name}` must end with `{FIFO_SUFFIX}`")),
        (false, Some(_)) => {
            return Err(format!(
                "{kind} name `{name}` ends with `{FIFO_SUFFIX}`, which {service} keeps for FIFO {kind}s; \
                 add `fifo: true` or rename it"
            ))
        }
        (false, None) => name,
    };
    if base.is_empty() {
        return Err(format!("{kind} name `{name}` is empty"));
    }
    if name.len() > max {
        return Err(format!("{kind} name `{name}` is {} characters, above {service}'s limit of {max}", name.len()));
    }
    if let Some(bad) = base.chars().find(|&c| !(c.is_ascii_alphanumeric() || c == '-' || c == '_')) {
        return Err(format!(
            "{kind} name `{name}` contains `{bad}`; {service} allows letters, digits, `-` and `_`{}",
            if fifo { " before `.fifo`" } else { "" }
        ));
    }
    Ok(())
}

/// A DynamoDB table name: 3–255 characters of letters, digits, `_`, `.` and `-`.
pub fn check_table_name(name: &str) -> Result<(), String> {
    check_dotted_name("table", "DynamoDB", name, &TABLE_NAME_CHARS)
}

/// A Kinesis stream name: 1–128 characters of letters, digits, `_`, `.` and `-`.
pub fn check_stream_name(name: &str) -> Result<(), String> {
    check_dotted_name("stream", "Kinesis", name, &STREAM_NAME_CHARS)
}

fn check_dotted_name(kind: &str, service: &str, name: &str, length: &RangeInclusive<usize>) -> Result<(), String> {
    if !length.contains(&name.len()) {
        return Err(format!(
            "{kind} name `{name}` must be {} to {} characters, found {}",
            length.start(),
            length.end(),
            name.len()
        ));
    }
    if let Some(bad) = name.chars().find(|&c| !(c.is_ascii_alphanumeric() || "_.-".contains(c))) {
        return Err(format!(
            "{kind} name `{name}` contains `{bad}`; {service} allows letters, digits, `_`, `.` and `-`"
        ));
    }
    Ok(())
}

/// An owned queue's AWS name (`{stack}-{queue}`, `.fifo` for FIFO) fits SQS's 80 characters.
pub fn check_owned_queue_name(stack: &str, queue: &str, fifo: bool) -> Result<(), String> {
    check_owned("queue", "SQS", stack, queue, &queue_name(stack, queue, fifo), MAX_QUEUE_NAME)?;
    check_queue_name(&queue_name(stack, queue, fifo), fifo)
}

/// An owned topic's AWS name (`{stack}-{topic}`, `.fifo` for FIFO) fits SNS's 256 characters.
pub fn check_owned_topic_name(stack: &str, topic: &str, fifo: bool) -> Result<(), String> {
    check_owned("topic", "SNS", stack, topic, &topic_name(stack, topic, fifo), MAX_TOPIC_NAME)?;
    check_topic_name(&topic_name(stack, topic, fifo), fifo)
}

/// An owned table's AWS name (`{stack}-{table}`) fits DynamoDB's 255 characters.
pub fn check_owned_table_name(stack: &str, table: &str) -> Result<(), String> {
    let name = table_name(stack, table);
    check_owned("table", "DynamoDB", stack, table, &name, *TABLE_NAME_CHARS.end())?;
    check_table_name(&name)
}

/// An owned stream's AWS name (`{stack}-{stream}`) fits Kinesis's 128 characters.
pub fn check_owned_stream_name(stack: &str, stream: &str) -> Result<(), String> {
    let name = stream_name(stack, stream);
    check_owned("stream", "Kinesis", stack, stream, &name, *STREAM_NAME_CHARS.end())?;
    check_stream_name(&name)
}

/// The derived name fits, and the declaration name is one AWS names can be built from.
fn check_owned(kind: &str, service: &str, stack: &str, declared: &str, name: &str, max: usize) -> Result<(), String> {
    if name.len() > max {
        return Err(format!(
            "{kind} name `{name}` (stack `{stack}` + {kind} `{declared}`) is {} characters, above \
             {service}'s limit of {max}; shorten the {kind} or stack name",
            name.len()
        ));
    }
    check_declaration_name(kind, declared)
}

// ---------------------------------------------------------------------------------------------
// Function URLs
// ---------------------------------------------------------------------------------------------

/// The `auth:` words of `url(..)` and their `FunctionUrlAuthType`.
pub const URL_AUTH: &[(&str, &str)] = &[("none", "NONE"), ("iam", "AWS_IAM")];

/// `url(auth: ..)` is `none` or `iam`; returns the API value.
pub fn check_url_auth(auth: &str) -> Result<&'static str, String> {
    if let Some(&(_, api)) = URL_AUTH.iter().find(|&&(word, _)| word == auth) {
        return Ok(api);
    }
    let words = URL_AUTH.iter().map(|&(word, _)| word);
    let hint = match URL_AUTH.iter().find(|&&(_, api)| api.eq_ignore_ascii_case(auth)) {
        Some(&(word, _)) => format!("; write `{word}`"),
        None => did_you_mean(auth, words.clone()),
    };
    Err(format!("unknown url auth `{auth}`; expected {}{hint}", one_of(words)))
}

/// A function has at most one URL.
pub fn check_url_count(function: &str, count: usize) -> Result<(), String> {
    if count <= 1 {
        return Ok(());
    }
    Err(format!("function `{function}` declares `url(..)` {count} times; a function has a single URL"))
}

// ---------------------------------------------------------------------------------------------
// Trigger sources, existing resources, schedule rules
// ---------------------------------------------------------------------------------------------

/// The kind of declaration each trigger reads from (`sqs(jobs)` needs a queue); `None` for
/// triggers without a source (`http`, `schedule`, `url`).
pub fn trigger_source(trigger: &str) -> Option<Kind> {
    match trigger {
        "s3" => Some(Kind::Bucket),
        "sqs" => Some(Kind::Queue),
        "dynamodb" => Some(Kind::Table),
        "kinesis" => Some(Kind::Stream),
        "sns" => Some(Kind::Topic),
        _ => None,
    }
}

/// A trigger names a declaration of the kind it reads from: `sqs(reports)` on a bucket is an error.
///
/// ```
/// use lambda_stack_runtime::rules::{events::check_trigger_source, resources::Kind};
/// assert!(check_trigger_source("sqs", "jobs", Kind::Queue).is_ok());
/// assert_eq!(
///     check_trigger_source("sqs", "reports", Kind::Bucket).unwrap_err(),
///     "`sqs(..)` reads a queue, but `reports` is a bucket; an s3 trigger would be `s3(reports)`"
/// );
/// ```
pub fn check_trigger_source(trigger: &str, target: &str, kind: Kind) -> Result<(), String> {
    let Some(wanted) = trigger_source(trigger) else { return Ok(()) };
    if kind == wanted {
        return Ok(());
    }
    let fitting = ["s3", "sqs", "dynamodb", "kinesis", "sns"].into_iter().find(|t| trigger_source(t) == Some(kind));
    let article = |k: Kind| if k.keyword().starts_with(['a', 'e', 'i', 'o', 'u']) { "an" } else { "a" };
    let hint = match fitting {
        Some(other) => format!("; {} {other} trigger would be `{other}({target})`", article_of(other)),
        None => String::new(),
    };
    Err(format!("`{trigger}(..)` reads {} {wanted}, but `{target}` is {} {kind}{hint}", article(wanted), article(kind)))
}

fn article_of(word: &str) -> &'static str {
    // "an s3", "an sqs", "an sns": the letters are read out.
    if word.starts_with(['a', 'e', 'i', 'o', 'u', 's']) {
        "an"
    } else {
        "a"
    }
}

/// The name in an `existing:` value: the value itself, or the name an ARN ends with
/// (`arn:aws:sqs:eu-west-3:123456789012:jobs` → `jobs`, `...:table/orders` → `orders`).
///
/// ```
/// use lambda_stack_runtime::rules::{events::existing_name, resources::Kind};
/// assert_eq!(existing_name(Kind::Table, "arn:aws:dynamodb:eu-west-3:123456789012:table/orders"), "orders");
/// assert_eq!(existing_name(Kind::Queue, "jobs"), "jobs");
/// ```
pub fn existing_name(kind: Kind, value: &str) -> &str {
    if !value.starts_with("arn:") {
        return value;
    }
    let resource = value.splitn(6, ':').nth(5).unwrap_or(value);
    match kind {
        Kind::Table => resource.strip_prefix("table/").unwrap_or(resource),
        Kind::Stream => resource.strip_prefix("stream/").unwrap_or(resource),
        Kind::Bucket => super::names::bucket_name_of(value),
        _ => resource,
    }
}

/// An `existing:` queue, table, topic or stream is named by a valid name, or by an ARN of its kind
/// (`existing: "arn:aws:sns:..."` on a queue is an error).
pub fn check_existing(kind: Kind, value: &str) -> Result<(), String> {
    if value.starts_with("arn:") {
        let (service, resource_type) = kind.iam_type();
        let types = super::iam::arn_resource_types(value);
        if !types.iter().any(|&(s, t)| s == service && t == resource_type) {
            let found = types.first().map_or("no AWS resource".to_owned(), |(s, t)| format!("an {s} {t}"));
            return Err(format!(
                "`{value}` is the ARN of {found}, not of a {kind}; expected an ARN such as `{}`",
                example_arn(kind)
            ));
        }
    }
    let name = existing_name(kind, value);
    match kind {
        Kind::Queue => check_queue_name(name, name.ends_with(FIFO_SUFFIX)),
        Kind::Topic => check_topic_name(name, name.ends_with(FIFO_SUFFIX)),
        Kind::Table => check_table_name(name),
        Kind::Stream => check_stream_name(name),
        Kind::Bucket => super::names::check_bucket_name(name),
        Kind::Role | Kind::Function => Err(format!("a {kind} cannot be `existing`")),
    }
}

fn example_arn(kind: Kind) -> &'static str {
    match kind {
        Kind::Queue => "arn:aws:sqs:eu-west-3:123456789012:jobs",
        Kind::Topic => "arn:aws:sns:eu-west-3:123456789012:alerts",
        Kind::Table => "arn:aws:dynamodb:eu-west-3:123456789012:table/orders",
        Kind::Stream => "arn:aws:kinesis:eu-west-3:123456789012:stream/clicks",
        _ => "arn:aws:s3:::reports",
    }
}

/// The EventBridge rule of a function's `n`-th schedule (from 1): `{stack}-{function}-schedule`,
/// then `-schedule-2`, ...
pub fn schedule_rule_name(stack: &str, function: &str, n: usize) -> String {
    match n {
        0 | 1 => format!("{stack}-{function}-schedule"),
        n => format!("{stack}-{function}-schedule-{n}"),
    }
}

/// An EventBridge rule name is at most 64 characters.
pub const MAX_RULE_NAME: usize = 64;

/// The rule name of a schedule fits EventBridge's 64 characters.
pub fn check_schedule_rule_name(stack: &str, function: &str, n: usize) -> Result<(), String> {
    let name = schedule_rule_name(stack, function, n);
    if name.len() > MAX_RULE_NAME {
        return Err(format!(
            "the EventBridge rule of this schedule, `{name}`, is {} characters, above EventBridge's limit of \
             {MAX_RULE_NAME}; shorten the function or stack name",
            name.len()
        ));
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Derived permissions
// ---------------------------------------------------------------------------------------------

/// What a derived grant acts on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GrantOn {
    /// The trigger's resource itself (`jobs`).
    Itself,
    /// A sub-resource of it (`orders.stream`).
    Sub(&'static str),
    /// `"*"`: the action has no resource type.
    Everything,
}

/// Actions a function's role needs because of a trigger or its `dead_letter`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Grant {
    pub actions: &'static [&'static str],
    pub on: GrantOn,
}

/// What Lambda's poller needs to read a queue: receive, delete, read its attributes, and extend
/// the visibility of messages in flight (Lambda developer guide, services-sqs-configure).
pub const SQS_POLL: &[Grant] = &[Grant {
    actions: &["sqs:ChangeMessageVisibility", "sqs:DeleteMessage", "sqs:GetQueueAttributes", "sqs:ReceiveMessage"],
    on: GrantOn::Itself,
}];
/// What Lambda needs to read a table's stream; `ListStreams` has no resource type
/// (services-dynamodb-eventsourcemapping).
pub const DYNAMODB_POLL: &[Grant] = &[
    Grant {
        actions: &["dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator"],
        on: GrantOn::Sub("stream"),
    },
    Grant { actions: &["dynamodb:ListStreams"], on: GrantOn::Everything },
];
/// What Lambda needs to read a Kinesis stream with a shared-throughput consumer
/// (services-kinesis-permissions).
pub const KINESIS_POLL: &[Grant] = &[Grant {
    actions: &[
        "kinesis:DescribeStream",
        "kinesis:DescribeStreamSummary",
        "kinesis:GetRecords",
        "kinesis:GetShardIterator",
        "kinesis:ListShards",
    ],
    on: GrantOn::Itself,
}];

/// The grants a poll trigger adds to its function's role; push triggers add none (they get a
/// resource policy on the function instead).
pub fn poll_grants(source: Kind) -> &'static [Grant] {
    match source {
        Kind::Queue => SQS_POLL,
        Kind::Table => DYNAMODB_POLL,
        Kind::Stream => KINESIS_POLL,
        _ => &[],
    }
}

/// `dead_letter:` names a queue or a topic; Lambda sends failed asynchronous events there, with
/// the function's role.
pub fn dead_letter_grant(target: &str, kind: Kind) -> Result<Grant, String> {
    match kind {
        Kind::Queue => Ok(Grant { actions: &["sqs:SendMessage"], on: GrantOn::Itself }),
        Kind::Topic => Ok(Grant { actions: &["sns:Publish"], on: GrantOn::Itself }),
        other => Err(format!("`dead_letter` takes a queue or a topic, but `{target}` is a {other}")),
    }
}

/// A dead-letter target is not FIFO: Lambda sends failed events to standard queues and topics only.
pub fn check_dead_letter_target(target: &str, fifo: bool) -> Result<(), String> {
    if fifo {
        return Err(format!(
            "`{target}` is FIFO, and Lambda sends failed asynchronous events only to standard queues and topics"
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn derived_grants_exist_and_apply() {
        use super::super::resources::{check_statement, Target};
        let grants = [(Kind::Queue, SQS_POLL), (Kind::Table, DYNAMODB_POLL), (Kind::Stream, KINESIS_POLL)];
        for (kind, grants) in grants {
            for grant in grants {
                let target = match grant.on {
                    GrantOn::Itself => Target::Resource { kind, name: "x" },
                    GrantOn::Sub(sub) => Target::Sub {
                        kind,
                        name: "x",
                        sub: *kind.sub_resources().iter().find(|s| s.name == sub).unwrap(),
                    },
                    GrantOn::Everything => Target::Arn("*"),
                };
                for action in grant.actions {
                    check_statement(action, false, target).unwrap_or_else(|e| panic!("{action}: {e}"));
                }
            }
        }
        for kind in [Kind::Queue, Kind::Topic] {
            let grant = dead_letter_grant("dlq", kind).unwrap();
            check_statement(grant.actions[0], false, Target::Resource { kind, name: "dlq" }).unwrap();
        }
        assert!(dead_letter_grant("reports", Kind::Bucket).unwrap_err().contains("queue or a topic"));
    }

    #[test]
    fn existing_resources() {
        assert!(check_existing(Kind::Queue, "arn:aws:sqs:eu-west-3:123456789012:jobs").is_ok());
        assert!(check_existing(Kind::Queue, "jobs.fifo").is_ok());
        let wrong = check_existing(Kind::Queue, "arn:aws:sns:eu-west-3:123456789012:alerts").unwrap_err();
        assert!(wrong.contains("not of a queue"), "{wrong}");
        assert!(check_existing(Kind::Table, "arn:aws:dynamodb:eu-west-3:123456789012:table/orders").is_ok());
        assert!(check_existing(Kind::Stream, "arn:aws:kinesis:eu-west-3:123456789012:stream/clicks").is_ok());
        assert!(check_existing(Kind::Table, "a b").is_err());
        assert_eq!(existing_name(Kind::Stream, "arn:aws:kinesis:eu-west-3:123456789012:stream/clicks"), "clicks");
    }

    #[test]
    fn trigger_sources() {
        assert!(check_trigger_source("dynamodb", "orders", Kind::Table).is_ok());
        let message = check_trigger_source("kinesis", "orders", Kind::Table).unwrap_err();
        assert_eq!(
            message,
            "`kinesis(..)` reads a stream, but `orders` is a table; a dynamodb trigger would be `dynamodb(orders)`"
        );
        assert!(check_trigger_source("sns", "hello", Kind::Function).unwrap_err().ends_with("is a function"));
        assert!(check_schedule_rule_name("s", "f", 2).is_ok());
        assert_eq!(schedule_rule_name("s", "f", 2), "s-f-schedule-2");
        assert!(check_schedule_rule_name(&"s".repeat(30), &"f".repeat(30), 1).is_err());
    }

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

    #[test]
    fn s3_on_words() {
        assert_eq!(s3_events_for("removed"), Ok(&["s3:ObjectRemoved:*"][..]));
        assert_eq!(s3_events_for("restored"), Ok(&["s3:ObjectRestore:Completed"][..]));
        assert!(s3_events_for("replicated").unwrap_err().contains("not supported"));
        assert!(s3_events_for("s3:ObjectCreated:Putt").unwrap_err().ends_with("did you mean `s3:ObjectCreated:Put`?"));
        assert_eq!(
            s3_events_for("deleted").unwrap_err(),
            "unknown s3 event `deleted`; expected `created`, `removed` or `restored`"
        );
        for &(_, events) in S3_ON {
            for event in events {
                assert!(S3_EVENTS.contains(event), "{event}");
            }
        }
    }

    #[test]
    fn s3_filters() {
        assert!(check_s3_filter("prefix", "in/").is_ok());
        assert!(check_s3_filter("suffix", "").is_ok());
        assert!(check_s3_filter("prefix", "in/*").unwrap_err().ends_with("write `prefix: \"in/\"`"));
        assert!(check_s3_filter("suffix", "*").unwrap_err().ends_with("leave `suffix` out to match every key"));
        assert!(check_s3_filter("prefix", &"a".repeat(1_024)).is_ok());
        assert!(check_s3_filter("prefix", &"a".repeat(1_025)).is_err());
    }

    const CREATED: &[&str] = &["s3:ObjectCreated:*"];
    const PUT: &[&str] = &["s3:ObjectCreated:Put"];
    const REMOVED: &[&str] = &["s3:ObjectRemoved:*"];

    fn note<'a>(function: &'a str, events: &'a [&'a str], prefix: &'a str, suffix: &'a str) -> Notification<'a> {
        Notification { function, events, prefix, suffix }
    }

    #[test]
    fn s3_guide_examples() {
        // Valid: distinct prefixes; distinct suffixes; a common prefix with distinct suffixes;
        // the same prefix for different event types.
        assert!(check_notification_overlap(&note("a", PUT, "images/", ""), &note("b", PUT, "logs/", "")).is_ok());
        assert!(check_notification_overlap(&note("a", PUT, "", ".jpg"), &note("b", PUT, "", ".png")).is_ok());
        assert!(
            check_notification_overlap(&note("a", PUT, "images", ".jpg"), &note("b", PUT, "images", ".png")).is_ok()
        );
        assert!(check_notification_overlap(&note("a", PUT, "image/", ""), &note("b", REMOVED, "image/", "")).is_ok());
        // Invalid: no filter against a prefix; `jpg` and `pg`; prefix+suffix against the suffix.
        let message =
            check_notification_overlap(&note("a", CREATED, "", ""), &note("b", CREATED, "images", "")).unwrap_err();
        assert!(message.starts_with("the s3 triggers of `a` and `b` overlap on one bucket: both receive `s3:ObjectCreated:*` for keys starting with `images`"), "{message}");
        let message =
            check_notification_overlap(&note("a", CREATED, "", "jpg"), &note("b", PUT, "", "pg")).unwrap_err();
        assert!(message.contains("both receive `s3:ObjectCreated:Put` for keys ending with `jpg`"), "{message}");
        let message =
            check_notification_overlap(&note("a", CREATED, "images", "jpg"), &note("b", PUT, "", "jpg")).unwrap_err();
        assert!(message.contains("keys starting with `images` and ending with `jpg`"), "{message}");
        let message = check_notification_overlap(&note("a", CREATED, "", ""), &note("a", CREATED, "", "")).unwrap_err();
        assert!(message.starts_with("two s3 triggers of `a` overlap"), "{message}");
        assert!(message.contains("for every key"), "{message}");
    }

    #[test]
    fn event_families() {
        assert!(events_overlap("s3:ObjectCreated:*", "s3:ObjectCreated:Put"));
        assert!(events_overlap("s3:ObjectCreated:Put", "s3:ObjectCreated:*"));
        assert!(events_overlap("s3:ObjectCreated:Put", "s3:ObjectCreated:Put"));
        assert!(!events_overlap("s3:ObjectCreated:Put", "s3:ObjectCreated:Post"));
        assert!(!events_overlap("s3:ObjectCreated:*", "s3:ObjectRemoved:*"));
        assert!(!events_overlap("s3:ObjectRestore:*", "s3:ObjectRemoved:Delete"));
        assert!(!events_overlap("s3:LifecycleTransition", "s3:LifecycleExpiration:*"));
    }

    #[test]
    fn overlap_matches_brute_force() {
        // Overlap must mean exactly "some key fires both": check every pair of filters over a
        // small alphabet against an enumeration of keys.
        let filters = ["", "a", "b", "ab", "ba", "aa", "bab"];
        let mut keys = vec![String::new()];
        for _ in 0..6 {
            let longer: Vec<String> = keys.iter().flat_map(|k| [format!("{k}a"), format!("{k}b")]).collect();
            keys.extend(longer);
        }
        keys.sort();
        keys.dedup();
        for p1 in filters {
            for s1 in filters {
                for p2 in filters {
                    for s2 in filters {
                        let matches = |key: &str, p: &str, s: &str| {
                            key.len() >= p.len().max(s.len()) && key.starts_with(p) && key.ends_with(s)
                        };
                        let shared = keys.iter().any(|k| matches(k, p1, s1) && matches(k, p2, s2));
                        let overlap =
                            check_notification_overlap(&note("a", PUT, p1, s1), &note("b", PUT, p2, s2)).is_err();
                        assert_eq!(overlap, shared, "({p1:?}, {s1:?}) vs ({p2:?}, {s2:?})");
                    }
                }
            }
        }
    }

    #[test]
    fn overlapping_pairs() {
        let list = [
            note("a", CREATED, "in/", ".csv"),
            note("b", CREATED, "out/", ""),
            note("c", PUT, "in/2026/", ""),
            note("d", REMOVED, "", ""),
        ];
        let found: Vec<(usize, usize)> = overlapping_notifications(&list).into_iter().map(|(i, j, _)| (i, j)).collect();
        assert_eq!(found, [(0, 2)]);
    }

    #[test]
    fn sqs_batches() {
        assert!(check_sqs_batch(10, None, false).is_ok());
        assert!(check_sqs_batch(10, None, true).is_ok());
        assert!(check_sqs_batch(10_000, Some(300), false).is_ok());
        assert_eq!(
            check_sqs_batch(0, None, false).unwrap_err(),
            "batch_size must be between 1 and 10000 messages, found 0"
        );
        assert!(check_sqs_batch(10_001, Some(1), false).is_err());
        assert_eq!(
            check_sqs_batch(11, None, false).unwrap_err(),
            "a batch_size above 10 (11) needs a batching window of at least 1 second, such as `window: 1`"
        );
        assert!(check_sqs_batch(11, Some(0), false).is_err());
        assert!(check_sqs_batch(11, Some(1), false).is_ok());
        assert_eq!(
            check_sqs_batch(5, Some(301), false).unwrap_err(),
            "window must be between 0 and 300 seconds, found 301"
        );
        assert_eq!(
            check_sqs_batch(11, None, true).unwrap_err(),
            "batch_size for a FIFO queue must be at most 10, found 11"
        );
        assert_eq!(
            check_sqs_batch(5, Some(0), true).unwrap_err(),
            "FIFO queues take no batching window; remove `window`"
        );
    }

    #[test]
    fn visibility_timeouts() {
        assert!(check_visibility_timeout(30, 30, "jobs", "worker").is_ok());
        assert!(check_visibility_timeout(10, 30, "jobs", "worker").is_ok());
        let message = check_visibility_timeout(60, 30, "jobs", "worker").unwrap_err();
        assert_eq!(
            message,
            "function `worker` has a timeout of 60 seconds, above the visibility timeout of queue `jobs`, \
             30 seconds (SQS's default), and Lambda rejects such a trigger; set `visibility_timeout` on `jobs` \
             to at least 60 (AWS recommends 360, six times the function timeout)"
        );
        assert!(!check_visibility_timeout(60, 45, "jobs", "worker").unwrap_err().contains("default"));
        assert_eq!(recommended_visibility_timeout(30, 5), 185);
        assert_eq!(recommended_visibility_timeout(900, 300), 5_700);
        assert_eq!(recommended_visibility_timeout(u64::MAX, 0), 43_200);
    }

    #[test]
    fn queue_settings() {
        assert!(check_queue_visibility(0).is_ok());
        assert!(check_queue_visibility(43_200).is_ok());
        assert_eq!(
            check_queue_visibility(43_201).unwrap_err(),
            "visibility_timeout must be between 0 and 43200 seconds (12 hours), found 43201"
        );
        assert!(check_queue_retention(59).is_err());
        assert!(check_queue_retention(60).is_ok());
        assert!(check_queue_retention(1_209_600).is_ok());
        assert!(check_queue_retention(1_209_601).is_err());
        assert!(check_queue_delay(900).is_ok());
        assert!(check_queue_delay(901).is_err());
        assert!(check_max_receive(0).is_err());
        assert!(check_max_receive(1_000).is_ok());
        assert!(check_max_receive(1_001).is_err());
        assert!(RETENTION_SECONDS.contains(&DEFAULT_RETENTION));
        assert!(VISIBILITY_TIMEOUT_SECONDS.contains(&DEFAULT_VISIBILITY_TIMEOUT));
        assert!(MAX_RECEIVE.contains(&DEFAULT_MAX_RECEIVE));
    }

    #[test]
    fn dead_letters() {
        assert!(check_redrive("jobs", Some("jobs_dlq"), Some(5)).is_ok());
        assert!(check_redrive("jobs", None, None).is_ok());
        assert!(check_redrive("jobs", None, Some(5)).unwrap_err().contains("no `dead_letter` queue"));
        assert_eq!(
            check_redrive("jobs", Some("jobs"), None).unwrap_err(),
            "queue `jobs` cannot be its own dead-letter queue"
        );
        assert!(check_redrive("jobs", Some("dlq"), Some(0)).is_err());
        assert!(check_dead_letter_fifo("jobs", true, "dlq", true).is_ok());
        assert!(check_dead_letter_fifo("jobs", false, "dlq", false).is_ok());
        assert!(check_dead_letter_fifo("jobs", true, "dlq", false).unwrap_err().ends_with("add `fifo: true` to `dlq`"));
        assert!(check_dead_letter_fifo("jobs", false, "dlq", true).unwrap_err().contains("must be standard too"));
        assert_eq!(check_dead_letter_retention("jobs", 345_600, "dlq", 1_209_600, false), Verdict::Ok);
        assert_eq!(check_dead_letter_retention("jobs", 345_600, "dlq", 345_600, true), Verdict::Ok);
        assert!(matches!(
            check_dead_letter_retention("jobs", 345_600, "dlq", 345_600, false),
            Verdict::Warning(message) if message.contains("original enqueue time")
        ));
    }

    #[test]
    fn stream_starts() {
        for source in [StreamSource::DynamoDb, StreamSource::Kinesis] {
            assert_eq!(check_start_position(source, "latest"), Ok("LATEST"));
            assert_eq!(check_start_position(source, "trim_horizon"), Ok("TRIM_HORIZON"));
            assert!(check_start_position(source, "LATEST").unwrap_err().ends_with("did you mean `latest`?"));
            assert!(check_start_position(source, DEFAULT_START).is_ok());
        }
        assert!(check_start_position(StreamSource::Kinesis, "at_timestamp").unwrap_err().contains("not supported"));
        assert!(check_start_position(StreamSource::DynamoDb, "at_timestamp")
            .unwrap_err()
            .contains("cannot start at a timestamp"));
        assert_eq!(
            check_start_position(StreamSource::Kinesis, "oldest").unwrap_err(),
            "unknown start position `oldest` for a `kinesis` trigger; expected `latest` or `trim_horizon`"
        );
    }

    #[test]
    fn stream_batches() {
        for source in [StreamSource::DynamoDb, StreamSource::Kinesis] {
            assert!(check_stream_batch(source, DEFAULT_STREAM_BATCH_SIZE, None).is_ok());
            assert!(check_stream_batch(source, 10_000, Some(300)).is_ok());
            assert!(check_stream_batch(source, 0, None).is_err());
            assert!(check_stream_batch(source, 10_001, None).is_err());
            assert!(check_stream_batch(source, 100, Some(301)).is_err());
        }
        assert_eq!(
            check_stream_batch(StreamSource::DynamoDb, 0, None).unwrap_err(),
            "batch_size for a `dynamodb` trigger must be between 1 and 10000 records, found 0"
        );
    }

    #[test]
    fn tables() {
        assert_eq!(check_stream_view("new_and_old_images"), Ok("NEW_AND_OLD_IMAGES"));
        assert_eq!(check_stream_view("keys_only"), Ok("KEYS_ONLY"));
        assert!(check_stream_view("new_images").unwrap_err().ends_with("did you mean `new_image`?"));
        assert!(check_table_has_stream("orders", true).is_ok());
        assert_eq!(
            check_table_has_stream("orders", false).unwrap_err(),
            "a dynamodb trigger reads the table's stream, but table `orders` has none; add `stream: \
             new_and_old_images` (or `new_image`, `old_image` or `keys_only`) to `table orders`"
        );
        assert!(check_table_keys("orders", "id", Some("sk")).is_ok());
        assert!(check_table_keys("orders", "id", None).is_ok());
        assert!(check_table_keys("orders", "", None).is_err());
        assert!(check_table_keys("orders", "id", Some(&"k".repeat(256)))
            .unwrap_err()
            .contains("`range_key` must be 1 to 255 bytes"));
        assert!(check_table_keys("orders", "id", Some("id")).unwrap_err().contains("must differ"));
    }

    #[test]
    fn shards() {
        assert!(matches!(check_shards("clicks", 0), Verdict::Error(_)));
        assert_eq!(check_shards("clicks", 1), Verdict::Ok);
        assert_eq!(check_shards("clicks", 1_000), Verdict::Ok);
        assert!(matches!(check_shards("clicks", 1_001), Verdict::Warning(_)));
    }

    #[test]
    fn topics() {
        assert!(check_sns_subscription("alerts", false, "notify").is_ok());
        assert!(check_sns_subscription("alerts", true, "notify").unwrap_err().contains("deliver only to SQS queues"));
    }

    #[test]
    fn names() {
        assert_eq!(queue_name("shop", "jobs", false), "shop-jobs");
        assert_eq!(queue_name("shop", "jobs", true), "shop-jobs.fifo");
        assert_eq!(topic_name("shop", "alerts", true), "shop-alerts.fifo");
        assert_eq!(table_name("shop", "orders"), "shop-orders");
        assert_eq!(stream_name("shop", "clicks"), "shop-clicks");

        assert!(check_queue_name("jobs", false).is_ok());
        assert!(check_queue_name("jobs.fifo", true).is_ok());
        assert!(check_queue_name("jobs", true).unwrap_err().contains("must end with `.fifo`"));
        assert!(check_queue_name("jobs.fifo", false).unwrap_err().contains("add `fifo: true`"));
        assert!(check_queue_name(".fifo", true).unwrap_err().contains("is empty"));
        assert!(check_queue_name("", false).unwrap_err().contains("is empty"));
        assert!(check_queue_name("my.jobs", false).unwrap_err().contains("contains `.`"));
        assert!(check_queue_name(&"q".repeat(80), false).is_ok());
        assert!(check_queue_name(&"q".repeat(81), false).is_err());
        assert!(check_queue_name(&format!("{}.fifo", "q".repeat(75)), true).is_ok());
        assert!(check_queue_name(&format!("{}.fifo", "q".repeat(76)), true).unwrap_err().contains("limit of 80"));
        assert!(check_topic_name(&"t".repeat(256), false).is_ok());
        assert!(check_topic_name(&"t".repeat(257), false).is_err());
        assert!(check_topic_name("alerts!", false).unwrap_err().contains("contains `!`"));

        assert!(check_table_name("shop.orders-v2_x").is_ok());
        assert!(check_table_name("ab").is_err());
        assert!(check_table_name(&"t".repeat(255)).is_ok());
        assert!(check_table_name(&"t".repeat(256)).is_err());
        assert!(check_table_name("orders/2").unwrap_err().contains("contains `/`"));
        assert!(check_stream_name("a").is_ok());
        assert!(check_stream_name("").is_err());
        assert!(check_stream_name(&"s".repeat(129)).is_err());

        assert!(check_owned_queue_name("shop", "jobs", true).is_ok());
        let message = check_owned_queue_name("shop", &"q".repeat(72), true).unwrap_err();
        assert!(message.contains("(stack `shop` + queue `qqq") && message.contains("limit of 80"), "{message}");
        assert!(check_owned_queue_name("shop", "jobs-1", false).unwrap_err().contains("ASCII letters, digits and `_`"));
        assert!(check_owned_topic_name("shop", "alerts", false).is_ok());
        assert!(check_owned_table_name("shop", "orders").is_ok());
        assert!(check_owned_table_name("shop", &"t".repeat(251)).is_err());
        assert!(check_owned_stream_name("shop", "clicks").is_ok());
        assert!(check_owned_stream_name("shop", &"s".repeat(124)).is_err());
    }

    #[test]
    fn urls() {
        assert_eq!(check_url_auth("none"), Ok("NONE"));
        assert_eq!(check_url_auth("iam"), Ok("AWS_IAM"));
        assert!(check_url_auth("AWS_IAM").unwrap_err().ends_with("write `iam`"));
        assert!(check_url_auth("nnoe").unwrap_err().ends_with("did you mean `none`?"));
        assert!(check_url_count("api", 1).is_ok());
        assert_eq!(
            check_url_count("api", 2).unwrap_err(),
            "function `api` declares `url(..)` 2 times; a function has a single URL"
        );
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

        #[test]
        fn overlap_is_symmetric(p1 in "[ab/]{0,3}", s1 in "[ab.]{0,3}", p2 in "[ab/]{0,3}", s2 in "[ab.]{0,3}", wide in any::<bool>()) {
            let a = note("a", if wide { CREATED } else { PUT }, &p1, &s1);
            let b = note("b", PUT, &p2, &s2);
            prop_assert_eq!(check_notification_overlap(&a, &b).is_err(), check_notification_overlap(&b, &a).is_err());
        }
    }
}
