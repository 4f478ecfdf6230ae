//! EventBridge buses a stack owns or refers to: what `event(..)` triggers read, and what
//! functions put events on (`events:PutEvents` in `allow`, or `on_success: BUS`).

use lambda_stack_core::decl;
use lambda_stack_core::keys::{self, Key};

use crate::origin::Origin;

/// A custom EventBridge event bus (named `<stack>-<name>`), or an existing bus by name or ARN.
/// Triggers without a bus read the account's default bus.
///
/// ```
/// use lambda_stack_runtime::{Bus, Function, Stack, Trigger};
/// let stack = Stack::new("shop")
///     .region("eu-west-3")
///     .bus(Bus::new("orders"))
///     .function(
///         Function::new("audit")
///             .runtime("python3.12")
///             .handler("lambda_handler.handler")
///             .code(concat!(env!("CARGO_MANIFEST_DIR"), "/../examples/hello/functions/hello"))
///             .trigger(Trigger::event(serde_json::json!({ "source": ["shop.orders"] })).bus("orders")),
///     );
/// assert_eq!(stack.check().problems, Vec::new());
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[must_use]
pub struct Bus {
    pub(crate) name: String,
    pub(crate) existing: Option<String>,
    pub(crate) origin: Origin,
}

impl Bus {
    #[track_caller]
    pub fn new(name: impl Into<String>) -> Self {
        Bus { name: name.into(), existing: None, origin: Origin::caller() }
    }

    /// Refers to a bus outside this stack, by name or ARN.
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

    /// The bus as the checker reads it.
    pub(crate) fn to_decl(&self) -> decl::Bus {
        decl::Bus {
            name: self.name.clone(),
            existing: self.existing.clone(),
            written: keys::written(&[(Key::Existing, self.existing.is_some())]),
        }
    }
}
