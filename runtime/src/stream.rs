//! Kinesis data streams a stack owns or refers to.

use lambda_stack_core::decl;
use lambda_stack_core::keys::{self, Key};

use crate::origin::Origin;

/// A Kinesis data stream: owned by the stack (encrypted with the AWS managed Kinesis key;
/// on-demand capacity unless `shards` is given), or an existing stream referred to by name or ARN.
///
/// ```
/// use lambda_stack_runtime::Stream;
/// let clicks = Stream::new("clicks").shards(2);
/// let events = Stream::new("events");
/// assert_eq!(clicks.name(), "clicks");
/// # let _ = events;
/// ```
#[derive(Debug, Clone)]
#[must_use]
pub struct Stream {
    pub(crate) name: String,
    pub(crate) existing: Option<String>,
    pub(crate) shards: Option<u64>,
    pub(crate) adopt: lambda_stack_core::decl::Adoption,
    /// `kms`: the key it is encrypted with; without it, the stack's.
    pub(crate) kms: Option<String>,
    pub(crate) origin: Origin,
}

impl Stream {
    crate::adopt::adoption_setters!("stream");
    crate::kms::kms_setter!("stream");

    #[track_caller]
    pub fn new(name: impl Into<String>) -> Self {
        Stream {
            name: name.into(),
            existing: None,
            shards: None,
            adopt: Default::default(),
            kms: None,
            origin: Origin::caller(),
        }
    }

    /// Refers to a stream outside this stack, by name or ARN.
    pub fn existing(mut self, name_or_arn: impl Into<String>) -> Self {
        self.existing = Some(name_or_arn.into());
        self
    }

    /// Provisioned capacity of this many shards (without it, the stream is on-demand).
    pub fn shards(mut self, count: u64) -> Self {
        self.shards = Some(count);
        self
    }

    pub fn declared_at(mut self, file: &str, line: u32) -> Self {
        self.origin = Origin { file: file.to_owned(), line };
        self
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    pub fn existing_id(&self) -> Option<&str> {
        self.existing.as_deref()
    }

    /// The stream as the checker reads it.
    pub(crate) fn to_decl(&self) -> decl::Stream {
        decl::Stream {
            name: self.name.clone(),
            existing: self.existing.clone(),
            written: {
                let [name, import, renamed_from] = crate::adopt::written(&self.adopt);
                keys::written(&[
                    (Key::Existing, self.existing.is_some()),
                    (Key::Shards, self.shards.is_some()),
                    (Key::Kms, self.kms.is_some()),
                    name,
                    import,
                    renamed_from,
                ])
            },
            adopt: self.adopt.clone(),
            shards: self.shards,
            kms: self.kms.clone(),
        }
    }
}
