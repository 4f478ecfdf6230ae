//! SNS topics: which topics a function can subscribe to.
//!
//! Sources, as of 2026-11-25: SNS `CreateTopic` API model; SNS developer guide, "Message delivery
//! for FIFO topics" (FIFO topics deliver only to SQS queues). Topic names are in [`super::names`].

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn topics() {
        assert!(check_sns_subscription("alerts", false, "notify").is_ok());
        assert!(check_sns_subscription("alerts", true, "notify").unwrap_err().contains("deliver only to SQS queues"));
    }
}
