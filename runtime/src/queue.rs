//! SQS queues a stack owns or refers to.

use lambda_stack_core::decl;
use lambda_stack_core::keys::{self, Key};

use crate::origin::Origin;

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
    pub(crate) adopt: lambda_stack_core::decl::Adoption,
    /// `kms`: the key it is encrypted with; without it, the stack's.
    pub(crate) kms: Option<String>,
    pub(crate) origin: Origin,
}

impl Queue {
    crate::adopt::adoption_setters!("queue");
    crate::kms::kms_setter!("queue");

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
            adopt: Default::default(),
            kms: None,
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
        self.to_decl().is_fifo()
    }

    /// The visibility timeout the queue will have; unknown for an existing queue.
    pub fn visibility_seconds(&self) -> Option<u64> {
        self.to_decl().visibility_seconds()
    }

    /// The retention the queue will have; unknown for an existing queue.
    pub fn retention_seconds(&self) -> Option<u64> {
        self.to_decl().retention_seconds()
    }

    /// The queue as the checker reads it.
    pub(crate) fn to_decl(&self) -> decl::Queue {
        let written = keys::written(&[
            (Key::Existing, self.existing.is_some()),
            (Key::Fifo, self.fifo),
            (Key::VisibilityTimeout, self.visibility_timeout.is_some()),
            (Key::Retention, self.retention.is_some()),
            (Key::DeadLetter, self.dead_letter.is_some()),
            (Key::MaxReceive, self.max_receive.is_some()),
            (Key::Kms, self.kms.is_some()),
        ]);
        let written = written.into_iter().chain(keys::written(&crate::adopt::written(&self.adopt))).collect();
        decl::Queue {
            name: self.name.clone(),
            adopt: self.adopt.clone(),
            existing: self.existing.clone(),
            written,
            fifo: self.fifo,
            visibility_timeout: self.visibility_timeout,
            retention: self.retention,
            dead_letter: self.dead_letter.clone(),
            max_receive: self.max_receive,
            kms: self.kms.clone(),
        }
    }
}
