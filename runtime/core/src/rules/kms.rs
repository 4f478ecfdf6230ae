//! KMS keys: `key NAME { rotation, deletion_window }` and the `kms: KEY` that encrypts a resource
//! with one.
//!
//! Limits are the KMS API reference's (`CreateKey`, `ScheduleKeyDeletion`: `PendingWindowInDays`
//! 7–30, default 30; `CreateAlias`: `alias/` + `[a-zA-Z0-9/_-]`, at most 256 characters) and the
//! CloudWatch Logs guide "Encrypt log data in CloudWatch Logs using AWS KMS" (the
//! `kms:EncryptionContext:aws:logs:arn` condition), as of 2026-12-03.
//!
//! ```
//! use lambda_stack_core::rules::kms;
//! assert!(kms::check_deletion_window(7).is_ok());
//! assert_eq!(
//!     kms::check_deletion_window(3).unwrap_err(),
//!     "`deletion_window` must be between 7 and 30 days, found 3"
//! );
//! assert_eq!(kms::alias_name("shop", "app_key"), "alias/shop-app_key");
//! ```

use std::ops::RangeInclusive;

/// The days KMS waits before deleting a key scheduled for deletion.
pub const DELETION_WINDOW_DAYS: RangeInclusive<u64> = 7..=30;
/// KMS's default deletion window, which lambda-stack writes when none is given.
pub const DEFAULT_DELETION_WINDOW: u64 = 30;
/// The longest alias name, `alias/` included.
pub const MAX_ALIAS_NAME: usize = 256;
/// The encryption-context key CloudWatch Logs sets to the log group's ARN; the key policy's
/// statement for Logs is conditioned on it, so the key encrypts only this account's log groups.
pub const LOGS_CONTEXT_KEY: &str = "kms:EncryptionContext:aws:logs:arn";
/// What a service principal needs on a key to write encrypted data (SNS publishing to an
/// encrypted queue, S3 and EventBridge to an encrypted topic).
pub const PUBLISHER_ACTIONS: &[&str] = &["kms:Decrypt", "kms:GenerateDataKey*"];
/// What CloudWatch Logs needs on the key of an encrypted log group.
pub const LOGS_ACTIONS: &[&str] =
    &["kms:Decrypt", "kms:DescribeKey", "kms:Encrypt", "kms:GenerateDataKey*", "kms:ReEncrypt*"];
/// What a function's role gets on a key it reads data encrypted with (its environment, the queue,
/// stream or table its triggers read).
pub const READER_ACTIONS: &[&str] = &["kms:Decrypt"];
/// What a function's role gets on a key it may also write with (what its `allow` names, its
/// `dead_letter`).
pub const WRITER_ACTIONS: &[&str] = &["kms:Decrypt", "kms:GenerateDataKey"];

/// A deletion window is 7 to 30 days.
pub fn check_deletion_window(days: u64) -> Result<(), String> {
    if DELETION_WINDOW_DAYS.contains(&days) {
        return Ok(());
    }
    Err(format!(
        "`deletion_window` must be between {} and {} days, found {days}",
        DELETION_WINDOW_DAYS.start(),
        DELETION_WINDOW_DAYS.end()
    ))
}

/// The alias of key `key` in `stack`.
pub fn alias_name(stack: &str, key: &str) -> String {
    format!("alias/{stack}-{key}")
}

/// An owned key's alias fits KMS's 256 characters of letters, digits, `/`, `_` and `-` (being
/// `alias/<stack>-..`, it never starts with the `alias/aws/` AWS keeps for its managed keys).
pub fn check_alias(stack: &str, key: &str) -> Result<(), String> {
    let alias = alias_name(stack, key);
    if alias.len() > MAX_ALIAS_NAME {
        return Err(format!(
            "key alias `{alias}` is {} characters, above KMS's limit of {MAX_ALIAS_NAME}; shorten the key or stack name",
            alias.len()
        ));
    }
    if let Some(bad) = alias.chars().find(|&c| !(c.is_ascii_alphanumeric() || "/_-".contains(c))) {
        return Err(format!("key alias `{alias}` contains `{bad}`; KMS allows letters, digits, `/`, `_` and `-`"));
    }
    Ok(())
}

/// What `kms:` names is a `key`: the message when it names another kind of declaration.
pub fn not_a_key(name: &str, kind: super::resources::Kind) -> String {
    format!("`kms` takes a `key`, but `{name}` is a {kind}; declare one with `key {name}_key {{ rotation: true }}` and write `kms: {name}_key`")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_deletion_window_is_seven_to_thirty_days() {
        assert!(check_deletion_window(30).is_ok());
        assert!(check_deletion_window(31).unwrap_err().contains("found 31"));
        assert!(check_deletion_window(6).is_err());
    }

    #[test]
    fn aliases_are_checked() {
        assert!(check_alias("shop", "app_key").is_ok());
        assert!(check_alias(&"s".repeat(250), "app_key").unwrap_err().contains("above KMS's limit"));
    }
}
