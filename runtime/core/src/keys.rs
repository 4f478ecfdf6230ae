//! The vocabulary of the language, written once: every key of every block, which block takes
//! which, and the trigger keywords with the arguments each takes. The macro reads blocks through
//! these lists (so an unknown key's did-you-mean comes from here), the checker reports locations
//! in their terms, and the builders record which keys a stack set with them.

use std::fmt;

/// A kind of declaration in a stack: the keyword that declares it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    Bucket,
    Queue,
    Table,
    Topic,
    Stream,
    /// `key NAME { .. }`: a customer-managed KMS key.
    Key,
    /// `secret NAME { .. }`: a Secrets Manager secret, its value set outside Terraform.
    Secret,
    /// `parameter NAME { value }`: an SSM Parameter Store `String` parameter.
    Parameter,
    /// `bus NAME {}`: a custom EventBridge event bus.
    Bus,
    /// `layer NAME { code, runtimes, arch }`: a Lambda layer built from a folder.
    Layer,
    Role,
    Function,
}

impl Kind {
    /// Every kind, in declaration-keyword order.
    pub const ALL: [Kind; 12] = [
        Kind::Bucket,
        Kind::Queue,
        Kind::Table,
        Kind::Topic,
        Kind::Stream,
        Kind::Key,
        Kind::Secret,
        Kind::Parameter,
        Kind::Bus,
        Kind::Layer,
        Kind::Role,
        Kind::Function,
    ];

    /// The keyword that declares it in `lambda_stack!`.
    pub fn keyword(self) -> &'static str {
        match self {
            Kind::Bucket => "bucket",
            Kind::Queue => "queue",
            Kind::Table => "table",
            Kind::Topic => "topic",
            Kind::Stream => "stream",
            Kind::Key => "key",
            Kind::Secret => "secret",
            Kind::Parameter => "parameter",
            Kind::Bus => "bus",
            Kind::Layer => "layer",
            Kind::Role => "role",
            Kind::Function => "function",
        }
    }

    /// Whether the kind can refer to a resource outside the stack with `existing:`.
    pub fn can_be_existing(self) -> bool {
        !matches!(self, Kind::Function)
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.keyword())
    }
}

/// A key of some block: `memory` in `function f { memory: 256 }`, `bucket` in `backend: s3 { .. }`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Key {
    // stack
    Region,
    Tags,
    Backend,
    Assets,
    Include,
    Stages,
    Boundary,
    AccountConcurrency,
    /// `kms: KEY`: the customer-managed key a resource (or, on the stack, everything) is encrypted with.
    Kms,
    // api { .. }
    Cors,
    Auth,
    Domain,
    // rest_api { .. }
    Stage,
    ApiKey,
    Certificate,
    Throttle,
    Rate,
    Burst,
    // every resource that can refer to one outside the stack
    Existing,
    // every declaration: adopting what AWS already runs
    Name,
    Import,
    RenamedFrom,
    // queue
    Fifo,
    VisibilityTimeout,
    Retention,
    DeadLetter,
    MaxReceive,
    // table
    HashKey,
    RangeKey,
    Stream,
    // stream (Kinesis)
    Shards,
    // key (KMS)
    Rotation,
    DeletionWindow,
    // parameter (SSM)
    Value,
    // layer
    Runtimes,
    // role
    Managed,
    Allow,
    // function
    Runtime,
    Handler,
    Code,
    Memory,
    Timeout,
    Env,
    Role,
    Arch,
    EphemeralStorage,
    ReservedConcurrency,
    Tracing,
    Layers,
    Description,
    LogRetention,
    Triggers,
    Exclude,
    Vpc,
    OnSuccess,
    OnFailure,
    Retries,
    MaxEventAge,
    /// `logs: { format, level, system_level, group }`: Lambda's logging config.
    Logs,
    // logs: { .. }
    Format,
    Level,
    SystemLevel,
    Group,
    /// `alias: NAME`: publish a version on each deploy, and point an alias and every trigger at it.
    Alias,
    /// `provisioned: N`: provisioned concurrency on the alias.
    Provisioned,
    /// `snap_start: true`: Lambda SnapStart on published versions.
    SnapStart,
    /// `recursion: allow`: a recursive loop through the function is intended.
    Recursion,
    /// `build: go`: the package's `bootstrap` is built from the code folder's sources.
    Build,
    /// `bundle: esbuild`: the package is the handler's module bundled with its imports.
    Bundle,
    /// `source_map: true`: the bundle's source map is packaged and Node.js reads it.
    SourceMap,
    // vpc: { .. }
    Subnets,
    SecurityGroups,
    Ipv6,
    // cors: { .. }
    Origins,
    Methods,
    Headers,
    Expose,
    MaxAge,
    Credentials,
    // param
    Type,
    Default,
    Sensitive,
    // backend: s3 { .. }
    Bucket,
    StateKey,
    Encrypt,
}

impl Key {
    /// The key as written.
    pub fn name(self) -> &'static str {
        match self {
            Key::Region => "region",
            Key::Tags => "tags",
            Key::Backend => "backend",
            Key::Assets => "assets",
            Key::Include => "include",
            Key::Stages => "stages",
            Key::Boundary => "boundary",
            Key::AccountConcurrency => "account_concurrency",
            Key::Kms => "kms",
            Key::Rotation => "rotation",
            Key::DeletionWindow => "deletion_window",
            Key::Value => "value",
            Key::Runtimes => "runtimes",
            Key::Cors => "cors",
            Key::Auth => "auth",
            Key::Domain => "domain",
            Key::Stage => "stage",
            Key::ApiKey => "api_key",
            Key::Certificate => "certificate",
            Key::Throttle => "throttle",
            Key::Rate => "rate",
            Key::Burst => "burst",
            Key::Existing => "existing",
            Key::Name => "name",
            Key::Import => "import",
            Key::RenamedFrom => "renamed_from",
            Key::Fifo => "fifo",
            Key::VisibilityTimeout => "visibility_timeout",
            Key::Retention => "retention",
            Key::DeadLetter => "dead_letter",
            Key::OnSuccess => "on_success",
            Key::OnFailure => "on_failure",
            Key::Retries => "retries",
            Key::MaxEventAge => "max_event_age",
            Key::Logs => "logs",
            Key::Format => "format",
            Key::Level => "level",
            Key::SystemLevel => "system_level",
            Key::Group => "group",
            Key::Alias => "alias",
            Key::Provisioned => "provisioned",
            Key::SnapStart => "snap_start",
            Key::Recursion => "recursion",
            Key::Build => "build",
            Key::Bundle => "bundle",
            Key::SourceMap => "source_map",
            Key::MaxReceive => "max_receive",
            Key::HashKey => "hash_key",
            Key::RangeKey => "range_key",
            Key::Stream => "stream",
            Key::Shards => "shards",
            Key::Managed => "managed",
            Key::Allow => "allow",
            Key::Runtime => "runtime",
            Key::Handler => "handler",
            Key::Code => "code",
            Key::Memory => "memory",
            Key::Timeout => "timeout",
            Key::Env => "env",
            Key::Role => "role",
            Key::Arch => "arch",
            Key::EphemeralStorage => "ephemeral_storage",
            Key::ReservedConcurrency => "reserved_concurrency",
            Key::Tracing => "tracing",
            Key::Layers => "layers",
            Key::Description => "description",
            Key::LogRetention => "log_retention",
            Key::Triggers => "triggers",
            Key::Exclude => "exclude",
            Key::Vpc => "vpc",
            Key::Subnets => "subnets",
            Key::SecurityGroups => "security_groups",
            Key::Ipv6 => "ipv6",
            Key::Origins => "origins",
            Key::Methods => "methods",
            Key::Headers => "headers",
            Key::Expose => "expose",
            Key::MaxAge => "max_age",
            Key::Credentials => "credentials",
            Key::Type => "type",
            Key::Default => "default",
            Key::Sensitive => "sensitive",
            Key::Bucket => "bucket",
            Key::StateKey => "key",
            Key::Encrypt => "encrypt",
        }
    }

    /// The unit a whole-number key is given in, for "expected a number of MB" messages.
    pub fn unit(self) -> &'static str {
        match self {
            Key::Memory | Key::EphemeralStorage => "MB",
            Key::Timeout | Key::VisibilityTimeout | Key::Retention | Key::MaxEventAge => "seconds",
            Key::Retries => "retries",
            Key::LogRetention | Key::DeletionWindow => "days",
            Key::ReservedConcurrency | Key::AccountConcurrency | Key::Provisioned => "executions",
            Key::MaxReceive => "receives",
            Key::Shards => "shards",
            _ => "",
        }
    }

    /// A function key that a Rust `#[function]` implies: its binding in `lambda_stack!` takes
    /// none of them (`runtime` is `provided.al2023`, `handler` its name, `code` its binary, which
    /// cargo builds).
    pub fn implied_by_rust(self) -> bool {
        matches!(self, Key::Runtime | Key::Handler | Key::Code | Key::Build | Key::Bundle | Key::SourceMap)
    }

    /// A key that configures a resource the stack creates: an `existing` one takes none of them.
    /// (`stream` on an existing table states that it has one, which its triggers read.)
    pub fn owned_only(self) -> bool {
        !matches!(self, Key::Existing | Key::Stream)
    }

    /// The key named `name` among `keys`.
    pub fn find(keys: &[Key], name: &str) -> Option<Key> {
        keys.iter().copied().find(|key| key.name() == name)
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The keys among `set` that were given: how the builders, whose setters cannot be written with a
/// value of the wrong kind, say which keys a declaration wrote.
pub fn written(set: &[(Key, bool)]) -> std::collections::BTreeSet<Key> {
    set.iter().filter(|(_, given)| *given).map(|(key, _)| *key).collect()
}

/// The keys of each block, in the order the docs list them.
pub const STACK_KEYS: &[Key] = &[
    Key::Region,
    Key::Stages,
    Key::Tags,
    Key::Backend,
    Key::Assets,
    Key::Include,
    Key::Vpc,
    Key::Boundary,
    Key::AccountConcurrency,
    Key::Kms,
];
/// `api { .. }`: the stack's HTTP API.
pub const API_KEYS: &[Key] = &[Key::Cors, Key::Auth, Key::Domain, Key::Throttle];
/// `rest_api { .. }`: the stack's REST API.
pub const REST_API_KEYS: &[Key] = &[Key::Stage, Key::ApiKey, Key::Cors, Key::Auth, Key::Throttle];
/// `domain: { .. }` of the `api`.
pub const DOMAIN_KEYS: &[Key] = &[Key::Name, Key::Certificate];
/// `throttle: { .. }` of the `api`.
pub const THROTTLE_KEYS: &[Key] = &[Key::Rate, Key::Burst];
/// `cors: { .. }`.
pub const CORS_KEYS: &[Key] = &[Key::Origins, Key::Methods, Key::Headers, Key::Expose, Key::MaxAge, Key::Credentials];
/// `logs: { .. }` of a function.
pub const LOGS_KEYS: &[Key] = &[Key::Format, Key::Level, Key::SystemLevel, Key::Group];
/// `vpc: { .. }`, on a function or the stack.
pub const VPC_KEYS: &[Key] = &[Key::Subnets, Key::SecurityGroups, Key::Ipv6];
pub const BUCKET_KEYS: &[Key] = &[Key::Existing, Key::Kms, Key::Name, Key::Import, Key::RenamedFrom];
pub const QUEUE_KEYS: &[Key] = &[
    Key::Existing,
    Key::Fifo,
    Key::VisibilityTimeout,
    Key::Retention,
    Key::DeadLetter,
    Key::MaxReceive,
    Key::Kms,
    Key::Name,
    Key::Import,
    Key::RenamedFrom,
];
pub const TABLE_KEYS: &[Key] =
    &[Key::Existing, Key::HashKey, Key::RangeKey, Key::Stream, Key::Kms, Key::Name, Key::Import, Key::RenamedFrom];
pub const TOPIC_KEYS: &[Key] = &[Key::Existing, Key::Fifo, Key::Kms, Key::Name, Key::Import, Key::RenamedFrom];
pub const STREAM_KEYS: &[Key] = &[Key::Existing, Key::Shards, Key::Kms, Key::Name, Key::Import, Key::RenamedFrom];
/// `key NAME { .. }`: a customer-managed KMS key (its alias is `alias/<stack>-<name>`), or an
/// `existing` one by ARN.
pub const KEY_KEYS: &[Key] = &[Key::Existing, Key::Rotation, Key::DeletionWindow];
/// `secret NAME { .. }`: a Secrets Manager secret (`<stack>-<name>`), or an `existing` one.
pub const SECRET_KEYS: &[Key] = &[Key::Existing, Key::Kms];
/// `parameter NAME { value }`: an SSM `String` parameter (`/<stack>/<name>`), or an `existing` one.
pub const PARAMETER_KEYS: &[Key] = &[Key::Existing, Key::Value];
/// `bus NAME {}`: a custom EventBridge bus (`<stack>-<name>`), or an `existing` one by name or ARN.
pub const BUS_KEYS: &[Key] = &[Key::Existing];
/// `layer NAME { code, runtimes, arch, description }`: a layer version built from a folder
/// (`<stack>-<name>`), or an `existing` one by its version ARN.
pub const LAYER_KEYS: &[Key] = &[Key::Code, Key::Runtimes, Key::Arch, Key::Description, Key::Existing, Key::Name];
pub const ROLE_KEYS: &[Key] =
    &[Key::Existing, Key::Managed, Key::Allow, Key::Boundary, Key::Name, Key::Import, Key::RenamedFrom];
/// The keys that adopt what AWS already runs, which every declaration takes.
pub const ADOPTION_KEYS: [Key; 3] = [Key::Name, Key::Import, Key::RenamedFrom];
/// `param NAME { .. }`: a Terraform variable.
pub const PARAM_KEYS: &[Key] = &[Key::Type, Key::Default, Key::Description, Key::Sensitive];
pub const BACKEND_S3_KEYS: &[Key] = &[Key::Bucket, Key::StateKey, Key::Region, Key::Encrypt];
pub const FUNCTION_KEYS: &[Key] = &[
    Key::Runtime,
    Key::Handler,
    Key::Code,
    Key::Build,
    Key::Bundle,
    Key::SourceMap,
    Key::Memory,
    Key::Timeout,
    Key::Env,
    Key::Role,
    Key::Allow,
    Key::Arch,
    Key::EphemeralStorage,
    Key::ReservedConcurrency,
    Key::Tracing,
    Key::Layers,
    Key::Description,
    Key::LogRetention,
    Key::Logs,
    Key::Tags,
    Key::Triggers,
    Key::DeadLetter,
    Key::OnSuccess,
    Key::OnFailure,
    Key::Retries,
    Key::MaxEventAge,
    Key::Alias,
    Key::Provisioned,
    Key::SnapStart,
    Key::Recursion,
    Key::Exclude,
    Key::Vpc,
    Key::Kms,
    Key::Name,
    Key::Import,
    Key::RenamedFrom,
];

/// Function keys written where a Rust function is bound, not in `#[function(..)]`: its network,
/// where its asynchronous results go, how it is versioned and whether a loop through it is meant
/// are the stack's business (the rules over them need the stack: `provisioned` needs the `alias`
/// beside it, a loop runs through other declarations).
const STACK_SIDE_FUNCTION_KEYS: [Key; 11] = [
    Key::Exclude,
    Key::Vpc,
    Key::Kms,
    Key::OnSuccess,
    Key::OnFailure,
    Key::Retries,
    Key::MaxEventAge,
    Key::Alias,
    Key::Provisioned,
    Key::SnapStart,
    Key::Recursion,
];

/// The keys `#[function(...)]` takes: a function block's, less those a Rust function implies,
/// `exclude` (its package is one binary) and the adoption keys (where a stack deploys is the
/// stack's business, written where the function is bound).
pub fn attribute_keys() -> Vec<Key> {
    FUNCTION_KEYS
        .iter()
        .copied()
        .filter(|key| !key.implied_by_rust() && !STACK_SIDE_FUNCTION_KEYS.contains(key) && !ADOPTION_KEYS.contains(key))
        .collect()
}

/// A trigger's keyword: `sqs` in `sqs(jobs)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TriggerKind {
    Http,
    Rest,
    S3,
    Sqs,
    Dynamodb,
    Kinesis,
    Sns,
    Schedule,
    Url,
    /// `event(BUS?, pattern: {..})`: an EventBridge rule on a bus.
    Event,
}

impl TriggerKind {
    pub const ALL: [TriggerKind; 10] = [
        TriggerKind::Http,
        TriggerKind::Rest,
        TriggerKind::S3,
        TriggerKind::Sqs,
        TriggerKind::Dynamodb,
        TriggerKind::Kinesis,
        TriggerKind::Sns,
        TriggerKind::Schedule,
        TriggerKind::Url,
        TriggerKind::Event,
    ];

    pub fn keyword(self) -> &'static str {
        match self {
            TriggerKind::Http => "http",
            TriggerKind::Rest => "rest",
            TriggerKind::S3 => "s3",
            TriggerKind::Sqs => "sqs",
            TriggerKind::Dynamodb => "dynamodb",
            TriggerKind::Kinesis => "kinesis",
            TriggerKind::Sns => "sns",
            TriggerKind::Schedule => "schedule",
            TriggerKind::Url => "url",
            TriggerKind::Event => "event",
        }
    }

    pub fn from_keyword(keyword: &str) -> Option<TriggerKind> {
        TriggerKind::ALL.into_iter().find(|kind| kind.keyword() == keyword)
    }

    /// The kind of declaration the trigger reads from (`sqs(jobs)` needs a queue); `None` for
    /// triggers without a source (`http`, `schedule`, `url`).
    pub fn source(self) -> Option<Kind> {
        match self {
            TriggerKind::S3 => Some(Kind::Bucket),
            TriggerKind::Sqs => Some(Kind::Queue),
            TriggerKind::Dynamodb => Some(Kind::Table),
            TriggerKind::Kinesis => Some(Kind::Stream),
            TriggerKind::Sns => Some(Kind::Topic),
            // The stack's bus when one is named; the account's default bus otherwise.
            TriggerKind::Event => Some(Kind::Bus),
            TriggerKind::Http | TriggerKind::Rest | TriggerKind::Schedule | TriggerKind::Url => None,
        }
    }

    /// Whether Lambda maps a source to a function once (event source mappings, subscriptions);
    /// a bucket can notify one function under several rules.
    pub fn once_per_source(self) -> bool {
        self.source().is_some() && !matches!(self, TriggerKind::S3 | TriggerKind::Event)
    }

    /// The named arguments it takes.
    pub fn args(self) -> &'static [Arg] {
        match self {
            TriggerKind::S3 => &[Arg::On, Arg::Prefix, Arg::Suffix],
            TriggerKind::Sqs => {
                &[Arg::BatchSize, Arg::Window, Arg::ReportFailures, Arg::MaxConcurrency, Arg::Filter, Arg::Enabled]
            }
            TriggerKind::Dynamodb | TriggerKind::Kinesis => &[
                Arg::Start,
                Arg::BatchSize,
                Arg::Window,
                Arg::ReportFailures,
                Arg::Filter,
                Arg::Bisect,
                Arg::MaxRetries,
                Arg::MaxAge,
                Arg::OnFailure,
                Arg::Parallelization,
                Arg::TumblingWindow,
                Arg::Enabled,
            ],
            TriggerKind::Event => &[Arg::Pattern],
            TriggerKind::Url => &[Arg::Auth, Arg::Cors, Arg::Stream],
            TriggerKind::Http | TriggerKind::Rest => &[Arg::Auth, Arg::OutlivesRequest],
            TriggerKind::Schedule => &[Arg::Timezone, Arg::Input, Arg::FlexibleWindow],
            TriggerKind::Sns => &[],
        }
    }
}

impl fmt::Display for TriggerKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.keyword())
    }
}

/// A part of a trigger: its positional arguments and its named ones.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Arg {
    /// The declaration it reads (`jobs` in `sqs(jobs)`).
    Source,
    /// `GET` in `http(GET "/path")`.
    Method,
    /// `"/path"` in `http(GET "/path")`.
    Path,
    /// The expression of `schedule("rate(5 minutes)")`.
    Expression,
    On,
    Prefix,
    Suffix,
    BatchSize,
    Window,
    ReportFailures,
    Start,
    Auth,
    OutlivesRequest,
    Cors,
    Stream,
    /// `pattern: {..}` of `event(..)`.
    Pattern,
    /// `timezone: "Europe/Paris"` of a `schedule(..)`.
    Timezone,
    /// `input: {..}` of a `schedule(..)`: the event Scheduler sends.
    Input,
    /// `flexible_window: MINUTES` of a `schedule(..)`.
    FlexibleWindow,
    /// `filter: [{..}, ..]` of a mapping: the patterns a record must match one of.
    Filter,
    MaxConcurrency,
    Bisect,
    MaxRetries,
    MaxAge,
    OnFailure,
    Parallelization,
    TumblingWindow,
    Enabled,
}

impl Arg {
    /// The named argument as written (`batch_size`); positional ones have no name.
    pub fn name(self) -> &'static str {
        match self {
            Arg::Source => "source",
            Arg::Method => "method",
            Arg::Path => "path",
            Arg::Expression => "expression",
            Arg::On => "on",
            Arg::Prefix => "prefix",
            Arg::Suffix => "suffix",
            Arg::BatchSize => "batch_size",
            Arg::Window => "window",
            Arg::ReportFailures => "report_failures",
            Arg::Start => "start",
            Arg::Auth => "auth",
            Arg::OutlivesRequest => "outlives_request",
            Arg::Cors => "cors",
            Arg::Stream => "stream",
            Arg::Pattern => "pattern",
            Arg::Timezone => "timezone",
            Arg::Input => "input",
            Arg::FlexibleWindow => "flexible_window",
            Arg::Filter => "filter",
            Arg::MaxConcurrency => "max_concurrency",
            Arg::Bisect => "bisect",
            Arg::MaxRetries => "max_retries",
            Arg::MaxAge => "max_age",
            Arg::OnFailure => "on_failure",
            Arg::Parallelization => "parallelization",
            Arg::TumblingWindow => "tumbling_window",
            Arg::Enabled => "enabled",
        }
    }
}

impl fmt::Display for Arg {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_trigger_keyword_round_trips() {
        for kind in TriggerKind::ALL {
            assert_eq!(TriggerKind::from_keyword(kind.keyword()), Some(kind));
        }
    }

    #[test]
    fn the_attribute_takes_the_function_keys_a_rust_function_does_not_imply() {
        let keys: Vec<&str> = attribute_keys().into_iter().map(Key::name).collect();
        assert!(keys.contains(&"memory") && keys.contains(&"triggers"));
        assert!(!keys.iter().any(|k| ["runtime", "handler", "code", "exclude"].contains(k)));
    }
}
