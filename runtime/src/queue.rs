//! SQS queues a stack owns or refers to.

use crate::origin::Origin;
use crate::rules;

/// An SQS queue: owned by the stack (encrypted with SQS-managed keys), or an existing queue
/// referred to by name or ARN.
///
/// ```
/// use lambda_stack_runtime::Queue;
/// let failed = Queue::new("failed").retention(1_209_600);
/// let jobs = Queue::new("jobs").visibility_timeout(60).dead_letter("failed").max_receive(5);
/// let orders = Queue::new("orders").existing("arn:aws:sqs:eu-west-3:123456789012:orders.fifo");
/// assert!(orders.is_fifo());
/// assert_eq!(jobs.visibility_seconds(), Some(60));
/// # let _ = failed;
/// ```
#[derive(Debug, Clone)]
#[must_use]
pub struct Queue {
    pub(crate) name: String,
    pub(crate) existing: Option<String>,
    pub(crate) fifo: bool,
    pub(crate) visibility_timeout: Option<u64>,
    pub(crate) retention: Option<u64>,
    pub(crate) dead_letter: Option<String>,
    pub(crate) max_receive: Option<u64>,
    pub(crate) origin: Origin,
}

impl Queue {
    #[track_caller]
    pub fn new(name: impl Into<String>) -> Self {
        Queue {
            name: name.into(),
            existing: None,
            fifo: false,
            visibility_timeout: None,
            retention: None,
            dead_letter: None,
            max_receive: None,
            origin: Origin::caller(),
        }
    }

    /// Refers to a queue outside this stack, by name or ARN (a name ending in `.fifo` is FIFO).
    pub fn existing(mut self, name_or_arn: impl Into<String>) -> Self {
        self.existing = Some(name_or_arn.into());
        self
    }

    /// A FIFO queue (its name gets `.fifo`).
    pub fn fifo(mut self, fifo: bool) -> Self {
        self.fifo = fifo;
        self
    }

    /// Seconds a received message stays hidden from other consumers (0–43,200; SQS's default 30).
    pub fn visibility_timeout(mut self, seconds: u64) -> Self {
        self.visibility_timeout = Some(seconds);
        self
    }

    /// Seconds a message is kept (60–1,209,600; SQS's default 4 days).
    pub fn retention(mut self, seconds: u64) -> Self {
        self.retention = Some(seconds);
        self
    }

    /// The queue of the stack that receives messages after `max_receive` failed receives.
    pub fn dead_letter(mut self, queue: impl Into<String>) -> Self {
        self.dead_letter = Some(queue.into());
        self
    }

    /// Receives before a message moves to the dead-letter queue (1–1,000; 10 by default).
    pub fn max_receive(mut self, count: u64) -> Self {
        self.max_receive = Some(count);
        self
    }

    pub fn declared_at(mut self, file: &str, line: u32) -> Self {
        self.origin = Origin { file: file.to_owned(), line };
        self
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    /// The existing queue's name or ARN, for a queue this stack does not own.
    pub fn existing_id(&self) -> Option<&str> {
        self.existing.as_deref()
    }

    /// Whether the queue is FIFO; an existing queue is when its name ends in `.fifo`.
    pub fn is_fifo(&self) -> bool {
        match &self.existing {
            Some(existing) => rules::sources::existing_name(crate::rules::resources::Kind::Queue, existing)
                .ends_with(rules::names::FIFO_SUFFIX),
            None => self.fifo,
        }
    }

    /// The visibility timeout the queue will have; unknown for an existing queue.
    pub fn visibility_seconds(&self) -> Option<u64> {
        match self.existing {
            Some(_) => None,
            None => Some(self.visibility_timeout.unwrap_or(rules::sqs::DEFAULT_VISIBILITY_TIMEOUT)),
        }
    }

    /// The retention the queue will have; unknown for an existing queue.
    pub fn retention_seconds(&self) -> Option<u64> {
        match self.existing {
            Some(_) => None,
            None => Some(self.retention.unwrap_or(rules::sqs::DEFAULT_RETENTION)),
        }
    }

    /// The keys only a queue of this stack takes, among those set.
    pub(crate) fn owned_keys_set(&self) -> Vec<&'static str> {
        let mut keys = Vec::new();
        if self.fifo {
            keys.push("fifo");
        }
        if self.visibility_timeout.is_some() {
            keys.push("visibility_timeout");
        }
        if self.retention.is_some() {
            keys.push("retention");
        }
        if self.dead_letter.is_some() {
            keys.push("dead_letter");
        }
        if self.max_receive.is_some() {
            keys.push("max_receive");
        }
        keys
    }
}
