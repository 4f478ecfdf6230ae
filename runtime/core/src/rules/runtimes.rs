//! Lambda runtimes and AWS's dates for each: deprecation, block function create, block function
//! update.
//!
//! # Sources (as of 2026-11-25)
//!
//! * The identifiers: the `Runtime` enum of the Lambda API model in botocore 1.44.8
//!   (`botocore/data/lambda/2015-03-31/service-2.json`). Being in the enum does not make a runtime
//!   usable: the enum keeps every retired name, and it already lists names AWS has not launched.
//! * The dates: AWS's "Lambda runtimes" page
//!   (docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html, the supported and the deprecated
//!   tables), as mirrored in cfn-lint 1.58.0 (PyPI wheel built 2026-10-20,
//!   `cfnlint/data/AdditionalSpecs/LmbdRuntimeLifecycle.json`, last re-synced with the AWS page in
//!   aws-cloudformation/cfn-lint PR #4532, June 2026). The search snapshots of the AWS page itself
//!   only show its introduction, so the page was not read row by row.
//! * Cross-checks that agree with that mirror: AWS Health notices quoted in public issues (Python
//!   3.10: deprecated 2026-10-31, create blocked 2027-02-01, update blocked 2027-03-03;
//!   aws-samples/iam-identity-center-team#535), the AWS page as quoted in cfn-lint issue #4531
//!   (nodejs20.x blocks on 2027-02-01 and 2027-03-03), ScoutSuite's deprecation table of
//!   2026-08-13, endoflife.date/aws-lambda (deprecation and update-block dates of the newest
//!   runtimes), and terraform-linters/tflint-ruleset-aws `aws_lambda_function_deprecated_runtime.go`
//!   (deprecation dates only; it predates AWS's 2026 extensions, so it is older on python3.10/3.11,
//!   java8.al2/11/17 and provided.al2).
//!
//! AWS moves these dates, mostly later: in 2026 it pushed the create and update blocks of most
//! deprecated runtimes to 2027-02-01 and 2027-03-03, so `python3.8`, for one, could again be used
//! for new functions after having been blocked. A table is only right as of its date, hence
//! [`AS_OF`] and the test that fails once the table is six months old.
//!
//! # Provider releases (as of 2026-11-25)
//!
//! The `hashicorp/aws` provider validates `runtime` against the AWS SDK for Go's enum it was
//! built with, so a runtime newer than the provider fails `terraform validate` ("expected runtime
//! to be one of [...]"). [`Runtime::provider`] is the first release that accepts each runtime;
//! [`provider_constraint`] raises the output's `required_providers` floor to it. Sources:
//!
//! * Measured: the last 5.x release, 5.100.0 (the offline mirror in `shared/tools`), rejects
//!   `python3.14`, `nodejs24.x`, `java25`, `dotnet10`, `ruby4.0` and the three `java*.al2023`,
//!   and accepts every other row (`tests/terraform.rs` re-measures this with the real provider).
//! * `nodejs24.x` 6.19.0, `python3.14` and `java25` 6.20.0: hashicorp/terraform-provider-aws
//!   PR #45024 (CHANGELOG entries, 2025-11-10). `dotnet10` 6.27.0: issue #45864 (maintainer's
//!   comment, 2026-01-08). `java21` 5.27.0: issue #34552. `ruby3.3` 5.44.0: PR #36751.
//! * `ruby4.0` (SDK release of 2026-04-22, CHANGELOG PR #47841 of 2026-05-10) and the
//!   `java*.al2023` runtimes (launched 2026-07-20): in some 6.x release that these sources do not
//!   name, so the floor is 6.0 and the compiler note says the exact release is not recorded.
//! * Rows without a release are accepted by 5.100.0; where a 5.x release later than 5.0 added
//!   them (`python3.12`, `python3.13`, `nodejs20.x`, `nodejs22.x`, `provided.al2023`, `dotnet8`,
//!   `ruby3.4`), the sources above do not name it, and the default floor stands.
//!
//! # Identifiers the table leaves out, on purpose
//!
//! * `nodejs26.x` and `python3.15` are in the API enum, but AWS had announced neither a launch nor
//!   any date for them. They are rejected with a message saying so rather than accepted: an
//!   unlaunched runtime fails at `terraform apply`, which is what this check exists to prevent.
//!   Adding them, once AWS lists them, is a one-row change.
//! * `custom` (in the enum) is for customer-managed runtimes, which need a function
//!   `RuntimeConfig` that lambda-stack does not emit.
//! * `dotnet5.0`, `dotnet7` and `dotnet9` exist for container images only.
//!
//! `java8.al2023`, `java11.al2023` and `java17.al2023` launched on 2026-07-20 (AWS What's New,
//! aws/aws-sam-cli#9125) with no dates published yet; they are in the table with none.
//!
//! # Updating
//!
//! 1. Read the two tables on the AWS page and change the rows below (newest first in each family:
//!    the first row of a family is what upgrade suggestions name).
//! 2. Compare the identifiers with botocore's enum (see `shared/research/lambda-limits.md` §8);
//!    the `api_enum_is_covered` test lists the enum as of the last update.
//! 3. Set [`AS_OF`] and [`SOURCES`].
//!
//! ```
//! use lambda_stack_core::rules::runtimes::{check_runtime, Date};
//! use lambda_stack_core::rules::Verdict;
//!
//! let today = Date::parse("2026-11-25").unwrap();
//! assert_eq!(check_runtime("python3.12", today), Verdict::Ok);
//! assert!(matches!(check_runtime("python3.9", today), Verdict::Warning(_)));
//! assert!(matches!(check_runtime("python3.7", today), Verdict::Error(_)));
//! ```

use std::fmt;
use std::time::{SystemTime, UNIX_EPOCH};

use super::suggest;
use super::Verdict;

/// The day the table was last checked against its sources.
pub const AS_OF: &str = "2026-11-25";

/// Where the table comes from (the module documentation has the detail).
pub const SOURCES: &str = "AWS Lambda developer guide, \"Lambda runtimes\" \
    (docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html), via cfn-lint 1.58.0's \
    LmbdRuntimeLifecycle.json; identifiers from botocore 1.44.8's Lambda `Runtime` enum";

/// A calendar day in UTC, which is how AWS states its runtime dates.
///
/// ```
/// use lambda_stack_core::rules::runtimes::Date;
/// let date = Date::parse("2027-02-01").unwrap();
/// assert_eq!(date.to_string(), "2027-02-01");
/// assert!(date > Date::parse("2026-12-31").unwrap());
/// assert_eq!(Date::from_unix_seconds(0).to_string(), "1970-01-01");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

impl Date {
    /// Today in UTC: from `SOURCE_DATE_EPOCH` when it is set, so a reproducible build gives the
    /// same verdicts whenever it is rebuilt; otherwise from the system clock.
    pub fn today() -> Date {
        // A malformed SOURCE_DATE_EPOCH falls back to the clock: refusing to build over it would
        // be out of proportion for a date that only decides warning versus error.
        std::env::var("SOURCE_DATE_EPOCH").ok().and_then(|value| Date::from_source_date_epoch(&value)).unwrap_or_else(
            || {
                let seconds =
                    SystemTime::now().duration_since(UNIX_EPOCH).map(|elapsed| elapsed.as_secs()).unwrap_or(0);
                Date::from_unix_seconds(seconds)
            },
        )
    }

    /// `YYYY-MM-DD`, a real calendar day; anything else is `None`.
    ///
    /// ```
    /// use lambda_stack_core::rules::runtimes::Date;
    /// assert!(Date::parse("2028-02-29").is_some());
    /// assert!(Date::parse("2027-02-29").is_none());
    /// assert!(Date::parse("2027-2-1").is_none());
    /// ```
    pub fn parse(s: &str) -> Option<Date> {
        let bytes = s.as_bytes();
        if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
            return None;
        }
        let number = |range: std::ops::Range<usize>| -> Option<u16> {
            let digits = &s[range];
            if digits.bytes().all(|b| b.is_ascii_digit()) {
                digits.parse().ok()
            } else {
                None
            }
        };
        let year = number(0..4)?;
        let month = u8::try_from(number(5..7)?).ok()?;
        let day = u8::try_from(number(8..10)?).ok()?;
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        Some(Date { year, month, day })
    }

    /// The UTC day containing the instant `seconds` after 1970-01-01T00:00:00Z.
    ///
    /// ```
    /// use lambda_stack_core::rules::runtimes::Date;
    /// assert_eq!(Date::from_unix_seconds(1_795_564_800).to_string(), "2026-11-25");
    /// ```
    pub fn from_unix_seconds(seconds: u64) -> Date {
        civil_from_days(seconds / 86_400)
    }

    /// `SOURCE_DATE_EPOCH` is "an ASCII representation of an integer", seconds since the epoch
    /// (reproducible-builds.org/specs/source-date-epoch).
    fn from_source_date_epoch(value: &str) -> Option<Date> {
        let value = value.trim();
        if value.is_empty() || !value.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        value.parse().ok().map(Date::from_unix_seconds)
    }

    /// Days since 1970-01-01 (negative before it), for counting the days between two dates.
    ///
    /// ```
    /// use lambda_stack_core::rules::runtimes::Date;
    /// let from = Date::parse("2027-02-01").unwrap();
    /// let to = Date::parse("2027-03-03").unwrap();
    /// assert_eq!(to.days_since_epoch() - from.days_since_epoch(), 30);
    /// ```
    pub fn days_since_epoch(&self) -> i64 {
        // Howard Hinnant's `days_from_civil`, the inverse of `civil_from_days` below.
        let month = i64::from(self.month);
        let year = i64::from(self.year) - i64::from(month <= 2);
        let era = year.div_euclid(400);
        let year_of_era = year - era * 400;
        let day_of_year = (153 * (month + if month > 2 { -3 } else { 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
        era * 146_097 + day_of_era - 719_468
    }

    const fn ymd(year: u16, month: u8, day: u8) -> Date {
        Date { year, month, day }
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

fn is_leap_year(year: u16) -> bool {
    (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400)
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        2 if is_leap_year(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Howard Hinnant's `civil_from_days` (howardhinnant.github.io/date_algorithms.html), for days
/// on or after 1970-01-01.
fn civil_from_days(days: u64) -> Date {
    let z = days + 719_468;
    let era = z / 146_097;
    let day_of_era = z - era * 146_097;
    let year_of_era = (day_of_era - day_of_era / 1_460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let shifted_month = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * shifted_month + 2) / 5 + 1;
    let month = if shifted_month < 10 { shifted_month + 3 } else { shifted_month - 9 };
    let year = year_of_era + era * 400 + u64::from(month <= 2);
    match u16::try_from(year) {
        Ok(year) => Date::ymd(year, month as u8, day as u8),
        // Past year 65535: nothing in the table is that far out, so any late day will do.
        Err(_) => Date::ymd(u16::MAX, 12, 31),
    }
}

/// The language (or lack of one) a runtime runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Family {
    Python,
    Node,
    Java,
    Dotnet,
    Ruby,
    /// OS-only runtimes (`provided*`): the function is an executable named `bootstrap`.
    Provided,
    /// `go1.x`, retired; Go now deploys on `provided.al2023`.
    Go,
}

impl Family {
    /// The family's name as people write it.
    ///
    /// ```
    /// use lambda_stack_core::rules::runtimes::Family;
    /// assert_eq!(Family::Dotnet.name(), ".NET");
    /// ```
    pub fn name(self) -> &'static str {
        match self {
            Family::Python => "Python",
            Family::Node => "Node.js",
            Family::Java => "Java",
            Family::Dotnet => ".NET",
            Family::Ruby => "Ruby",
            Family::Provided => "OS-only",
            Family::Go => "Go",
        }
    }

    /// The family an identifier, known or not, appears to belong to.
    fn guess(id: &str) -> Option<Family> {
        let id = id.trim().to_ascii_lowercase();
        let families = [
            ("python", Family::Python),
            ("node", Family::Node),
            ("java", Family::Java),
            ("dotnet", Family::Dotnet),
            ("ruby", Family::Ruby),
            ("provided", Family::Provided),
            ("go", Family::Go),
        ];
        families.into_iter().find(|(prefix, _)| id.starts_with(prefix)).map(|(_, family)| family)
    }
}

/// One runtime identifier and its dates. A `None` date is one AWS had not published as of
/// [`AS_OF`].
#[derive(Debug, Clone, Copy)]
pub struct Runtime {
    pub id: &'static str,
    pub family: Family,
    /// The language version (`"3.12"` for `python3.12`, `"22"` for `nodejs22.x`); `None` for the
    /// OS-only and Go runtimes.
    pub version: Option<&'static str>,
    /// From this day AWS no longer patches the runtime.
    pub deprecation: Option<Date>,
    /// From this day functions using the runtime can no longer be created.
    pub block_create: Option<Date>,
    /// From this day functions using the runtime can no longer be updated.
    pub block_update: Option<Date>,
    /// The first `hashicorp/aws` provider release that accepts the identifier (see
    /// [`ProviderFloor`]).
    pub provider: ProviderFloor,
}

impl Runtime {
    /// The newest runtime of the same family.
    ///
    /// ```
    /// use lambda_stack_core::rules::runtimes::lookup;
    /// assert_eq!(lookup("java8.al2").unwrap().newest_in_family().id, "java25");
    /// ```
    pub fn newest_in_family(&self) -> &'static Runtime {
        // Rows are newest first within a family, and every family has a row.
        RUNTIMES.iter().find(|runtime| runtime.family == self.family).unwrap_or(&RUNTIMES[0])
    }

    /// The runtime to move to: the newest of the family, except that Go moved to the OS-only
    /// runtime when `go1.x` was retired.
    ///
    /// ```
    /// use lambda_stack_core::rules::runtimes::lookup;
    /// assert_eq!(lookup("python3.8").unwrap().upgrade_target().id, "python3.14");
    /// assert_eq!(lookup("go1.x").unwrap().upgrade_target().id, "provided.al2023");
    /// ```
    pub fn upgrade_target(&self) -> &'static Runtime {
        match self.family {
            Family::Go => newest(Family::Provided),
            family => newest(family),
        }
    }

    // AWS words each date as "starting on": the day itself is already past the line.

    /// AWS no longer patches it on `today`.
    pub fn is_deprecated(&self, today: Date) -> bool {
        self.deprecation.is_some_and(|date| today >= date)
    }

    /// New functions cannot use it on `today`.
    pub fn is_create_blocked(&self, today: Date) -> bool {
        self.block_create.is_some_and(|date| today >= date)
    }

    /// Existing functions using it cannot be updated on `today`.
    pub fn is_update_blocked(&self, today: Date) -> bool {
        self.block_update.is_some_and(|date| today >= date)
    }
}

fn newest(family: Family) -> &'static Runtime {
    RUNTIMES.iter().find(|runtime| runtime.family == family).unwrap_or(&RUNTIMES[0])
}

const fn row(
    id: &'static str,
    family: Family,
    version: Option<&'static str>,
    deprecation: Option<Date>,
    block_create: Option<Date>,
    block_update: Option<Date>,
) -> Runtime {
    Runtime { id, family, version, deprecation, block_create, block_update, provider: ProviderFloor::Default }
}

impl Runtime {
    const fn since(self, major: u16, minor: u16, patch: u16) -> Runtime {
        Runtime { provider: ProviderFloor::Release(ProviderVersion { major, minor, patch }), ..self }
    }

    const fn some_six(self) -> Runtime {
        Runtime { provider: ProviderFloor::SomeSix, ..self }
    }
}

const fn on(year: u16, month: u8, day: u8) -> Option<Date> {
    Some(Date::ymd(year, month, day))
}

use Family::{Dotnet, Go, Java, Node, Provided, Python, Ruby};

/// Newest first within each family. Columns: id, family, version, deprecation, block create,
/// block update.
#[rustfmt::skip]
static RUNTIMES: [Runtime; 49] = [
    row("python3.14", Python, Some("3.14"), on(2029, 6, 30), on(2029, 7, 31), on(2029, 8, 31)).since(6, 20, 0),
    row("python3.13", Python, Some("3.13"), on(2029, 6, 30), on(2029, 7, 31), on(2029, 8, 31)),
    row("python3.12", Python, Some("3.12"), on(2028, 10, 31), on(2028, 11, 30), on(2029, 1, 10)),
    row("python3.11", Python, Some("3.11"), on(2027, 6, 30), on(2027, 7, 31), on(2027, 8, 31)),
    row("python3.10", Python, Some("3.10"), on(2026, 10, 31), on(2027, 2, 1), on(2027, 3, 3)),
    row("python3.9", Python, Some("3.9"), on(2025, 12, 15), on(2027, 2, 1), on(2027, 3, 3)),
    row("python3.8", Python, Some("3.8"), on(2024, 10, 14), on(2027, 2, 1), on(2027, 3, 3)),
    row("python3.7", Python, Some("3.7"), on(2023, 12, 4), on(2024, 1, 9), on(2027, 3, 3)),
    row("python3.6", Python, Some("3.6"), on(2022, 7, 18), on(2022, 7, 18), on(2022, 8, 29)),
    row("python2.7", Python, Some("2.7"), on(2021, 7, 15), on(2021, 7, 15), on(2022, 5, 30)),
    row("nodejs24.x", Node, Some("24"), on(2028, 4, 30), on(2028, 6, 1), on(2028, 7, 1)).since(6, 19, 0),
    row("nodejs22.x", Node, Some("22"), on(2027, 4, 30), on(2027, 6, 1), on(2027, 7, 1)),
    row("nodejs20.x", Node, Some("20"), on(2026, 4, 30), on(2027, 2, 1), on(2027, 3, 3)),
    row("nodejs18.x", Node, Some("18"), on(2025, 9, 1), on(2027, 2, 1), on(2027, 3, 3)),
    row("nodejs16.x", Node, Some("16"), on(2024, 6, 12), on(2027, 2, 1), on(2027, 3, 3)),
    row("nodejs14.x", Node, Some("14"), on(2023, 12, 4), on(2024, 1, 9), on(2027, 3, 3)),
    row("nodejs12.x", Node, Some("12"), on(2023, 3, 31), on(2023, 3, 31), on(2023, 4, 30)),
    row("nodejs10.x", Node, Some("10"), on(2021, 7, 30), on(2021, 7, 30), on(2022, 2, 14)),
    // As in AWS's table (via cfn-lint), the oldest rows block creation before deprecation.
    row("nodejs8.10", Node, Some("8.10"), on(2020, 3, 6), on(2020, 2, 4), on(2020, 3, 6)),
    row("nodejs6.10", Node, Some("6.10"), on(2019, 8, 12), on(2019, 7, 12), on(2019, 8, 12)),
    row("nodejs4.3", Node, Some("4.3"), on(2020, 3, 5), on(2020, 2, 3), on(2020, 3, 5)),
    row("nodejs4.3-edge", Node, Some("4.3"), on(2020, 3, 5), on(2019, 3, 31), on(2019, 4, 30)),
    row("nodejs", Node, Some("0.10"), on(2016, 8, 30), on(2016, 9, 30), on(2016, 10, 31)),
    row("java25", Java, Some("25"), on(2029, 6, 30), on(2029, 7, 31), on(2029, 8, 31)).since(6, 20, 0),
    row("java21", Java, Some("21"), on(2029, 6, 30), on(2029, 7, 31), on(2029, 8, 31)).since(5, 27, 0),
    row("java17.al2023", Java, Some("17"), None, None, None).some_six(),
    row("java17", Java, Some("17"), on(2027, 6, 30), on(2027, 7, 31), on(2027, 8, 31)),
    row("java11.al2023", Java, Some("11"), None, None, None).some_six(),
    row("java11", Java, Some("11"), on(2027, 6, 30), on(2027, 7, 31), on(2027, 8, 31)),
    row("java8.al2023", Java, Some("8"), None, None, None).some_six(),
    row("java8.al2", Java, Some("8"), on(2027, 6, 30), on(2027, 7, 31), on(2027, 8, 31)),
    row("java8", Java, Some("8"), on(2024, 1, 8), on(2024, 2, 8), on(2027, 3, 3)),
    row("dotnet10", Dotnet, Some("10"), on(2028, 11, 14), on(2028, 12, 14), on(2029, 1, 15)).since(6, 27, 0),
    row("dotnet8", Dotnet, Some("8"), on(2026, 11, 10), on(2027, 2, 1), on(2027, 3, 3)),
    row("dotnet6", Dotnet, Some("6"), on(2024, 12, 20), on(2027, 2, 1), on(2027, 3, 3)),
    row("dotnetcore3.1", Dotnet, Some("3.1"), on(2023, 4, 3), on(2023, 4, 3), on(2023, 5, 3)),
    row("dotnetcore2.1", Dotnet, Some("2.1"), on(2022, 1, 5), on(2022, 1, 5), on(2022, 4, 13)),
    row("dotnetcore2.0", Dotnet, Some("2.0"), on(2019, 5, 30), on(2019, 4, 30), on(2019, 5, 30)),
    row("dotnetcore1.0", Dotnet, Some("1.0"), on(2019, 6, 27), on(2019, 6, 30), on(2019, 7, 30)),
    row("ruby4.0", Ruby, Some("4.0"), on(2029, 3, 31), on(2029, 4, 30), on(2029, 5, 31)).some_six(),
    row("ruby3.4", Ruby, Some("3.4"), on(2028, 3, 31), on(2028, 4, 30), on(2028, 5, 31)),
    row("ruby3.3", Ruby, Some("3.3"), on(2027, 3, 31), on(2027, 4, 30), on(2027, 5, 31)).since(5, 44, 0),
    row("ruby3.2", Ruby, Some("3.2"), on(2026, 3, 31), on(2027, 2, 1), on(2027, 3, 3)),
    row("ruby2.7", Ruby, Some("2.7"), on(2023, 12, 7), on(2024, 1, 9), on(2027, 3, 3)),
    row("ruby2.5", Ruby, Some("2.5"), on(2021, 7, 30), on(2021, 7, 30), on(2022, 3, 31)),
    row("provided.al2023", Provided, None, on(2029, 6, 30), on(2029, 7, 31), on(2029, 8, 31)),
    row("provided.al2", Provided, None, on(2026, 7, 31), on(2027, 2, 1), on(2027, 3, 3)),
    row("provided", Provided, None, on(2024, 1, 8), on(2024, 2, 8), on(2027, 3, 3)),
    row("go1.x", Go, None, on(2024, 1, 8), on(2024, 2, 8), on(2027, 3, 3)),
];

/// In the API's enum, deliberately not in the table (see the module documentation).
const NOT_LAUNCHED: &[&str] = &["nodejs26.x", "python3.15"];
/// Identifiers for container-image functions only, which lambda-stack does not deploy.
const CONTAINER_ONLY: &[&str] = &["dotnet5.0", "dotnet7", "dotnet9"];

/// The runtime with this exact identifier (identifiers are case-sensitive, as in the API).
///
/// ```
/// use lambda_stack_core::rules::runtimes::{lookup, Family};
/// let runtime = lookup("python3.12").unwrap();
/// assert_eq!((runtime.family, runtime.version), (Family::Python, Some("3.12")));
/// assert!(lookup("python3.21").is_none());
/// ```
pub fn lookup(id: &str) -> Option<&'static Runtime> {
    RUNTIMES.iter().find(|runtime| runtime.id == id)
}

/// Every runtime in the table, newest first within each family.
pub fn all() -> &'static [Runtime] {
    &RUNTIMES
}

/// The runtimes of `family` that AWS still supports (not deprecated) on `today`, newest first.
///
/// ```
/// use lambda_stack_core::rules::runtimes::{supported, Date, Family};
/// let today = Date::parse("2026-11-25").unwrap();
/// let ids: Vec<&str> = supported(Family::Node, today).map(|r| r.id).collect();
/// assert_eq!(ids, ["nodejs24.x", "nodejs22.x"]);
/// ```
pub fn supported(family: Family, today: Date) -> impl Iterator<Item = &'static Runtime> {
    RUNTIMES.iter().filter(move |runtime| runtime.family == family && !runtime.is_deprecated(today))
}

/// A runtime is in the table and AWS still lets new functions use it: `Ok` while supported, a
/// warning once deprecated (naming the date and the runtime to move to), an error once function
/// creation is blocked or when the identifier is unknown (with a did-you-mean and the supported
/// runtimes of its family).
///
/// ```
/// use lambda_stack_core::rules::runtimes::{check_runtime, Date};
/// use lambda_stack_core::rules::Verdict;
/// let today = Date::parse("2026-11-25").unwrap();
/// assert_eq!(
///     check_runtime("python3.21", today),
///     Verdict::Error(
///         "unknown runtime `python3.21`; the supported Python runtimes are `python3.14`, \
///          `python3.13`, `python3.12` or `python3.11`; did you mean `python3.12`?"
///             .into()
///     )
/// );
/// ```
pub fn check_runtime(id: &str, today: Date) -> Verdict {
    let Some(runtime) = lookup(id) else {
        return Verdict::Error(unknown_runtime(id, today));
    };
    let target = runtime.upgrade_target();
    if runtime.is_create_blocked(today) {
        let blocked = match runtime.block_update {
            Some(update) if runtime.is_update_blocked(today) => format!(
                "AWS blocked creating functions with it on {} and updating them on {update}",
                show(runtime.block_create)
            ),
            _ => format!("AWS blocked function creation on {}", show(runtime.block_create)),
        };
        return Verdict::Error(format!(
            "runtime `{id}` can no longer be used for new functions: {blocked}; use `{}`",
            target.id
        ));
    }
    if runtime.is_deprecated(today) {
        let mut message =
            format!("runtime `{id}` is deprecated: AWS stopped patching it on {}", show(runtime.deprecation));
        match (runtime.block_create, runtime.block_update) {
            (Some(create), Some(update)) => message.push_str(&format!(
                ", and will block creating functions with it from {create} and updating them from {update}"
            )),
            (Some(create), None) => {
                message.push_str(&format!(", and will block creating functions with it from {create}"))
            }
            _ => {}
        }
        message.push_str(&format!("; move to `{}`", target.id));
        return Verdict::Warning(message);
    }
    Verdict::Ok
}

fn show(date: Option<Date>) -> String {
    date.map_or_else(|| "an unpublished date".to_string(), |date| date.to_string())
}

fn unknown_runtime(id: &str, today: Date) -> String {
    let family = Family::guess(id);
    let newest_of = |family: Option<Family>| newest(family.unwrap_or(Family::Python)).id;
    if id.trim().is_empty() {
        return format!(
            "runtime must not be empty; expected an AWS runtime identifier such as `{}`",
            newest(Family::Python).id
        );
    }
    if NOT_LAUNCHED.contains(&id) {
        return format!(
            "runtime `{id}` is not in lambda-stack's runtime table as of {AS_OF}: AWS's API knows the \
             name, but AWS had announced no launch or support dates for it; use `{}`",
            newest_of(family)
        );
    }
    if id == "custom" {
        return format!(
            "runtime `custom` is for customer-managed runtimes, which lambda-stack does not deploy; \
             use `{}` with an executable `bootstrap`",
            newest(Family::Provided).id
        );
    }
    if CONTAINER_ONLY.contains(&id) {
        return format!(
            "runtime `{id}` exists only for container images, which lambda-stack does not deploy; use `{}`",
            newest_of(family)
        );
    }
    let suggestion = did_you_mean(id, today);
    // Go's family has nothing current: list where Go went instead.
    let listed = Family::guess(id)
        .or_else(|| suggestion.and_then(lookup).map(|runtime| runtime.family))
        .map(|family| if family == Family::Go { Family::Provided } else { family });
    let mut message = format!("unknown runtime `{id}`");
    match listed {
        Some(family) => message.push_str(&format!(
            "; the supported {} runtimes are {}",
            family.name(),
            suggest::one_of(supported(family, today).map(|runtime| runtime.id))
        )),
        None => message.push_str(&format!(
            "; expected one of {}",
            suggest::one_of(RUNTIMES.iter().filter(|r| !r.is_deprecated(today)).map(|r| r.id))
        )),
    }
    if let Some(candidate) = suggestion {
        message.push_str(&format!("; did you mean `{candidate}`?"));
    }
    message
}

/// The table's identifier nearest to `id`, within [`suggest::closest`]'s budget. Ties go to a
/// swap of characters (`python3.21` for `python3.12`: swaps are how people mistype versions),
/// then to a supported runtime, then to the newer one; `closest` alone would pick the
/// alphabetically first.
fn did_you_mean(id: &str, today: Date) -> Option<&'static str> {
    let input = id.to_ascii_lowercase();
    let budget = (id.chars().count() / 3).max(1);
    let mut sorted_input: Vec<char> = input.chars().collect();
    sorted_input.sort_unstable();
    let is_swap = |candidate: &str| {
        let mut letters: Vec<char> = candidate.to_ascii_lowercase().chars().collect();
        letters.sort_unstable();
        letters == sorted_input
    };
    RUNTIMES
        .iter()
        .enumerate()
        .map(|(position, runtime)| {
            let distance = suggest::edit_distance(&input, &runtime.id.to_ascii_lowercase());
            (distance, !is_swap(runtime.id), runtime.is_deprecated(today), position, runtime.id)
        })
        .filter(|&(distance, ..)| distance <= budget)
        .min()
        .map(|(.., id)| id)
}

/// The range of `hashicorp/aws` releases the output is written for when no runtime needs more:
/// the resources and arguments it uses exist in both majors.
pub const DEFAULT_PROVIDER_CONSTRAINT: &str = ">= 5.0, < 7.0";

/// A `hashicorp/aws` provider release.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ProviderVersion {
    pub major: u16,
    pub minor: u16,
    pub patch: u16,
}

impl fmt::Display for ProviderVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}.{}", self.major, self.minor, self.patch)
    }
}

/// Which `hashicorp/aws` releases accept a runtime identifier in `aws_lambda_function.runtime`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ProviderFloor {
    /// Every release of [`DEFAULT_PROVIDER_CONSTRAINT`] that the sources tell apart: nothing to
    /// raise.
    Default,
    /// This release and later ones.
    Release(ProviderVersion),
    /// No 5.x release (5.100.0, the last, was measured); some 6.x release that the sources do not
    /// name.
    SomeSix,
}

impl ProviderFloor {
    /// The lowest release the output may then allow; `None` keeps the default range.
    pub fn minimum(self) -> Option<ProviderVersion> {
        match self {
            ProviderFloor::Default => None,
            ProviderFloor::Release(version) => Some(version),
            ProviderFloor::SomeSix => Some(ProviderVersion { major: 6, minor: 0, patch: 0 }),
        }
    }
}

/// The `required_providers` version constraint for a stack whose functions use `runtimes`: the
/// default range, with its floor raised to the newest first-accepting release among them.
///
/// ```
/// use lambda_stack_core::rules::runtimes::provider_constraint;
/// assert_eq!(provider_constraint(["python3.12", "provided.al2023"]), ">= 5.0, < 7.0");
/// assert_eq!(provider_constraint(["python3.14", "nodejs24.x"]), ">= 6.20.0, < 7.0");
/// assert_eq!(provider_constraint(["ruby4.0"]), ">= 6.0.0, < 7.0");
/// ```
pub fn provider_constraint<'a>(runtimes: impl IntoIterator<Item = &'a str>) -> String {
    let floor = runtimes.into_iter().filter_map(lookup).filter_map(|runtime| runtime.provider.minimum()).max();
    match floor {
        Some(version) => format!(">= {version}, < 7.0"),
        None => DEFAULT_PROVIDER_CONSTRAINT.to_owned(),
    }
}

/// The compiler note for a runtime that older `hashicorp/aws` releases reject, naming the floor
/// the output gets; `None` when the default range accepts it.
///
/// ```
/// use lambda_stack_core::rules::runtimes::provider_note;
/// assert!(provider_note("python3.12").is_none());
/// assert!(provider_note("python3.14").unwrap().contains("`>= 6.20.0, < 7.0`"));
/// ```
pub fn provider_note(id: &str) -> Option<String> {
    let runtime = lookup(id)?;
    let constraint = provider_constraint([id]);
    match runtime.provider {
        ProviderFloor::Default => None,
        ProviderFloor::Release(version) => Some(format!(
            "runtime `{id}` needs the `hashicorp/aws` provider {version} or later (older releases reject \
             it at `terraform validate`): the output requires `{constraint}`; where an older provider \
             is locked, run `terraform init -upgrade`"
        )),
        ProviderFloor::SomeSix => Some(format!(
            "runtime `{id}` needs a 6.x release of the `hashicorp/aws` provider (every 5.x release \
             rejects it at `terraform validate`, and lambda-stack's table as of {AS_OF} does not record \
             the first 6.x release that accepts it): the output requires `{constraint}`; use a current \
             6.x provider (`terraform init -upgrade`)"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    fn as_of() -> Date {
        date(AS_OF)
    }

    #[test]
    fn dates_parse_strictly_and_print_padded() {
        assert_eq!(date("2026-11-25"), Date { year: 2026, month: 11, day: 25 });
        assert_eq!(Date::ymd(987, 1, 2).to_string(), "0987-01-02");
        for bad in [
            "",
            "2026-11-5",
            "2026/11/25",
            "2026-13-01",
            "2026-00-10",
            "2026-04-31",
            "2026-11-25 ",
            "+026-11-25",
            "２026-11-25",
        ] {
            assert_eq!(Date::parse(bad), None, "{bad}");
        }
        assert!(Date::parse("2000-02-29").is_some());
        assert!(Date::parse("1900-02-29").is_none());
        assert!(date("2026-12-31") < date("2027-01-01"));
        assert!(date("2027-01-31") < date("2027-02-01"));
    }

    #[test]
    fn unix_seconds_to_days() {
        assert_eq!(Date::from_unix_seconds(0), date("1970-01-01"));
        assert_eq!(Date::from_unix_seconds(86_399), date("1970-01-01"));
        assert_eq!(Date::from_unix_seconds(86_400), date("1970-01-02"));
        assert_eq!(Date::from_unix_seconds(951_782_400), date("2000-02-29"));
        assert_eq!(Date::from_unix_seconds(1_795_564_800), date("2026-11-25"));
        assert_eq!(Date::from_unix_seconds(1_795_651_199), date("2026-11-25"));
        assert_eq!(Date::from_unix_seconds(4_102_444_800), date("2100-01-01"));
        assert_eq!(Date::from_unix_seconds(u64::MAX).year, u16::MAX);
        for day in [0, 1, 59, 60, 365, 10_957, 20_782, 47_482] {
            assert_eq!(Date::from_unix_seconds(day * 86_400).days_since_epoch(), day as i64);
        }
        assert_eq!(date("1969-12-31").days_since_epoch(), -1);
        // Every day of four years, leap day included, round-trips through its successor.
        let mut previous = Date::from_unix_seconds(0);
        for day in 1..(4 * 366) {
            let current = Date::from_unix_seconds(day * 86_400);
            assert!(current > previous);
            assert!(Date::parse(&current.to_string()) == Some(current));
            previous = current;
        }
    }

    #[test]
    fn source_date_epoch_values() {
        assert_eq!(Date::from_source_date_epoch("1795564800"), Some(date("2026-11-25")));
        assert_eq!(Date::from_source_date_epoch(" 0\n"), Some(date("1970-01-01")));
        for bad in ["", "-1", "1.5", "1e9", "abc", "+5"] {
            assert_eq!(Date::from_source_date_epoch(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn supported_runtimes_pass() {
        for id in [
            "python3.14",
            "python3.12",
            "nodejs24.x",
            "java21",
            "java17.al2023",
            "dotnet10",
            "ruby4.0",
            "provided.al2023",
        ] {
            assert_eq!(check_runtime(id, as_of()), Verdict::Ok, "{id}");
        }
    }

    #[test]
    fn deprecated_runtimes_warn_with_dates_and_a_target() {
        assert_eq!(
            check_runtime("python3.9", as_of()),
            Verdict::Warning(
                "runtime `python3.9` is deprecated: AWS stopped patching it on 2025-12-15, and will \
                 block creating functions with it from 2027-02-01 and updating them from 2027-03-03; \
                 move to `python3.14`"
                    .into()
            )
        );
        // AWS moved python3.8's create block into 2027, so it is a warning again.
        assert!(matches!(check_runtime("python3.8", as_of()), Verdict::Warning(_)));
        for id in ["nodejs20.x", "dotnet8", "provided.al2", "ruby3.2", "python3.10"] {
            assert!(matches!(check_runtime(id, as_of()), Verdict::Warning(_)), "{id}");
        }
    }

    #[test]
    fn blocked_runtimes_fail() {
        assert_eq!(
            check_runtime("python3.7", as_of()),
            Verdict::Error(
                "runtime `python3.7` can no longer be used for new functions: AWS blocked function \
                 creation on 2024-01-09; use `python3.14`"
                    .into()
            )
        );
        assert_eq!(
            check_runtime("python2.7", as_of()),
            Verdict::Error(
                "runtime `python2.7` can no longer be used for new functions: AWS blocked creating \
                 functions with it on 2021-07-15 and updating them on 2022-05-30; use `python3.14`"
                    .into()
            )
        );
        let Verdict::Error(go) = check_runtime("go1.x", as_of()) else { panic!() };
        assert!(go.ends_with("use `provided.al2023`"), "{go}");
    }

    #[test]
    fn verdicts_follow_the_calendar() {
        // The day itself counts: AWS words each date as "starting on".
        assert_eq!(check_runtime("python3.10", date("2026-10-30")), Verdict::Ok);
        assert!(matches!(check_runtime("python3.10", date("2026-10-31")), Verdict::Warning(_)));
        assert!(matches!(check_runtime("python3.10", date("2027-01-31")), Verdict::Warning(_)));
        assert!(matches!(check_runtime("python3.10", date("2027-02-01")), Verdict::Error(_)));
        // A runtime deprecated today is Ok in a build pinned to an earlier day.
        assert_eq!(check_runtime("python3.9", date("2024-06-01")), Verdict::Ok);
        // Far in the future everything dated is blocked, and undated runtimes still pass.
        assert!(matches!(check_runtime("python3.14", date("2030-01-01")), Verdict::Error(_)));
        assert_eq!(check_runtime("java8.al2023", date("2040-01-01")), Verdict::Ok);
    }

    #[test]
    fn unknown_runtimes_suggest_and_list_the_family() {
        let error = |id: &str| match check_runtime(id, as_of()) {
            Verdict::Error(message) => message,
            other => panic!("{id}: {other:?}"),
        };
        assert_eq!(
            error("nodejs23.x"),
            "unknown runtime `nodejs23.x`; the supported Node.js runtimes are `nodejs24.x` or \
             `nodejs22.x`; did you mean `nodejs24.x`?"
        );
        assert!(error("Python3.12").ends_with("; did you mean `python3.12`?"));
        assert!(error("go1.22").contains("the supported OS-only runtimes are `provided.al2023`"));
        assert_eq!(
            error("pyhton3.12"),
            "unknown runtime `pyhton3.12`; the supported Python runtimes are `python3.14`, \
             `python3.13`, `python3.12` or `python3.11`; did you mean `python3.12`?"
        );
        assert_eq!(
            error("python4"),
            "unknown runtime `python4`; the supported Python runtimes are `python3.14`, `python3.13`, \
             `python3.12` or `python3.11`"
        );
        let rust = error("rust");
        assert!(rust.starts_with("unknown runtime `rust`; expected one of `python3.14`"), "{rust}");
        assert!(!rust.contains("python3.9"), "{rust}");
        assert!(error("").starts_with("runtime must not be empty"));
    }

    #[test]
    fn api_names_outside_the_table_say_why() {
        let Verdict::Error(python) = check_runtime("python3.15", as_of()) else { panic!() };
        assert_eq!(
            python,
            "runtime `python3.15` is not in lambda-stack's runtime table as of 2026-11-25: AWS's API \
             knows the name, but AWS had announced no launch or support dates for it; use `python3.14`"
        );
        let Verdict::Error(node) = check_runtime("nodejs26.x", as_of()) else { panic!() };
        assert!(node.ends_with("use `nodejs24.x`"), "{node}");
        let Verdict::Error(custom) = check_runtime("custom", as_of()) else { panic!() };
        assert!(custom.contains("customer-managed"), "{custom}");
        let Verdict::Error(dotnet) = check_runtime("dotnet9", as_of()) else { panic!() };
        assert!(dotnet.contains("container images") && dotnet.ends_with("`dotnet10`"), "{dotnet}");
    }

    /// botocore 1.44.8's Lambda `Runtime` enum, in its order.
    #[rustfmt::skip]
    const API_ENUM: &[&str] = &[
        "nodejs", "nodejs4.3", "nodejs6.10", "nodejs8.10", "nodejs10.x", "nodejs12.x", "nodejs14.x",
        "nodejs16.x", "nodejs18.x", "nodejs20.x", "nodejs22.x", "nodejs24.x", "java8", "java8.al2",
        "java11", "java17", "java21", "java25", "python2.7", "python3.6", "python3.7", "python3.8",
        "python3.9", "python3.10", "python3.11", "python3.12", "python3.13", "python3.14",
        "dotnetcore1.0", "dotnetcore2.0", "dotnetcore2.1", "dotnetcore3.1", "dotnet6", "dotnet8",
        "dotnet10", "nodejs4.3-edge", "go1.x", "ruby2.5", "ruby2.7", "ruby3.2", "ruby3.3", "ruby3.4",
        "ruby4.0", "provided", "provided.al2", "provided.al2023", "nodejs26.x", "python3.15",
        "java8.al2023", "java11.al2023", "java17.al2023", "custom",
    ];

    #[test]
    fn api_enum_is_covered() {
        for id in API_ENUM {
            assert!(
                lookup(id).is_some() || NOT_LAUNCHED.contains(id) || *id == "custom",
                "`{id}` is in the API enum but neither in the table nor knowingly left out"
            );
        }
        for runtime in all() {
            assert!(API_ENUM.contains(&runtime.id), "`{}` is not an API identifier", runtime.id);
        }
        assert_eq!(all().len() + NOT_LAUNCHED.len() + 1, API_ENUM.len());
    }

    #[test]
    fn rows_are_consistent() {
        let mut seen = std::collections::HashSet::new();
        for runtime in all() {
            assert!(seen.insert(runtime.id), "duplicate `{}`", runtime.id);
            assert_eq!(Family::guess(runtime.id), Some(runtime.family), "{}", runtime.id);
            // The create block never comes after the update block.
            if let (Some(create), Some(update)) = (runtime.block_create, runtime.block_update) {
                assert!(create <= update, "{}", runtime.id);
            }
            if let Some(version) = runtime.version {
                assert!(runtime.id.contains(version) || runtime.id == "nodejs", "{}", runtime.id);
            }
        }
    }

    #[test]
    fn each_family_lists_its_newest_first() {
        let key = |runtime: &Runtime| -> Vec<u32> {
            runtime.version.unwrap_or("0").split('.').map(|part| part.parse().unwrap_or(0)).collect()
        };
        for runtime in all() {
            let newest = runtime.newest_in_family();
            assert_eq!(newest.family, runtime.family);
            assert!(key(newest) >= key(runtime), "{} before {}", runtime.id, newest.id);
            // What we tell people to move to is supported as of the table's date.
            assert_eq!(check_runtime(runtime.upgrade_target().id, as_of()), Verdict::Ok);
        }
    }

    #[test]
    fn provider_floors_raise_the_default_range() {
        assert_eq!(provider_constraint(["python3.13", "nodejs22.x", "provided.al2023"]), DEFAULT_PROVIDER_CONSTRAINT);
        assert_eq!(provider_constraint(std::iter::empty()), DEFAULT_PROVIDER_CONSTRAINT);
        // The newest floor wins, whatever the order; an unknown id (reported elsewhere) adds none.
        assert_eq!(provider_constraint(["dotnet10", "python3.14", "nodejs24.x"]), ">= 6.27.0, < 7.0");
        assert_eq!(provider_constraint(["nodejs24.x", "nope"]), ">= 6.19.0, < 7.0");
        assert_eq!(provider_constraint(["java21"]), ">= 5.27.0, < 7.0");
        assert_eq!(provider_constraint(["java17.al2023", "java21"]), ">= 6.0.0, < 7.0");
        assert_eq!(
            provider_note("nodejs24.x").unwrap(),
            "runtime `nodejs24.x` needs the `hashicorp/aws` provider 6.19.0 or later (older releases reject \
             it at `terraform validate`): the output requires `>= 6.19.0, < 7.0`; where an older provider \
             is locked, run `terraform init -upgrade`"
        );
        assert!(provider_note("ruby4.0").unwrap().contains("does not record the first 6.x release"));
        for runtime in all() {
            // Every floor is inside the range the output allows, so raising it never empties it.
            if let Some(version) = runtime.provider.minimum() {
                assert!((5..7).contains(&version.major), "{}", runtime.id);
            }
            assert_eq!(provider_note(runtime.id).is_some(), runtime.provider != ProviderFloor::Default);
        }
    }

    #[test]
    fn table_is_fresh() {
        // AWS moves these dates every few months; a stale table silently passes or fails builds.
        let today = Date::today();
        assert!(
            today.days_since_epoch() - as_of().days_since_epoch() <= 183,
            "the runtime table is from {AS_OF}, more than six months before {today}: re-check it \
             against AWS's runtimes page (see the module documentation of rules/runtimes.rs)"
        );
    }
}
