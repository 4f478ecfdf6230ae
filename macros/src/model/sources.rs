//! The resources a stack owns or refers to besides buckets: queues, tables, topics and Kinesis
//! streams.

use proc_macro2::Span;
use syn::Ident;

use super::fields::{self, Fields};
use crate::errors::Errors;
use crate::parse::{self, Value};
use crate::span::Sp;

pub const QUEUE_KEYS: &[&str] = &["existing", "fifo", "visibility_timeout", "retention", "dead_letter", "max_receive"];
pub const TABLE_KEYS: &[&str] = &["existing", "hash_key", "range_key", "stream"];
pub const TOPIC_KEYS: &[&str] = &["existing", "fifo"];
pub const STREAM_KEYS: &[&str] = &["existing", "shards"];

/// Keys that configure a resource the stack creates; an `existing` one takes none of them.
/// (`stream` on an existing table states that it has one, which its triggers read.)
const EXISTING_KEYS: &[&str] = &["existing", "stream"];

/// The owned-only keys a block wrote, with the span of each key.
fn owned_keys(fields: &Fields<'_>) -> Vec<(String, Span)> {
    fields
        .written()
        .into_iter()
        .filter(|key| !EXISTING_KEYS.contains(&key.as_str()))
        .filter_map(|key| fields.key_span(&key).map(|span| (key, span)))
        .collect()
}

pub struct Queue {
    pub name: Ident,
    pub existing: Option<Sp<String>>,
    pub owned_keys: Vec<(String, Span)>,
    pub fifo: Option<Sp<bool>>,
    pub visibility_timeout: Option<Sp<u64>>,
    pub retention: Option<Sp<u64>>,
    pub dead_letter: Option<Ident>,
    pub max_receive: Option<Sp<u64>>,
}

impl Queue {
    pub fn from_ast(block: &parse::Block, errors: &mut Errors) -> Queue {
        let f = Fields::read(&format!("queue `{}`", block.name), &block.body, QUEUE_KEYS, false, errors);
        let int =
            |errors: &mut Errors, key: &str, unit: &str| f.get(key).and_then(|v| fields::int(errors, key, unit, v));
        Queue {
            name: block.name.clone(),
            existing: f.get("existing").and_then(|v| fields::string(errors, "existing", v)),
            owned_keys: owned_keys(&f),
            fifo: f.get("fifo").and_then(|v| fields::boolean(errors, "fifo", v)),
            visibility_timeout: int(errors, "visibility_timeout", "seconds"),
            retention: int(errors, "retention", "seconds"),
            dead_letter: f.get("dead_letter").and_then(|v| fields::ident(errors, "dead_letter", v)).cloned(),
            max_receive: int(errors, "max_receive", "receives"),
        }
    }

    pub fn is_fifo(&self) -> bool {
        match &self.existing {
            Some(existing) => lambda_stack_core::rules::sources::existing_name(
                lambda_stack_core::rules::resources::Kind::Queue,
                existing,
            )
            .ends_with(lambda_stack_core::rules::names::FIFO_SUFFIX),
            None => self.fifo.as_ref().is_some_and(|f| f.value),
        }
    }

    /// The visibility timeout the queue will have; unknown for an existing queue.
    pub fn visibility_seconds(&self) -> Option<u64> {
        use lambda_stack_core::rules::sqs::DEFAULT_VISIBILITY_TIMEOUT;
        self.existing
            .is_none()
            .then(|| self.visibility_timeout.as_ref().map_or(DEFAULT_VISIBILITY_TIMEOUT, |v| v.value))
    }

    /// The retention the queue will have; unknown for an existing queue.
    pub fn retention_seconds(&self) -> Option<u64> {
        use lambda_stack_core::rules::sqs::DEFAULT_RETENTION;
        self.existing.is_none().then(|| self.retention.as_ref().map_or(DEFAULT_RETENTION, |v| v.value))
    }
}

pub struct Table {
    pub name: Ident,
    pub existing: Option<Sp<String>>,
    pub owned_keys: Vec<(String, Span)>,
    pub hash_key: Option<Sp<String>>,
    pub range_key: Option<Sp<String>>,
    pub stream: Option<Sp<String>>,
    /// Whether `hash_key` was written (maybe with a value of the wrong kind, already reported).
    pub hash_key_written: bool,
}

impl Table {
    pub fn from_ast(block: &parse::Block, errors: &mut Errors) -> Table {
        let f = Fields::read(&format!("table `{}`", block.name), &block.body, TABLE_KEYS, false, errors);
        Table {
            name: block.name.clone(),
            existing: f.get("existing").and_then(|v| fields::string(errors, "existing", v)),
            owned_keys: owned_keys(&f),
            hash_key: f.get("hash_key").and_then(|v| fields::string(errors, "hash_key", v)),
            range_key: f.get("range_key").and_then(|v| fields::string(errors, "range_key", v)),
            stream: f.get("stream").and_then(|v| word(errors, "stream", v)),
            hash_key_written: f.get("hash_key").is_some(),
        }
    }
}

pub struct Topic {
    pub name: Ident,
    pub existing: Option<Sp<String>>,
    pub owned_keys: Vec<(String, Span)>,
    pub fifo: Option<Sp<bool>>,
}

impl Topic {
    pub fn from_ast(block: &parse::Block, errors: &mut Errors) -> Topic {
        let f = Fields::read(&format!("topic `{}`", block.name), &block.body, TOPIC_KEYS, false, errors);
        Topic {
            name: block.name.clone(),
            existing: f.get("existing").and_then(|v| fields::string(errors, "existing", v)),
            owned_keys: owned_keys(&f),
            fifo: f.get("fifo").and_then(|v| fields::boolean(errors, "fifo", v)),
        }
    }

    pub fn is_fifo(&self) -> bool {
        match &self.existing {
            Some(existing) => lambda_stack_core::rules::sources::existing_name(
                lambda_stack_core::rules::resources::Kind::Topic,
                existing,
            )
            .ends_with(lambda_stack_core::rules::names::FIFO_SUFFIX),
            None => self.fifo.as_ref().is_some_and(|f| f.value),
        }
    }
}

pub struct Stream {
    pub name: Ident,
    pub existing: Option<Sp<String>>,
    pub owned_keys: Vec<(String, Span)>,
    pub shards: Option<Sp<u64>>,
}

impl Stream {
    pub fn from_ast(block: &parse::Block, errors: &mut Errors) -> Stream {
        let f = Fields::read(&format!("stream `{}`", block.name), &block.body, STREAM_KEYS, false, errors);
        Stream {
            name: block.name.clone(),
            existing: f.get("existing").and_then(|v| fields::string(errors, "existing", v)),
            owned_keys: owned_keys(&f),
            shards: f.get("shards").and_then(|v| fields::int(errors, "shards", "shards", v)),
        }
    }
}

/// A bare word such as `new_and_old_images` (a string is accepted too).
pub fn word(errors: &mut Errors, key: &str, value: &Value) -> Option<Sp<String>> {
    match value {
        Value::Path(parts) if parts.len() == 1 => Some(Sp::new(parts[0].text(), parts[0].span())),
        Value::Str(lit) => Some(Sp::new(lit.value(), lit.span())),
        other => {
            errors
                .at(other.span(), format!("expected a word such as `latest` for `{key}`, found {}", other.describe()));
            None
        }
    }
}
