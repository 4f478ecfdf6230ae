//! The resources a stack owns or refers to besides buckets: queues, tables, topics, Kinesis
//! streams and KMS keys.

use proc_macro2::Span;
use syn::Ident;

use lambda_stack_core::keys::{self, Key};

use super::fields::{self, Fields};
use super::Adopt;
use crate::errors::Errors;
use crate::parse::{self, Value};
use crate::span::Sp;

/// The owned-only keys a block wrote, with the span of each key.
pub(super) fn owned_keys(fields: &Fields<'_>) -> Vec<(Key, Span)> {
    fields.key_spans().into_iter().filter(|(key, _)| key.owned_only()).collect()
}

/// `kms: KEY`, the name of the key a block is encrypted with.
pub(super) fn kms(fields: &Fields<'_>, errors: &mut Errors) -> Option<Ident> {
    fields.get(Key::Kms).and_then(|v| fields::ident(errors, "kms", v)).cloned()
}

/// `key NAME { rotation, deletion_window }`, or an `existing` key by ARN.
pub struct KmsKey {
    pub name: Ident,
    pub existing: Option<Sp<String>>,
    pub owned_keys: Vec<(Key, Span)>,
    pub rotation: Option<Sp<bool>>,
    pub deletion_window: Option<Sp<u64>>,
}

impl KmsKey {
    pub fn from_ast(block: &parse::Block, errors: &mut Errors) -> KmsKey {
        let f = Fields::read(&format!("key `{}`", block.name), &block.body, keys::KEY_KEYS, false, errors);
        let window = Key::DeletionWindow;
        KmsKey {
            name: block.name.clone(),
            existing: f.get(Key::Existing).and_then(|v| fields::string_or_param(errors, "existing", v)),
            owned_keys: owned_keys(&f),
            rotation: f.get(Key::Rotation).and_then(|v| fields::boolean(errors, "rotation", v)),
            deletion_window: f.get(window).and_then(|v| fields::int(errors, window.name(), window.unit(), v)),
        }
    }
}

/// `secret NAME { kms }`, or an `existing` secret.
pub struct Secret {
    pub name: Ident,
    pub existing: Option<Sp<String>>,
    pub owned_keys: Vec<(Key, Span)>,
    pub kms: Option<Ident>,
}

impl Secret {
    pub fn from_ast(block: &parse::Block, errors: &mut Errors) -> Secret {
        let f = Fields::read(&format!("secret `{}`", block.name), &block.body, keys::SECRET_KEYS, false, errors);
        Secret {
            name: block.name.clone(),
            existing: f.get(Key::Existing).and_then(|v| fields::string_or_param(errors, "existing", v)),
            owned_keys: owned_keys(&f),
            kms: kms(&f, errors),
        }
    }
}

/// `parameter NAME { value }`, or an `existing` parameter.
pub struct Parameter {
    pub name: Ident,
    pub existing: Option<Sp<String>>,
    pub owned_keys: Vec<(Key, Span)>,
    pub value: Option<Sp<String>>,
}

impl Parameter {
    pub fn from_ast(block: &parse::Block, errors: &mut Errors) -> Parameter {
        let f = Fields::read(&format!("parameter `{}`", block.name), &block.body, keys::PARAMETER_KEYS, false, errors);
        Parameter {
            name: block.name.clone(),
            existing: f.get(Key::Existing).and_then(|v| fields::string_or_param(errors, "existing", v)),
            owned_keys: owned_keys(&f),
            value: f.get(Key::Value).and_then(|v| fields::string(errors, "value", v)),
        }
    }
}

pub struct Queue {
    pub name: Ident,
    pub adopt: Adopt,
    pub existing: Option<Sp<String>>,
    pub owned_keys: Vec<(Key, Span)>,
    pub fifo: Option<Sp<bool>>,
    pub visibility_timeout: Option<Sp<u64>>,
    pub retention: Option<Sp<u64>>,
    pub dead_letter: Option<Ident>,
    pub max_receive: Option<Sp<u64>>,
    pub kms: Option<Ident>,
}

impl Queue {
    pub fn from_ast(block: &parse::Block, errors: &mut Errors) -> Queue {
        let f = Fields::read(&format!("queue `{}`", block.name), &block.body, keys::QUEUE_KEYS, false, errors);
        let int =
            |errors: &mut Errors, key: Key| f.get(key).and_then(|v| fields::int(errors, key.name(), key.unit(), v));
        Queue {
            name: block.name.clone(),
            adopt: Adopt::read(&f, errors),
            existing: f.get(Key::Existing).and_then(|v| fields::string_or_param(errors, "existing", v)),
            owned_keys: owned_keys(&f),
            fifo: f.get(Key::Fifo).and_then(|v| fields::boolean(errors, "fifo", v)),
            visibility_timeout: int(errors, Key::VisibilityTimeout),
            retention: int(errors, Key::Retention),
            dead_letter: f.get(Key::DeadLetter).and_then(|v| fields::ident(errors, "dead_letter", v)).cloned(),
            max_receive: int(errors, Key::MaxReceive),
            kms: kms(&f, errors),
        }
    }
}

pub struct Table {
    pub name: Ident,
    pub adopt: Adopt,
    pub existing: Option<Sp<String>>,
    pub owned_keys: Vec<(Key, Span)>,
    pub hash_key: Option<Sp<String>>,
    pub range_key: Option<Sp<String>>,
    pub stream: Option<Sp<String>>,
    /// Whether `hash_key` was written (maybe with a value of the wrong kind, already reported).
    pub hash_key_written: bool,
    pub kms: Option<Ident>,
}

impl Table {
    pub fn from_ast(block: &parse::Block, errors: &mut Errors) -> Table {
        let f = Fields::read(&format!("table `{}`", block.name), &block.body, keys::TABLE_KEYS, false, errors);
        Table {
            name: block.name.clone(),
            adopt: Adopt::read(&f, errors),
            existing: f.get(Key::Existing).and_then(|v| fields::string_or_param(errors, "existing", v)),
            owned_keys: owned_keys(&f),
            hash_key: f.get(Key::HashKey).and_then(|v| fields::string(errors, "hash_key", v)),
            range_key: f.get(Key::RangeKey).and_then(|v| fields::string(errors, "range_key", v)),
            stream: f.get(Key::Stream).and_then(|v| word(errors, "stream", v)),
            hash_key_written: f.get(Key::HashKey).is_some(),
            kms: kms(&f, errors),
        }
    }
}

pub struct Topic {
    pub name: Ident,
    pub adopt: Adopt,
    pub existing: Option<Sp<String>>,
    pub owned_keys: Vec<(Key, Span)>,
    pub fifo: Option<Sp<bool>>,
    pub kms: Option<Ident>,
}

impl Topic {
    pub fn from_ast(block: &parse::Block, errors: &mut Errors) -> Topic {
        let f = Fields::read(&format!("topic `{}`", block.name), &block.body, keys::TOPIC_KEYS, false, errors);
        Topic {
            name: block.name.clone(),
            adopt: Adopt::read(&f, errors),
            existing: f.get(Key::Existing).and_then(|v| fields::string_or_param(errors, "existing", v)),
            owned_keys: owned_keys(&f),
            fifo: f.get(Key::Fifo).and_then(|v| fields::boolean(errors, "fifo", v)),
            kms: kms(&f, errors),
        }
    }
}

pub struct Stream {
    pub name: Ident,
    pub adopt: Adopt,
    pub existing: Option<Sp<String>>,
    pub owned_keys: Vec<(Key, Span)>,
    pub shards: Option<Sp<u64>>,
    pub kms: Option<Ident>,
}

impl Stream {
    pub fn from_ast(block: &parse::Block, errors: &mut Errors) -> Stream {
        let f = Fields::read(&format!("stream `{}`", block.name), &block.body, keys::STREAM_KEYS, false, errors);
        Stream {
            name: block.name.clone(),
            adopt: Adopt::read(&f, errors),
            existing: f.get(Key::Existing).and_then(|v| fields::string_or_param(errors, "existing", v)),
            owned_keys: owned_keys(&f),
            shards: f.get(Key::Shards).and_then(|v| fields::int(errors, Key::Shards.name(), Key::Shards.unit(), v)),
            kms: kms(&f, errors),
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

/// `bus NAME {}`, or an `existing` EventBridge bus.
pub struct Bus {
    pub name: Ident,
    pub existing: Option<Sp<String>>,
    pub owned_keys: Vec<(Key, Span)>,
}

impl Bus {
    pub fn from_ast(block: &parse::Block, errors: &mut Errors) -> Bus {
        let f = Fields::read(&format!("bus `{}`", block.name), &block.body, keys::BUS_KEYS, false, errors);
        Bus {
            name: block.name.clone(),
            existing: f.get(Key::Existing).and_then(|v| fields::string_or_param(errors, "existing", v)),
            owned_keys: owned_keys(&f),
        }
    }
}
