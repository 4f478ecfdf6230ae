//! A stack: one Terraform root module, with its region, resources and functions.

use std::collections::BTreeMap;

use crate::bucket::Bucket;
use crate::error::{Origin, Problem};
use crate::function::Function;
use crate::iam::{ManagedPolicy, Resource, Role, Statement};
use crate::reference::EnvValue;
use crate::rules::{self, resources::Kind, Verdict};
use crate::trigger::Trigger;

/// Where Terraform keeps the stack's state.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Backend {
    /// A state file beside the output folder (`terraform.<stack>.tfstate`), so that re-synthesizing
    /// never touches it.
    #[default]
    Local,
    /// An S3 bucket, with S3's native lock file.
    S3 { bucket: String, key: String, region: Option<String>, encrypt: bool },
}

/// A stack: what `lambda_stack!` declares, and what `synth` turns into one `cdk.tf.json`.
///
/// Every rule the macro checks at compile time is checked again by [`Stack::check`] when the
/// stack is synthesized, so a stack built by hand gets the same errors.
///
/// ```
/// use lambda_stack_runtime::{Bucket, Function, Stack};
/// let stack = Stack::new("hello")
///     .region("eu-west-3")
///     .bucket(Bucket::new("reports"))
///     .function(Function::new("hello").runtime("python3.12").handler("app.handler").code("functions/hello"));
/// assert_eq!(stack.name(), "hello");
/// ```
#[derive(Debug, Clone)]
#[must_use]
pub struct Stack {
    pub(crate) name: String,
    pub(crate) region: Option<String>,
    pub(crate) tags: BTreeMap<String, String>,
    pub(crate) backend: Backend,
    pub(crate) buckets: Vec<Bucket>,
    pub(crate) roles: Vec<Role>,
    pub(crate) functions: Vec<Function>,
    pub(crate) origin: Origin,
}

/// What [`Stack::check`] found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Findings {
    pub problems: Vec<Problem>,
    pub warnings: Vec<Problem>,
}

impl Stack {
    #[track_caller]
    pub fn new(name: impl Into<String>) -> Self {
        Stack {
            name: name.into(),
            region: None,
            tags: BTreeMap::new(),
            backend: Backend::Local,
            buckets: Vec::new(),
            roles: Vec::new(),
            functions: Vec::new(),
            origin: Origin::caller(),
        }
    }

    /// The AWS region the stack deploys to (required).
    pub fn region(mut self, region: impl Into<String>) -> Self {
        self.region = Some(region.into());
        self
    }

    /// A tag on every resource (the provider's `default_tags`).
    pub fn tag(mut self, key: impl Into<String>, value: impl Into<String>) -> Self {
        self.tags.insert(key.into(), value.into());
        self
    }

    pub fn backend(mut self, backend: Backend) -> Self {
        self.backend = backend;
        self
    }

    pub fn bucket(mut self, bucket: Bucket) -> Self {
        self.buckets.push(bucket);
        self
    }

    pub fn role(mut self, role: Role) -> Self {
        self.roles.push(role);
        self
    }

    pub fn function(mut self, function: Function) -> Self {
        self.functions.push(function);
        self
    }

    pub fn declared_at(mut self, file: &str, line: u32) -> Self {
        self.origin = Origin { file: file.to_owned(), line };
        self
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    pub fn functions(&self) -> &[Function] {
        &self.functions
    }

    pub fn region_name(&self) -> Option<&str> {
        self.region.as_deref()
    }

    /// The kind of each declared name.
    pub(crate) fn kinds(&self) -> BTreeMap<&str, Kind> {
        let mut kinds = BTreeMap::new();
        for bucket in &self.buckets {
            kinds.entry(bucket.name.as_str()).or_insert(Kind::Bucket);
        }
        for role in &self.roles {
            kinds.entry(role.name.as_str()).or_insert(Kind::Role);
        }
        for function in &self.functions {
            kinds.entry(function.name.as_str()).or_insert(Kind::Function);
        }
        kinds
    }

    /// Runs every rule against the stack.
    pub fn check(&self) -> Findings {
        let mut checker = Checker { stack: self, kinds: self.kinds(), findings: Findings::default() };
        checker.check_stack();
        checker.findings
    }
}

struct Checker<'a> {
    stack: &'a Stack,
    kinds: BTreeMap<&'a str, Kind>,
    findings: Findings,
}

impl<'a> Checker<'a> {
    fn problem(&mut self, subject: String, origin: &Origin, result: Result<(), String>) {
        if let Err(message) = result {
            self.findings.problems.push(Problem { subject, origin: origin.clone(), message });
        }
    }

    fn check_stack(&mut self) {
        let stack = self.stack;
        let subject = format!("stack `{}`", stack.name);
        self.problem(subject.clone(), &stack.origin, rules::names::check_stack_name(&stack.name));
        let region = match &stack.region {
            Some(region) => rules::regions::check_region(region),
            None => Err("stack has no `region`; add one, such as `region: \"eu-west-3\"`".to_owned()),
        };
        self.problem(subject.clone(), &stack.origin, region);
        self.problem(
            subject.clone(),
            &stack.origin,
            rules::limits::check_tags(stack.tags.iter().map(|(k, v)| (k.as_str(), v.as_str()))),
        );
        if let Backend::S3 { bucket, key, region, .. } = &stack.backend {
            self.problem(subject.clone(), &stack.origin, rules::names::check_bucket_name(bucket));
            if key.is_empty() || key.starts_with('/') {
                self.problem(
                    subject.clone(),
                    &stack.origin,
                    Err(format!("backend key `{key}` must be a relative object key")),
                );
            }
            if let Some(region) = region {
                self.problem(subject.clone(), &stack.origin, rules::regions::check_region(region));
            }
        }
        self.check_unique_names();
        for bucket in &stack.buckets {
            self.check_bucket(bucket);
        }
        for role in &stack.roles {
            self.check_role(role);
        }
        for function in &stack.functions {
            self.check_function(function);
        }
        self.check_routes_unique();
        self.check_policy_sizes();
    }

    /// Every declaration of a stack has its own name: references and Terraform addresses use it.
    fn check_unique_names(&mut self) {
        let mut seen: BTreeMap<&str, Kind> = BTreeMap::new();
        let declared = self
            .stack
            .buckets
            .iter()
            .map(|b| (b.name.as_str(), Kind::Bucket, &b.origin))
            .chain(self.stack.roles.iter().map(|r| (r.name.as_str(), Kind::Role, &r.origin)))
            .chain(self.stack.functions.iter().map(|f| (f.name.as_str(), Kind::Function, &f.origin)));
        let mut problems = Vec::new();
        for (name, kind, origin) in declared {
            if let Some(first) = seen.get(name) {
                problems.push(Problem {
                    subject: format!("{kind} `{name}`"),
                    origin: origin.clone(),
                    message: format!("the name `{name}` is already used by a {first} of this stack"),
                });
            } else {
                seen.insert(name, kind);
            }
        }
        self.findings.problems.extend(problems);
    }

    fn check_bucket(&mut self, bucket: &Bucket) {
        let subject = format!("bucket `{}`", bucket.name);
        let result = match &bucket.existing {
            Some(existing) => rules::names::check_bucket_name(existing),
            None => rules::names::check_bucket_prefix(&self.stack.name, &bucket.name),
        };
        self.problem(subject, &bucket.origin, result);
    }

    fn check_role(&mut self, role: &Role) {
        let subject = format!("role `{}`", role.name);
        self.problem(subject.clone(), &role.origin, rules::names::check_role_name(&self.stack.name, &role.name));
        for policy in &role.managed {
            let result = match policy {
                ManagedPolicy::Aws(name) => rules::iam::check_managed_policy(name).map(drop),
                ManagedPolicy::Arn(arn) => rules::resources::check_policy_arn(arn),
            };
            self.problem(subject.clone(), &role.origin, result);
        }
        for statement in &role.allow {
            self.check_statement(&subject, statement);
        }
    }

    /// A statement's actions exist and apply to the resource it names, which must be declared.
    fn check_statement(&mut self, subject: &str, statement: &Statement) {
        let result = self.target(&statement.resource).and_then(|target| {
            for spec in &statement.actions {
                rules::resources::check_statement(&spec.action, spec.wildcard, target)?;
            }
            Ok(())
        });
        if statement.actions.is_empty() {
            self.problem(subject.to_owned(), &statement.origin, Err("a statement needs at least one action".into()));
        }
        self.problem(subject.to_owned(), &statement.origin, result);
    }

    fn target(&self, resource: &'a Resource) -> Result<rules::resources::Target<'a>, String> {
        use rules::resources::Target;
        match resource {
            Resource::Named(name) => Ok(Target::Resource { kind: self.kind_of(name)?, name }),
            Resource::Sub { target, sub, .. } => {
                let kind = self.kind_of(target)?;
                let sub = rules::resources::check_sub_resource(kind, target, sub)?;
                Ok(Target::Sub { kind, name: target, sub })
            }
            Resource::Arn(arn) if arn.is_empty() => Err("a statement needs a resource: add `.on(...)`".into()),
            Resource::Arn(arn) => Ok(Target::Arn(arn)),
        }
    }

    fn kind_of(&self, name: &str) -> Result<Kind, String> {
        self.kinds.get(name).copied().ok_or_else(|| {
            format!(
                "no declaration named `{name}` in stack `{}`{}",
                self.stack.name,
                rules::suggest::did_you_mean(name, self.kinds.keys().copied())
            )
        })
    }

    fn check_function(&mut self, function: &Function) {
        let subject = format!("function `{}`", function.name);
        let origin = &function.origin;
        self.problem(subject.clone(), origin, rules::names::check_function_name(&self.stack.name, &function.name));
        self.check_code(&subject, function);
        let limits = [
            function.memory.map(rules::limits::check_memory),
            function.timeout.map(rules::limits::check_timeout),
            function.ephemeral_storage.map(rules::limits::check_ephemeral_storage),
            function.log_retention.map(rules::limits::check_log_retention),
            function.reserved_concurrency.map(rules::limits::check_reserved_concurrency),
            function.description.as_deref().map(rules::limits::check_description),
            Some(rules::limits::check_layer_count(function.layers.len())),
            Some(rules::limits::check_tags(function.tags.iter().map(|(k, v)| (k.as_str(), v.as_str())))),
        ];
        for result in limits.into_iter().flatten() {
            self.problem(subject.clone(), origin, result);
        }
        for layer in &function.layers {
            self.problem(subject.clone(), origin, rules::limits::check_layer_arn(layer));
        }
        self.check_env(&subject, function);
        if let Some(role) = &function.role {
            let result = match self.kind_of(role) {
                Ok(Kind::Role) => Ok(()),
                Ok(other) => Err(format!("`{role}` is a {other}, not a role")),
                Err(message) => Err(message),
            };
            self.problem(subject.clone(), origin, result);
        }
        for statement in &function.allow {
            self.check_statement(&subject, statement);
        }
        for trigger in &function.triggers {
            match trigger {
                Trigger::Http { method, path, origin } => {
                    self.problem(subject.clone(), origin, rules::triggers::check_route(method, path));
                }
            }
        }
    }

    /// The runtime is known and current, the handler has its runtime's format, and the code
    /// directory holds what the handler names.
    fn check_code(&mut self, subject: &str, function: &Function) {
        let origin = &function.origin;
        let Some(runtime_id) = &function.runtime else {
            self.problem(subject.into(), origin, Err("function has no `runtime`, such as `python3.12`".into()));
            return;
        };
        match rules::runtimes::check_runtime(runtime_id, rules::runtimes::Date::today()) {
            Verdict::Ok => {}
            Verdict::Warning(message) => {
                self.findings.warnings.push(Problem { subject: subject.into(), origin: origin.clone(), message })
            }
            Verdict::Error(message) => self.problem(subject.into(), origin, Err(message)),
        }
        let Some(runtime) = rules::runtimes::lookup(runtime_id) else { return };
        let Some(handler) = &function.handler else {
            self.problem(subject.into(), origin, Err("function has no `handler`".into()));
            return;
        };
        if let Err(message) = rules::handler::check_format(runtime.family, handler) {
            self.problem(subject.into(), origin, Err(message));
            return;
        }
        let Some(code) = &function.code else {
            self.problem(subject.into(), origin, Err("function has no `code` directory".into()));
            return;
        };
        let shown = function.code_as_written.clone().unwrap_or_else(|| code.display().to_string());
        if !code.is_dir() {
            self.problem(subject.into(), origin, Err(format!("code directory `{shown}` does not exist")));
            return;
        }
        use rules::runtimes::Family;
        let files = match runtime.family {
            Family::Python => rules::handler::check_python(code, &shown, handler),
            Family::Node => rules::handler::check_node(code, &shown, handler),
            Family::Provided => rules::handler::check_bootstrap(code, &shown),
            _ => Ok(Vec::new()),
        };
        self.problem(subject.into(), origin, files.map(drop));
    }

    /// Keys are allowed, references resolve, and everything fits in 4 KB.
    fn check_env(&mut self, subject: &str, function: &Function) {
        let origin = &function.origin;
        for key in &function.duplicate_env {
            self.problem(subject.into(), origin, Err(format!("environment variable `{key}` is set twice")));
        }
        let mut sizes = Vec::new();
        for (key, value) in &function.env {
            self.problem(subject.into(), origin, rules::env::check_key(key));
            let length = match value {
                EnvValue::Literal(text) => Ok(rules::env::json_len(text)),
                EnvValue::Ref(reference) => self
                    .kind_of(&reference.target)
                    .and_then(|kind| rules::resources::check_attribute(kind, &reference.target, &reference.attribute))
                    .map(|attribute| attribute.max_len),
            };
            match length {
                Ok(length) => sizes.push((key.as_str(), length)),
                Err(message) => self.problem(subject.into(), origin, Err(message)),
            }
        }
        self.problem(subject.into(), origin, rules::env::check_total_size(sizes));
    }

    /// One HTTP API per stack: a route belongs to one function.
    fn check_routes_unique(&mut self) {
        let mut seen: BTreeMap<String, &str> = BTreeMap::new();
        let mut problems = Vec::new();
        for function in &self.stack.functions {
            for trigger in &function.triggers {
                let Trigger::Http { method, path, origin } = trigger;
                let key = rules::triggers::route_key(method, path);
                match seen.get(&key) {
                    Some(first) => problems.push(Problem {
                        subject: format!("function `{}`", function.name),
                        origin: origin.clone(),
                        message: format!("route `{key}` is already declared by function `{first}`"),
                    }),
                    None => {
                        seen.insert(key, &function.name);
                    }
                }
            }
        }
        self.findings.problems.extend(problems);
    }

    /// Each role's inline policies fit IAM's per-role quota, counting the statements functions
    /// add to a role they share.
    fn check_policy_sizes(&mut self) {
        let mut per_role: BTreeMap<&str, (Vec<&Statement>, &Origin)> = BTreeMap::new();
        for role in &self.stack.roles {
            per_role.insert(&role.name, (role.allow.iter().collect(), &role.origin));
        }
        for function in &self.stack.functions {
            let role = function.role.as_deref().unwrap_or(&function.name);
            per_role.entry(role).or_insert((Vec::new(), &function.origin)).0.extend(&function.allow);
        }
        let mut problems = Vec::new();
        for (role, (statements, origin)) in per_role {
            let sizes: Vec<(Vec<String>, usize)> = statements
                .iter()
                .map(|s| (s.actions.iter().map(|a| a.action.clone()).collect(), self.resource_max_len(&s.resource)))
                .collect();
            let chars = rules::resources::policy_chars(sizes.iter().map(|(a, len)| (a.as_slice(), *len)));
            if let Err(message) = rules::limits::check_role_inline_policy_size(role, chars) {
                problems.push(Problem { subject: format!("role `{role}`"), origin: origin.clone(), message });
            }
        }
        self.findings.problems.extend(problems);
    }

    fn resource_max_len(&self, resource: &Resource) -> usize {
        use rules::resources::{arn_max_len, sub_arn_max_len};
        match resource {
            Resource::Named(name) => self.kinds.get(name.as_str()).map_or(0, |&kind| arn_max_len(kind)),
            Resource::Sub { target, pattern, .. } => {
                self.kinds.get(target.as_str()).map_or(0, |&kind| sub_arn_max_len(kind, pattern.as_deref()))
            }
            Resource::Arn(arn) => arn.len(),
        }
    }
}
