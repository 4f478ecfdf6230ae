//! S3 buckets a stack owns or refers to.

use crate::origin::Origin;

/// An S3 bucket: owned by the stack (created with a unique generated name, private, encrypted,
/// versioned), or an existing bucket referred to by name.
///
/// ```
/// use lambda_stack_runtime::Bucket;
/// let uploads = Bucket::new("uploads");
/// let shared = Bucket::new("shared").existing("acme-shared-data");
/// assert!(uploads.existing_name().is_none());
/// assert_eq!(shared.existing_name(), Some("acme-shared-data"));
/// ```
#[derive(Debug, Clone)]
#[must_use]
pub struct Bucket {
    pub(crate) name: String,
    pub(crate) existing: Option<String>,
    pub(crate) adopt: lambda_stack_core::decl::Adoption,
    /// `kms`: the key it is encrypted with; without it, the stack's.
    pub(crate) kms: Option<String>,
    pub(crate) origin: Origin,
}

impl Bucket {
    crate::adopt::adoption_setters!("bucket");
    crate::kms::kms_setter!("bucket");

    #[track_caller]
    pub fn new(name: impl Into<String>) -> Self {
        Bucket { name: name.into(), existing: None, adopt: Default::default(), kms: None, origin: Origin::caller() }
    }

    /// Refers to a bucket that exists outside this stack, by its name (or its ARN).
    pub fn existing(mut self, name_or_arn: impl Into<String>) -> Self {
        self.existing = Some(crate::rules::names::bucket_name_of(&name_or_arn.into()).to_owned());
        self
    }

    /// Records where the bucket was declared (the macro passes the `lambda_stack!` line).
    pub fn declared_at(mut self, file: &str, line: u32) -> Self {
        self.origin = Origin { file: file.to_owned(), line };
        self
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    pub fn existing_name(&self) -> Option<&str> {
        self.existing.as_deref()
    }
}
