//! Numeric limits of Lambda and its neighbours.
//!
//! Sources (as of 2026-11-25): the Lambda quotas page
//! (docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html), the CreateFunction API model
//! in botocore 1.44.8 (`lambda/2015-03-31/service-2.json`), the IAM quotas page, and the
//! terraform-provider-aws docs. Where the newest API model is wider than the documented limit for an
//! ordinary zip function (memory 32768, timeout 5400 for Managed Instances), the documented limit is
//! used; widening one is a reviewed change to this file.
//!
//! ```
//! use lambda_stack_core::rules::limits;
//! assert!(limits::check_timeout(900).is_ok());
//! assert!(limits::check_timeout(901).is_err());
//! ```

use std::ops::RangeInclusive;

/// Function memory in MB (any 1 MB step).
pub const MEMORY_MB: RangeInclusive<u64> = 128..=10_240;
/// Function timeout in seconds.
pub const TIMEOUT_SECONDS: RangeInclusive<u64> = 1..=900;
/// Lambda's memory when none is given, written out so the JSON says what will be deployed.
pub const DEFAULT_MEMORY_MB: u64 = 128;
/// Lambda's timeout when none is given.
pub const DEFAULT_TIMEOUT_SECONDS: u64 = 3;
/// `/tmp` size in MB.
pub const EPHEMERAL_STORAGE_MB: RangeInclusive<u64> = 512..=10_240;
/// Layers a function may use.
pub const MAX_LAYERS: usize = 5;
/// A layer version ARN, in characters (the API's `LayerVersionArn` pattern, 1 to 2048).
pub const MAX_LAYER_ARN_CHARS: usize = 2_048;
/// The largest reserved concurrency accepted: above any account's concurrency limit. The account's
/// own limit (1,000 by default, 10 on new accounts) is not known at build time.
pub const MAX_RESERVED_CONCURRENCY: u64 = 1_000_000;
/// Function description length in characters.
pub const MAX_DESCRIPTION_CHARS: usize = 256;
/// CloudWatch Logs `retention_in_days` values (API `Days` enum, PutRetentionPolicy).
pub const LOG_RETENTION_DAYS: &[u64] =
    &[1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653];
/// The retention lambda-stack sets when none is given: a year, which is what checkov's
/// CKV_AWS_338 asks for, and never "forever" (Lambda's own default, CKV_AWS_66).
pub const DEFAULT_LOG_RETENTION_DAYS: u64 = 365;
/// A direct-upload zip, in bytes: the CreateFunction request limit is 69,905,067 bytes of base64.
pub const MAX_ZIP_BYTES: u64 = 52_428_800;
/// Function code plus layers, unzipped ("Unzipped size must be smaller than 262144000 bytes").
pub const MAX_UNZIPPED_BYTES: u64 = 262_144_000;
/// A synchronous invocation's event: "limit 6291456 bytes" in Lambda's `RequestEntityTooLargeException`.
pub const MAX_INVOKE_PAYLOAD_BYTES: usize = 6_291_456;
/// A synchronous invocation's response: Lambda answers a runtime's larger `/response` with 413
/// and the caller gets `Function.ResponseSizeTooLarge`, "maximum allowed payload size (6291556 bytes)".
pub const MAX_RESPONSE_PAYLOAD_BYTES: usize = 6_291_556;
/// How long a runtime may take to initialize before Lambda gives up on the init phase.
pub const INIT_TIMEOUT_SECONDS: u64 = 10;
/// All environment variables of a function, as the UTF-8 length of `{"K":"V",...}`.
pub const MAX_ENV_BYTES: usize = 4_096;
/// Inline policies of one role together, whitespace not counted (IAM quotas page).
pub const MAX_ROLE_INLINE_POLICY_CHARS: usize = 10_240;
/// Handler string length (API `Handler` shape).
pub const MAX_HANDLER_CHARS: usize = 128;
/// Tags on one resource, and their key and value lengths (API `Tags`).
pub const MAX_TAGS: usize = 50;
pub const MAX_TAG_KEY_CHARS: usize = 128;
pub const MAX_TAG_VALUE_CHARS: usize = 256;

/// Memory is between 128 and 10240 MB.
pub fn check_memory(mb: u64) -> Result<(), String> {
    check_range("memory", mb, &MEMORY_MB, "MB")
}

/// Timeout is between 1 and 900 seconds.
pub fn check_timeout(seconds: u64) -> Result<(), String> {
    check_range("timeout", seconds, &TIMEOUT_SECONDS, "seconds")
}

/// Ephemeral storage (`/tmp`) is between 512 and 10240 MB.
pub fn check_ephemeral_storage(mb: u64) -> Result<(), String> {
    check_range("ephemeral_storage", mb, &EPHEMERAL_STORAGE_MB, "MB")
}

/// Log retention is one of the values CloudWatch Logs accepts.
pub fn check_log_retention(days: u64) -> Result<(), String> {
    if LOG_RETENTION_DAYS.contains(&days) {
        return Ok(());
    }
    let nearest = LOG_RETENTION_DAYS
        .iter()
        .min_by_key(|&&allowed| allowed.abs_diff(days))
        .copied()
        .unwrap_or(DEFAULT_LOG_RETENTION_DAYS);
    Err(format!(
        "log_retention must be one of CloudWatch Logs' values ({}) days, found {days}; the nearest is {nearest}",
        LOG_RETENTION_DAYS.iter().map(u64::to_string).collect::<Vec<_>>().join(", ")
    ))
}

/// A function uses at most 5 layers.
pub fn check_layer_count(count: usize) -> Result<(), String> {
    if count <= MAX_LAYERS {
        Ok(())
    } else {
        Err(format!("a function can use at most {MAX_LAYERS} layers, found {count}"))
    }
}

/// A layer is a layer version ARN: `arn:aws:lambda:<region>:<account>:layer:<name>:<version>`.
pub fn check_layer_arn(arn: &str) -> Result<(), String> {
    let parts: Vec<&str> = arn.split(':').collect();
    let valid = parts.len() == 8
        && parts[0] == "arn"
        && parts[1].starts_with("aws")
        && parts[1][3..].chars().all(|c| c.is_ascii_lowercase() || c == '-')
        && parts[2] == "lambda"
        && !parts[3].is_empty()
        && parts[3].chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && parts[4].len() == 12
        && parts[4].chars().all(|c| c.is_ascii_digit())
        && parts[5] == "layer"
        && !parts[6].is_empty()
        && parts[6].chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        && !parts[7].is_empty()
        && parts[7].chars().all(|c| c.is_ascii_digit());
    if valid && arn.len() <= MAX_LAYER_ARN_CHARS {
        Ok(())
    } else {
        Err(format!("`{arn}` is not a layer version ARN; expected `arn:aws:lambda:REGION:ACCOUNT:layer:NAME:VERSION`"))
    }
}

/// A description is at most 256 characters.
pub fn check_description(text: &str) -> Result<(), String> {
    let length = text.chars().count();
    if length <= MAX_DESCRIPTION_CHARS {
        Ok(())
    } else {
        Err(format!("description must be at most {MAX_DESCRIPTION_CHARS} characters, found {length}"))
    }
}

/// Reserved concurrency is a count of executions; 0 stops the function from running at all.
pub fn check_reserved_concurrency(count: u64) -> Result<(), String> {
    if count <= MAX_RESERVED_CONCURRENCY {
        Ok(())
    } else {
        Err(format!("reserved_concurrency {count} is beyond any account's concurrency limit"))
    }
}

/// A new account's concurrent executions, across its functions of a region (Lambda quotas,
/// "Concurrent executions: 1,000", as of 2026-12-03).
pub const DEFAULT_ACCOUNT_CONCURRENCY: u64 = 1_000;

/// What Lambda keeps unreserved for the functions that reserve none: `PutFunctionConcurrency`
/// fails once the account's unreserved concurrency would fall below 100.
pub const UNRESERVED_CONCURRENCY: u64 = 100;

/// The stack's reserved concurrency, summed over its functions, leaves the account's 100
/// unreserved executions: else Terraform's apply fails at the function that would cross it.
pub fn check_concurrency_budget(reserved: u64, account: Option<u64>) -> Result<(), String> {
    let limit = account.unwrap_or(DEFAULT_ACCOUNT_CONCURRENCY);
    let budget = concurrency_budget(account);
    if reserved <= budget {
        return Ok(());
    }
    let (account, hint) = match account {
        Some(_) => (format!("`account_concurrency: {limit}`"), ""),
        None => (
            format!("a default account's {limit}"),
            ", or write `account_concurrency: N` if Service Quotas raised your account's limit",
        ),
    };
    Err(format!(
        "the stack's functions reserve {reserved} concurrent executions in all; of {account}, Lambda keeps \
         {UNRESERVED_CONCURRENCY} unreserved, which leaves {budget}: lower `reserved_concurrency`{hint}"
    ))
}

/// What a stack's functions may reserve in all in an account with `account` concurrent executions
/// (a default account's when `None`).
pub fn concurrency_budget(account: Option<u64>) -> u64 {
    account.unwrap_or(DEFAULT_ACCOUNT_CONCURRENCY).saturating_sub(UNRESERVED_CONCURRENCY)
}

/// `account_concurrency` is at least Lambda's 100 unreserved executions.
pub fn check_account_concurrency(limit: u64) -> Result<(), String> {
    if (UNRESERVED_CONCURRENCY..=MAX_RESERVED_CONCURRENCY).contains(&limit) {
        return Ok(());
    }
    Err(format!(
        "`account_concurrency` is {limit}; an account's concurrency limit is at least {UNRESERVED_CONCURRENCY} \
         (Lambda keeps that many unreserved) and at most {MAX_RESERVED_CONCURRENCY}"
    ))
}

/// Tags: at most 50, keys 1–128 characters not starting with `aws:`, values at most 256.
pub fn check_tags<'a, I>(tags: I) -> Result<(), String>
where
    I: IntoIterator<Item = (&'a str, &'a str)>,
{
    let mut count = 0;
    for (key, value) in tags {
        count += 1;
        check_tag(key, value)?;
    }
    if count > MAX_TAGS {
        return Err(format!("at most {MAX_TAGS} tags are allowed on a resource, found {count}"));
    }
    Ok(())
}

/// One tag: key 1–128 characters, not starting with `aws:`; value at most 256 characters.
pub fn check_tag(key: &str, value: &str) -> Result<(), String> {
    check_tag_key(key)?;
    check_tag_value(key, value)
}

/// Which side of a tag a rule failed on, so that the error sits on that token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TagSide {
    // Not `Value`: a public item of that name makes rustc spell out `lambda_stack::events::Value`
    // in the ui cases' lists of implementors.
    KeySide,
    ValueSide,
}

/// [`check_tag`], saying whether the key or the value failed.
pub fn check_tag_sides(key: &str, value: &str) -> Result<(), (TagSide, String)> {
    check_tag_key(key).map_err(|message| (TagSide::KeySide, message))?;
    check_tag_value(key, value).map_err(|message| (TagSide::ValueSide, message))
}

fn tag_char_allowed(c: char) -> bool {
    c.is_alphanumeric() || " _.:/=+-@".contains(c)
}

/// A tag key: 1–128 characters of letters, digits, spaces and `_.:/=+-@`, not starting with `aws:`.
pub fn check_tag_key(key: &str) -> Result<(), String> {
    let key_chars = key.chars().count();
    if key_chars == 0 || key_chars > MAX_TAG_KEY_CHARS {
        return Err(format!("tag key `{key}` must be 1 to {MAX_TAG_KEY_CHARS} characters, found {key_chars}"));
    }
    if key.to_ascii_lowercase().starts_with("aws:") {
        return Err(format!("tag key `{key}` uses the reserved prefix `aws:`"));
    }
    if let Some(bad) = key.chars().find(|&c| !tag_char_allowed(c)) {
        return Err(format!("tag key `{key}` contains `{bad}`; tags allow letters, digits, spaces and `_.:/=+-@`"));
    }
    Ok(())
}

/// A tag value (of `key`): at most 256 characters of letters, digits, spaces and `_.:/=+-@`.
pub fn check_tag_value(key: &str, value: &str) -> Result<(), String> {
    if let Some(bad) = value.chars().find(|&c| !tag_char_allowed(c)) {
        return Err(format!("tag value `{value}` contains `{bad}`; tags allow letters, digits, spaces and `_.:/=+-@`"));
    }
    let value_chars = value.chars().count();
    if value_chars > MAX_TAG_VALUE_CHARS {
        return Err(format!(
            "tag value for `{key}` must be at most {MAX_TAG_VALUE_CHARS} characters, found {value_chars}"
        ));
    }
    Ok(())
}

/// A role's inline policies fit IAM's 10,240-character quota (whitespace not counted).
pub fn check_role_inline_policy_size(role: &str, chars: usize) -> Result<(), String> {
    if chars <= MAX_ROLE_INLINE_POLICY_CHARS {
        Ok(())
    } else {
        Err(format!(
            "the inline policies of role `{role}` take {chars} characters, above IAM's limit of \
             {MAX_ROLE_INLINE_POLICY_CHARS} per role; share fewer statements or split the role"
        ))
    }
}

/// `what` lies in `range`: `"{what} must be between {lo} and {hi} {unit}, found {value}"`.
pub fn check_range(what: &str, value: u64, range: &RangeInclusive<u64>, unit: &str) -> Result<(), String> {
    if range.contains(&value) {
        Ok(())
    } else {
        Err(format!("{what} must be between {} and {} {unit}, found {value}", range.start(), range.end()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn concurrency_budgets() {
        assert!(check_concurrency_budget(900, None).is_ok());
        assert!(check_concurrency_budget(901, None).unwrap_err().contains("which leaves 900"));
        assert!(check_concurrency_budget(2_900, Some(3_000)).is_ok());
        assert!(check_account_concurrency(99).is_err());
    }

    #[test]
    fn ranges_include_their_ends() {
        for ok in [128, 10_240] {
            assert!(check_memory(ok).is_ok());
        }
        for bad in [0, 127, 10_241] {
            assert!(check_memory(bad).is_err());
        }
        assert!(check_timeout(0).is_err());
        assert!(check_ephemeral_storage(511).is_err());
        assert!(check_ephemeral_storage(512).is_ok());
    }

    #[test]
    fn retention_suggests_the_nearest_value() {
        assert!(check_log_retention(14).is_ok());
        let message = check_log_retention(10).unwrap_err();
        assert!(message.ends_with("the nearest is 7"), "{message}");
    }

    #[test]
    fn layer_arns() {
        assert!(check_layer_arn("arn:aws:lambda:eu-west-3:123456789012:layer:pandas:3").is_ok());
        assert!(check_layer_arn("arn:aws:lambda:eu-west-3:123456789012:layer:pandas").is_err());
        assert!(check_layer_arn("pandas").is_err());
        assert!(check_layer_count(6).is_err());
    }

    #[test]
    fn tags() {
        assert!(check_tag("team", "data").is_ok());
        assert!(check_tag("aws:created", "x").is_err());
        assert!(check_tag("", "x").is_err());
        assert!(check_tag("a", &"v".repeat(257)).is_err());
        assert_eq!(check_tag_sides("team", "a#b").unwrap_err().0, TagSide::ValueSide);
        assert_eq!(check_tag_sides("te#am", "ab").unwrap_err().0, TagSide::KeySide);
    }
}
