//! SNS topics a stack owns or refers to.

use lambda_stack_core::decl;
use lambda_stack_core::keys::{self, Key};

use crate::origin::Origin;

/// An SNS topic: owned by the stack (encrypted with the AWS managed SNS key), or an existing
/// topic referred to by name or ARN.
///
/// ```
/// use lambda_stack_runtime::Topic;
/// let alerts = Topic::new("alerts");
/// let audit = Topic::new("audit").existing("arn:aws:sns:eu-west-3:123456789012:audit");
/// assert!(!alerts.is_fifo() && !audit.is_fifo());
/// ```
#[derive(Debug, Clone)]
#[must_use]
pub struct Topic {
    pub(crate) name: String,
    pub(crate) existing: Option<String>,
    pub(crate) fifo: bool,
    pub(crate) adopt: lambda_stack_core::decl::Adoption,
    /// `kms`: the key it is encrypted with; without it, the stack's.
    pub(crate) kms: Option<String>,
    pub(crate) origin: Origin,
}

impl Topic {
    crate::adopt::adoption_setters!("topic");
    crate::kms::kms_setter!("topic");

    #[track_caller]
    pub fn new(name: impl Into<String>) -> Self {
        Topic {
            name: name.into(),
            existing: None,
            fifo: false,
            adopt: Default::default(),
            kms: None,
            origin: Origin::caller(),
        }
    }

    /// Refers to a topic outside this stack, by name or ARN (a name ending in `.fifo` is FIFO).
    pub fn existing(mut self, name_or_arn: impl Into<String>) -> Self {
        self.existing = Some(name_or_arn.into());
        self
    }

    /// A FIFO topic (its name gets `.fifo`).
    pub fn fifo(mut self, fifo: bool) -> Self {
        self.fifo = fifo;
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

    /// Whether the topic is FIFO; an existing topic is when its name ends in `.fifo`.
    pub fn is_fifo(&self) -> bool {
        self.to_decl().is_fifo()
    }

    /// The topic as the checker reads it.
    pub(crate) fn to_decl(&self) -> decl::Topic {
        let [name, import, renamed_from] = crate::adopt::written(&self.adopt);
        let written = keys::written(&[
            (Key::Existing, self.existing.is_some()),
            (Key::Fifo, self.fifo),
            (Key::Kms, self.kms.is_some()),
            name,
            import,
            renamed_from,
        ]);
        decl::Topic {
            name: self.name.clone(),
            existing: self.existing.clone(),
            written,
            fifo: self.fifo,
            adopt: self.adopt.clone(),
            kms: self.kms.clone(),
        }
    }
}
