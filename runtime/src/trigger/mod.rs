//! What invokes a function. A function without triggers is invoked by hand (or by other code).

use crate::error::Origin;

/// A trigger of a function.
///
/// ```
/// use lambda_stack_runtime::Trigger;
/// let route = Trigger::http("GET", "/orders/{id}");
/// assert_eq!(route.to_string(), "http(GET \"/orders/{id}\")");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Trigger {
    /// A route of the stack's HTTP API (API Gateway v2, payload format 2.0).
    Http { method: String, path: String, origin: Origin },
}

impl Trigger {
    #[track_caller]
    pub fn http(method: impl Into<String>, path: impl Into<String>) -> Self {
        Trigger::Http { method: method.into(), path: path.into(), origin: Origin::caller() }
    }

    pub fn declared_at(self, file: &str, line: u32) -> Self {
        let origin = Origin { file: file.to_owned(), line };
        match self {
            Trigger::Http { method, path, .. } => Trigger::Http { method, path, origin },
        }
    }
}

impl std::fmt::Display for Trigger {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Trigger::Http { method, path, .. } => write!(f, "http({method} {path:?})"),
        }
    }
}
