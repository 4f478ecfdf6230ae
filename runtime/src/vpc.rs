//! The network a function runs in.

use lambda_stack_core::decl::{self, Ids};

/// `vpc: { subnets, security_groups, ipv6 }`: the subnets and security groups of a function's
/// network interfaces, listed or as `list` params; on a [`crate::Function`], or on the
/// [`crate::Stack`] for every function without its own. The function's role gets
/// `AWSLambdaVPCAccessExecutionRole`.
///
/// ```
/// use lambda_stack_runtime::{Function, Param, Stack, Vpc};
/// let stack = Stack::new("shop")
///     .param(Param::new("private_subnets").param_type("list"))
///     .vpc(Vpc::new().subnets_param("private_subnets").security_groups(["sg-0123456789abcdef0"]));
/// # let _ = stack;
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[must_use]
pub struct Vpc(pub(crate) decl::Vpc);

impl Vpc {
    pub fn new() -> Self {
        Vpc::default()
    }

    /// Subnet IDs (`subnet-...`).
    pub fn subnets<S: Into<String>>(mut self, ids: impl IntoIterator<Item = S>) -> Self {
        self.0.subnets = Ids::Listed(ids.into_iter().map(Into::into).collect());
        self
    }

    /// The subnets a `list` param holds.
    pub fn subnets_param(mut self, param: impl Into<String>) -> Self {
        self.0.subnets = Ids::Param(param.into());
        self
    }

    /// Security group IDs (`sg-...`).
    pub fn security_groups<S: Into<String>>(mut self, ids: impl IntoIterator<Item = S>) -> Self {
        self.0.security_groups = Ids::Listed(ids.into_iter().map(Into::into).collect());
        self
    }

    /// The security groups a `list` param holds.
    pub fn security_groups_param(mut self, param: impl Into<String>) -> Self {
        self.0.security_groups = Ids::Param(param.into());
        self
    }

    /// IPv6 traffic on dual-stack subnets (`ipv6_allowed_for_dual_stack`).
    pub fn ipv6(mut self, allowed: bool) -> Self {
        self.0.ipv6 = allowed;
        self
    }
}
