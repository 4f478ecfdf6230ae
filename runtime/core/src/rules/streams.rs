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
use crate::keys::{Arg, Key, Kind, TriggerKind};

/// A stream that triggers a function.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum StreamSource {
    DynamoDb,
    Kinesis,
}

impl StreamSource {
    pub fn trigger(self) -> TriggerKind {
        match self {
            StreamSource::DynamoDb => TriggerKind::Dynamodb,
            StreamSource::Kinesis => TriggerKind::Kinesis,
        }
    }

    /// The trigger's keyword in `lambda_stack!`.
    pub fn keyword(self) -> &'static str {
        self.trigger().keyword()
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
/// A key attribute name, in bytes (`KeySchemaAttributeName`).
pub const KEY_ATTRIBUTE_BYTES: RangeInclusive<usize> = 1..=255;
/// The smallest default shard quota of an account (most regions; 6,000 or 20,000 in some).
pub const DEFAULT_SHARD_QUOTA: u64 = 1_000;

/// Where a stream trigger starts reading.
///
/// Kinesis's `AT_TIMESTAMP` is left out on purpose: it needs a timestamp besides the word,
/// Lambda uses it only when the mapping is created, and Terraform replaces the mapping when it
/// changes, so a date written into a stack would replay the stream from that date on every
/// re-creation. DynamoDB streams do not support it at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum StartPosition {
    /// Records written from now on: replaying a stream's retained history on a fresh deploy is
    /// something to ask for, not a default.
    #[default]
    Latest,
    TrimHorizon,
}

impl StartPosition {
    pub const WORDS: &[(&str, &str, StartPosition)] =
        &[("latest", "LATEST", StartPosition::Latest), ("trim_horizon", "TRIM_HORIZON", StartPosition::TrimHorizon)];

    /// `start:` of a `source` trigger is `latest` or `trim_horizon`.
    pub fn parse(source: StreamSource, word: &str) -> Result<StartPosition, String> {
        if let Some(&(_, _, start)) = Self::WORDS.iter().find(|&&(w, _, _)| w == word) {
            return Ok(start);
        }
        let words = Self::WORDS.iter().map(|&(w, _, _)| w);
        if word.eq_ignore_ascii_case("at_timestamp") {
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
            "unknown start position `{word}` for a `{source}` trigger; expected {}{}",
            one_of(words.clone()),
            did_you_mean(word, words)
        ))
    }

    /// The `StartingPosition`.
    pub fn api(self) -> &'static str {
        Self::WORDS.iter().find(|&&(_, _, s)| s == self).map_or("LATEST", |&(_, api, _)| api)
    }
}

/// A DynamoDB or Kinesis trigger's batch is 1–10,000 records, and its window 0–300 seconds.
///
/// Unlike SQS, a stream needs no window above 10 records, whatever the CreateEventSourceMapping
/// API text says ("For Kinesis, DynamoDB, and Amazon SQS event sources, when you set BatchSize to a
/// value greater than 10, you must set MaximumBatchingWindowInSeconds to at least 1"): the stream
/// parameter pages give a default batch of 100 with a default window of 0, which Lambda accepts.
pub fn check_stream_batch(source: StreamSource, batch_size: u64, window: Option<u64>) -> Result<(), (Arg, String)> {
    if !STREAM_BATCH_SIZE.contains(&batch_size) {
        return Err((
            Arg::BatchSize,
            format!(
                "batch_size for a `{source}` trigger must be between {} and {} records, found {batch_size}",
                STREAM_BATCH_SIZE.start(),
                STREAM_BATCH_SIZE.end()
            ),
        ));
    }
    match window {
        Some(window) => check_range("window", window, &BATCH_WINDOW_SECONDS, "seconds").map_err(|e| (Arg::Window, e)),
        None => Ok(()),
    }
}

/// What a table's stream records.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StreamView {
    NewImage,
    OldImage,
    NewAndOldImages,
    KeysOnly,
}

impl StreamView {
    /// The words `stream:` takes and their `StreamViewType`.
    pub const WORDS: &[(&str, &str, StreamView)] = &[
        ("new_image", "NEW_IMAGE", StreamView::NewImage),
        ("old_image", "OLD_IMAGE", StreamView::OldImage),
        ("new_and_old_images", "NEW_AND_OLD_IMAGES", StreamView::NewAndOldImages),
        ("keys_only", "KEYS_ONLY", StreamView::KeysOnly),
    ];

    pub fn parse(word: &str) -> Result<StreamView, String> {
        if let Some(&(_, _, view)) = Self::WORDS.iter().find(|&&(w, _, _)| w == word) {
            return Ok(view);
        }
        let words = Self::WORDS.iter().map(|&(w, _, _)| w);
        Err(format!("unknown stream view `{word}`; expected {}{}", one_of(words.clone()), did_you_mean(word, words)))
    }

    /// The `StreamViewType`.
    pub fn api(self) -> &'static str {
        Self::WORDS.iter().find(|&&(_, _, v)| v == self).map_or("NEW_AND_OLD_IMAGES", |&(_, api, _)| api)
    }
}

/// A `dynamodb(..)` trigger reads the table's stream, so the table declares one.
pub fn check_table_has_stream(table: &str, has_stream: bool) -> Result<(), String> {
    if has_stream {
        return Ok(());
    }
    Err(format!(
        "a dynamodb trigger reads the table's stream, but table `{table}` has none; add `stream: \
         new_and_old_images` (or {}) to `table {table}`",
        one_of(StreamView::WORDS.iter().map(|&(word, _, _)| word).filter(|&word| word != "new_and_old_images"))
    ))
}

/// `orders.stream_arn` reads the table's stream, so the table declares one.
pub fn no_stream_arn(table: &str) -> String {
    format!("table `{table}` has no stream, so no `stream_arn`; add `stream: new_and_old_images` to `table {table}`")
}

/// A table's key attribute names are 1–255 bytes, and its range key is not its hash key.
pub fn check_table_keys(table: &str, hash_key: &str, range_key: Option<&str>) -> Result<(), (Key, String)> {
    for (key, name) in std::iter::once((Key::HashKey, hash_key)).chain(range_key.map(|r| (Key::RangeKey, r))) {
        if !KEY_ATTRIBUTE_BYTES.contains(&name.len()) {
            return Err((
                key,
                format!(
                    "table `{table}`: `{key}` must be 1 to {} bytes, found {}",
                    KEY_ATTRIBUTE_BYTES.end(),
                    name.len()
                ),
            ));
        }
    }
    if range_key == Some(hash_key) {
        return Err((
            Key::RangeKey,
            format!("table `{table}`: `range_key` must differ from `hash_key` (`{hash_key}`)"),
        ));
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

/// `max_retries` of a stream trigger (`MaximumRetryAttempts`; unlimited, -1, when not given).
pub const STREAM_MAX_RETRIES: RangeInclusive<u64> = 0..=10_000;
/// `max_age` of a stream trigger, in seconds (`MaximumRecordAgeInSeconds`; unlimited, -1, when
/// not given).
pub const STREAM_MAX_AGE_SECONDS: RangeInclusive<u64> = 60..=604_800;
/// `parallelization` (`ParallelizationFactor`): batches of a shard processed at once.
pub const PARALLELIZATION: RangeInclusive<u64> = 1..=10;
/// `tumbling_window` (`TumblingWindowInSeconds`).
pub const TUMBLING_WINDOW_SECONDS: RangeInclusive<u64> = 0..=900;

/// A stream trigger's failure handling and concurrency are within Lambda's ranges
/// (`CreateEventSourceMapping` API model, as of 2026-12-03).
pub fn check_stream_failure_handling(
    max_retries: Option<u64>,
    max_age: Option<u64>,
    parallelization: Option<u64>,
    tumbling_window: Option<u64>,
) -> Vec<(Arg, String)> {
    let checks = [
        (Arg::MaxRetries, max_retries, &STREAM_MAX_RETRIES, "retries"),
        (Arg::MaxAge, max_age, &STREAM_MAX_AGE_SECONDS, "seconds"),
        (Arg::Parallelization, parallelization, &PARALLELIZATION, "batches per shard"),
        (Arg::TumblingWindow, tumbling_window, &TUMBLING_WINDOW_SECONDS, "seconds"),
    ];
    checks
        .into_iter()
        .filter_map(|(arg, value, range, unit)| {
            let value = value?;
            super::limits::check_range(&format!("`{arg}`"), value, range, unit).err().map(|e| (arg, e))
        })
        .collect()
}

/// A stream trigger's `on_failure` is a standard queue or topic: Lambda sends it a description of
/// each batch it gave up on.
pub fn check_stream_on_failure(target: &str, kind: Kind, fifo: bool) -> Result<(), String> {
    match kind {
        Kind::Queue | Kind::Topic if fifo => {
            Err(format!("`on_failure` of a stream trigger takes a standard {kind}, but `{target}` is FIFO"))
        }
        Kind::Queue | Kind::Topic => Ok(()),
        other => Err(format!("`on_failure` of a stream trigger takes a queue or a topic, but `{target}` is a {other}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stream_starts() {
        for source in [StreamSource::DynamoDb, StreamSource::Kinesis] {
            assert_eq!(StartPosition::parse(source, "latest").map(StartPosition::api), Ok("LATEST"));
            assert_eq!(StartPosition::parse(source, "trim_horizon").map(StartPosition::api), Ok("TRIM_HORIZON"));
            assert!(StartPosition::parse(source, "LATEST").unwrap_err().ends_with("did you mean `latest`?"));
            assert_eq!(StartPosition::default(), StartPosition::Latest);
        }
        assert!(StartPosition::parse(StreamSource::Kinesis, "at_timestamp").unwrap_err().contains("not supported"));
        assert!(StartPosition::parse(StreamSource::DynamoDb, "at_timestamp")
            .unwrap_err()
            .contains("cannot start at a timestamp"));
        assert_eq!(
            StartPosition::parse(StreamSource::Kinesis, "oldest").unwrap_err(),
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
            check_stream_batch(StreamSource::DynamoDb, 0, None).unwrap_err().1,
            "batch_size for a `dynamodb` trigger must be between 1 and 10000 records, found 0"
        );
    }

    #[test]
    fn tables() {
        assert_eq!(StreamView::parse("new_and_old_images").map(StreamView::api), Ok("NEW_AND_OLD_IMAGES"));
        assert_eq!(StreamView::parse("keys_only").map(StreamView::api), Ok("KEYS_ONLY"));
        assert!(StreamView::parse("new_images").unwrap_err().ends_with("did you mean `new_image`?"));
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
            .1
            .contains("`range_key` must be 1 to 255 bytes"));
        assert!(check_table_keys("orders", "id", Some("id")).unwrap_err().1.contains("must differ"));
    }

    #[test]
    fn shards() {
        assert!(matches!(check_shards("clicks", 0), Verdict::Error(_)));
        assert_eq!(check_shards("clicks", 1), Verdict::Ok);
        assert_eq!(check_shards("clicks", 1_000), Verdict::Ok);
        assert!(matches!(check_shards("clicks", 1_001), Verdict::Warning(_)));
    }
}
