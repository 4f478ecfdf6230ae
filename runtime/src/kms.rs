//! KMS keys a stack owns or refers to, and the `kms` setters of what they encrypt.

use lambda_stack_core::decl;
use lambda_stack_core::keys::{self, Key};

use crate::origin::Origin;

/// A customer-managed KMS key (alias `alias/<stack>-<name>`; its policy lets the account's IAM
/// policies use it, and CloudWatch Logs when the stack's log groups are encrypted with it), or an
/// existing key referred to by ARN. Resources name it with `.kms("name")`.
///
/// ```
/// use lambda_stack_runtime::{Function, KmsKey, Queue, Stack};
/// let stack = Stack::new("shop")
///     .region("eu-west-3")
///     .key(KmsKey::new("app_key").rotation(true).deletion_window(7))
///     .queue(Queue::new("jobs").kms("app_key"));
/// assert!(stack.check().problems.is_empty());
/// let shared = KmsKey::new("shared").existing("arn:aws:kms:eu-west-3:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab");
/// assert_eq!(shared.name(), "shared");
/// ```
#[derive(Debug, Clone)]
#[must_use]
pub struct KmsKey {
    pub(crate) name: String,
    pub(crate) existing: Option<String>,
    pub(crate) rotation: bool,
    pub(crate) deletion_window: Option<u64>,
    pub(crate) origin: Origin,
}

impl KmsKey {
    #[track_caller]
    pub fn new(name: impl Into<String>) -> Self {
        KmsKey { name: name.into(), existing: None, rotation: false, deletion_window: None, origin: Origin::caller() }
    }

    /// Refers to a key outside this stack, by its ARN.
    pub fn existing(mut self, arn: impl Into<String>) -> Self {
        self.existing = Some(arn.into());
        self
    }

    /// Yearly rotation of the key material (checkov's CKV_AWS_7).
    pub fn rotation(mut self, rotation: bool) -> Self {
        self.rotation = rotation;
        self
    }

    /// Days between scheduling the key's deletion and its deletion: 7 to 30 (30 without it).
    pub fn deletion_window(mut self, days: u64) -> Self {
        self.deletion_window = Some(days);
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

    /// The key as the checker reads it.
    pub(crate) fn to_decl(&self) -> decl::KmsKey {
        decl::KmsKey {
            name: self.name.clone(),
            existing: self.existing.clone(),
            written: keys::written(&[
                (Key::Existing, self.existing.is_some()),
                (Key::Rotation, self.rotation),
                (Key::DeletionWindow, self.deletion_window.is_some()),
            ]),
            rotation: self.rotation,
            deletion_window: self.deletion_window,
        }
    }
}

/// The `kms` setter of a builder whose struct has a `kms: Option<String>` field.
macro_rules! kms_setter {
    ($what:literal) => {
        #[doc = concat!("Encrypts the ", $what, " with the stack's key of this name (a [`crate::KmsKey`]); without it, with the stack's `kms`, if any.")]
        pub fn kms(mut self, key: impl Into<String>) -> Self {
            self.kms = Some(key.into());
            self
        }
    };
}
pub(crate) use kms_setter;
