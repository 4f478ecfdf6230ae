//! Rules about queues, tables, topics, streams and the triggers that read them. Each `check_*`
//! calls the shared tables in `lambda_stack_core::rules` (`sqs`, `s3`, `streams`, ...), as the builders do at synth.

use std::collections::BTreeMap;

use lambda_stack_core::rules::streams::StreamSource;
use lambda_stack_core::rules::{self, resources::Kind, Verdict};
use proc_macro2::Span;
use syn::Ident;

use super::{text, Cx};
use crate::model::{Function, Queue, Stream, StreamRead, Table, Topic, Trigger, S3};
use crate::span::Sp;

impl Cx<'_> {
    fn queue_named(&self, name: &Ident) -> Option<&Queue> {
        self.stack.queues.iter().find(|q| text(&q.name) == text(name))
    }

    fn table_named(&self, name: &Ident) -> Option<&Table> {
        self.stack.tables.iter().find(|t| text(&t.name) == text(name))
    }

    fn topic_named(&self, name: &Ident) -> Option<&Topic> {
        self.stack.topics.iter().find(|t| text(&t.name) == text(name))
    }

    fn verdict(&mut self, span: Span, verdict: Verdict) {
        match verdict {
            Verdict::Ok => {}
            Verdict::Warning(message) => self.checked.warnings.push((span, message)),
            Verdict::Error(message) => self.errors.at(span, message),
        }
    }

    /// An `existing` resource is a valid name or an ARN of its kind, and sets no key that only
    /// configures a resource the stack creates.
    pub(super) fn check_existing(&mut self, kind: Kind, existing: &Sp<String>, owned_keys: &[(String, Span)]) {
        self.errors.check(existing.span, rules::sources::check_existing(kind, existing));
        for (key, span) in owned_keys {
            self.errors
                .at(*span, format!("`{key}` configures a {kind} this stack creates; an `existing` {kind} takes none"));
        }
    }

    /// An owned queue's SQS name fits, and its visibility timeout and retention are within SQS's ranges.
    pub(super) fn check_queue(&mut self, queue: &Queue) {
        if let Some(existing) = &queue.existing {
            self.check_existing(Kind::Queue, existing, &queue.owned_keys);
            return;
        }
        let fifo = queue.is_fifo();
        self.errors.check(
            queue.name.span(),
            rules::names::check_owned_queue_name(&text(&self.stack.name), &text(&queue.name), fifo),
        );
        if let Some(seconds) = &queue.visibility_timeout {
            self.errors.check(seconds.span, rules::sqs::check_queue_visibility(seconds.value));
        }
        if let Some(seconds) = &queue.retention {
            self.errors.check(seconds.span, rules::sqs::check_queue_retention(seconds.value));
        }
        self.check_redrive(queue);
    }

    /// A queue's dead-letter queue is another queue of the stack of the same type (FIFO or
    /// standard), `max_receive` comes with one, and it keeps messages longer (a warning).
    fn check_redrive(&mut self, queue: &Queue) {
        let name = text(&queue.name);
        let dead_letter_name = queue.dead_letter.as_ref().map(text);
        let max_receive = queue.max_receive.as_ref().map(|m| m.value);
        let span = match (&queue.dead_letter, &queue.max_receive) {
            (Some(dead_letter), _) => dead_letter.span(),
            (None, Some(max)) => max.span.start,
            (None, None) => return,
        };
        let redrive = rules::sqs::check_redrive(&name, dead_letter_name.as_deref(), max_receive);
        if let Err(message) = redrive {
            let span = match (&queue.max_receive, message.contains("max_receive")) {
                (Some(max), true) => max.span,
                _ => span.into(),
            };
            self.errors.at(span, message);
            return;
        }
        let Some(dead_letter) = &queue.dead_letter else { return };
        match self.kind_of(dead_letter) {
            Some(Kind::Queue) => {}
            Some(other) => {
                self.errors.at(
                    dead_letter.span(),
                    format!("the `dead_letter` of a queue is a queue, but `{dead_letter}` is a {other}"),
                );
                return;
            }
            None => return,
        }
        let Some(target) = self.queue_named(dead_letter) else { return };
        let fifo = rules::sqs::check_dead_letter_fifo(&name, queue.is_fifo(), &text(dead_letter), target.is_fifo());
        let retention = match (queue.retention_seconds(), target.retention_seconds()) {
            (Some(own), Some(theirs)) => {
                rules::sqs::check_dead_letter_retention(&name, own, &text(dead_letter), theirs, queue.is_fifo())
            }
            _ => Verdict::Ok,
        };
        if self.errors.check(dead_letter.span(), fifo).is_some() {
            self.verdict(dead_letter.span(), retention);
        }
    }

    /// An owned table's name fits DynamoDB, it has a `hash_key`, its keys are valid, and its
    /// `stream` is one of DynamoDB's view types.
    pub(super) fn check_table(&mut self, table: &Table) {
        if let Some(view) = &table.stream {
            self.errors.check(view.span, rules::streams::check_stream_view(view).map(drop));
        }
        if let Some(existing) = &table.existing {
            self.check_existing(Kind::Table, existing, &table.owned_keys);
            return;
        }
        self.errors.check(
            table.name.span(),
            rules::names::check_owned_table_name(&text(&self.stack.name), &text(&table.name)),
        );
        match &table.hash_key {
            Some(hash_key) => {
                let keys = rules::streams::check_table_keys(
                    &text(&table.name),
                    hash_key,
                    table.range_key.as_ref().map(|r| r.value.as_str()),
                );
                let span = match (&table.range_key, keys.as_ref().err()) {
                    (Some(range), Some(message)) if message.contains("range_key") => range.span,
                    _ => hash_key.span,
                };
                self.errors.check(span, keys);
            }
            None if table.hash_key_written => {}
            None => self.errors.at(
                table.name.span(),
                format!("table `{}` has no `hash_key`, its partition key, such as `hash_key: \"id\"`", table.name),
            ),
        }
    }

    /// An owned topic's SNS name fits.
    pub(super) fn check_topic(&mut self, topic: &Topic) {
        match &topic.existing {
            Some(existing) => self.check_existing(Kind::Topic, existing, &topic.owned_keys),
            None => {
                let name =
                    rules::names::check_owned_topic_name(&text(&self.stack.name), &text(&topic.name), topic.is_fifo());
                self.errors.check(topic.name.span(), name);
            }
        }
    }

    /// An owned Kinesis stream's name fits, and it has at least one shard when it has `shards`.
    pub(super) fn check_stream(&mut self, stream: &Stream) {
        if let Some(existing) = &stream.existing {
            self.check_existing(Kind::Stream, existing, &stream.owned_keys);
            return;
        }
        let name = rules::names::check_owned_stream_name(&text(&self.stack.name), &text(&stream.name));
        self.errors.check(stream.name.span(), name);
        if let Some(shards) = &stream.shards {
            self.verdict(shards.span.start, rules::streams::check_shards(&text(&stream.name), shards.value));
        }
    }

    /// Each trigger's source is a declaration of the kind it reads, named once per function.
    pub(super) fn check_trigger_sources(&mut self, function: &Function) -> Vec<bool> {
        let mut seen: Vec<(&str, String)> = Vec::new();
        let mut resolved = Vec::new();
        for trigger in &function.triggers {
            let Some(source) = trigger.source() else {
                resolved.push(true);
                continue;
            };
            let Some(kind) = self.kind_of(source) else {
                resolved.push(false);
                continue;
            };
            let ok = self
                .errors
                .check(source.span(), rules::sources::check_trigger_source(trigger.keyword(), &text(source), kind))
                .is_some();
            resolved.push(ok);
            if ok && trigger.keyword() != "s3" {
                let key = (trigger.keyword(), text(source));
                if seen.contains(&key) {
                    self.errors.at(
                        source.span(),
                        format!(
                            "function `{}` already has a `{}({source})` trigger; Lambda maps a source to a function once",
                            function.name,
                            trigger.keyword()
                        ),
                    );
                }
                seen.push(key);
            }
        }
        resolved
    }

    /// Every trigger's settings are ones its source accepts.
    pub(super) fn check_triggers(&mut self, function: &Function) {
        let resolved = self.check_trigger_sources(function);
        let mut schedules = 0;
        let mut urls = 0;
        for (trigger, resolved) in function.triggers.iter().zip(resolved) {
            match trigger {
                Trigger::Http { method, path } => {
                    self.errors.check(method.span, rules::http::check_method(method));
                    self.errors.check(path.span, rules::http::check_path(path));
                }
                Trigger::S3(s3) => {
                    self.check_s3_trigger(s3);
                    let existing =
                        self.stack.buckets.iter().any(|b| text(&b.name) == text(&s3.bucket) && b.existing.is_some());
                    if resolved && existing {
                        self.verdict(
                            s3.bucket.span(),
                            rules::s3::check_existing_bucket_notification(&text(&s3.bucket)),
                        );
                    }
                }
                Trigger::Sqs(sqs) => self.check_sqs_trigger(function, sqs, resolved),
                Trigger::Stream(stream) => self.check_stream_trigger(stream, resolved),
                Trigger::Sns { topic, .. } => {
                    if resolved {
                        let fifo = self.topic_named(topic).is_some_and(Topic::is_fifo);
                        let subscription =
                            rules::sns::check_sns_subscription(&text(topic), fifo, &text(&function.name));
                        self.errors.check(topic.span(), subscription);
                    }
                }
                Trigger::Schedule { expression, .. } => {
                    schedules += 1;
                    if self.errors.check(expression.span, rules::schedule::check_schedule(expression)).is_some() {
                        let stack = text(&self.stack.name);
                        let rule = rules::names::check_schedule_rule_name(&stack, &text(&function.name), schedules);
                        self.errors.check(expression.span, rule);
                    }
                }
                Trigger::Url { keyword, auth } => {
                    urls += 1;
                    if let Some(auth) = auth {
                        self.errors.check(auth.span, rules::urls::check_url_auth(auth).map(drop));
                    }
                    self.errors.check(*keyword, rules::urls::check_url_count(&text(&function.name), urls));
                }
            }
        }
    }

    /// An s3 trigger's events are S3's, and its filters are literal and within 1,024 characters.
    fn check_s3_trigger(&mut self, s3: &S3) {
        for on in &s3.on {
            self.errors.check(on.span, rules::s3::s3_events_for(on).map(drop));
        }
        for (rule, value) in [("prefix", &s3.prefix), ("suffix", &s3.suffix)] {
            if let Some(value) = value {
                self.errors.check(value.span, rules::s3::check_s3_filter(rule, value));
            }
        }
    }

    /// An sqs trigger's batch fits its queue (1–10,000, at most 10 for FIFO, a window above 10),
    /// and the function's timeout is within the queue's visibility timeout.
    fn check_sqs_trigger(&mut self, function: &Function, sqs: &crate::model::Sqs, resolved: bool) {
        let queue = if resolved { self.queue_named(&sqs.queue) } else { None };
        let fifo = queue.is_some_and(Queue::is_fifo);
        let visibility = queue.and_then(Queue::visibility_seconds);
        let batch_size = sqs.batch_size.as_ref().map_or(rules::sqs::DEFAULT_SQS_BATCH_SIZE, |b| b.value);
        let batch = rules::sqs::check_sqs_batch(batch_size, sqs.window.as_ref().map(|w| w.value), fifo);
        if let Err(message) = &batch {
            let span = match (&sqs.batch_size, &sqs.window) {
                (_, Some(window)) if message.contains("window") && !message.contains("batch_size") => window.span,
                (Some(batch_size), _) => batch_size.span,
                (None, Some(window)) => window.span,
                (None, None) => sqs.keyword.into(),
            };
            self.errors.at(span, message);
        }
        if let Some(visibility) = visibility {
            let timeout = function
                .timeout
                .as_ref()
                .map_or(lambda_stack_core::rules::limits::DEFAULT_TIMEOUT_SECONDS, |t| t.value);
            let result =
                rules::sqs::check_visibility_timeout(timeout, visibility, &text(&sqs.queue), &text(&function.name));
            self.errors.check(sqs.queue.span(), result);
        }
    }

    /// A dynamodb or kinesis trigger starts at `latest` or `trim_horizon`, its batch is 1–10,000
    /// records, and a dynamodb trigger's table has a stream.
    fn check_stream_trigger(&mut self, stream: &StreamRead, resolved: bool) {
        if let Some(start) = &stream.start {
            self.errors.check(start.span, rules::streams::check_start_position(stream.source, start).map(drop));
        }
        let batch_size = stream.batch_size.as_ref().map_or(rules::streams::DEFAULT_STREAM_BATCH_SIZE, |b| b.value);
        let batch =
            rules::streams::check_stream_batch(stream.source, batch_size, stream.window.as_ref().map(|w| w.value));
        if let Err(message) = batch {
            let span = match (&stream.batch_size, &stream.window) {
                (Some(b), _) if message.starts_with("batch_size") => b.span,
                (_, Some(w)) => w.span,
                (Some(b), None) => b.span,
                (None, None) => stream.keyword.into(),
            };
            self.errors.at(span, message);
        }
        if resolved && stream.source == StreamSource::DynamoDb {
            if let Some(table) = self.table_named(&stream.target) {
                let has = rules::streams::check_table_has_stream(&text(&table.name), table.stream.is_some());
                self.errors.check(stream.target.span(), has);
            }
        }
    }

    /// Two s3 triggers on one bucket do not overlap: S3 rejects notifications whose events and
    /// prefix/suffix filters could match the same key.
    pub(super) fn check_s3_overlaps(&mut self) {
        let mut per_bucket: BTreeMap<String, Vec<(String, &S3, Vec<&'static str>)>> = BTreeMap::new();
        for function in &self.stack.functions {
            for trigger in &function.triggers {
                let Trigger::S3(s3) = trigger else { continue };
                let words: Vec<&str> =
                    if s3.on.is_empty() { vec!["created"] } else { s3.on.iter().map(|o| o.value.as_str()).collect() };
                let Ok(found) = words.iter().map(|w| rules::s3::s3_events_for(w)).collect::<Result<Vec<_>, _>>() else {
                    continue;
                };
                let found: Vec<&'static str> = found.into_iter().flatten().copied().collect();
                per_bucket.entry(text(&s3.bucket)).or_default().push((text(&function.name), s3, found));
            }
        }
        for notifications in per_bucket.values() {
            let shaped: Vec<rules::s3::Notification<'_>> = notifications
                .iter()
                .map(|(function, s3, found)| rules::s3::Notification {
                    function,
                    events: found,
                    prefix: s3.prefix.as_ref().map_or("", |p| p.value.as_str()),
                    suffix: s3.suffix.as_ref().map_or("", |s| s.value.as_str()),
                })
                .collect();
            for (_, later, message) in rules::s3::overlapping_notifications(&shaped) {
                self.errors.at(notifications[later].1.bucket.span(), message);
            }
        }
    }

    /// `dead_letter` names a standard queue or topic of the stack.
    pub(super) fn check_dead_letter(&mut self, function: &Function) {
        let Some(target) = &function.dead_letter else { return };
        let Some(kind) = self.kind_of(target) else { return };
        if self.errors.check(target.span(), rules::grants::dead_letter_grant(&text(target), kind)).is_none() {
            return;
        }
        let fifo = self.queue_named(target).is_some_and(Queue::is_fifo)
            || self.topic_named(target).is_some_and(Topic::is_fifo);
        self.errors.check(target.span(), rules::grants::check_dead_letter_target(&text(target), fifo));
    }

    /// `orders.stream_arn` needs the table to have a stream.
    pub(super) fn check_stream_arn(&mut self, target: &Ident, attribute: &Ident) {
        if attribute != "stream_arn" {
            return;
        }
        if let Some(table) = self.table_named(target) {
            if table.stream.is_none() {
                self.errors.at(attribute.span(), rules::streams::no_stream_arn(&text(target)));
            }
        }
    }
}
