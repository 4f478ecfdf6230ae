//! Secrets Manager secrets and SSM parameters a stack owns or refers to: what functions read at
//! run time, named by `.arn` and `.name` in their environment and their `allow`.

use lambda_stack_core::decl;
use lambda_stack_core::keys::{self, Key};

use crate::origin::Origin;

/// A Secrets Manager secret (named `<stack>-<name>`) whose value is set outside Terraform, so it
/// is never in the state; or an existing secret by name or ARN.
///
/// ```
/// use lambda_stack_runtime::{EnvValue, Function, Ref, Resource, Secret, Stack, Statement};
/// let stack = Stack::new("shop")
///     .region("eu-west-3")
///     .secret(Secret::new("db_password"))
///     .function(
///         Function::new("worker")
///             .runtime("python3.12")
///             .handler("app.handler")
///             .env("DB_SECRET", EnvValue::Ref(Ref::new("db_password", "arn")))
///             .allow(Statement::allow(["secretsmanager:GetSecretValue"]).on(Resource::named("db_password"))),
///     );
/// # let _ = stack;
/// ```
#[derive(Debug, Clone)]
#[must_use]
pub struct Secret {
    pub(crate) name: String,
    pub(crate) existing: Option<String>,
    /// `kms`: the key it is encrypted with; without it, the stack's.
    pub(crate) kms: Option<String>,
    pub(crate) origin: Origin,
}

impl Secret {
    crate::kms::kms_setter!("secret");

    #[track_caller]
    pub fn new(name: impl Into<String>) -> Self {
        Secret { name: name.into(), existing: None, kms: None, origin: Origin::caller() }
    }

    /// Refers to a secret outside this stack, by name or ARN.
    pub fn existing(mut self, name_or_arn: impl Into<String>) -> Self {
        self.existing = Some(name_or_arn.into());
        self
    }

    pub fn declared_at(mut self, file: &str, line: u32) -> Self {
        self.origin = Origin { file: file.to_owned(), line };
        self
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    /// The secret as the checker reads it.
    pub(crate) fn to_decl(&self) -> decl::Secret {
        decl::Secret {
            name: self.name.clone(),
            existing: self.existing.clone(),
            written: keys::written(&[(Key::Existing, self.existing.is_some()), (Key::Kms, self.kms.is_some())]),
            kms: self.kms.clone(),
        }
    }
}

/// An SSM Parameter Store `String` parameter (named `/<stack>/<name>`) with its value, or an
/// existing parameter by name or ARN.
///
/// ```
/// use lambda_stack_runtime::{SsmParameter, Stack};
/// let stack = Stack::new("shop").region("eu-west-3").parameter(SsmParameter::new("flags").value("on"));
/// assert!(stack.check().problems.is_empty());
/// ```
#[derive(Debug, Clone)]
#[must_use]
pub struct SsmParameter {
    pub(crate) name: String,
    pub(crate) existing: Option<String>,
    pub(crate) value: Option<String>,
    pub(crate) origin: Origin,
}

impl SsmParameter {
    #[track_caller]
    pub fn new(name: impl Into<String>) -> Self {
        SsmParameter { name: name.into(), existing: None, value: None, origin: Origin::caller() }
    }

    /// Refers to a parameter outside this stack, by name or ARN.
    pub fn existing(mut self, name_or_arn: impl Into<String>) -> Self {
        self.existing = Some(name_or_arn.into());
        self
    }

    /// Its value (a `String` parameter).
    pub fn value(mut self, value: impl Into<String>) -> Self {
        self.value = Some(value.into());
        self
    }

    pub fn declared_at(mut self, file: &str, line: u32) -> Self {
        self.origin = Origin { file: file.to_owned(), line };
        self
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    /// The parameter as the checker reads it.
    pub(crate) fn to_decl(&self) -> decl::Parameter {
        decl::Parameter {
            name: self.name.clone(),
            existing: self.existing.clone(),
            written: keys::written(&[(Key::Existing, self.existing.is_some()), (Key::Value, self.value.is_some())]),
            value: self.value.clone(),
        }
    }
}
