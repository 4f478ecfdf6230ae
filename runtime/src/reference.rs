//! References from one declaration to another: `reports.name` in an environment variable.

/// A reference to an attribute of a declaration of the same stack: `reports.name`.
///
/// ```
/// use lambda_stack_runtime::Ref;
/// let bucket_name = Ref::new("reports", "name");
/// assert_eq!(bucket_name.to_string(), "reports.name");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Ref {
    pub target: String,
    pub attribute: String,
}

impl Ref {
    pub fn new(target: impl Into<String>, attribute: impl Into<String>) -> Self {
        Ref { target: target.into(), attribute: attribute.into() }
    }
}

impl std::fmt::Display for Ref {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}.{}", self.target, self.attribute)
    }
}

/// An environment variable's value: text, or a reference resolved at deploy time.
///
/// ```
/// use lambda_stack_runtime::{EnvValue, Ref};
/// let greeting: EnvValue = "bonjour".into();
/// let bucket: EnvValue = Ref::new("reports", "name").into();
/// assert!(matches!(bucket, EnvValue::Ref(_)));
/// # let _ = greeting;
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EnvValue {
    Literal(String),
    Ref(Ref),
    /// The value of one of the stack's [`Param`](crate::Param)s.
    Param(String),
}

impl EnvValue {
    /// The value of the stack's param `name` (`KEY: NAME` in `lambda_stack!`), known where the
    /// stack deploys.
    pub fn param(name: impl Into<String>) -> EnvValue {
        EnvValue::Param(name.into())
    }
}

impl From<&str> for EnvValue {
    fn from(text: &str) -> Self {
        EnvValue::Literal(text.to_owned())
    }
}

impl From<String> for EnvValue {
    fn from(text: String) -> Self {
        EnvValue::Literal(text)
    }
}

impl From<Ref> for EnvValue {
    fn from(reference: Ref) -> Self {
        EnvValue::Ref(reference)
    }
}
