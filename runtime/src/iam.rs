//! IAM roles and least-privilege statements.

use crate::origin::Origin;

/// What an IAM statement acts on.
///
/// ```
/// use lambda_stack_runtime::Resource;
/// let every_object = Resource::sub("reports", "objects", None);
/// let inputs = Resource::sub("reports", "objects", Some("in/*".into()));
/// let bucket = Resource::named("reports");
/// let queue = Resource::arn("arn:aws:sqs:eu-west-3:123456789012:jobs");
/// # let _ = (every_object, inputs, bucket, queue);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resource {
    /// A declaration of the stack, meaning its own ARN.
    Named(String),
    /// A part of a declaration (`reports.objects`, optionally with a key pattern).
    Sub { target: String, sub: String, pattern: Option<String> },
    /// An ARN written out, or `"*"`.
    Arn(String),
}

impl Resource {
    pub fn named(name: impl Into<String>) -> Self {
        Resource::Named(name.into())
    }

    pub fn sub(target: impl Into<String>, sub: impl Into<String>, pattern: Option<String>) -> Self {
        Resource::Sub { target: target.into(), sub: sub.into(), pattern }
    }

    pub fn arn(arn: impl Into<String>) -> Self {
        Resource::Arn(arn.into())
    }
}

impl std::fmt::Display for Resource {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Resource::Named(name) => f.write_str(name),
            Resource::Sub { target, sub, pattern: None } => write!(f, "{target}.{sub}"),
            Resource::Sub { target, sub, pattern: Some(p) } => write!(f, "{target}.{sub}({p:?})"),
            Resource::Arn(arn) => write!(f, "{arn:?}"),
        }
    }
}

/// One action of a statement, and whether its wildcard was opted into.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActionSpec {
    pub action: String,
    pub wildcard: bool,
}

/// An `Allow` statement: actions on one resource.
///
/// ```
/// use lambda_stack_runtime::{Resource, Statement};
/// let read = Statement::allow(["s3:GetObject"]).on(Resource::sub("reports", "objects", None));
/// let list = Statement::allow_wildcard(["s3:List*"]).on(Resource::named("reports"));
/// # let _ = (read, list);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[must_use]
pub struct Statement {
    pub(crate) actions: Vec<ActionSpec>,
    pub(crate) resource: Resource,
    pub(crate) origin: Origin,
}

impl Statement {
    /// Names the actions (`service:Action`); wildcards are refused unless opted into with
    /// [`Statement::allow_wildcard`] or [`Statement::and_wildcard`].
    #[track_caller]
    pub fn allow<I, S>(actions: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        let actions = actions.into_iter().map(|a| ActionSpec { action: a.into(), wildcard: false }).collect();
        Statement { actions, resource: Resource::Arn(String::new()), origin: Origin::caller() }
    }

    /// Actions that may contain `*` or `?`, each granting every action it matches.
    #[track_caller]
    pub fn allow_wildcard<I, S>(actions: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        let mut statement = Statement::allow(actions);
        statement.actions.iter_mut().for_each(|spec| spec.wildcard = true);
        statement
    }

    /// Adds one more action, wildcard opted in.
    pub fn and_wildcard(mut self, action: impl Into<String>) -> Self {
        self.actions.push(ActionSpec { action: action.into(), wildcard: true });
        self
    }

    /// What the actions act on.
    pub fn on(mut self, resource: Resource) -> Self {
        self.resource = resource;
        self
    }

    pub fn declared_at(mut self, file: &str, line: u32) -> Self {
        self.origin = Origin { file: file.to_owned(), line };
        self
    }

    pub fn actions(&self) -> impl Iterator<Item = &str> {
        self.actions.iter().map(|a| a.action.as_str())
    }

    pub fn resource(&self) -> &Resource {
        &self.resource
    }
}

/// A managed policy on a role: an AWS managed policy by name, or any policy by ARN.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ManagedPolicy {
    Aws(String),
    Arn(String),
}

/// An IAM role that functions can share. Lambda may assume it; it holds managed policies and
/// inline statements.
///
/// ```
/// use lambda_stack_runtime::{Resource, Role, Statement};
/// let role = Role::new("readers")
///     .managed("AWSLambdaBasicExecutionRole")
///     .allow(Statement::allow(["s3:GetObject"]).on(Resource::sub("reports", "objects", None)));
/// assert_eq!(role.name(), "readers");
/// ```
#[derive(Debug, Clone)]
#[must_use]
pub struct Role {
    pub(crate) name: String,
    pub(crate) existing: Option<String>,
    pub(crate) managed: Vec<ManagedPolicy>,
    pub(crate) allow: Vec<Statement>,
    pub(crate) boundary: Option<String>,
    pub(crate) adopt: lambda_stack_core::decl::Adoption,
    pub(crate) origin: Origin,
}

impl Role {
    crate::adopt::adoption_setters!("role");

    /// The role's permissions boundary: the ARN of an IAM policy (placeholders allowed, or
    /// [`crate::Param::reference`]) capping what its policies can grant; without it, the stack's
    /// ([`crate::Stack::boundary`]).
    ///
    /// ```
    /// use lambda_stack_runtime::Role;
    /// let role = Role::new("workers").boundary("arn:aws:iam::{account}:policy/team-boundary");
    /// # let _ = role;
    /// ```
    pub fn boundary(mut self, policy_arn: impl Into<String>) -> Self {
        self.boundary = Some(policy_arn.into());
        self
    }

    #[track_caller]
    pub fn new(name: impl Into<String>) -> Self {
        Role {
            name: name.into(),
            existing: None,
            managed: Vec::new(),
            allow: Vec::new(),
            boundary: None,
            adopt: Default::default(),
            origin: Origin::caller(),
        }
    }

    /// Uses a role outside this stack, by ARN: it is not created, takes no `managed` or `allow`,
    /// and the statements its functions need (their `allow`, what their triggers read) are
    /// attached to it as inline policies named `<stack>-<function>`.
    pub fn existing(mut self, arn: impl Into<String>) -> Self {
        self.existing = Some(arn.into());
        self
    }

    /// Attaches an AWS managed policy by name (`AWSLambdaBasicExecutionRole`), or any managed
    /// policy by ARN.
    pub fn managed(mut self, policy: impl Into<String>) -> Self {
        let policy = policy.into();
        self.managed.push(if policy.starts_with("arn:") {
            ManagedPolicy::Arn(policy)
        } else {
            ManagedPolicy::Aws(policy)
        });
        self
    }

    /// Adds an inline statement.
    pub fn allow(mut self, statement: Statement) -> Self {
        self.allow.push(statement);
        self
    }

    pub fn declared_at(mut self, file: &str, line: u32) -> Self {
        self.origin = Origin { file: file.to_owned(), line };
        self
    }

    pub fn name(&self) -> &str {
        &self.name
    }
}
