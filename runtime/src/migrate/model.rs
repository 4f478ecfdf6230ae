//! The migrated stack, as declarations: what [`super::translate`] makes of a CDKTF stack, what
//! [`super::source`] writes as `lambda_stack!` source, and what [`Model::to_stack`] builds with the
//! builders to synthesize it in memory. One model for both, so the source and the stack the
//! migration checks are the same stack.

use std::collections::BTreeMap;
use std::path::Path;

use serde_json::Value;

use crate::terraform::Address;
use crate::{Bucket, Function, Queue, Resource, Role, Stack, Statement, Table, Topic, Trigger};

/// Every declaration of the migrated stack, and what became of each CDKTF resource.
#[derive(Debug, Clone, Default)]
pub struct Model {
    /// The stack's name in `lambda_stack!` (an identifier: `event_pipeline`).
    pub stack: String,
    pub region: Option<String>,
    /// The provider's `default_tags`.
    pub tags: BTreeMap<String, String>,
    pub buckets: Vec<BucketDecl>,
    pub queues: Vec<QueueDecl>,
    pub tables: Vec<TableDecl>,
    pub topics: Vec<TopicDecl>,
    pub roles: Vec<RoleDecl>,
    pub functions: Vec<FunctionDecl>,
    /// The CDKTF resources a declaration took over, with what took them.
    pub claims: BTreeMap<Address, Claim>,
    /// The CDKTF resources kept as written (in `untranslated.tf.json`), with why.
    pub untranslated: BTreeMap<Address, String>,
    /// What the report says about the translation besides (a value lambda-stack sets differently).
    pub notes: Vec<String>,
}

/// A CDKTF resource taken over by a declaration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Claim {
    /// The declaration (`ingest`, `ingest_role`): the generated resources it owns are named after
    /// it, which breaks ties when several could be this one.
    pub owner: String,
    /// What it became, for the report: "function `ingest`", "trigger `sqs(jobs)` of `worker`".
    pub what: String,
}

/// Where a declaration came from: the CDKTF resource, and its line in `cdk.tf.json`. Builders
/// record it as their origin, so a problem the checker finds points back into the CDKTF file,
/// and the migration knows which resource to keep as written instead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    pub address: Address,
    pub line: u32,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BucketDecl {
    pub name: String,
    pub aws_name: Option<String>,
    pub source: Source,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueueDecl {
    pub name: String,
    pub aws_name: Option<String>,
    pub fifo: bool,
    pub visibility_timeout: Option<u64>,
    pub retention: Option<u64>,
    pub dead_letter: Option<String>,
    pub max_receive: Option<u64>,
    pub source: Source,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableDecl {
    pub name: String,
    pub aws_name: Option<String>,
    pub hash_key: String,
    pub range_key: Option<String>,
    /// The stream's view, as `stream:` spells it (`new_and_old_images`).
    pub stream: Option<String>,
    pub source: Source,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TopicDecl {
    pub name: String,
    pub aws_name: Option<String>,
    pub fifo: bool,
    pub source: Source,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoleDecl {
    pub name: String,
    pub aws_name: Option<String>,
    /// AWS managed policies by name (`AWSLambdaBasicExecutionRole`), other policies by ARN.
    pub managed: Vec<String>,
    pub allow: Vec<StatementDecl>,
    pub source: Source,
}

/// `[A1, A2] on RESOURCE`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatementDecl {
    /// Each action, and whether it holds a wildcard (written `wildcard(..)`).
    pub actions: Vec<(String, bool)>,
    pub resource: ResourceDecl,
    pub source: Source,
}

/// What a statement acts on.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum ResourceDecl {
    /// A declaration, meaning its ARN.
    Named(String),
    /// `target.sub` or `target.sub("pattern")`.
    Sub { target: String, sub: String, pattern: Option<String> },
    /// An ARN written out, or `*`.
    Arn(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FunctionDecl {
    pub name: String,
    pub aws_name: Option<String>,
    pub runtime: String,
    pub handler: String,
    /// The code folder relative to `main.rs` (`functions/ingest`).
    pub code: String,
    pub memory: Option<u64>,
    pub timeout: Option<u64>,
    pub env: Vec<(String, EnvDecl)>,
    pub role: Option<String>,
    pub arch: Option<String>,
    pub description: Option<String>,
    pub reserved_concurrency: Option<u64>,
    pub tracing: Option<String>,
    pub layers: Vec<String>,
    pub ephemeral_storage: Option<u64>,
    pub log_retention: Option<u64>,
    pub tags: BTreeMap<String, String>,
    pub dead_letter: Option<String>,
    pub triggers: Vec<TriggerDecl>,
    /// A line of `//` comment written above the function (why a value differs from CDKTF's).
    pub comments: Vec<String>,
    pub source: Source,
}

/// An environment variable's value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EnvDecl {
    Literal(String),
    /// `target.attribute`.
    Ref {
        target: String,
        attribute: String,
    },
}

/// A trigger, and the CDKTF resource it mainly came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TriggerDecl {
    pub kind: TriggerKind,
    pub source: Source,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TriggerKind {
    Http {
        method: String,
        path: String,
    },
    S3 {
        bucket: String,
        on: Vec<String>,
        prefix: Option<String>,
        suffix: Option<String>,
    },
    Sqs {
        queue: String,
        batch_size: Option<u64>,
        window: Option<u64>,
        report_failures: bool,
    },
    /// `dynamodb(..)` or `kinesis(..)`.
    Stream {
        dynamodb: bool,
        target: String,
        start: Option<String>,
        batch_size: Option<u64>,
        window: Option<u64>,
        report_failures: bool,
    },
    Sns {
        topic: String,
    },
    Schedule {
        expression: String,
    },
    Url {
        auth: Option<String>,
    },
}

impl Model {
    /// Every declaration name.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        let buckets = self.buckets.iter().map(|d| d.name.as_str());
        let queues = self.queues.iter().map(|d| d.name.as_str());
        let tables = self.tables.iter().map(|d| d.name.as_str());
        let topics = self.topics.iter().map(|d| d.name.as_str());
        let roles = self.roles.iter().map(|d| d.name.as_str());
        let functions = self.functions.iter().map(|d| d.name.as_str());
        buckets.chain(queues).chain(tables).chain(topics).chain(roles).chain(functions)
    }

    /// The stack, built with the builders as `lambda_stack!` would expand the source: code
    /// folders are under `root` (the migration's output folder), and every builder's origin is
    /// the CDKTF resource it came from, in `cdktf_file`.
    pub fn to_stack(&self, root: &Path, cdktf_file: &str) -> Stack {
        let at = |from: &Source| (cdktf_file, from.line);
        let mut stack = Stack::new(&self.stack).declared_at(cdktf_file, 1);
        if let Some(region) = &self.region {
            stack = stack.region(region);
        }
        for (key, value) in &self.tags {
            stack = stack.tag(key, value);
        }
        for bucket in &self.buckets {
            let (file, line) = at(&bucket.source);
            let mut built = Bucket::new(&bucket.name).declared_at(file, line);
            if let Some(name) = &bucket.aws_name {
                built = built.aws_name(name);
            }
            stack = stack.bucket(built);
        }
        for queue in &self.queues {
            let (file, line) = at(&queue.source);
            let mut built = Queue::new(&queue.name).declared_at(file, line).fifo(queue.fifo);
            if let Some(name) = &queue.aws_name {
                built = built.aws_name(name);
            }
            if let Some(seconds) = queue.visibility_timeout {
                built = built.visibility_timeout(seconds);
            }
            if let Some(seconds) = queue.retention {
                built = built.retention(seconds);
            }
            if let Some(dead_letter) = &queue.dead_letter {
                built = built.dead_letter(dead_letter);
            }
            if let Some(count) = queue.max_receive {
                built = built.max_receive(count);
            }
            stack = stack.queue(built);
        }
        for table in &self.tables {
            let (file, line) = at(&table.source);
            let mut built = Table::new(&table.name).declared_at(file, line).hash_key(&table.hash_key);
            if let Some(name) = &table.aws_name {
                built = built.aws_name(name);
            }
            if let Some(range_key) = &table.range_key {
                built = built.range_key(range_key);
            }
            if let Some(view) = &table.stream {
                built = built.stream(view);
            }
            stack = stack.table(built);
        }
        for topic in &self.topics {
            let (file, line) = at(&topic.source);
            let mut built = Topic::new(&topic.name).declared_at(file, line).fifo(topic.fifo);
            if let Some(name) = &topic.aws_name {
                built = built.aws_name(name);
            }
            stack = stack.topic(built);
        }
        for role in &self.roles {
            let (file, line) = at(&role.source);
            let mut built = Role::new(&role.name).declared_at(file, line);
            if let Some(name) = &role.aws_name {
                built = built.aws_name(name);
            }
            for policy in &role.managed {
                built = built.managed(policy);
            }
            for statement in &role.allow {
                built = built.allow(statement.to_statement(cdktf_file));
            }
            stack = stack.role(built);
        }
        for function in &self.functions {
            stack = stack.function(function.to_function(root, cdktf_file));
        }
        stack
    }
}

impl StatementDecl {
    fn to_statement(&self, cdktf_file: &str) -> Statement {
        let plain = self.actions.iter().filter(|(_, wildcard)| !wildcard).map(|(action, _)| action.clone());
        let mut statement = Statement::allow(plain.collect::<Vec<_>>());
        for (action, _) in self.actions.iter().filter(|(_, wildcard)| *wildcard) {
            statement = statement.and_wildcard(action);
        }
        let resource = match &self.resource {
            ResourceDecl::Named(name) => Resource::named(name),
            ResourceDecl::Sub { target, sub, pattern } => Resource::sub(target, sub, pattern.clone()),
            ResourceDecl::Arn(arn) => Resource::arn(arn),
        };
        statement.on(resource).declared_at(cdktf_file, self.source.line)
    }
}

impl FunctionDecl {
    fn to_function(&self, root: &Path, cdktf_file: &str) -> Function {
        let mut built = Function::new(&self.name)
            .declared_at(cdktf_file, self.source.line)
            .runtime(&self.runtime)
            .handler(&self.handler)
            .code(root.join(&self.code))
            .code_as_written(&self.code);
        if let Some(name) = &self.aws_name {
            built = built.aws_name(name);
        }
        if let Some(mb) = self.memory {
            built = built.memory(mb);
        }
        if let Some(seconds) = self.timeout {
            built = built.timeout(seconds);
        }
        for (key, value) in &self.env {
            built = match value {
                EnvDecl::Literal(text) => built.env(key, text.as_str()),
                EnvDecl::Ref { target, attribute } => built.env(key, crate::Ref::new(target, attribute)),
            };
        }
        if let Some(role) = &self.role {
            built = built.role(role);
        }
        if let Some(arch) = &self.arch {
            built = built.arch(if arch == "arm64" { crate::Arch::Arm64 } else { crate::Arch::X86_64 });
        }
        if let Some(text) = &self.description {
            built = built.description(text);
        }
        if let Some(count) = self.reserved_concurrency {
            built = built.reserved_concurrency(count);
        }
        if let Some(mode) = &self.tracing {
            built = built.tracing(if mode == "active" { crate::Tracing::Active } else { crate::Tracing::PassThrough });
        }
        for layer in &self.layers {
            built = built.layer(layer);
        }
        if let Some(mb) = self.ephemeral_storage {
            built = built.ephemeral_storage(mb);
        }
        if let Some(days) = self.log_retention {
            built = built.log_retention(days);
        }
        for (key, value) in &self.tags {
            built = built.tag(key, value);
        }
        if let Some(target) = &self.dead_letter {
            built = built.dead_letter(target);
        }
        for trigger in &self.triggers {
            built = built.trigger(trigger.to_trigger(cdktf_file));
        }
        built
    }
}

impl TriggerDecl {
    fn to_trigger(&self, cdktf_file: &str) -> Trigger {
        let line = self.source.line;
        match &self.kind {
            TriggerKind::Http { method, path } => Trigger::http(method, path).declared_at(cdktf_file, line),
            TriggerKind::S3 { bucket, on, prefix, suffix } => {
                let mut s3 = Trigger::s3(bucket).declared_at(cdktf_file, line);
                for event in on {
                    s3 = s3.on(event);
                }
                if let Some(prefix) = prefix {
                    s3 = s3.prefix(prefix);
                }
                if let Some(suffix) = suffix {
                    s3 = s3.suffix(suffix);
                }
                s3.into()
            }
            TriggerKind::Sqs { queue, batch_size, window, report_failures } => {
                let mut sqs = Trigger::sqs(queue).declared_at(cdktf_file, line).report_failures(*report_failures);
                if let Some(size) = batch_size {
                    sqs = sqs.batch_size(*size);
                }
                if let Some(seconds) = window {
                    sqs = sqs.window(*seconds);
                }
                sqs.into()
            }
            TriggerKind::Stream { dynamodb, target, start, batch_size, window, report_failures } => {
                let stream = if *dynamodb { Trigger::dynamodb(target) } else { Trigger::kinesis(target) };
                let mut stream = stream.declared_at(cdktf_file, line).report_failures(*report_failures);
                if let Some(start) = start {
                    stream = stream.start(start);
                }
                if let Some(size) = batch_size {
                    stream = stream.batch_size(*size);
                }
                if let Some(seconds) = window {
                    stream = stream.window(*seconds);
                }
                stream.into()
            }
            TriggerKind::Sns { topic } => Trigger::sns(topic).declared_at(cdktf_file, line),
            TriggerKind::Schedule { expression } => Trigger::schedule(expression).declared_at(cdktf_file, line),
            TriggerKind::Url { auth: Some(auth) } => Trigger::url(auth).declared_at(cdktf_file, line),
            TriggerKind::Url { auth: None } => Trigger::function_url().declared_at(cdktf_file, line),
        }
    }
}

/// A JSON object's value at `key` as an unsigned number.
pub(super) fn number(body: &serde_json::Map<String, Value>, key: &str) -> Option<u64> {
    body.get(key).and_then(Value::as_u64)
}
