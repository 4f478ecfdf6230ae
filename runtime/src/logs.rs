//! `logs: { format, level, system_level, group }`: how Lambda writes a function's logs.

use lambda_stack_core::decl;

/// A function's logging config: JSON or text lines, the levels Lambda keeps (JSON only), and the
/// log group instead of `/aws/lambda/<function>`.
///
/// ```
/// use lambda_stack_runtime::{Function, Logs, Stack};
/// let stack = Stack::new("shop").region("eu-west-3").function(
///     Function::new("api").runtime("python3.12").handler("lambda_handler.handler")
///         .code(concat!(env!("CARGO_MANIFEST_DIR"), "/../examples/hello/functions/hello"))
///         .logs(Logs::new().format("json").level("info").system_level("warn")),
/// );
/// assert_eq!(stack.check().problems, Vec::new());
/// let text = Stack::new("shop").region("eu-west-3").function(
///     Function::new("api").runtime("python3.12").handler("lambda_handler.handler")
///         .code(concat!(env!("CARGO_MANIFEST_DIR"), "/../examples/hello/functions/hello"))
///         .logs(Logs::new().level("info")),
/// );
/// assert!(text.check().problems[0].message.contains("needs `format: json`"));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[must_use]
pub struct Logs(pub(crate) decl::Logs);

impl Logs {
    pub fn new() -> Self {
        Logs::default()
    }

    /// `json` or `text` (Lambda's default).
    pub fn format(mut self, format: impl Into<String>) -> Self {
        self.0.format = Some(format.into());
        self
    }

    /// The application's level: `trace`, `debug`, `info`, `warn`, `error` or `fatal` (JSON only).
    pub fn level(mut self, level: impl Into<String>) -> Self {
        self.0.level = Some(level.into());
        self
    }

    /// Lambda's own level: `debug`, `info` or `warn` (JSON only).
    pub fn system_level(mut self, level: impl Into<String>) -> Self {
        self.0.system_level = Some(level.into());
        self
    }

    /// The log group the function writes to; the stack creates it with the function's retention.
    pub fn group(mut self, group: impl Into<String>) -> Self {
        self.0.group = Some(group.into());
        self
    }
}
