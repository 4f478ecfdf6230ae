//! DynamoDB and Kinesis streams: what a `dynamodb(..)` or `kinesis(..)` trigger reads, where it
//! starts and how it batches, and the tables and streams it reads from (key attributes, stream
//! views, shards).
//!
//! Sources, as of 2026-11-25: Lambda developer guide, services-kinesis-parameters (default batch
//! 100 with a window of 0); the `CreateEventSourceMapping` API model (DynamoDB and Kinesis batches
//! 1–10,000, `AT_TIMESTAMP` for Kinesis only); DynamoDB `StreamViewType` and
//! `KeySchemaAttributeName`, Kinesis `ShardCount` (botocore 1.44.8); Kinesis "Quotas and limits"
//! (docs.aws.amazon.com/streams/latest/dev/service-sizes-and-limits.html).
//!
//! Decisions where AWS leaves room, each explained where it is made: stream triggers start at
//! `latest` or `trim_horizon`, not Kinesis's `at_timestamp`; stream batches above 10 need no window
//! (only SQS's do); a Kinesis stream without `shards` is on-demand, and more shards than the
//! smallest default quota only warn. Table and stream names are in [`super::names`].

use std::ops::RangeInclusive;

use super::limits::check_range;
use super::sqs::BATCH_WINDOW_SECONDS;
use super::suggest::{did_you_mean, one_of};
use super::Verdict;

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
/// use lambda_stack_core::rules::streams::{check_start_position, StreamSource};
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
