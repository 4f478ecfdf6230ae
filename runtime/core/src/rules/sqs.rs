//! SQS queues and `sqs(..)` triggers: queue attributes, trigger batches, the visibility timeout a
//! trigger needs, and redrive to a dead-letter queue.
//!
//! Sources, as of 2026-11-25:
//!
//! * SQS triggers: Lambda developer guide, services-sqs-parameters (batch size, no batching window
//!   for FIFO) and services-sqs-configure (function timeout within the visibility timeout, the 6×
//!   advice); the `CreateEventSourceMapping` API model (1–10,000, window 0–300, above 10 needs a
//!   window).
//! * Queues: SQS `CreateQueue` API model (visibility 0–43,200, retention 60–1,209,600; "the
//!   dead-letter queue of a FIFO queue must also be a FIFO queue"); 1–1,000 maximum receives, the
//!   SQS console's bounds (the API documents no range; AWS's Modern Data Architecture Accelerator
//!   validates the same); the SQS developer guide, setting-up-dead-letter-queue-retention.
//!
//! Queue names are in [`super::names`].
//!
//! ```
//! use lambda_stack_core::rules::sqs;
//! assert!(sqs::check_sqs_batch(100, Some(5), false).is_ok());
//! assert!(sqs::check_sqs_batch(100, None, false).is_err());
//! ```

use crate::keys::{Arg, Key};
use std::ops::RangeInclusive;

use super::limits::check_range;
use super::Verdict;

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
/// `max_receive` (the redrive policy's `maxReceiveCount`).
pub const MAX_RECEIVE: RangeInclusive<u64> = 1..=1_000;
/// The `maxReceiveCount` the CreateQueue API documents as its default, for a `dead_letter` given
/// without `max_receive`.
pub const DEFAULT_MAX_RECEIVE: u64 = 10;

/// An `sqs(..)` trigger's batch: 1–10,000 messages (at most 10 for FIFO), a window of 0–300
/// seconds that FIFO queues do not take, and a window of at least 1 second above 10 messages.
pub fn check_sqs_batch(batch_size: u64, window: Option<u64>, fifo: bool) -> Result<(), (Arg, String)> {
    check_range("batch_size", batch_size, &SQS_BATCH_SIZE, "messages").map_err(|e| (Arg::BatchSize, e))?;
    if let Some(window) = window {
        check_range("window", window, &BATCH_WINDOW_SECONDS, "seconds").map_err(|e| (Arg::Window, e))?;
    }
    if fifo {
        if batch_size > SQS_FIFO_MAX_BATCH_SIZE {
            return Err((
                Arg::BatchSize,
                format!("batch_size for a FIFO queue must be at most {SQS_FIFO_MAX_BATCH_SIZE}, found {batch_size}"),
            ));
        }
        if window.is_some() {
            return Err((Arg::Window, "FIFO queues take no batching window; remove `window`".to_string()));
        }
        return Ok(());
    }
    if batch_size > MAX_BATCH_WITHOUT_WINDOW && window.unwrap_or(0) == 0 {
        return Err((
            Arg::BatchSize,
            format!(
                "a batch_size above {MAX_BATCH_WITHOUT_WINDOW} ({batch_size}) needs a batching window of at \
                 least 1 second, such as `window: 1`"
            ),
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
    if !exceeds_visibility(function_timeout, visibility_timeout) {
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

/// Whether a function's timeout is above the visibility timeout of a queue it reads. A `const fn`:
/// a stack binding a `#[function]` evaluates it at compile time against the attribute's timeout.
pub const fn exceeds_visibility(function_timeout: u64, visibility_timeout: u64) -> bool {
    function_timeout > visibility_timeout
}

/// [`check_visibility_timeout`]'s message for a stack binding a `#[function]`, where the timeout
/// may be the attribute's or Lambda's default.
pub fn binding_visibility_message(function: &str, queue: &str, visibility_timeout: u64) -> String {
    format!(
        "the timeout of function `{function}` (its `#[function]`'s, or Lambda's {} s) is longer than the \
         visibility timeout of queue `{queue}` ({visibility_timeout} s): messages would be handed out again while \
         the function still works on them; lower the timeout or raise `visibility_timeout`",
        super::limits::DEFAULT_TIMEOUT_SECONDS
    )
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

/// `max_receive` is 1–1,000 receives before a message moves to the dead-letter queue.
pub fn check_max_receive(count: u64) -> Result<(), String> {
    check_range("max_receive", count, &MAX_RECEIVE, "receives")
}

/// A redrive policy names a dead-letter queue other than the queue itself, and `max_receive` only
/// comes with one.
pub fn check_redrive(queue: &str, dead_letter: Option<&str>, max_receive: Option<u64>) -> Result<(), (Key, String)> {
    match dead_letter {
        None if max_receive.is_some() => Err((
            Key::MaxReceive,
            format!("queue `{queue}` sets `max_receive` but has no `dead_letter` queue to move messages to"),
        )),
        Some(dead_letter) if dead_letter == queue => {
            Err((Key::DeadLetter, format!("queue `{queue}` cannot be its own dead-letter queue")))
        }
        _ => max_receive.map_or(Ok(()), check_max_receive).map_err(|e| (Key::MaxReceive, e)),
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

/// `max_concurrency` of an `sqs(..)` trigger (`ScalingConfig.MaximumConcurrency`, Lambda API
/// `CreateEventSourceMapping`, as of 2026-12-03).
pub const SQS_MAX_CONCURRENCY: RangeInclusive<u64> = 2..=1_000;

/// `max_concurrency` is 2–1,000 and, when the function reserves concurrency, within it: Lambda
/// would throttle the pollers' invocations above it, and the messages return to the queue.
pub fn check_max_concurrency(max: u64, reserved: Option<u64>, function: &str) -> Result<(), String> {
    check_range("`max_concurrency`", max, &SQS_MAX_CONCURRENCY, "concurrent invocations")?;
    match reserved {
        Some(reserved) if max > reserved => Err(format!(
            "`max_concurrency` is {max}, above function `{function}`'s `reserved_concurrency` of {reserved}: \
             Lambda would throttle the invocations above {reserved} and send their messages back to the queue; \
             lower `max_concurrency` or raise the reservation"
        )),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sqs_batches() {
        assert!(check_sqs_batch(10, None, false).is_ok());
        assert!(check_sqs_batch(10, None, true).is_ok());
        assert!(check_sqs_batch(10_000, Some(300), false).is_ok());
        assert_eq!(
            check_sqs_batch(0, None, false).unwrap_err().1,
            "batch_size must be between 1 and 10000 messages, found 0"
        );
        assert!(check_sqs_batch(10_001, Some(1), false).is_err());
        assert_eq!(
            check_sqs_batch(11, None, false).unwrap_err().1,
            "a batch_size above 10 (11) needs a batching window of at least 1 second, such as `window: 1`"
        );
        assert!(check_sqs_batch(11, Some(0), false).is_err());
        assert!(check_sqs_batch(11, Some(1), false).is_ok());
        assert_eq!(
            check_sqs_batch(5, Some(301), false).unwrap_err().1,
            "window must be between 0 and 300 seconds, found 301"
        );
        assert_eq!(
            check_sqs_batch(11, None, true).unwrap_err().1,
            "batch_size for a FIFO queue must be at most 10, found 11"
        );
        assert_eq!(
            check_sqs_batch(5, Some(0), true).unwrap_err().1,
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
        assert!(check_redrive("jobs", None, Some(5)).unwrap_err().1.contains("no `dead_letter` queue"));
        assert_eq!(
            check_redrive("jobs", Some("jobs"), None).unwrap_err().1,
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
}
