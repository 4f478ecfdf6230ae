//! Rules about what the declarations mean: one `check_*` function per rule, each stating its rule
//! in a one-line header and calling the shared table in `lambda_stack_core::rules`, so the
//! builders enforce the very same rule at synth.

mod events;
pub mod function;

use std::collections::BTreeMap;
use std::path::PathBuf;

use lambda_stack_core::rules::{self, resources::Kind, runtimes::Family, Verdict};
use lambda_stack_core::scan;
use proc_macro2::Span;
use syn::ext::IdentExt;
use syn::Ident;

use crate::errors::Errors;
use crate::model::{Code, EnvValue, Function, Resource, Role, Stack, Statement, Trigger};

/// Every declaration of the stack, with its kind, in declaration-kind order.
pub(crate) fn declarations(stack: &Stack) -> impl Iterator<Item = (&Ident, Kind)> {
    let buckets = stack.buckets.iter().map(|b| (&b.name, Kind::Bucket));
    let queues = stack.queues.iter().map(|q| (&q.name, Kind::Queue));
    let tables = stack.tables.iter().map(|t| (&t.name, Kind::Table));
    let topics = stack.topics.iter().map(|t| (&t.name, Kind::Topic));
    let streams = stack.streams.iter().map(|s| (&s.name, Kind::Stream));
    let roles = stack.roles.iter().map(|r| (&r.name, Kind::Role));
    let functions = stack.functions.iter().map(|f| (&f.name, Kind::Function));
    buckets.chain(queues).chain(tables).chain(topics).chain(streams).chain(roles).chain(functions)
}
use crate::span::Sp;

/// A declaration's name as AWS names and references use it: `r#type` is `type`.
fn text(ident: &Ident) -> String {
    ident.unraw().to_string()
}

/// What checking found besides errors: warnings to emit, and files the expansion depends on.
#[derive(Default)]
pub struct Checked {
    pub warnings: Vec<(Span, String)>,
    /// Files read to check handlers: the expansion includes them so cargo rebuilds on edits.
    pub tracked_files: Vec<PathBuf>,
}

struct Cx<'a> {
    stack: &'a Stack,
    kinds: BTreeMap<String, (Kind, &'a Ident)>,
    errors: &'a mut Errors,
    checked: Checked,
}

/// Runs every rule over `stack`.
pub fn check(stack: &Stack, errors: &mut Errors) -> Checked {
    let mut kinds = BTreeMap::new();
    for (name, kind) in declarations(stack) {
        kinds.entry(text(name)).or_insert((kind, name));
    }
    let mut cx = Cx { stack, kinds, errors, checked: Checked::default() };
    cx.check_stack_name();
    cx.check_region();
    cx.check_stack_tags();
    cx.check_backend();
    cx.check_unique_names();
    cx.check_assets();
    for bucket in &stack.buckets {
        cx.check_bucket_name(bucket);
    }
    for queue in &stack.queues {
        cx.check_queue(queue);
    }
    for table in &stack.tables {
        cx.check_table(table);
    }
    for topic in &stack.topics {
        cx.check_topic(topic);
    }
    for stream in &stack.streams {
        cx.check_stream(stream);
    }
    for role in &stack.roles {
        cx.check_role_name(role);
        cx.check_managed_policies(role);
        for statement in &role.allow {
            cx.check_statement(statement);
        }
    }
    for function in &stack.functions {
        cx.check_function(function);
    }
    cx.check_unique_routes();
    cx.check_s3_overlaps();
    cx.check_policy_sizes();
    cx.checked
}

impl Cx<'_> {
    /// The stack name starts with a letter and fits the AWS names built from it.
    fn check_stack_name(&mut self) {
        let name = &self.stack.name;
        self.errors.check(name.span(), rules::names::check_stack_name(&text(name)));
    }

    /// The region, when given, is one AWS has; without one, Terraform's AWS provider takes it from
    /// `AWS_REGION` or the profile.
    fn check_region(&mut self) {
        if let Some(region) = &self.stack.region {
            self.errors.check(region.span, rules::regions::check_region(region));
        }
    }

    /// Stack tags (the provider's `default_tags`) follow AWS's tag rules.
    fn check_stack_tags(&mut self) {
        check_tags(self.errors, &self.stack.tags);
    }

    /// An S3 backend names a valid bucket, a relative key and a real region.
    fn check_backend(&mut self) {
        let Some(crate::model::Backend::S3 { bucket, key, region, .. }) = &self.stack.backend else { return };
        self.errors.check(bucket.span, rules::names::check_bucket_name(bucket));
        if key.is_empty() || key.starts_with('/') {
            self.errors.at(
                key.span,
                format!("backend key `{}` must be a relative object key, such as `hello.tfstate`", key.value),
            );
        }
        if let Some(region) = region {
            self.errors.check(region.span, rules::regions::check_region(region));
        }
    }

    /// Every declaration of a stack has its own name: references and Terraform addresses use it.
    fn check_unique_names(&mut self) {
        let mut seen: BTreeMap<String, Kind> = BTreeMap::new();
        for (name, kind) in declarations(self.stack) {
            match seen.get(&text(name)) {
                Some(first) => self.errors.at(
                    name.span(),
                    format!(
                        "the name `{name}` is already used by a {first} of stack `{}`; each declaration of a stack needs its own name",
                        self.stack.name
                    ),
                ),
                None => {
                    seen.insert(text(name), kind);
                }
            }
        }
    }

    /// `assets:` names a bucket of the stack.
    fn check_assets(&mut self) {
        let Some(assets) = &self.stack.assets else { return };
        match self.kind_of(assets) {
            Some(Kind::Bucket) | None => {}
            Some(other) => self.errors.at(
                assets.span(),
                format!(
                    "`assets` names the bucket that packages over 50 MB are uploaded to, but `{assets}` is a {other}; \
                     declare a `bucket` and name it here"
                ),
            ),
        }
    }

    /// An owned bucket's generated prefix fits; an existing bucket's name follows S3's rules.
    fn check_bucket_name(&mut self, bucket: &crate::model::Bucket) {
        debug_assert!(Kind::Bucket.can_be_existing());
        match &bucket.existing {
            Some(existing) => {
                let name = rules::names::bucket_name_of(existing);
                self.errors.check(existing.span, rules::names::check_bucket_name(name));
            }
            None => {
                let result = rules::names::check_bucket_prefix(&text(&self.stack.name), &text(&bucket.name));
                self.errors.check(bucket.name.span(), result);
            }
        }
    }

    /// A role's AWS name (`{stack}-{role}`) fits IAM's 64 characters.
    fn check_role_name(&mut self, role: &Role) {
        let result = rules::names::check_role_name(&text(&self.stack.name), &text(&role.name));
        self.errors.check(role.name.span(), result);
    }

    /// Managed policies are AWS managed policies that exist, or IAM policy ARNs.
    fn check_managed_policies(&mut self, role: &Role) {
        for policy in &role.managed {
            if policy.starts_with("arn:") {
                self.errors.check(policy.span, rules::resources::check_policy_arn(policy));
            } else {
                self.errors.check(policy.span, rules::iam::check_managed_policy(policy).map(drop));
            }
        }
    }

    /// A statement names a declared resource (or an ARN), and each action exists and applies to it.
    fn check_statement(&mut self, statement: &Statement) {
        use rules::resources::Target;
        let (name, kind, sub) = match &statement.resource {
            Resource::Named(name) => (text(name), self.kind_of(name), None),
            Resource::Sub { target, sub, .. } => (text(target), self.kind_of(target), Some(sub)),
            Resource::Arn(arn) => {
                if !self.check_arn_literal(arn) {
                    return;
                }
                (arn.value.clone(), None, None)
            }
        };
        let target = match (&statement.resource, kind, sub) {
            (Resource::Arn(_), _, _) => Target::Arn(&name),
            (_, None, _) => return,
            (_, Some(kind), None) => Target::Resource { kind, name: &name },
            (_, Some(kind), Some(sub_ident)) => {
                let checked = rules::resources::check_sub_resource(kind, &name, &text(sub_ident));
                let Some(sub) = self.errors.check(sub_ident.span(), checked) else { return };
                let pattern = match &statement.resource {
                    Resource::Sub { pattern, .. } => pattern.as_ref(),
                    _ => None,
                };
                let shape = rules::resources::check_sub_pattern(&name, &sub, pattern.map(|p| p.value.as_str()));
                let span = pattern.map_or(sub_ident.span().into(), |p| p.span);
                if self.errors.check(span, shape).is_none() {
                    return;
                }
                Target::Sub { kind, name: &name, sub }
            }
        };
        for action in &statement.actions {
            self.errors
                .check(action.span, rules::resources::check_statement(&action.text, action.wildcard, target).map(drop));
        }
    }

    /// An ARN written as a resource is `"*"` or fits the ARN format of some AWS resource type;
    /// reported on the ARN, once, rather than on each action of the statement.
    fn check_arn_literal(&mut self, arn: &Sp<String>) -> bool {
        self.errors.check(arn.span, rules::resources::check_arn(arn)).is_some()
    }

    /// A reference names a declaration of this stack.
    fn kind_of(&mut self, name: &Ident) -> Option<Kind> {
        let wanted = text(name);
        match self.kinds.get(&wanted) {
            Some((kind, _)) => Some(*kind),
            None => {
                let hint = rules::suggest::did_you_mean(&wanted, self.kinds.keys().map(String::as_str));
                self.errors
                    .at(name.span(), format!("no declaration named `{wanted}` in stack `{}`{hint}", self.stack.name));
                None
            }
        }
    }

    fn check_function(&mut self, function: &Function) {
        self.check_function_name(function);
        self.check_required_keys(function);
        let family = self.check_runtime(function);
        if let Some(family) = family {
            self.check_handler(function, family);
        }
        self.check_limits(function);
        self.check_layers(function);
        self.check_env(function);
        self.check_function_role(function);
        for statement in &function.allow {
            self.check_statement(statement);
        }
        self.check_triggers(function);
        self.check_dead_letter(function);
        check_tags(self.errors, &function.tags);
    }

    /// The function's AWS name (`{stack}-{function}`) fits Lambda's 64 characters.
    fn check_function_name(&mut self, function: &Function) {
        let result = rules::names::check_function_name(&text(&self.stack.name), &text(&function.name));
        self.errors.check(function.name.span(), result);
    }

    /// A function declares its `runtime`, `handler` and `code`, or none of them to bind the
    /// `#[function]` of its name, which takes no `exclude` either.
    fn check_required_keys(&mut self, function: &Function) {
        if function.binds_rust() {
            if let Some((_, span)) = function.key_spans.iter().find(|(key, _)| key == "exclude") {
                let why = rules::rust::implied_key("exclude").unwrap_or_default();
                self.errors.at(*span, format!("function `{}` binds a Rust `#[function]`: {why}", function.name));
            }
            return;
        }
        // A key written with a value of the wrong kind was reported when it was read.
        let missing: Vec<&str> =
            ["runtime", "handler", "code"].into_iter().filter(|key| !function.written.contains(*key)).collect();
        if missing.is_empty() {
            return;
        }
        let message = format!(
            "function `{}` has no {}; a function needs `runtime`, `handler` and `code`, or none of them to bind the Rust `#[function]` of its name",
            function.name,
            rules::suggest::one_of(missing.iter()).replace(" or ", " and ")
        );
        self.errors.at(function.name.span(), message);
    }

    /// The runtime is in AWS's table; past its deprecation date it warns, past the date AWS
    /// blocks creating functions with it, it is an error.
    fn check_runtime(&mut self, function: &Function) -> Option<Family> {
        let runtime = function.runtime.as_ref()?;
        match rules::runtimes::check_runtime(runtime, rules::runtimes::Date::today()) {
            Verdict::Ok => {}
            Verdict::Warning(message) => self.checked.warnings.push((runtime.span.start, message)),
            Verdict::Error(message) => {
                self.errors.at(runtime.span, message);
                return None;
            }
        }
        rules::runtimes::lookup(runtime).map(|r| r.family)
    }

    /// The handler has its runtime's format, and the code directory holds what it names.
    fn check_handler(&mut self, function: &Function, family: Family) {
        let Some(handler) = &function.handler else { return };
        if self.errors.check(handler.span, rules::handler::check_format(family, handler)).is_none() {
            return;
        }
        let Some(Code { as_written, resolved: Some(dir) }) = &function.code else { return };
        if !self.check_code_dir(as_written, dir) {
            return;
        }
        let files = match family {
            Family::Python => scan::python::check_python(dir, as_written, handler),
            Family::Node => scan::node::check_node(dir, as_written, handler),
            Family::Provided => scan::bootstrap::check_bootstrap(dir, as_written),
            _ => Ok(Vec::new()),
        };
        let span = if family == Family::Provided { as_written.span } else { handler.span };
        if let Some(files) = self.errors.check(span, files) {
            self.checked.tracked_files.extend(files);
        }
    }

    /// The code path is a directory.
    fn check_code_dir(&mut self, as_written: &crate::span::Sp<String>, dir: &std::path::Path) -> bool {
        if dir.is_dir() {
            return true;
        }
        let message = if dir.exists() {
            format!("code path `{}` is a file; `code` names the directory to package", as_written.value)
        } else {
            format!(
                "code directory `{}` does not exist (paths are relative to the file holding `lambda_stack!`){}",
                as_written.value,
                sibling_hint(&as_written.value, dir)
            )
        };
        self.errors.at(as_written.span, message);
        false
    }

    /// Memory, timeout, ephemeral storage, log retention, reserved concurrency and description are
    /// within Lambda's limits.
    fn check_limits(&mut self, function: &Function) {
        let numeric = [
            (&function.memory, rules::limits::check_memory as fn(u64) -> Result<(), String>),
            (&function.timeout, rules::limits::check_timeout),
            (&function.ephemeral_storage, rules::limits::check_ephemeral_storage),
            (&function.log_retention, rules::limits::check_log_retention),
            (&function.reserved_concurrency, rules::limits::check_reserved_concurrency),
        ];
        for (value, rule) in numeric {
            if let Some(value) = value {
                self.errors.check(value.span, rule(value.value));
            }
        }
        if let Some(description) = &function.description {
            self.errors.check(description.span, rules::limits::check_description(description));
        }
    }

    /// At most 5 layers, each a layer version ARN.
    fn check_layers(&mut self, function: &Function) {
        if let Some(sixth) = function.layers.get(rules::limits::MAX_LAYERS) {
            self.errors.check(sixth.span, rules::limits::check_layer_count(function.layers.len()));
        }
        for layer in &function.layers {
            self.errors.check(layer.span, rules::limits::check_layer_arn(layer));
        }
    }

    /// Environment keys are allowed, references resolve to an attribute, and all fits in 4 KB.
    fn check_env(&mut self, function: &Function) {
        let mut sizes = Vec::new();
        for (key, value) in &function.env {
            self.errors.check(key.span, rules::env::check_key(key));
            let length = match value {
                EnvValue::Literal(text) => Some(rules::env::json_len(text)),
                EnvValue::Ref { target, attribute } => self.check_reference(function, target, attribute),
            };
            if let Some(length) = length {
                sizes.push((key.value.as_str(), length));
            }
        }
        if let Some(span) = function.env_span {
            self.errors.check(span, rules::env::check_total_size(sizes));
        }
    }

    /// `target.attribute` names a declaration and one of its attributes; a function cannot read
    /// its own ARN (it would depend on itself).
    fn check_reference(&mut self, function: &Function, target: &Ident, attribute: &Ident) -> Option<usize> {
        let kind = self.kind_of(target)?;
        let found = self
            .errors
            .check(attribute.span(), rules::resources::check_attribute(kind, &text(target), &text(attribute)))?;
        self.check_stream_arn(target, attribute);
        if *target == function.name && found.name == "arn" {
            self.errors.at(
                target.span(),
                format!("function `{target}` cannot read its own ARN from its environment: it would depend on itself; Lambda passes it in the invocation context"),
            );
        }
        Some(found.max_len)
    }

    /// `role:` names a role of the stack.
    fn check_function_role(&mut self, function: &Function) {
        let Some(role) = &function.role else { return };
        match self.kind_of(role) {
            Some(Kind::Role) | None => {}
            Some(other) => self.errors.at(role.span(), format!("`{role}` is a {other}, not a role")),
        }
    }

    /// A route belongs to one function: the stack has one HTTP API.
    fn check_unique_routes(&mut self) {
        let mut seen: BTreeMap<String, String> = BTreeMap::new();
        for function in &self.stack.functions {
            for trigger in &function.triggers {
                let Trigger::Http { method, path } = trigger else { continue };
                let key = rules::http::route_key(method, path);
                match seen.get(&key) {
                    Some(first) => self.errors.at(
                        path.span,
                        format!("route `{key}` is already declared by function `{first}`; the stack's HTTP API sends a route to one function"),
                    ),
                    None => {
                        seen.insert(key, text(&function.name));
                    }
                }
            }
        }
    }

    /// Each role's inline policies fit IAM's 10,240 characters, counting the statements of the
    /// functions that share it.
    fn check_policy_sizes(&mut self) {
        let mut per_role: BTreeMap<String, (Vec<(Vec<String>, usize)>, Span)> = BTreeMap::new();
        for role in &self.stack.roles {
            let sized = role.allow.iter().map(|s| self.sized(s)).collect();
            per_role.insert(text(&role.name), (sized, role.name.span()));
        }
        for function in &self.stack.functions {
            let role = function.role.as_ref().unwrap_or(&function.name);
            let mut sized: Vec<(Vec<String>, usize)> = function.allow.iter().map(|s| self.sized(s)).collect();
            sized.extend(self.derived_sizes(function));
            per_role.entry(text(role)).or_insert((Vec::new(), function.name.span())).0.extend(sized);
        }
        for (role, (sized, span)) in per_role {
            let chars = rules::resources::policy_chars(sized.iter().map(|(a, len)| (a.as_slice(), *len)));
            self.errors.check(span, rules::limits::check_role_inline_policy_size(&role, chars));
        }
    }

    /// A statement's actions and the longest its resource ARN can be.
    fn sized(&self, statement: &Statement) -> (Vec<String>, usize) {
        (statement.actions.iter().map(|a| a.text.clone()).collect(), self.resource_max_len(&statement.resource))
    }

    /// The statements the builders derive from a function's poll triggers and `dead_letter`, sized.
    fn derived_sizes(&self, function: &Function) -> Vec<(Vec<String>, usize)> {
        use rules::grants::GrantOn;
        let mut grants: Vec<(String, Kind, rules::grants::Grant)> = Vec::new();
        for trigger in &function.triggers {
            let Some(source) = trigger.source() else { continue };
            let Some(&(kind, _)) = self.kinds.get(&text(source)) else { continue };
            if rules::sources::trigger_source(trigger.keyword()) == Some(kind) {
                grants.extend(rules::grants::poll_grants(kind).iter().map(|g| (text(source), kind, *g)));
            }
        }
        if let Some(target) = &function.dead_letter {
            if let Some(&(kind, _)) = self.kinds.get(&text(target)) {
                if let Ok(grant) = rules::grants::dead_letter_grant(&text(target), kind) {
                    grants.push((text(target), kind, grant));
                }
            }
        }
        let mut unique: Vec<(String, Kind, rules::grants::Grant)> = Vec::new();
        for grant in grants {
            if !unique.iter().any(|g| g.0 == grant.0 && g.2 == grant.2) {
                unique.push(grant);
            }
        }
        unique
            .into_iter()
            .map(|(_, kind, grant)| {
                let len = match grant.on {
                    GrantOn::Itself => rules::resources::arn_max_len(kind),
                    GrantOn::Sub(sub) => kind
                        .sub_resources()
                        .iter()
                        .find(|s| s.name == sub)
                        .map_or(0, |s| rules::resources::sub_arn_max_len(kind, s, None)),
                    GrantOn::Everything => 1,
                };
                (grant.actions.iter().map(|a| (*a).to_owned()).collect(), len)
            })
            .collect()
    }

    fn resource_max_len(&self, resource: &Resource) -> usize {
        use rules::resources::{arn_max_len, sub_arn_max_len};
        match resource {
            Resource::Named(name) => self.kinds.get(&text(name)).map_or(0, |&(kind, _)| arn_max_len(kind)),
            Resource::Sub { target, sub, pattern } => self.kinds.get(&text(target)).map_or(0, |&(kind, _)| {
                kind.sub_resources()
                    .iter()
                    .find(|s| s.name == text(sub))
                    .map_or(0, |s| sub_arn_max_len(kind, s, pattern.as_ref().map(|p| p.value.as_str())))
            }),
            Resource::Arn(arn) => arn.len(),
        }
    }
}

/// `; did you mean `functions/hello`?` when a directory beside the missing one has a near name.
fn sibling_hint(as_written: &str, dir: &std::path::Path) -> String {
    let (Some(parent), Some(missing)) = (dir.parent(), dir.file_name().and_then(|n| n.to_str())) else {
        return String::new();
    };
    let Ok(entries) = std::fs::read_dir(parent) else { return String::new() };
    let siblings: Vec<String> = entries
        .filter_map(Result::ok)
        .filter(|entry| entry.path().is_dir())
        .filter_map(|entry| entry.file_name().into_string().ok())
        .collect();
    match rules::suggest::closest(missing, siblings.iter().map(String::as_str)) {
        Some(near) => {
            let trimmed = as_written.trim_end_matches('/');
            let fixed = match trimmed.rsplit_once('/') {
                Some((head, _)) => format!("{head}/{near}"),
                None => near.to_owned(),
            };
            format!("; did you mean `{fixed}`?")
        }
        None => String::new(),
    }
}

/// Tags follow AWS's rules: key 1–128 characters without `aws:`, value at most 256.
fn check_tags(errors: &mut Errors, tags: &[(crate::span::Sp<String>, crate::span::Sp<String>)]) {
    for (key, value) in tags {
        errors.check(key.span, rules::limits::check_tag(key, value));
    }
    if let Some((key, _)) = tags.get(rules::limits::MAX_TAGS) {
        errors
            .check(key.span, rules::limits::check_tags(tags.iter().map(|(k, v)| (k.value.as_str(), v.value.as_str()))));
    }
}
