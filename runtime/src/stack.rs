//! A stack: one Terraform root module, with its region, resources and functions.

use std::collections::BTreeMap;

use crate::bucket::Bucket;
use crate::function::Function;
use crate::iam::{ManagedPolicy, Resource, Role, Statement};
use crate::origin::{Origin, Problem};
use crate::queue::Queue;
use crate::reference::EnvValue;
use crate::rules::grants::GrantOn;
use crate::rules::streams::StreamSource;
use crate::rules::{self, resources::Kind, Verdict};
use crate::scan;
use crate::stream::Stream;
use crate::table::Table;
use crate::topic::Topic;
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
    pub(crate) queues: Vec<Queue>,
    pub(crate) tables: Vec<Table>,
    pub(crate) topics: Vec<Topic>,
    pub(crate) streams: Vec<Stream>,
    pub(crate) roles: Vec<Role>,
    pub(crate) functions: Vec<Function>,
    /// The bucket packages too big for a direct upload go through.
    pub(crate) assets: Option<String>,
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
            queues: Vec::new(),
            tables: Vec::new(),
            topics: Vec::new(),
            streams: Vec::new(),
            roles: Vec::new(),
            functions: Vec::new(),
            assets: None,
            origin: Origin::caller(),
        }
    }

    /// The AWS region the stack deploys to. Without one, Terraform's AWS provider takes it from
    /// `AWS_REGION` or the profile.
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

    pub fn queue(mut self, queue: Queue) -> Self {
        self.queues.push(queue);
        self
    }

    pub fn table(mut self, table: Table) -> Self {
        self.tables.push(table);
        self
    }

    pub fn topic(mut self, topic: Topic) -> Self {
        self.topics.push(topic);
        self
    }

    /// A Kinesis data stream.
    pub fn stream(mut self, stream: Stream) -> Self {
        self.streams.push(stream);
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

    /// The stack's bucket that packages over Lambda's 50 MB direct-upload limit are uploaded to
    /// (an `aws_s3_object` per package, which the function's `s3_bucket`/`s3_key` name). Without
    /// it, such a package is an error.
    ///
    /// ```
    /// use lambda_stack_runtime::{Bucket, Stack};
    /// let stack = Stack::new("big").region("eu-west-3").bucket(Bucket::new("artifacts")).assets("artifacts");
    /// assert!(stack.check().problems.is_empty());
    /// ```
    pub fn assets(mut self, bucket: impl Into<String>) -> Self {
        self.assets = Some(bucket.into());
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

    /// Every declaration: its name, kind and origin, in declaration-kind order.
    pub(crate) fn declarations(&self) -> impl Iterator<Item = (&str, Kind, &Origin)> {
        let buckets = self.buckets.iter().map(|b| (b.name.as_str(), Kind::Bucket, &b.origin));
        let queues = self.queues.iter().map(|q| (q.name.as_str(), Kind::Queue, &q.origin));
        let tables = self.tables.iter().map(|t| (t.name.as_str(), Kind::Table, &t.origin));
        let topics = self.topics.iter().map(|t| (t.name.as_str(), Kind::Topic, &t.origin));
        let streams = self.streams.iter().map(|s| (s.name.as_str(), Kind::Stream, &s.origin));
        let roles = self.roles.iter().map(|r| (r.name.as_str(), Kind::Role, &r.origin));
        let functions = self.functions.iter().map(|f| (f.name.as_str(), Kind::Function, &f.origin));
        buckets.chain(queues).chain(tables).chain(topics).chain(streams).chain(roles).chain(functions)
    }

    /// The kind of each declared name.
    pub(crate) fn kinds(&self) -> BTreeMap<&str, Kind> {
        let mut kinds = BTreeMap::new();
        for (name, kind, _) in self.declarations() {
            kinds.entry(name).or_insert(kind);
        }
        kinds
    }

    pub(crate) fn queue_named(&self, name: &str) -> Option<&Queue> {
        self.queues.iter().find(|q| q.name == name)
    }

    pub(crate) fn table_named(&self, name: &str) -> Option<&Table> {
        self.tables.iter().find(|t| t.name == name)
    }

    pub(crate) fn topic_named(&self, name: &str) -> Option<&Topic> {
        self.topics.iter().find(|t| t.name == name)
    }

    /// The statements a function's role needs besides its `allow`: reading what its poll
    /// triggers read, and sending to its `dead_letter`. Sources that do not resolve are left out
    /// (the check reports them). `kinds` is [`Stack::kinds`], built once by the caller: a stack of
    /// many functions would otherwise rebuild it for each.
    pub(crate) fn derived_statements(&self, kinds: &BTreeMap<&str, Kind>, function: &Function) -> Vec<Statement> {
        let mut grants: Vec<(&str, &Origin, rules::grants::Grant)> = Vec::new();
        for trigger in &function.triggers {
            let Some(source) = trigger.source() else { continue };
            let Some(&kind) = kinds.get(source) else { continue };
            if rules::sources::trigger_source(trigger.keyword()) != Some(kind) {
                continue;
            }
            grants.extend(rules::grants::poll_grants(kind).iter().map(|grant| (source, trigger.origin(), *grant)));
        }
        if let Some(target) = &function.dead_letter {
            if let Some(grant) =
                kinds.get(target.as_str()).and_then(|&kind| rules::grants::dead_letter_grant(target, kind).ok())
            {
                grants.push((target, &function.origin, grant));
            }
        }
        let mut statements: Vec<Statement> = Vec::new();
        for (source, origin, grant) in grants {
            let resource = match grant.on {
                GrantOn::Itself => Resource::named(source),
                GrantOn::Sub(sub) => Resource::sub(source, sub, None),
                GrantOn::Everything => Resource::arn("*"),
            };
            let mut statement = Statement::allow(grant.actions.iter().copied()).on(resource);
            statement.origin = origin.clone();
            if !statements.iter().any(|s| s.actions == statement.actions && s.resource == statement.resource) {
                statements.push(statement);
            }
        }
        statements
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
        // Without a region, Terraform's AWS provider takes it from `AWS_REGION` or the profile.
        if let Some(region) = &stack.region {
            self.problem(subject.clone(), &stack.origin, rules::regions::check_region(region));
        }
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
        self.check_assets();
        for bucket in &stack.buckets {
            self.check_bucket(bucket);
        }
        for queue in &stack.queues {
            self.check_queue(queue);
        }
        for table in &stack.tables {
            self.check_table(table);
        }
        for topic in &stack.topics {
            self.check_topic(topic);
        }
        for stream in &stack.streams {
            self.check_stream(stream);
        }
        for role in &stack.roles {
            self.check_role(role);
        }
        for function in &stack.functions {
            self.check_function(function);
        }
        self.check_routes_unique();
        self.check_s3_overlaps();
        self.check_policy_sizes();
    }

    /// Every declaration of a stack has its own name: references and Terraform addresses use it.
    fn check_unique_names(&mut self) {
        let mut seen: BTreeMap<&str, Kind> = BTreeMap::new();
        let mut problems = Vec::new();
        for (name, kind, origin) in self.stack.declarations() {
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

    /// The `assets` bucket is a bucket of the stack.
    fn check_assets(&mut self) {
        let Some(assets) = &self.stack.assets else { return };
        let result = match self.kind_of(assets) {
            Ok(Kind::Bucket) => Ok(()),
            Ok(other) => {
                Err(format!("`assets` names the bucket large packages are uploaded to, but `{assets}` is a {other}"))
            }
            Err(message) => Err(message),
        };
        self.problem(format!("stack `{}`", self.stack.name), &self.stack.origin, result);
    }

    /// An existing resource is named by a valid name or an ARN of its kind, and sets none of the
    /// keys that only apply to a resource the stack creates.
    fn check_existing(&mut self, kind: Kind, name: &str, origin: &Origin, existing: &str, owned_keys: &[&str]) {
        let subject = format!("{kind} `{name}`");
        self.problem(subject.clone(), origin, rules::sources::check_existing(kind, existing));
        for key in owned_keys {
            self.problem(
                subject.clone(),
                origin,
                Err(format!("`{key}` configures a {kind} this stack creates; an `existing` {kind} takes none")),
            );
        }
    }

    fn check_queue(&mut self, queue: &Queue) {
        let subject = format!("queue `{}`", queue.name);
        let origin = &queue.origin;
        if let Some(existing) = &queue.existing {
            self.check_existing(Kind::Queue, &queue.name, origin, existing, &queue.owned_keys_set());
            return;
        }
        let stack = &self.stack.name;
        self.problem(subject.clone(), origin, rules::names::check_owned_queue_name(stack, &queue.name, queue.fifo));
        if let Some(seconds) = queue.visibility_timeout {
            self.problem(subject.clone(), origin, rules::sqs::check_queue_visibility(seconds));
        }
        if let Some(seconds) = queue.retention {
            self.problem(subject.clone(), origin, rules::sqs::check_queue_retention(seconds));
        }
        self.problem(
            subject.clone(),
            origin,
            rules::sqs::check_redrive(&queue.name, queue.dead_letter.as_deref(), queue.max_receive),
        );
        let Some(dead_letter) = &queue.dead_letter else { return };
        let target = match self.kind_of(dead_letter) {
            Ok(Kind::Queue) => self.stack.queue_named(dead_letter),
            Ok(other) => {
                let message = format!("the `dead_letter` of a queue is a queue, but `{dead_letter}` is a {other}");
                self.problem(subject, origin, Err(message));
                return;
            }
            Err(message) => {
                self.problem(subject, origin, Err(message));
                return;
            }
        };
        let Some(target) = target else { return };
        self.problem(
            subject.clone(),
            origin,
            rules::sqs::check_dead_letter_fifo(&queue.name, queue.fifo, dead_letter, target.is_fifo()),
        );
        if let (Some(own), Some(theirs)) = (queue.retention_seconds(), target.retention_seconds()) {
            let verdict = rules::sqs::check_dead_letter_retention(&queue.name, own, dead_letter, theirs, queue.fifo);
            self.verdict(subject, origin, verdict);
        }
    }

    fn check_table(&mut self, table: &Table) {
        let subject = format!("table `{}`", table.name);
        let origin = &table.origin;
        if let Some(view) = &table.stream {
            self.problem(subject.clone(), origin, rules::streams::check_stream_view(view).map(drop));
        }
        if let Some(existing) = &table.existing {
            self.check_existing(Kind::Table, &table.name, origin, existing, &table.owned_keys_set());
            return;
        }
        self.problem(subject.clone(), origin, rules::names::check_owned_table_name(&self.stack.name, &table.name));
        match &table.hash_key {
            Some(hash_key) => self.problem(
                subject,
                origin,
                rules::streams::check_table_keys(&table.name, hash_key, table.range_key.as_deref()),
            ),
            None => self.problem(
                subject,
                origin,
                Err(format!("table `{}` has no `hash_key`, its partition key, such as `hash_key: \"id\"`", table.name)),
            ),
        }
    }

    fn check_topic(&mut self, topic: &Topic) {
        let subject = format!("topic `{}`", topic.name);
        match &topic.existing {
            Some(existing) => {
                self.check_existing(Kind::Topic, &topic.name, &topic.origin, existing, &topic.owned_keys_set())
            }
            None => self.problem(
                subject,
                &topic.origin,
                rules::names::check_owned_topic_name(&self.stack.name, &topic.name, topic.fifo),
            ),
        }
    }

    fn check_stream(&mut self, stream: &Stream) {
        let subject = format!("stream `{}`", stream.name);
        if let Some(existing) = &stream.existing {
            self.check_existing(Kind::Stream, &stream.name, &stream.origin, existing, &stream.owned_keys_set());
            return;
        }
        self.problem(
            subject.clone(),
            &stream.origin,
            rules::names::check_owned_stream_name(&self.stack.name, &stream.name),
        );
        if let Some(shards) = stream.shards {
            self.verdict(subject, &stream.origin, rules::streams::check_shards(&stream.name, shards));
        }
    }

    fn verdict(&mut self, subject: String, origin: &Origin, verdict: Verdict) {
        match verdict {
            Verdict::Ok => {}
            Verdict::Warning(message) => {
                self.findings.warnings.push(Problem { subject, origin: origin.clone(), message })
            }
            Verdict::Error(message) => self.problem(subject, origin, Err(message)),
        }
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
            Resource::Sub { target, sub, pattern } => {
                let kind = self.kind_of(target)?;
                let sub = rules::resources::check_sub_resource(kind, target, sub)?;
                rules::resources::check_sub_pattern(target, &sub, pattern.as_deref())?;
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
        self.check_triggers(&subject, function);
        if let Some(target) = &function.dead_letter {
            let result =
                self.kind_of(target).and_then(|kind| rules::grants::dead_letter_grant(target, kind)).and_then(|_| {
                    let fifo = self.stack.queue_named(target).map(Queue::is_fifo).unwrap_or_default()
                        || self.stack.topic_named(target).is_some_and(Topic::is_fifo);
                    rules::grants::check_dead_letter_target(target, fifo)
                });
            self.problem(subject.clone(), origin, result);
        }
    }

    /// Each trigger reads a declaration of the right kind, with settings its source accepts.
    fn check_triggers(&mut self, subject: &str, function: &Function) {
        let mut schedules = 0;
        let mut urls = 0;
        let mut sources: Vec<(&str, &str)> = Vec::new();
        for trigger in &function.triggers {
            let origin = trigger.origin();
            if let Some(source) = trigger.source() {
                let result = self
                    .kind_of(source)
                    .and_then(|kind| rules::sources::check_trigger_source(trigger.keyword(), source, kind));
                if result.is_err() {
                    self.problem(subject.into(), origin, result);
                    continue;
                }
                if trigger.keyword() != "s3" {
                    if sources.contains(&(trigger.keyword(), source)) {
                        let message = format!(
                            "function `{}` already has a `{}({source})` trigger; Lambda maps a source to a function once",
                            function.name,
                            trigger.keyword()
                        );
                        self.problem(subject.into(), origin, Err(message));
                    }
                    sources.push((trigger.keyword(), source));
                }
            }
            let result = match trigger {
                Trigger::Http { method, path, .. } => rules::http::check_route(method, path),
                Trigger::S3(s3) => {
                    if self.stack.buckets.iter().any(|b| b.name == s3.bucket && b.existing.is_some()) {
                        let verdict = rules::s3::check_existing_bucket_notification(&s3.bucket);
                        self.verdict(subject.into(), origin, verdict);
                    }
                    s3.events()
                        .iter()
                        .try_for_each(|on| rules::s3::s3_events_for(on).map(drop))
                        .and_then(|()| s3.prefix.as_deref().map_or(Ok(()), |p| rules::s3::check_s3_filter("prefix", p)))
                        .and_then(|()| s3.suffix.as_deref().map_or(Ok(()), |p| rules::s3::check_s3_filter("suffix", p)))
                }
                Trigger::Sqs(sqs) => {
                    let queue = self.stack.queue_named(&sqs.queue);
                    let fifo = queue.is_some_and(Queue::is_fifo);
                    let batch = sqs.batch_size.unwrap_or(rules::sqs::DEFAULT_SQS_BATCH_SIZE);
                    rules::sqs::check_sqs_batch(batch, sqs.window, fifo).and_then(|()| {
                        match queue.and_then(Queue::visibility_seconds) {
                            Some(visibility) => rules::sqs::check_visibility_timeout(
                                function.timeout_seconds(),
                                visibility,
                                &sqs.queue,
                                &function.name,
                            ),
                            None => Ok(()),
                        }
                    })
                }
                Trigger::Stream(stream) => {
                    let start = stream.start.as_deref().unwrap_or(rules::streams::DEFAULT_START);
                    let batch = stream.batch_size.unwrap_or(rules::streams::DEFAULT_STREAM_BATCH_SIZE);
                    rules::streams::check_start_position(stream.source, start)
                        .map(drop)
                        .and_then(|()| rules::streams::check_stream_batch(stream.source, batch, stream.window))
                        .and_then(|()| match (stream.source, self.stack.table_named(&stream.target)) {
                            (StreamSource::DynamoDb, Some(table)) => {
                                rules::streams::check_table_has_stream(&table.name, table.has_stream())
                            }
                            _ => Ok(()),
                        })
                }
                Trigger::Sns { topic, .. } => {
                    let fifo = self.stack.topic_named(topic).is_some_and(Topic::is_fifo);
                    rules::sns::check_sns_subscription(topic, fifo, &function.name)
                }
                Trigger::Schedule { expression, .. } => {
                    schedules += 1;
                    rules::schedule::check_schedule(expression).and_then(|()| {
                        rules::names::check_schedule_rule_name(&self.stack.name, &function.name, schedules)
                    })
                }
                Trigger::Url { auth, .. } => {
                    urls += 1;
                    rules::urls::check_url_auth(auth)
                        .map(drop)
                        .and_then(|()| rules::urls::check_url_count(&function.name, urls))
                }
            };
            self.problem(subject.into(), origin, result);
        }
    }

    /// Two notifications of one bucket do not overlap (S3 rejects the configuration).
    fn check_s3_overlaps(&mut self) {
        let mut per_bucket: BTreeMap<&str, Vec<(&Function, &crate::trigger::S3Trigger, Vec<&'static str>)>> =
            BTreeMap::new();
        for function in &self.stack.functions {
            for trigger in &function.triggers {
                let Trigger::S3(s3) = trigger else { continue };
                let Ok(events) =
                    s3.events().iter().map(|on| rules::s3::s3_events_for(on)).collect::<Result<Vec<_>, _>>()
                else {
                    continue;
                };
                let events: Vec<&'static str> = events.into_iter().flatten().copied().collect();
                per_bucket.entry(&s3.bucket).or_default().push((function, s3, events));
            }
        }
        let mut problems = Vec::new();
        for notifications in per_bucket.values() {
            let shaped: Vec<rules::s3::Notification<'_>> = notifications
                .iter()
                .map(|(function, s3, events)| rules::s3::Notification {
                    function: &function.name,
                    events,
                    prefix: s3.prefix.as_deref().unwrap_or(""),
                    suffix: s3.suffix.as_deref().unwrap_or(""),
                })
                .collect();
            for (_, later, message) in rules::s3::overlapping_notifications(&shaped) {
                let (function, s3, _) = &notifications[later];
                problems.push(Problem {
                    subject: format!("function `{}`", function.name),
                    origin: s3.origin.clone(),
                    message,
                });
            }
        }
        self.findings.problems.extend(problems);
    }

    /// The runtime is known and current, the handler has its runtime's format, and the code
    /// directory holds what the handler names.
    fn check_code(&mut self, subject: &str, function: &Function) {
        let origin = &function.origin;
        #[cfg(feature = "rust")]
        if function.rust.is_some() {
            self.problem(subject.into(), origin, crate::rust::check_rust_function(function));
            return;
        }
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
            Family::Python => scan::python::check_python(code, &shown, handler),
            Family::Node => scan::node::check_node(code, &shown, handler),
            Family::Provided => scan::bootstrap::check_bootstrap(code, &shown),
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
                    .and_then(|attribute| {
                        let table = self.stack.table_named(&reference.target);
                        match table {
                            Some(table) if attribute.name == "stream_arn" => {
                                rules::streams::check_table_has_stream(&table.name, table.has_stream())
                                    .map_err(|_| rules::streams::no_stream_arn(&table.name))
                            }
                            _ => Ok(()),
                        }
                        .map(|()| attribute.max_len)
                    }),
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
                let Trigger::Http { method, path, origin } = trigger else { continue };
                let key = rules::http::route_key(method, path);
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
        let derived: Vec<(&str, Vec<Statement>)> = self
            .stack
            .functions
            .iter()
            .map(|f| (f.role.as_deref().unwrap_or(&f.name), self.stack.derived_statements(&self.kinds, f)))
            .collect();
        for (role, statements) in &derived {
            if let Some(entry) = per_role.get_mut(role) {
                entry.0.extend(statements);
            }
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
            Resource::Sub { target, sub, pattern } => self.kinds.get(target.as_str()).map_or(0, |&kind| {
                kind.sub_resources()
                    .iter()
                    .find(|s| s.name == sub)
                    .map_or(0, |sub| sub_arn_max_len(kind, sub, pattern.as_deref()))
            }),
            Resource::Arn(arn) => arn.len(),
        }
    }
}
