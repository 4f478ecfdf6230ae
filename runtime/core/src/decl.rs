//! A stack as plain data: what `lambda_stack!` declares and what the builders build, with no
//! spans and no origins. The checker reads these types; each front-end keeps its own side table
//! from a [`Location`](crate::check::Location) to where it came from.
//!
//! Closed sets of words (`auth: iam`, `start: latest`, `stream: new_image`, `on: created`) are
//! [`Word`]s: parsed once by whoever builds the declaration, and reported by the checker when they
//! are not one of their type's words, with the same message from either front-end.

use crate::json::Json;
use std::collections::BTreeSet;
use std::path::PathBuf;

use crate::keys::{Key, TriggerKind};
pub use crate::rules::adopt::Adoption;
pub use crate::rules::auth::{ApiKind, AuthArg, AuthKind};
pub use crate::rules::build::{Build, Bundle};
pub use crate::rules::cors::Cors;
pub use crate::rules::loops::Recursion;
use crate::rules::resources::Kind;
pub use crate::rules::streams::{StartPosition, StreamSource, StreamView};
pub use crate::rules::urls::UrlAuth;

/// A word as written, and what it means when it is one of `T`'s words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word<T> {
    pub written: String,
    /// `Err` holds the message saying what was expected.
    pub parsed: Result<T, String>,
}

impl<T> Word<T> {
    pub fn new(written: impl Into<String>, parse: impl FnOnce(&str) -> Result<T, String>) -> Self {
        let written = written.into();
        let parsed = parse(&written);
        Word { written, parsed }
    }

    /// The meaning, when the word was one of `T`'s.
    pub fn value(&self) -> Option<&T> {
        self.parsed.as_ref().ok()
    }
}

/// A stack: one Terraform root module.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Stack {
    /// The stack's name; with stages, one stage's: `<stack>-<stage>`, which its folder, state and
    /// generated AWS names take.
    pub name: String,
    /// `stages: [..]`: the stage this is, when the stack has stages.
    pub stage: Option<Stage>,
    /// `vpc: { .. }`: every function's network, unless it has its own.
    pub vpc: Option<Vpc>,
    /// `boundary: "arn:..:policy/.."`: the permissions boundary of every role the stack creates.
    pub boundary: Option<String>,
    /// `account_concurrency: N`: the concurrency limit of the account the stack deploys to, when
    /// not Lambda's default.
    pub account_concurrency: Option<u64>,
    /// `kms: KEY`: the key every owned resource without its own `kms`, and every log group, is
    /// encrypted with.
    pub kms: Option<String>,
    /// `api { .. }`: how the stack's HTTP API answers.
    pub api: Option<Api>,
    /// `rest_api { .. }`: how the stack's REST API answers.
    pub rest_api: Option<RestApi>,
    pub region: Option<String>,
    pub tags: Vec<(String, String)>,
    pub backend: Backend,
    /// `assets: BUCKET`: where packages too big for a direct upload go.
    pub assets: Option<String>,
    /// `include: [..]`: hand-written Terraform copied into the stack's folder.
    pub include: Vec<Include>,
    /// `param NAME { .. }`: values known where the stack deploys (Terraform variables).
    pub params: Vec<Param>,
    pub buckets: Vec<Bucket>,
    pub queues: Vec<Queue>,
    pub tables: Vec<Table>,
    pub topics: Vec<Topic>,
    pub streams: Vec<Stream>,
    /// `key NAME { .. }`: KMS keys.
    pub keys: Vec<KmsKey>,
    /// `secret NAME { .. }`: Secrets Manager secrets.
    pub secrets: Vec<Secret>,
    /// `parameter NAME { .. }`: SSM parameters.
    pub parameters: Vec<Parameter>,
    /// `bus NAME {}`: EventBridge buses.
    pub buses: Vec<Bus>,
    /// `layer NAME { .. }`: Lambda layers built from a folder, or existing ones.
    pub layers: Vec<Layer>,
    pub roles: Vec<Role>,
    pub functions: Vec<Function>,
    /// The declarations in the order they were written, as far as the front-end knows it (the
    /// macro from its tokens, the builders from their lines); what it leaves out follows in kind
    /// order. Of two declarations that clash, the later one is reported.
    pub order: Vec<DeclId>,
}

/// `vpc: { subnets, security_groups, ipv6 }`: the subnets and security groups a function's network
/// interfaces are in.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Vpc {
    pub subnets: Ids,
    pub security_groups: Ids,
    /// IPv6 traffic on dual-stack subnets.
    pub ipv6: bool,
}

/// IDs given as a list, or as a `list` param known where the stack deploys.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ids {
    Listed(Vec<String>),
    Param(String),
}

impl Default for Ids {
    fn default() -> Self {
        Ids::Listed(Vec::new())
    }
}

/// One stage of a stack with `stages: [..]`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Stage {
    /// This stage's name.
    pub name: String,
    /// Every stage of the stack, as listed.
    pub all: Vec<String>,
}

/// `param NAME { type, default, description, sensitive }`: a Terraform `variable`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Param {
    pub name: String,
    /// `string` when not written.
    pub kind: Option<Word<ParamType>>,
    pub default: Option<ParamValue>,
    pub description: Option<String>,
    pub sensitive: bool,
}

impl Param {
    /// The type, `string` unless written (and valid).
    pub fn param_type(&self) -> ParamType {
        self.kind.as_ref().and_then(Word::value).copied().unwrap_or(ParamType::String)
    }
}

/// What a param holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParamType {
    String,
    Number,
    List,
}

impl ParamType {
    pub const ALL: [ParamType; 3] = [ParamType::String, ParamType::Number, ParamType::List];

    /// The word `type:` takes.
    pub fn word(self) -> &'static str {
        match self {
            ParamType::String => "string",
            ParamType::Number => "number",
            ParamType::List => "list",
        }
    }

    /// The Terraform type constraint.
    pub fn terraform(self) -> &'static str {
        match self {
            ParamType::String => "string",
            ParamType::Number => "number",
            ParamType::List => "list(string)",
        }
    }

    pub fn parse(word: &str) -> Result<ParamType, String> {
        ParamType::ALL.into_iter().find(|t| t.word() == word).ok_or_else(|| {
            let words = ParamType::ALL.map(ParamType::word);
            format!(
                "unknown param type `{word}`; expected {}{}",
                crate::rules::suggest::one_of(words),
                crate::rules::suggest::did_you_mean(word, words)
            )
        })
    }
}

/// A param's default, as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParamValue {
    String(String),
    /// The digits as written.
    Number(String),
    List(Vec<String>),
}

/// One `include:` pattern and the folder it is relative to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Include {
    pub pattern: String,
    /// The directory of the file declaring the stack; `None` when the macro could not tell.
    pub base: Option<PathBuf>,
}

/// Where Terraform keeps the stack's state.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Backend {
    #[default]
    Local,
    S3 {
        bucket: String,
        key: String,
        region: Option<String>,
        encrypt: bool,
    },
}

/// One declaration of a stack, by kind and position among the declarations of that kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DeclId {
    Stack,
    /// A `param` (not a resource: it has no [`Kind`]).
    Param(usize),
    Bucket(usize),
    Queue(usize),
    Table(usize),
    Topic(usize),
    Stream(usize),
    Key(usize),
    Secret(usize),
    Parameter(usize),
    Bus(usize),
    Layer(usize),
    Role(usize),
    Function(usize),
}

impl DeclId {
    /// The kind of declaration; `None` for the stack itself.
    pub fn kind(self) -> Option<Kind> {
        Some(match self {
            DeclId::Stack | DeclId::Param(_) => return None,
            DeclId::Bucket(_) => Kind::Bucket,
            DeclId::Queue(_) => Kind::Queue,
            DeclId::Table(_) => Kind::Table,
            DeclId::Topic(_) => Kind::Topic,
            DeclId::Stream(_) => Kind::Stream,
            DeclId::Key(_) => Kind::Key,
            DeclId::Secret(_) => Kind::Secret,
            DeclId::Parameter(_) => Kind::Parameter,
            DeclId::Bus(_) => Kind::Bus,
            DeclId::Layer(_) => Kind::Layer,
            DeclId::Role(_) => Kind::Role,
            DeclId::Function(_) => Kind::Function,
        })
    }
}

impl Stack {
    /// The network a function runs in: its own `vpc`, else the stack's.
    pub fn vpc_of<'a>(&'a self, function: &'a Function) -> Option<&'a Vpc> {
        function.vpc.as_ref().or(self.vpc.as_ref())
    }

    /// The stage this stack is, when the stack has `stages`.
    pub fn stage_name(&self) -> Option<&str> {
        self.stage.as_ref().map(|stage| stage.name.as_str())
    }

    /// Every declaration: its id, name and kind, in declaration-kind order.
    pub fn declarations(&self) -> impl Iterator<Item = (DeclId, &str, Kind)> {
        fn named<'a>(
            names: impl Iterator<Item = &'a String>,
            id: fn(usize) -> DeclId,
            kind: Kind,
        ) -> impl Iterator<Item = (DeclId, &'a str, Kind)> {
            names.enumerate().map(move |(i, name)| (id(i), name.as_str(), kind))
        }
        let buckets = named(self.buckets.iter().map(|b| &b.name), DeclId::Bucket, Kind::Bucket);
        let queues = named(self.queues.iter().map(|q| &q.name), DeclId::Queue, Kind::Queue);
        let tables = named(self.tables.iter().map(|t| &t.name), DeclId::Table, Kind::Table);
        let topics = named(self.topics.iter().map(|t| &t.name), DeclId::Topic, Kind::Topic);
        let streams = named(self.streams.iter().map(|s| &s.name), DeclId::Stream, Kind::Stream);
        let keys = named(self.keys.iter().map(|k| &k.name), DeclId::Key, Kind::Key);
        let secrets = named(self.secrets.iter().map(|s| &s.name), DeclId::Secret, Kind::Secret);
        let parameters = named(self.parameters.iter().map(|p| &p.name), DeclId::Parameter, Kind::Parameter);
        let buses = named(self.buses.iter().map(|b| &b.name), DeclId::Bus, Kind::Bus);
        let layers = named(self.layers.iter().map(|l| &l.name), DeclId::Layer, Kind::Layer);
        let roles = named(self.roles.iter().map(|r| &r.name), DeclId::Role, Kind::Role);
        let functions = named(self.functions.iter().map(|f| &f.name), DeclId::Function, Kind::Function);
        buckets
            .chain(queues)
            .chain(tables)
            .chain(topics)
            .chain(streams)
            .chain(keys)
            .chain(secrets)
            .chain(parameters)
            .chain(buses)
            .chain(layers)
            .chain(roles)
            .chain(functions)
    }

    /// Every declaration in source order ([`Stack::order`], then the rest in kind order).
    pub fn in_source_order(&self) -> Vec<(DeclId, &str, Kind)> {
        let all: Vec<(DeclId, &str, Kind)> = self.declarations().collect();
        // Looked up by id, not searched: a search per entry of `order` is quadratic, and a
        // 10,000-function stack has 10,000 entries.
        let position: std::collections::HashMap<DeclId, usize> =
            all.iter().enumerate().map(|(i, (id, _, _))| (*id, i)).collect();
        let mut ordered: Vec<(DeclId, &str, Kind)> = Vec::with_capacity(all.len());
        let mut placed = vec![false; all.len()];
        for id in &self.order {
            if let Some(&i) = position.get(id) {
                if !placed[i] {
                    placed[i] = true;
                    ordered.push(all[i]);
                }
            }
        }
        ordered.extend(all.iter().zip(&placed).filter(|(_, placed)| !**placed).map(|(found, _)| *found));
        ordered
    }

    /// Each declaration's position in source order.
    pub fn source_rank(&self) -> std::collections::BTreeMap<DeclId, usize> {
        self.in_source_order().into_iter().enumerate().map(|(rank, (id, _, _))| (id, rank)).collect()
    }

    pub fn queue_named(&self, name: &str) -> Option<&Queue> {
        self.queues.iter().find(|q| q.name == name)
    }

    pub fn table_named(&self, name: &str) -> Option<&Table> {
        self.tables.iter().find(|t| t.name == name)
    }

    pub fn topic_named(&self, name: &str) -> Option<&Topic> {
        self.topics.iter().find(|t| t.name == name)
    }

    pub fn bucket_named(&self, name: &str) -> Option<&Bucket> {
        self.buckets.iter().find(|b| b.name == name)
    }

    pub fn layer_named(&self, name: &str) -> Option<&Layer> {
        self.layers.iter().find(|l| l.name == name)
    }

    pub fn key_named(&self, name: &str) -> Option<&KmsKey> {
        self.keys.iter().find(|k| k.name == name)
    }

    /// The key an owned resource is encrypted with: its own `kms`, else the stack's.
    pub fn kms_of<'a>(&'a self, own: Option<&'a str>) -> Option<&'a str> {
        own.or(self.kms.as_deref())
    }
}

/// `secret NAME { kms }`: a Secrets Manager secret whose value is set outside Terraform (so it is
/// never in the state), or an `existing` one by name or ARN.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Secret {
    pub name: String,
    pub existing: Option<String>,
    pub written: BTreeSet<Key>,
    /// `kms: KEY`; without it, the stack's, else Secrets Manager's AWS managed key.
    pub kms: Option<String>,
}

/// `parameter NAME { value }`: an SSM Parameter Store `String` parameter, or an `existing` one
/// by name or ARN.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Parameter {
    pub name: String,
    pub existing: Option<String>,
    pub written: BTreeSet<Key>,
    pub value: Option<String>,
}

/// `logs: { format: json|text, level, system_level, group }`: how Lambda writes a function's logs.
/// The words as written; [`crate::rules::logs`] checks them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Logs {
    pub format: Option<String>,
    /// The application's log level (`trace` .. `fatal`), which needs `format: json`.
    pub level: Option<String>,
    /// Lambda's own log level (`debug`, `info`, `warn`), which needs `format: json`.
    pub system_level: Option<String>,
    /// The log group, instead of `/aws/lambda/<function>`.
    pub group: Option<String>,
}

/// `bus NAME {}`: a custom EventBridge event bus (`<stack>-<name>`), or an `existing` one by name
/// or ARN. `event(..)` triggers without a bus read the account's default bus.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Bus {
    pub name: String,
    pub existing: Option<String>,
    pub written: BTreeSet<Key>,
}

/// `layer NAME { code, runtimes, arch, description }`: a Lambda layer version built from a
/// folder (its code and dependencies under the folder its runtimes read in `/opt`), or an
/// `existing` one by its version ARN.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Layer {
    pub name: String,
    /// `existing: "arn:aws:lambda:..:layer:NAME:VERSION"`: a layer version the stack does not build.
    pub existing: Option<String>,
    pub written: BTreeSet<Key>,
    /// `name: "..."`: the exact Lambda layer name.
    pub adopt: Adoption,
    pub code: Option<Code>,
    /// `runtimes: [..]`: the compatible runtimes, all of one language.
    pub runtimes: Vec<String>,
    /// `arch: [..]`: the compatible architectures; `x86_64` when not written.
    pub arch: Vec<Arch>,
    pub description: Option<String>,
}

impl Layer {
    /// The architectures it is built for: as listed, else `x86_64` (Lambda's default for functions).
    pub fn architectures(&self) -> Vec<Arch> {
        if self.arch.is_empty() {
            vec![Arch::default()]
        } else {
            self.arch.clone()
        }
    }
}

/// How a function names a layer in `layers: [..]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LayerRef<'a> {
    /// A layer version ARN (possibly with `{region}`-like placeholders).
    Arn(&'a str),
    /// A `string` param holding one: `${var.NAME}`.
    Param(&'a str),
    /// A `layer` declaration of the stack, by name.
    Named(&'a str),
}

impl<'a> LayerRef<'a> {
    /// What an item of [`Function::layers`] is: an ARN has `:`, a param is `${var.NAME}`, anything
    /// else names a `layer` of the stack.
    pub fn of(item: &'a str) -> LayerRef<'a> {
        if let Some(param) = crate::rules::placeholders::param_of(item) {
            LayerRef::Param(param)
        } else if item.contains(':') {
            LayerRef::Arn(item)
        } else {
            LayerRef::Named(item)
        }
    }
}

/// `key NAME { rotation, deletion_window }`: a customer-managed KMS key, or an `existing` one by ARN.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct KmsKey {
    pub name: String,
    /// `existing: "arn:aws:kms:..:key/.."`: a key the stack does not manage.
    pub existing: Option<String>,
    pub written: BTreeSet<Key>,
    /// `rotation: true`: KMS rotates the key material yearly.
    pub rotation: bool,
    /// Days between scheduling the key's deletion and its deletion (7–30; 30 when not written).
    pub deletion_window: Option<u64>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Bucket {
    pub name: String,
    pub existing: Option<String>,
    pub written: BTreeSet<Key>,
    pub adopt: Adoption,
    /// `kms: KEY`; without it, the stack's.
    pub kms: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Queue {
    pub name: String,
    pub existing: Option<String>,
    /// The keys written, valid or not: an `existing` queue takes no owned-only key.
    pub written: BTreeSet<Key>,
    pub adopt: Adoption,
    pub fifo: bool,
    pub visibility_timeout: Option<u64>,
    pub retention: Option<u64>,
    pub dead_letter: Option<String>,
    pub max_receive: Option<u64>,
    /// `kms: KEY`; without it, the stack's.
    pub kms: Option<String>,
}

impl Queue {
    /// Whether the queue is FIFO; an existing queue is when its name ends in `.fifo`.
    pub fn is_fifo(&self) -> bool {
        match &self.existing {
            Some(existing) => is_fifo_name(Kind::Queue, existing),
            None => self.fifo,
        }
    }

    /// The visibility timeout the queue will have; unknown for an existing queue.
    pub fn visibility_seconds(&self) -> Option<u64> {
        use crate::rules::sqs::DEFAULT_VISIBILITY_TIMEOUT;
        self.existing.is_none().then(|| self.visibility_timeout.unwrap_or(DEFAULT_VISIBILITY_TIMEOUT))
    }

    /// The retention the queue will have; unknown for an existing queue.
    pub fn retention_seconds(&self) -> Option<u64> {
        use crate::rules::sqs::DEFAULT_RETENTION;
        self.existing.is_none().then(|| self.retention.unwrap_or(DEFAULT_RETENTION))
    }
}

fn is_fifo_name(kind: Kind, existing: &str) -> bool {
    crate::rules::sources::existing_name(kind, existing).ends_with(crate::rules::names::FIFO_SUFFIX)
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Table {
    pub name: String,
    pub existing: Option<String>,
    pub written: BTreeSet<Key>,
    pub adopt: Adoption,
    pub hash_key: Option<String>,
    pub range_key: Option<String>,
    pub stream: Option<Word<StreamView>>,
    /// `kms: KEY`; without it, the stack's.
    pub kms: Option<String>,
}

impl Table {
    pub fn has_stream(&self) -> bool {
        self.stream.is_some()
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Topic {
    pub name: String,
    pub existing: Option<String>,
    pub written: BTreeSet<Key>,
    pub adopt: Adoption,
    pub fifo: bool,
    /// `kms: KEY`; without it, the stack's.
    pub kms: Option<String>,
}

impl Topic {
    /// Whether the topic is FIFO; an existing topic is when its name ends in `.fifo`.
    pub fn is_fifo(&self) -> bool {
        match &self.existing {
            Some(existing) => is_fifo_name(Kind::Topic, existing),
            None => self.fifo,
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Stream {
    pub name: String,
    pub existing: Option<String>,
    pub written: BTreeSet<Key>,
    pub adopt: Adoption,
    pub shards: Option<u64>,
    /// `kms: KEY`; without it, the stack's.
    pub kms: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Role {
    pub name: String,
    /// `existing: "arn:aws:iam::..:role/.."`: a role the stack does not manage.
    pub existing: Option<String>,
    pub written: BTreeSet<Key>,
    pub adopt: Adoption,
    /// AWS managed policy names or policy ARNs.
    pub managed: Vec<String>,
    pub allow: Vec<Statement>,
    /// `boundary: "arn:..:policy/.."`: its permissions boundary; else the stack's.
    pub boundary: Option<String>,
}

/// `ACTIONS on RESOURCE`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Statement {
    pub actions: Vec<Action>,
    pub resource: Resource,
}

/// `s3:GetObject`, or a pattern under `wildcard(..)`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Action {
    pub text: String,
    pub wildcard: bool,
}

/// What a statement acts on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resource {
    /// A declaration of the stack: the resource itself.
    Named(String),
    /// A sub-resource: `reports.objects`, `reports.objects("in/*")`, `orders.index("by_date")`.
    Sub { target: String, sub: String, pattern: Option<String> },
    /// An ARN string (or `"*"`).
    Arn(String),
}

impl Resource {
    /// The declaration it names, if any.
    pub fn target(&self) -> Option<&str> {
        match self {
            Resource::Named(name) | Resource::Sub { target: name, .. } => Some(name),
            Resource::Arn(_) => None,
        }
    }
}

/// The instruction set a function runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub enum Arch {
    #[default]
    X86_64,
    Arm64,
}

impl Arch {
    pub const ALL: [Arch; 2] = [Arch::X86_64, Arch::Arm64];

    /// The name Lambda uses, and the word `arch:` takes.
    pub fn as_str(self) -> &'static str {
        match self {
            Arch::X86_64 => "x86_64",
            Arch::Arm64 => "arm64",
        }
    }
}

/// X-Ray tracing mode.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Tracing {
    /// Trace only requests that arrive with a sampled trace header (Lambda's default).
    #[default]
    PassThrough,
    /// Sample and trace requests; the function's role gets `AWSXRayDaemonWriteAccess`.
    Active,
}

impl Tracing {
    pub const ALL: [Tracing; 2] = [Tracing::Active, Tracing::PassThrough];

    /// The mode Lambda's API takes.
    pub fn as_str(self) -> &'static str {
        match self {
            Tracing::PassThrough => "PassThrough",
            Tracing::Active => "Active",
        }
    }

    /// The word `tracing:` takes.
    pub fn word(self) -> &'static str {
        match self {
            Tracing::PassThrough => "pass_through",
            Tracing::Active => "active",
        }
    }
}

/// The directory packaged as a function's code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Code {
    /// As the user wrote it, for messages (`functions/hello`).
    pub as_written: String,
    /// Where it is; `None` when the macro could not tell which file it was called from.
    pub dir: Option<PathBuf>,
}

/// An environment variable's value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EnvValue {
    Literal(String),
    /// `reports.name`: an attribute of a declaration, known at apply time.
    Ref {
        target: String,
        attribute: String,
    },
    /// A bare name: a `param`'s value, known where the stack deploys.
    Param(String),
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Function {
    pub name: String,
    /// The keys written, valid or not.
    pub written: BTreeSet<Key>,
    /// Served by the stack's binary: the `#[function]` of its name.
    pub rust: bool,
    pub runtime: Option<String>,
    pub handler: Option<String>,
    pub code: Option<Code>,
    pub memory: Option<u64>,
    pub timeout: Option<u64>,
    /// In the order written; a key set twice is reported on its second occurrence.
    pub env: Vec<(String, EnvValue)>,
    pub role: Option<String>,
    pub allow: Vec<Statement>,
    pub arch: Option<Arch>,
    pub ephemeral_storage: Option<u64>,
    pub reserved_concurrency: Option<u64>,
    pub tracing: Option<Tracing>,
    /// Layer version ARNs, `${var.PARAM}`s holding one, or names of the stack's `layer`s
    /// ([`LayerRef::of`]).
    pub layers: Vec<String>,
    pub description: Option<String>,
    pub log_retention: Option<u64>,
    pub tags: Vec<(String, String)>,
    pub triggers: Vec<Trigger>,
    pub dead_letter: Option<String>,
    /// `on_success: TARGET`, `on_failure: TARGET`: where Lambda sends the result of an
    /// asynchronous invocation (a queue, a topic or a function of the stack).
    pub on_success: Option<String>,
    pub on_failure: Option<String>,
    /// `retries: 0..=2`, `max_event_age: 60..=21600`: how Lambda retries asynchronous events.
    pub retries: Option<u64>,
    pub max_event_age: Option<u64>,
    /// `alias: NAME`: a version is published on each deploy, and the alias (which every trigger,
    /// URL and permission targets) points at it.
    pub alias: Option<String>,
    /// `provisioned: N`: provisioned concurrency on the alias.
    pub provisioned: Option<u64>,
    /// `snap_start: true`: SnapStart on published versions.
    pub snap_start: bool,
    /// `recursion: allow | terminate`.
    pub recursion: Option<Word<Recursion>>,
    /// `build: go`: the package is built from the code folder's sources.
    pub build: Option<Word<Build>>,
    /// `bundle: esbuild`: the package is the handler's module bundled with its imports.
    pub bundle: Option<Word<Bundle>>,
    /// `source_map: true`: the bundle's source map goes into the package, and Node.js reads it.
    pub source_map: bool,
    pub exclude: Vec<String>,
    /// `vpc: { .. }`; without it, the stack's.
    pub vpc: Option<Vpc>,
    /// `logs: { .. }`: Lambda's logging config; Lambda's defaults (text, its own log group)
    /// without it.
    pub logs: Option<Logs>,
    /// `kms: KEY`: the key its environment is encrypted with; without it, the stack's.
    pub kms: Option<String>,
    pub adopt: Adoption,
    /// A Rust function's `EventBridgeEvent<T>`: `T`'s name and the JSON names of its fields, which
    /// `event(..)` patterns on `detail` may name. Known to the builders (serde tells them), not to
    /// the macro; `None` when unknown or when any field may exist.
    pub detail: Option<(String, Vec<String>)>,
}

impl Function {
    /// `recursion: allow`: a loop through it is intended.
    pub fn allows_recursion(&self) -> bool {
        self.recursion.as_ref().and_then(Word::value) == Some(&Recursion::Allow)
    }

    pub fn timeout_seconds(&self) -> u64 {
        self.timeout.unwrap_or(crate::rules::limits::DEFAULT_TIMEOUT_SECONDS)
    }

    /// The statements its role needs besides its `allow`: reading what its poll triggers read,
    /// and sending to its `dead_letter`, once each. Names `kind_of` does not resolve are left out
    /// (the checker reports them).
    pub fn derived_grants(&self, kind_of: impl Fn(&str) -> Option<Kind>) -> Vec<DerivedGrant<'_>> {
        let sources = self.triggers.iter().map(|trigger| (trigger.kind(), trigger.source()));
        derived_grants(sources, self.sends_to(), kind_of)
    }

    /// What Lambda sends to on its behalf: its `dead_letter`, `on_success` and `on_failure`, and
    /// its stream triggers' `on_failure`.
    pub fn sends_to(&self) -> impl Iterator<Item = &str> {
        let destinations = [&self.dead_letter, &self.on_success, &self.on_failure].into_iter().flatten();
        let streams = self.triggers.iter().filter_map(|trigger| match trigger {
            Trigger::Stream(stream) => stream.on_failure.as_ref(),
            _ => None,
        });
        destinations.chain(streams).map(String::as_str)
    }

    /// The queues its `sqs(..)` triggers read.
    pub fn sqs_queues(&self) -> impl Iterator<Item = &str> {
        self.triggers.iter().filter_map(|trigger| match trigger {
            Trigger::Sqs(sqs) => Some(sqs.queue.as_str()),
            _ => None,
        })
    }
}

/// [`Function::derived_grants`] from a function's triggers (each trigger's kind and source, in
/// order) and what it sends asynchronous results to (`dead_letter`, `on_success`, `on_failure`):
/// the builders call it on their own triggers without lowering them.
pub fn derived_grants<'a>(
    triggers: impl Iterator<Item = (TriggerKind, Option<&'a str>)>,
    sends_to: impl IntoIterator<Item = &'a str>,
    kind_of: impl Fn(&str) -> Option<Kind>,
) -> Vec<DerivedGrant<'a>> {
    let mut grants: Vec<DerivedGrant<'a>> = Vec::new();
    for (i, (trigger, source)) in triggers.enumerate() {
        let Some(source) = source else { continue };
        let Some(kind) = kind_of(source) else { continue };
        if trigger.source() != Some(kind) {
            continue;
        }
        let derived = crate::rules::grants::poll_grants(kind).iter().map(|grant| DerivedGrant {
            source,
            kind,
            grant: *grant,
            trigger: Some(i),
        });
        grants.extend(derived);
    }
    for target in sends_to {
        if let Some(kind) = kind_of(target) {
            if let Ok(grant) = crate::rules::grants::destination_grant("on_failure", target, kind) {
                grants.push(DerivedGrant { source: target, kind, grant, trigger: None });
            }
        }
    }
    let mut unique: Vec<DerivedGrant<'a>> = Vec::new();
    for grant in grants {
        if !unique.iter().any(|g| g.source == grant.source && g.grant == grant.grant) {
            unique.push(grant);
        }
    }
    unique
}

/// A statement a function's triggers or `dead_letter` need on its role.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DerivedGrant<'a> {
    /// The declaration it acts on.
    pub source: &'a str,
    pub kind: Kind,
    pub grant: crate::rules::grants::Grant,
    /// The trigger that needs it; `None` for the `dead_letter`.
    pub trigger: Option<usize>,
}

/// What invokes a function.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Trigger {
    /// A route of the stack's HTTP API.
    Http {
        method: String,
        path: String,
        /// `outlives_request: true`: the function may run past the API's 30 s, after the client
        /// has had its 503.
        outlives_request: bool,
        /// `auth: ..`: who may call the route, when not the API's default.
        auth: Option<Auth>,
    },
    /// A route of the stack's REST API (API Gateway v1, Lambda proxy integration).
    Rest {
        method: String,
        path: String,
        /// `outlives_request: true`: the function may run past the REST API's 29 s.
        outlives_request: bool,
        /// `auth: ..`: who may call the route, when not the `rest_api`'s default.
        auth: Option<Auth>,
    },
    S3(S3Trigger),
    Sqs(SqsTrigger),
    Stream(StreamTrigger),
    Sns {
        topic: String,
    },
    /// A schedule: `rate(5 minutes)`, `cron(0 12 * * ? *)` or `at(2027-01-01T00:00:00)`. An
    /// EventBridge rule, unless it is [`Trigger::uses_scheduler`].
    Schedule {
        expression: String,
        /// `timezone: "Europe/Paris"`: the zone its cron and `at()` are read in (UTC otherwise).
        timezone: Option<String>,
        /// `input: {..}`: the event Scheduler sends (`{}` otherwise).
        input: Option<Json>,
        /// `flexible_window: MINUTES`: Scheduler may start it up to this late.
        flexible_window: Option<u64>,
    },
    /// `event(BUS?, pattern: {..})`: an EventBridge rule on the stack's bus `BUS`, or the
    /// account's default bus.
    Event(EventTrigger),
    /// The function's own HTTPS URL; IAM-authenticated unless `auth: none`.
    Url {
        auth: Option<Word<UrlAuth>>,
        cors: Option<Cors>,
        /// `stream: true`: the response streams (`RESPONSE_STREAM`).
        stream: bool,
    },
}

/// `api { cors, throttle }`: the stack's HTTP API.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Api {
    pub cors: Option<Cors>,
    pub throttle: Option<Throttle>,
    /// `auth: ..`: every route's, unless the route has its own.
    pub auth: Option<Auth>,
    /// `domain: { name, certificate }`: a custom domain name mapped to the `$default` stage.
    pub domain: Option<Domain>,
}

/// `rest_api { stage, api_key, cors, auth, throttle }`: the stack's REST API.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RestApi {
    /// The stage's name; `rules::rest::DEFAULT_STAGE` when not given.
    pub stage: Option<String>,
    /// `api_key: true`: every method needs an API key, issued with a usage plan on the stage.
    pub api_key: bool,
    /// Answered by `OPTIONS` methods on every routed resource.
    pub cors: Option<Cors>,
    /// `auth: ..`: every route's, unless the route has its own.
    pub auth: Option<Auth>,
    /// The stage's limits on every method (and the usage plan's, with `api_key`).
    pub throttle: Option<Throttle>,
}

/// `domain: { name, certificate }`: the API's own host name, with an ACM certificate for it in
/// the API's region.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Domain {
    pub name: String,
    pub certificate: String,
}

/// `auth: none | iam | jwt(issuer: .., audience: [..]) | lambda(FUNCTION) | cognito("arn:..")`:
/// who may call a route. The form's arguments are kept as written, whichever form takes them:
/// the checker says which do not belong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Auth {
    pub kind: Word<AuthKind>,
    /// The deciding function of `lambda(FUNCTION)`.
    pub function: Option<String>,
    pub issuer: Option<String>,
    pub audience: Option<Vec<String>>,
    pub scopes: Vec<String>,
    /// Where the caller's identity is read (`$request.header.Authorization`).
    pub identity: Vec<String>,
    /// Seconds the authorizer's answer is cached.
    pub cache: Option<u64>,
    /// The user pool ARNs of `cognito(..)`.
    pub pools: Vec<String>,
    /// The arguments written, in order.
    pub written: Vec<AuthArg>,
}

impl Auth {
    /// A form without arguments: `none`, `iam`.
    pub fn word(kind: &str) -> Auth {
        Auth {
            kind: Word::new(kind, AuthKind::parse),
            function: None,
            issuer: None,
            audience: None,
            scopes: Vec::new(),
            identity: Vec::new(),
            cache: None,
            pools: Vec::new(),
            written: Vec::new(),
        }
    }

    /// The authorizer this form needs on its API, as a key two routes with the same one share:
    /// `None` for `none` and `iam`.
    pub fn authorizer_key(&self) -> Option<String> {
        match self.kind.value()? {
            AuthKind::None | AuthKind::Iam => None,
            AuthKind::Jwt => Some(format!("jwt {:?} {:?} {:?}", self.issuer, self.audience, self.identity)),
            AuthKind::Lambda => Some(format!("lambda {:?} {:?} {:?}", self.function, self.identity, self.cache)),
            AuthKind::Cognito => Some(format!("cognito {:?} {:?}", self.pools, self.identity)),
        }
    }
}

/// `throttle: { rate, burst }`: the stage's default route limits, requests per second and burst.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Throttle {
    pub rate: Option<u64>,
    pub burst: Option<u64>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct S3Trigger {
    pub bucket: String,
    /// `created`, `removed`, `restored` or S3 event names; `created` when empty.
    pub on: Vec<Word<S3Events>>,
    pub prefix: Option<String>,
    pub suffix: Option<String>,
}

impl S3Trigger {
    /// The S3 event names it subscribes to (`s3:ObjectCreated:*` when `on` is empty); `None` when
    /// a word is not an S3 event (the checker reports it).
    pub fn events(&self) -> Option<Vec<&'static str>> {
        if self.on.is_empty() {
            return Some(S3Events::default().0.to_vec());
        }
        let mut events = Vec::new();
        for on in &self.on {
            events.extend_from_slice(on.value()?.0);
        }
        Some(events)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SqsTrigger {
    pub queue: String,
    pub batch_size: Option<u64>,
    pub window: Option<u64>,
    pub report_failures: bool,
    /// `max_concurrency: N`: the most concurrent invocations the queue's pollers make (2–1,000).
    pub max_concurrency: Option<u64>,
    /// `filter: [..]`: patterns a message must match one of ([`crate::rules::patterns`]).
    pub filters: Vec<Json>,
    /// `enabled: false`: the mapping exists but does not poll.
    pub enabled: Option<bool>,
}

/// `event(BUS?, pattern: {..})`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventTrigger {
    /// A `bus` of the stack; `None` for the account's default bus.
    pub bus: Option<String>,
    pub pattern: Json,
}

/// `dynamodb(TABLE, ..)` or `kinesis(STREAM, ..)`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StreamTrigger {
    pub source: StreamSource,
    pub target: String,
    pub start: Option<Word<StartPosition>>,
    pub batch_size: Option<u64>,
    pub window: Option<u64>,
    pub report_failures: bool,
    /// `filter: [..]`: patterns a record must match one of.
    pub filters: Vec<Json>,
    /// `bisect: true`: a failed batch is split in two and retried.
    pub bisect: bool,
    /// `max_retries: N` (0–10,000); Lambda retries until the record expires when not given.
    pub max_retries: Option<u64>,
    /// `max_age: SECONDS` (60–604,800): older records are not sent; the stream's retention when
    /// not given.
    pub max_age: Option<u64>,
    /// `on_failure: QUEUE | TOPIC`: where Lambda sends a failed batch's description.
    pub on_failure: Option<String>,
    /// `parallelization: N` (1–10): batches of one shard processed at once.
    pub parallelization: Option<u64>,
    /// `tumbling_window: SECONDS` (0–900): state carried across a window's invocations.
    pub tumbling_window: Option<u64>,
    /// `enabled: false`: the mapping exists but does not poll.
    pub enabled: Option<bool>,
}

impl Trigger {
    pub fn kind(&self) -> TriggerKind {
        match self {
            Trigger::Http { .. } => TriggerKind::Http,
            Trigger::Rest { .. } => TriggerKind::Rest,
            Trigger::S3(_) => TriggerKind::S3,
            Trigger::Sqs(_) => TriggerKind::Sqs,
            Trigger::Stream(stream) => stream.source.trigger(),
            Trigger::Sns { .. } => TriggerKind::Sns,
            Trigger::Schedule { .. } => TriggerKind::Schedule,
            Trigger::Url { .. } => TriggerKind::Url,
            Trigger::Event(_) => TriggerKind::Event,
        }
    }

    /// The statements it adds to its function's resource policy
    /// ([`crate::rules::permissions`]): one for an S3 bucket, a topic, a schedule and a REST route,
    /// two for a public URL (`InvokeFunctionUrl` and `InvokeFunction`); an HTTP route's are
    /// counted apart (they may share one), and queues and streams are polled, not pushed.
    pub fn invoke_statements(&self) -> usize {
        match self {
            Trigger::S3(_)
            | Trigger::Sns { .. }
            | Trigger::Schedule { .. }
            | Trigger::Rest { .. }
            | Trigger::Event(_) => 1,
            Trigger::Url { auth, .. } if auth.as_ref().and_then(|a| a.value()) == Some(&UrlAuth::None) => 2,
            Trigger::Url { .. } | Trigger::Http { .. } | Trigger::Sqs(_) | Trigger::Stream(_) => 0,
        }
    }

    /// A `schedule(..)` that is an EventBridge Scheduler schedule: one with a `timezone`, an
    /// `input`, a `flexible_window` or an `at(..)` expression.
    pub fn uses_scheduler(&self) -> bool {
        match self {
            Trigger::Schedule { expression, timezone, input, flexible_window } => {
                timezone.is_some()
                    || input.is_some()
                    || flexible_window.is_some()
                    || crate::rules::scheduler::is_at(expression)
            }
            _ => false,
        }
    }

    /// The declaration it reads from (`jobs` in `sqs(jobs)`).
    pub fn source(&self) -> Option<&str> {
        match self {
            Trigger::S3(s3) => Some(&s3.bucket),
            Trigger::Sqs(sqs) => Some(&sqs.queue),
            Trigger::Stream(stream) => Some(&stream.target),
            Trigger::Sns { topic } => Some(topic),
            Trigger::Event(event) => event.bus.as_deref(),
            Trigger::Http { .. } | Trigger::Rest { .. } | Trigger::Schedule { .. } | Trigger::Url { .. } => None,
        }
    }
}

/// The S3 event names one word of `on:` stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct S3Events(pub &'static [&'static str]);

impl Default for S3Events {
    /// `created`.
    fn default() -> Self {
        S3Events::parse("created").unwrap_or(S3Events(&[]))
    }
}

impl S3Events {
    pub fn parse(word: &str) -> Result<S3Events, String> {
        crate::rules::s3::s3_events_for(word).map(S3Events)
    }
}
