//! DynamoDB tables a stack owns or refers to.

use lambda_stack_core::decl::{self, StreamView, Word};
use lambda_stack_core::keys::{self, Key};

use crate::origin::Origin;

/// A DynamoDB table: owned by the stack (on-demand billing, point-in-time recovery, string keys),
/// or an existing table referred to by name or ARN.
///
/// ```
/// use lambda_stack_runtime::Table;
/// let orders = Table::new("orders").hash_key("id").range_key("sk").stream("new_and_old_images");
/// let legacy = Table::new("legacy").existing("legacy-orders").stream("new_image");
/// assert!(orders.has_stream() && legacy.has_stream());
/// ```
#[derive(Debug, Clone)]
#[must_use]
pub struct Table {
    pub(crate) name: String,
    pub(crate) existing: Option<String>,
    pub(crate) hash_key: Option<String>,
    pub(crate) range_key: Option<String>,
    pub(crate) stream: Option<Word<StreamView>>,
    pub(crate) adopt: lambda_stack_core::decl::Adoption,
    /// `kms`: the key it is encrypted with; without it, the stack's.
    pub(crate) kms: Option<String>,
    pub(crate) origin: Origin,
}

impl Table {
    crate::adopt::adoption_setters!("table");
    crate::kms::kms_setter!("table");

    #[track_caller]
    pub fn new(name: impl Into<String>) -> Self {
        Table {
            name: name.into(),
            existing: None,
            hash_key: None,
            range_key: None,
            stream: None,
            adopt: Default::default(),
            kms: None,
            origin: Origin::caller(),
        }
    }

    /// Refers to a table outside this stack, by name or ARN.
    pub fn existing(mut self, name_or_arn: impl Into<String>) -> Self {
        self.existing = Some(name_or_arn.into());
        self
    }

    /// The partition key attribute (a string).
    pub fn hash_key(mut self, attribute: impl Into<String>) -> Self {
        self.hash_key = Some(attribute.into());
        self
    }

    /// The sort key attribute (a string).
    pub fn range_key(mut self, attribute: impl Into<String>) -> Self {
        self.range_key = Some(attribute.into());
        self
    }

    /// The table's stream and what its records hold: `new_image`, `old_image`,
    /// `new_and_old_images` or `keys_only`. On an existing table, it states that the table has a
    /// stream, which `dynamodb(..)` triggers read.
    pub fn stream(mut self, view: impl Into<String>) -> Self {
        self.stream = Some(Word::new(view, StreamView::parse));
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

    pub fn has_stream(&self) -> bool {
        self.stream.is_some()
    }

    /// The table as the checker reads it.
    pub(crate) fn to_decl(&self) -> decl::Table {
        decl::Table {
            name: self.name.clone(),
            existing: self.existing.clone(),
            written: keys::written(&[
                (Key::Existing, self.existing.is_some()),
                (Key::HashKey, self.hash_key.is_some()),
                (Key::RangeKey, self.range_key.is_some()),
                (Key::Stream, self.stream.is_some()),
                (Key::Kms, self.kms.is_some()),
            ])
            .into_iter()
            .chain(keys::written(&crate::adopt::written(&self.adopt)))
            .collect(),
            adopt: self.adopt.clone(),
            hash_key: self.hash_key.clone(),
            range_key: self.range_key.clone(),
            stream: self.stream.clone(),
            kms: self.kms.clone(),
        }
    }
}
