//! A stack: one Terraform root module, with its region, resources and functions.

mod check;

use std::collections::BTreeMap;

use lambda_stack_core::decl;

use crate::bucket::Bucket;
use crate::function::Function;
use crate::iam::{Resource, Role, Statement};
use crate::origin::{Origin, Problem};
use crate::queue::Queue;
use crate::rules::grants::GrantOn;
use crate::rules::resources::Kind;
use crate::stream::Stream;
use crate::table::Table;
use crate::topic::Topic;

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
    pub(crate) keys: Vec<crate::KmsKey>,
    pub(crate) secrets: Vec<crate::Secret>,
    pub(crate) parameters: Vec<crate::SsmParameter>,
    pub(crate) buses: Vec<crate::Bus>,
    pub(crate) roles: Vec<Role>,
    pub(crate) functions: Vec<Function>,
    /// The bucket packages too big for a direct upload go through.
    pub(crate) assets: Option<String>,
    /// Terraform variables ([`Stack::param`]).
    pub(crate) params: Vec<crate::param::Param>,
    /// `include:` patterns and the folder each is relative to ([`Stack::include`]).
    pub(crate) include: Vec<(std::path::PathBuf, String, Origin)>,
    /// Hand-written Terraform JSON merged into the document ([`Stack::terraform`]).
    pub(crate) raw: Vec<(serde_json::Value, Origin)>,
    /// Deep merges into generated resources ([`Stack::override_resource`]).
    pub(crate) overrides: Vec<Override>,
    /// Every function's network unless it has its own ([`Stack::vpc`]).
    pub(crate) vpc: Option<crate::Vpc>,
    /// The key of everything the stack encrypts unless it has its own ([`Stack::kms`]).
    pub(crate) kms: Option<String>,
    /// The permissions boundary of every role the stack creates ([`Stack::boundary`]).
    pub(crate) boundary: Option<String>,
    pub(crate) account_concurrency: Option<u64>,
    /// How the HTTP API answers ([`Stack::api`]).
    pub(crate) api: Option<crate::Api>,
    /// How the REST API answers ([`Stack::rest_api`]).
    pub(crate) rest_api: Option<crate::RestApi>,
    /// The stage this stack is ([`Stack::stages`]); its `name` is then `<stack>-<stage>`.
    pub(crate) stage: Option<StageOf>,
    /// With [`Stack::stages`], one stack per stage, in the order the stages are listed.
    pub(crate) staged: Vec<Stack>,
    pub(crate) origin: Origin,
}

/// Which stage of which stack a stage's stack is.
#[derive(Debug, Clone)]
pub(crate) struct StageOf {
    /// The stack's own name, without the stage.
    pub(crate) stack: String,
    pub(crate) stage: decl::Stage,
}

/// A deep merge into one generated resource.
#[derive(Debug, Clone)]
pub(crate) struct Override {
    pub(crate) kind: String,
    pub(crate) name: String,
    pub(crate) value: serde_json::Value,
    pub(crate) origin: Origin,
}

/// What [`Stack::check`] found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Findings {
    pub problems: Vec<Problem>,
    pub warnings: Vec<Problem>,
}

impl Stack {
    /// Every declaration the stack owns (not `existing`), with its adoption keys, in kind order.
    pub(crate) fn owned_adoptions(&self) -> Vec<(Kind, &String, &decl::Adoption)> {
        let mut all = Vec::new();
        all.extend(self.buckets.iter().filter(|b| b.existing.is_none()).map(|b| (Kind::Bucket, &b.name, &b.adopt)));
        all.extend(self.queues.iter().filter(|q| q.existing.is_none()).map(|q| (Kind::Queue, &q.name, &q.adopt)));
        all.extend(self.tables.iter().filter(|t| t.existing.is_none()).map(|t| (Kind::Table, &t.name, &t.adopt)));
        all.extend(self.topics.iter().filter(|t| t.existing.is_none()).map(|t| (Kind::Topic, &t.name, &t.adopt)));
        all.extend(self.streams.iter().filter(|s| s.existing.is_none()).map(|s| (Kind::Stream, &s.name, &s.adopt)));
        all.extend(self.roles.iter().map(|r| (Kind::Role, &r.name, &r.adopt)));
        all.extend(self.functions.iter().map(|f| (Kind::Function, &f.name, &f.adopt)));
        all
    }

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
            keys: Vec::new(),
            secrets: Vec::new(),
            parameters: Vec::new(),
            buses: Vec::new(),
            roles: Vec::new(),
            functions: Vec::new(),
            assets: None,
            params: Vec::new(),
            include: Vec::new(),
            raw: Vec::new(),
            overrides: Vec::new(),
            vpc: None,
            kms: None,
            boundary: None,
            account_concurrency: None,
            api: None,
            rest_api: None,
            stage: None,
            staged: Vec::new(),
            origin: Origin::caller(),
        }
    }

    /// Deploys the stack once per stage, side by side in one account: `build` gets each stage's
    /// name and a copy of the stack as configured so far, and returns that stage's stack. Each
    /// stage synthesizes to its own folder and state, `<stack>-<stage>`; its generated AWS names
    /// start with `<stack>-<stage>-`, its resources carry a `stage` tag, an S3 backend's state key
    /// gets the stage (`{stage}` in the key, or the stage's folder in front), and `{stage}` in an
    /// exact name ([`Function::aws_name`]) is the stage's name. What `stages: [..]` and
    /// `per_stage(..)` in `lambda_stack!` expand to.
    ///
    /// ```
    /// use lambda_stack_runtime::{Function, Stack};
    /// let shop = Stack::new("shop").stages(["dev", "prod"], |stage, stack| {
    ///     let memory = if stage == "prod" { 1024 } else { 256 };
    ///     stack
    ///         .region("eu-west-3")
    ///         .function(Function::new("api").runtime("python3.12").handler("app.handler").code("functions/api").memory(memory))
    /// });
    /// assert_eq!(shop.stage_names(), ["dev", "prod"]);
    /// assert_eq!(shop.stage("prod").unwrap().name(), "shop-prod");
    /// ```
    pub fn stages<S: AsRef<str>>(
        mut self,
        stages: impl IntoIterator<Item = S>,
        build: impl Fn(&str, Stack) -> Stack,
    ) -> Self {
        let all: Vec<String> = stages.into_iter().map(|s| s.as_ref().to_owned()).collect();
        let base = self.name.clone();
        self.staged = all
            .iter()
            .map(|stage| {
                let mut stack = self.clone();
                stack.staged = Vec::new();
                stack.name = crate::rules::stages::stage_stack_name(&base, stage);
                stack.stage =
                    Some(StageOf { stack: base.clone(), stage: decl::Stage { name: stage.clone(), all: all.clone() } });
                build(stage, stack)
            })
            .collect();
        self
    }

    /// The stages of a stack with [`Stack::stages`], as listed; empty without.
    pub fn stage_names(&self) -> Vec<&str> {
        self.staged.iter().filter_map(|s| s.stage.as_ref()).map(|s| s.stage.name.as_str()).collect()
    }

    /// One stage's stack, to synthesize or test ([`crate::testing::Template::synth`]) on its own.
    pub fn stage(&self, name: &str) -> Option<&Stack> {
        self.staged.iter().find(|s| s.stage.as_ref().is_some_and(|s| s.stage.name == name))
    }

    /// The stacks this one deploys as: one per stage with [`Stack::stages`], else itself.
    pub(crate) fn deployed(self) -> Vec<Stack> {
        if self.staged.is_empty() {
            vec![self]
        } else {
            self.staged
        }
    }

    /// The stack's own name, without the stage.
    pub fn stack_name(&self) -> &str {
        self.stage.as_ref().map_or(&self.name, |s| &s.stack)
    }

    /// The stage this stack is, when it is one stage of a stack with [`Stack::stages`].
    pub fn stage_name(&self) -> Option<&str> {
        self.stage.as_ref().map(|s| s.stage.name.as_str())
    }

    /// The params without a default, which Terraform asks for.
    pub fn required_params(&self) -> Vec<&str> {
        self.params.iter().filter(|p| p.default.is_none()).map(|p| p.name.as_str()).collect()
    }

    /// A param: a Terraform `variable` the stack's environment variables can read.
    pub fn param(mut self, param: crate::param::Param) -> Self {
        self.params.push(param);
        self
    }

    /// Copies hand-written Terraform files (`.tf`, `.tf.json`) into the stack's folder at every
    /// synth, beside `cdk.tf.json`: `pattern` is `DIR/GLOB` relative to the current directory
    /// (only the file name may hold a pattern). Each file must parse, and no resource in it may be
    /// named like the generated ones (`NAME`, `NAME-..`).
    ///
    /// ```no_run
    /// use lambda_stack_runtime::{Stack, Topic};
    /// let stack = Stack::new("shop").topic(Topic::new("alerts")).include("infra/*.tf");
    /// # let _ = stack;
    /// ```
    #[track_caller]
    pub fn include(self, pattern: impl Into<String>) -> Self {
        let here = std::env::current_dir().unwrap_or_default();
        self.include_in(here, pattern)
    }

    /// [`Stack::include`] relative to `dir` (what `include:` in `lambda_stack!` expands to: the
    /// folder of the file declaring the stack).
    #[track_caller]
    pub fn include_in(mut self, dir: impl Into<std::path::PathBuf>, pattern: impl Into<String>) -> Self {
        self.include.push((dir.into(), pattern.into(), Origin::caller()));
        self
    }

    /// Merges hand-written Terraform JSON into the stack's document: `resource`, `data`,
    /// `output`, `variable`, `locals`, `module`, `provider` (aliased providers), `check`, `moved`
    /// and `import` blocks. A block with the address of a generated one is an error at synth (change the
    /// generated one with [`Stack::override_resource`]); generated addresses are listed under
    /// "Generated addresses" in the README.
    ///
    /// ```
    /// use lambda_stack_runtime::{Stack, Topic};
    /// let stack = Stack::new("shop").region("eu-west-3").topic(Topic::new("alerts")).terraform(serde_json::json!({
    ///     "resource": { "aws_sns_topic_subscription": { "ops_email": {
    ///         "topic_arn": "${aws_sns_topic.alerts.arn}", "protocol": "email", "endpoint": "ops@example.com"
    ///     }}}
    /// }));
    /// # let _ = stack;
    /// ```
    #[track_caller]
    pub fn terraform(mut self, json: serde_json::Value) -> Self {
        self.raw.push((json, Origin::caller()));
        self
    }

    /// Deep-merges `value` into the generated resource `kind.name` (CDKTF's `add_override`):
    /// objects merge key by key, anything else replaces what was generated, and `null` removes
    /// an argument. A resource the stack does not generate is an error at synth.
    ///
    /// ```
    /// use lambda_stack_runtime::{Queue, Stack};
    /// let stack = Stack::new("shop")
    ///     .queue(Queue::new("jobs"))
    ///     .override_resource("aws_sqs_queue", "jobs", serde_json::json!({ "delay_seconds": 5 }));
    /// # let _ = stack;
    /// ```
    #[track_caller]
    pub fn override_resource(
        mut self,
        kind: impl Into<String>,
        name: impl Into<String>,
        value: serde_json::Value,
    ) -> Self {
        self.overrides.push(Override { kind: kind.into(), name: name.into(), value, origin: Origin::caller() });
        self
    }

    /// The AWS region the stack deploys to. Without one, Terraform's AWS provider takes it from
    /// `AWS_REGION` or the profile.
    pub fn region(mut self, region: impl Into<String>) -> Self {
        self.region = Some(region.into());
        self
    }

    /// The subnets and security groups of every function without a `vpc` of its own.
    pub fn vpc(mut self, vpc: crate::Vpc) -> Self {
        self.vpc = Some(vpc);
        self
    }

    /// The permissions boundary of every role the stack creates (functions' own roles included)
    /// without one of its own ([`crate::Role::boundary`]).
    pub fn boundary(mut self, policy_arn: impl Into<String>) -> Self {
        self.boundary = Some(policy_arn.into());
        self
    }

    /// The concurrency limit of the account the stack deploys to (Service Quotas' "Concurrent
    /// executions"), when not Lambda's default of 1,000: the functions' `reserved_concurrency`,
    /// summed, must leave 100 of it unreserved.
    ///
    /// ```
    /// use lambda_stack_runtime::Stack;
    /// let stack = Stack::new("shop").account_concurrency(3_000);
    /// # let _ = stack;
    /// ```
    pub fn account_concurrency(mut self, limit: u64) -> Self {
        self.account_concurrency = Some(limit);
        self
    }

    /// CORS and throttling of the stack's HTTP API ([`crate::Api`]).
    pub fn api(mut self, api: crate::Api) -> Self {
        self.api = Some(api);
        self
    }

    /// The stage, API key, CORS, default `auth:` and throttling of the stack's REST API
    /// ([`crate::RestApi`]), which its `rest(..)` routes create.
    pub fn rest_api(mut self, api: crate::RestApi) -> Self {
        self.rest_api = Some(api);
        self
    }

    /// The network `function` runs in: its own, else the stack's.
    pub(crate) fn vpc_of<'a>(&'a self, function: &'a Function) -> Option<&'a crate::Vpc> {
        function.vpc.as_ref().or(self.vpc.as_ref())
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

    /// A KMS key ([`crate::KmsKey`]).
    pub fn key(mut self, key: crate::KmsKey) -> Self {
        self.keys.push(key);
        self
    }

    /// A Secrets Manager secret ([`crate::Secret`]).
    pub fn secret(mut self, secret: crate::Secret) -> Self {
        self.secrets.push(secret);
        self
    }

    /// An SSM parameter ([`crate::SsmParameter`]).
    pub fn parameter(mut self, parameter: crate::SsmParameter) -> Self {
        self.parameters.push(parameter);
        self
    }

    /// An EventBridge bus ([`crate::Bus`]).
    pub fn bus(mut self, bus: crate::Bus) -> Self {
        self.buses.push(bus);
        self
    }

    /// The key of the stack's log groups, and of every function, queue, topic, table, bucket and
    /// stream it owns without a `kms` of its own.
    ///
    /// ```
    /// use lambda_stack_runtime::{KmsKey, Stack, Topic};
    /// let stack = Stack::new("shop").region("eu-west-3").key(KmsKey::new("app_key")).kms("app_key").topic(Topic::new("alerts"));
    /// assert!(stack.check().problems.is_empty());
    /// ```
    pub fn kms(mut self, key: impl Into<String>) -> Self {
        self.kms = Some(key.into());
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

    /// The stack's name; one stage's is `<stack>-<stage>` ([`Stack::stages`]).
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
        let keys = self.keys.iter().map(|k| (k.name.as_str(), Kind::Key, &k.origin));
        let secrets = self.secrets.iter().map(|s| (s.name.as_str(), Kind::Secret, &s.origin));
        let parameters = self.parameters.iter().map(|p| (p.name.as_str(), Kind::Parameter, &p.origin));
        let buses = self.buses.iter().map(|b| (b.name.as_str(), Kind::Bus, &b.origin));
        let roles = self.roles.iter().map(|r| (r.name.as_str(), Kind::Role, &r.origin));
        let functions = self.functions.iter().map(|f| (f.name.as_str(), Kind::Function, &f.origin));
        buckets
            .chain(queues)
            .chain(tables)
            .chain(topics)
            .chain(streams)
            .chain(keys)
            .chain(secrets)
            .chain(parameters)
            .chain(buses)
            .chain(roles)
            .chain(functions)
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
    /// triggers read, and sending to its destinations ([`decl::derived_grants`], the
    /// grants the checker sizes), each at the origin of what needs it. `kinds` is
    /// [`Stack::kinds`], built once by the caller: a stack of many functions would otherwise
    /// rebuild it for each.
    pub(crate) fn derived_statements(&self, kinds: &BTreeMap<&str, Kind>, function: &Function) -> Vec<Statement> {
        let sources = function.triggers.iter().map(|trigger| (trigger.kind(), trigger.source()));
        let destinations = [&function.dead_letter, &function.on_success, &function.on_failure].into_iter().flatten();
        let stream_failures = function.triggers.iter().filter_map(|trigger| match trigger {
            crate::Trigger::Stream(stream) => stream.on_failure.as_ref(),
            _ => None,
        });
        let sends_to = destinations.chain(stream_failures).map(String::as_str);
        decl::derived_grants(sources, sends_to, |name| kinds.get(name).copied())
            .into_iter()
            .map(|derived| {
                let resource = match derived.grant.on {
                    GrantOn::Itself => Resource::named(derived.source),
                    GrantOn::Sub(sub) => Resource::sub(derived.source, sub, None),
                    GrantOn::Everything => Resource::arn("*"),
                };
                let mut statement = Statement::allow(derived.grant.actions.iter().copied()).on(resource);
                statement.origin = match derived.trigger {
                    Some(i) => function.triggers[i].origin().clone(),
                    None => function.origin.clone(),
                };
                statement
            })
            .chain(self.key_statements(function))
            .collect()
    }

    /// The key an owned declaration named `name` is encrypted with: its own `kms`, else the
    /// stack's. `None` for an `existing` one, whose key the stack does not know, and for names
    /// that encrypt nothing.
    pub(crate) fn key_of(&self, name: &str) -> Option<&str> {
        let resources = self.buckets.iter().map(|b| (&b.name, &b.existing, &b.kms));
        let resources = resources.chain(self.queues.iter().map(|q| (&q.name, &q.existing, &q.kms)));
        let resources = resources.chain(self.tables.iter().map(|t| (&t.name, &t.existing, &t.kms)));
        let resources = resources.chain(self.topics.iter().map(|t| (&t.name, &t.existing, &t.kms)));
        let resources = resources.chain(self.streams.iter().map(|s| (&s.name, &s.existing, &s.kms)));
        let mut resources = resources.chain(self.secrets.iter().map(|s| (&s.name, &s.existing, &s.kms)));
        let (_, existing, kms) = resources.find(|(declared, _, _)| *declared == name)?;
        if existing.is_some() {
            return None;
        }
        kms.as_deref().or(self.kms.as_deref())
    }

    /// What a function's role needs on the keys of what it touches: `kms:Decrypt` on the key of
    /// its environment and of what its triggers read, and `kms:GenerateDataKey` too on the key of
    /// what its `allow` names and its `dead_letter` (it may write there). One statement per key.
    fn key_statements<'a>(&'a self, function: &'a Function) -> Vec<Statement> {
        let mut keys: BTreeMap<&'a str, bool> = BTreeMap::new();
        let mut uses = |key: Option<&'a str>, writes: bool| {
            if let Some(key) = key {
                *keys.entry(key).or_default() |= writes;
            }
        };
        uses(function.kms.as_deref().or(self.kms.as_deref()), false);
        for trigger in &function.triggers {
            uses(trigger.source().and_then(|source| self.key_of(source)), false);
        }
        for target in [&function.dead_letter, &function.on_success, &function.on_failure].into_iter().flatten() {
            uses(self.key_of(target), true);
        }
        for statement in &function.allow {
            let target = match &statement.resource {
                Resource::Named(name) | Resource::Sub { target: name, .. } => Some(name.as_str()),
                Resource::Arn(_) => None,
            };
            uses(target.and_then(|target| self.key_of(target)), true);
        }
        keys.into_iter()
            .filter(|(key, _)| self.keys.iter().any(|k| k.name == *key))
            .map(|(key, writes)| {
                let actions =
                    if writes { crate::rules::kms::WRITER_ACTIONS } else { crate::rules::kms::READER_ACTIONS };
                let mut statement = Statement::allow(actions.iter().copied()).on(Resource::named(key));
                statement.origin = function.origin.clone();
                statement
            })
            .collect()
    }

    /// Runs every rule against the stack: the checker `lambda_stack!` runs at compile time, each
    /// finding at the line that declared what it is about. A stack with [`Stack::stages`] is
    /// checked stage by stage, and a finding in several stages is reported once.
    pub fn check(&self) -> Findings {
        if self.staged.is_empty() {
            return check::stack(self);
        }
        let mut all = Findings::default();
        for stage in &self.staged {
            let found = check::stack(stage);
            for problem in found.problems {
                if !all.problems.contains(&problem) {
                    all.problems.push(problem);
                }
            }
            for warning in found.warnings {
                if !all.warnings.contains(&warning) {
                    all.warnings.push(warning);
                }
            }
        }
        all
    }
}
