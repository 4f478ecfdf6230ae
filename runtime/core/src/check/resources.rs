//! Rules about the resources a stack owns or refers to: buckets, queues, tables, topics and
//! Kinesis streams.

use std::collections::BTreeSet;

use super::{At, Checker, Location, Resolved};
use crate::decl::{Bucket, DeclId, Queue, Stream, Table, Topic};
use crate::keys::Key;
use crate::rules::{self, resources::Kind, Verdict};

impl Checker<'_> {
    /// An owned bucket's generated prefix fits; an existing bucket's name follows S3's rules.
    pub(super) fn check_bucket(&mut self, id: DeclId, bucket: &Bucket) {
        match &bucket.existing {
            Some(existing) => {
                let name = rules::names::bucket_name_of(existing);
                self.check(Location::new(id, At::Value(Key::Existing)), rules::names::check_bucket_name(name));
                self.check_owned_only(id, Kind::Bucket, &bucket.written);
            }
            None => self.check_generated_name(id, Kind::Bucket, &bucket.name, &bucket.adopt, false),
        }
    }

    /// An `existing` resource is a valid name or an ARN of its kind, and sets no key that only
    /// configures a resource the stack creates.
    pub(super) fn check_existing(&mut self, id: DeclId, kind: Kind, existing: &str, written: &BTreeSet<Key>) {
        self.check(Location::new(id, At::Value(Key::Existing)), rules::sources::check_existing(kind, existing));
        self.check_owned_only(id, kind, written);
    }

    /// An `existing` resource sets no key that only configures a resource the stack creates.
    fn check_owned_only(&mut self, id: DeclId, kind: Kind, written: &BTreeSet<Key>) {
        for key in written.iter().filter(|key| key.owned_only()) {
            self.error(
                Location::new(id, At::Key(*key)),
                format!("`{key}` configures a {kind} this stack creates; an `existing` {kind} takes none"),
            );
        }
    }

    /// An owned queue's SQS name fits, and its visibility timeout and retention are within SQS's ranges.
    pub(super) fn check_queue(&mut self, id: DeclId, queue: &Queue) {
        if let Some(existing) = &queue.existing {
            self.check_existing(id, Kind::Queue, existing, &queue.written);
            return;
        }
        self.check_generated_name(id, Kind::Queue, &queue.name, &queue.adopt, queue.is_fifo());
        if let Some(seconds) = queue.visibility_timeout {
            self.check(
                Location::new(id, At::Value(Key::VisibilityTimeout)),
                rules::sqs::check_queue_visibility(seconds),
            );
        }
        if let Some(seconds) = queue.retention {
            self.check(Location::new(id, At::Value(Key::Retention)), rules::sqs::check_queue_retention(seconds));
        }
        self.check_redrive(id, queue);
    }

    /// A queue's dead-letter queue is another queue of the stack of the same type (FIFO or
    /// standard), `max_receive` comes with one, and it keeps messages longer (a warning).
    fn check_redrive(&mut self, id: DeclId, queue: &Queue) {
        let dead_letter_at = Location::new(id, At::Value(Key::DeadLetter));
        let max_receive_at = Location::new(id, At::Value(Key::MaxReceive));
        if queue.dead_letter.is_none() && queue.max_receive.is_none() {
            return;
        }
        let redrive = rules::sqs::check_redrive(&queue.name, queue.dead_letter.as_deref(), queue.max_receive);
        if let Err((key, message)) = redrive {
            let at = match key {
                Key::MaxReceive if queue.max_receive.is_some() => max_receive_at,
                _ if queue.dead_letter.is_some() => dead_letter_at,
                _ => max_receive_at,
            };
            self.error(at, message);
            return;
        }
        let Some(dead_letter) = &queue.dead_letter else { return };
        match self.resolve(dead_letter, dead_letter_at) {
            Resolved::Kind(Kind::Queue) => {}
            Resolved::Kind(other) => {
                self.error(
                    dead_letter_at,
                    format!("the `dead_letter` of a queue is a queue, but `{dead_letter}` is a {other}"),
                );
                return;
            }
            Resolved::Missing | Resolved::Deferred => return,
        }
        let Some(target) = self.stack().and_then(|s| s.queue_named(dead_letter)) else { return };
        let fifo = rules::sqs::check_dead_letter_fifo(&queue.name, queue.is_fifo(), dead_letter, target.is_fifo());
        let retention = match (queue.retention_seconds(), target.retention_seconds()) {
            (Some(own), Some(theirs)) => {
                rules::sqs::check_dead_letter_retention(&queue.name, own, dead_letter, theirs, queue.is_fifo())
            }
            _ => Verdict::Ok,
        };
        if self.check(dead_letter_at, fifo).is_some() {
            self.verdict(dead_letter_at, retention);
        }
    }

    /// An owned table's name fits DynamoDB, it has a `hash_key`, its keys are valid, and its
    /// `stream` is one of DynamoDB's view types.
    pub(super) fn check_table(&mut self, id: DeclId, table: &Table) {
        if let Some(view) = &table.stream {
            self.check(Location::new(id, At::Value(Key::Stream)), view.parsed.clone());
        }
        if let Some(existing) = &table.existing {
            self.check_existing(id, Kind::Table, existing, &table.written);
            return;
        }
        self.check_generated_name(id, Kind::Table, &table.name, &table.adopt, false);
        match &table.hash_key {
            Some(hash_key) => {
                if let Err((key, message)) =
                    rules::streams::check_table_keys(&table.name, hash_key, table.range_key.as_deref())
                {
                    self.error(Location::new(id, At::Value(key)), message);
                }
            }
            // Written with a value of the wrong kind: reported where it was read.
            None if table.written.contains(&Key::HashKey) => {}
            None => self.error(
                Location::new(id, At::Name),
                format!("table `{}` has no `hash_key`, its partition key, such as `hash_key: \"id\"`", table.name),
            ),
        }
    }

    /// An owned topic's SNS name fits.
    pub(super) fn check_topic(&mut self, id: DeclId, topic: &Topic) {
        match &topic.existing {
            Some(existing) => self.check_existing(id, Kind::Topic, existing, &topic.written),
            None => self.check_generated_name(id, Kind::Topic, &topic.name, &topic.adopt, topic.is_fifo()),
        }
    }

    /// An owned Kinesis stream's name fits, and its `shards` fit the account's usual quota (a warning).
    pub(super) fn check_stream(&mut self, id: DeclId, stream: &Stream) {
        if let Some(existing) = &stream.existing {
            self.check_existing(id, Kind::Stream, existing, &stream.written);
            return;
        }
        self.check_generated_name(id, Kind::Stream, &stream.name, &stream.adopt, false);
        if let Some(shards) = stream.shards {
            self.verdict(Location::new(id, At::Value(Key::Shards)), rules::streams::check_shards(&stream.name, shards));
        }
    }
}
