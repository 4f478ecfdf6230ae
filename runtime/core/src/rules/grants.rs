//! Derived permissions: the IAM actions a function's role gets because of its triggers (Lambda
//! polls queues and streams with the function's role) and its `dead_letter:` target.
//!
//! Sources, as of 2026-11-25: Lambda developer guide, services-sqs-configure,
//! services-dynamodb-eventsourcemapping and services-kinesis-permissions.

use super::resources::Kind;

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

/// What a function needs to send an asynchronous invocation's result to `target` (`on_success`,
/// `on_failure`, Lambda destinations): a standard queue or topic, an EventBridge bus, or another
/// function.
pub fn destination_grant(key: &str, target: &str, kind: Kind) -> Result<Grant, String> {
    match kind {
        Kind::Queue | Kind::Topic => dead_letter_grant(target, kind),
        Kind::Function => Ok(Grant { actions: &["lambda:InvokeFunction"], on: GrantOn::Itself }),
        Kind::Bus => Ok(Grant { actions: &["events:PutEvents"], on: GrantOn::Itself }),
        other => Err(format!("`{key}` takes a queue, a topic, a bus or a function, but `{target}` is a {other}")),
    }
}

/// Lambda retries a failed asynchronous invocation at most twice (`MaximumRetryAttempts` 0–2), and
/// keeps an event between 60 s and 6 hours (`MaximumEventAgeInSeconds`; Lambda API
/// `PutFunctionEventInvokeConfig`, as of 2026-12-03).
pub const MAX_ASYNC_RETRIES: u64 = 2;
pub const MIN_EVENT_AGE_SECONDS: u64 = 60;
pub const MAX_EVENT_AGE_SECONDS: u64 = 21_600;

/// `retries` is 0, 1 or 2.
pub fn check_retries(retries: u64) -> Result<(), String> {
    if retries <= MAX_ASYNC_RETRIES {
        return Ok(());
    }
    Err(format!("`retries` is {retries}; Lambda retries an asynchronous event 0 to {MAX_ASYNC_RETRIES} times"))
}

/// `max_event_age` is 60 s to 6 hours.
pub fn check_max_event_age(seconds: u64) -> Result<(), String> {
    if (MIN_EVENT_AGE_SECONDS..=MAX_EVENT_AGE_SECONDS).contains(&seconds) {
        return Ok(());
    }
    Err(format!(
        "`max_event_age` is {seconds} s; Lambda keeps an asynchronous event {MIN_EVENT_AGE_SECONDS} to \
         {MAX_EVENT_AGE_SECONDS} s (6 hours)"
    ))
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
}
