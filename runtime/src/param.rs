//! Parameters: values known only where the stack deploys, as Terraform `variable`s.

use lambda_stack_core::decl::{self, ParamType, ParamValue, Word};

use crate::origin::Origin;

/// `param NAME { type, default, description, sensitive }`: a Terraform `variable` of the stack,
/// read by environment variables as `KEY: NAME` ([`EnvValue::param`](crate::EnvValue::param)).
/// Without a default it is required: `terraform plan` asks for it, `validate` names it.
///
/// ```
/// use lambda_stack_runtime::{EnvValue, Function, Param, Stack};
/// let stack = Stack::new("shop")
///     .param(Param::new("alert_email").default_string("ops@example.com").description("who gets alerts"))
///     .param(Param::new("private_subnets").param_type("list"))
///     .function(Function::new("api").env("ALERTS_TO", EnvValue::param("alert_email")));
/// # let _ = stack;
/// ```
#[derive(Debug, Clone)]
#[must_use]
pub struct Param {
    pub(crate) name: String,
    pub(crate) kind: Option<String>,
    pub(crate) default: Option<ParamValue>,
    pub(crate) description: Option<String>,
    pub(crate) sensitive: bool,
    /// The default goes into the stage's `.auto.tfvars.json`, not the variable.
    pub(crate) in_tfvars: bool,
    pub(crate) origin: Origin,
}

impl Param {
    #[track_caller]
    pub fn new(name: impl Into<String>) -> Self {
        Param {
            name: name.into(),
            kind: None,
            default: None,
            description: None,
            sensitive: false,
            in_tfvars: false,
            origin: Origin::caller(),
        }
    }

    /// `string` (the default), `number` or `list` (of strings).
    pub fn param_type(mut self, kind: impl Into<String>) -> Self {
        self.kind = Some(kind.into());
        self
    }

    pub fn default_string(mut self, value: impl Into<String>) -> Self {
        self.default = Some(ParamValue::String(value.into()));
        self
    }

    /// A number, as its digits.
    pub fn default_number(mut self, digits: impl Into<String>) -> Self {
        self.default = Some(ParamValue::Number(digits.into()));
        self
    }

    pub fn default_list<S: Into<String>>(mut self, items: impl IntoIterator<Item = S>) -> Self {
        self.default = Some(ParamValue::List(items.into_iter().map(Into::into).collect()));
        self
    }

    pub fn description(mut self, text: impl Into<String>) -> Self {
        self.description = Some(text.into());
        self
    }

    /// Terraform hides the value in its output.
    pub fn sensitive(mut self, sensitive: bool) -> Self {
        self.sensitive = sensitive;
        self
    }

    /// The param as a value known where the stack deploys, for an `existing` resource's ARN or a
    /// layer ARN: `${var.NAME}`. What `existing: NAME` and `layers: [NAME]` in `lambda_stack!`
    /// expand to; the param must be a `string` param of the stack.
    ///
    /// ```
    /// use lambda_stack_runtime::{Param, Role, Stack};
    /// let stack = Stack::new("shop")
    ///     .param(Param::new("deployer_arn"))
    ///     .role(Role::new("deployer").existing(Param::reference("deployer_arn")));
    /// assert_eq!(Param::reference("deployer_arn"), "${var.deployer_arn}");
    /// # let _ = stack;
    /// ```
    pub fn reference(name: &str) -> String {
        crate::rules::placeholders::param_value(name)
    }

    /// Writes the default into `<stage>.auto.tfvars.json` in the stack's folder (`<stack>` without
    /// stages) instead of the variable: each stage's value, where an operator sees and can change
    /// it; the variable itself has none. What a `per_stage(..)` default in `lambda_stack!` expands to.
    ///
    /// ```
    /// use lambda_stack_runtime::Param;
    /// let subnets = Param::new("subnets").param_type("list").default_list(["subnet-0a1b2c3d"]).in_tfvars();
    /// # let _ = subnets;
    /// ```
    pub fn in_tfvars(mut self) -> Self {
        self.in_tfvars = true;
        self
    }

    pub fn declared_at(mut self, file: &str, line: u32) -> Self {
        self.origin = Origin { file: file.to_owned(), line };
        self
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    /// The param as the checker reads it.
    pub(crate) fn to_decl(&self) -> decl::Param {
        decl::Param {
            name: self.name.clone(),
            kind: self.kind.as_ref().map(|kind| Word::new(kind.clone(), ParamType::parse)),
            default: self.default.clone(),
            description: self.description.clone(),
            sensitive: self.sensitive,
        }
    }
}
