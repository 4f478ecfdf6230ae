//! The typed model of a stack, built from the syntax tree. Spans are kept so `check` can point at
//! the offending token. Building it reports unknown keys, duplicate keys and values of the wrong
//! kind; rules about what the values mean are `check`'s.

pub mod auth;
pub mod cors;
pub(crate) mod fields;
pub mod function;
pub mod json;
pub mod rest;
mod sources;
pub mod stages;
mod triggers;

use std::collections::BTreeSet;
use std::path::PathBuf;

pub use lambda_stack_core::decl::{Arch, Tracing};
use lambda_stack_core::keys::{self, Key};
use lambda_stack_core::rules::resources::Kind;
use lambda_stack_core::rules::suggest::{did_you_mean, expected_one_of, one_of};
use syn::{Attribute, Ident};

use crate::callsite::CallSite;
use crate::errors::Errors;
use crate::parse::{self, Arg, Entry, Value};
use crate::span::{Range, Sp};
use fields::Fields;
pub use sources::{Bus, KmsKey, Parameter, Queue, Secret, Stream, Table, Topic};
pub use triggers::Trigger;

pub struct Stack {
    pub name: Ident,
    /// With `stages: [..]`, the stage this model of the stack is.
    pub stage: Option<stages::StageOf>,
    /// `stages: [..]`, as written.
    pub stages_span: Option<Range>,
    pub docs: Vec<Attribute>,
    pub region: Option<Sp<String>>,
    pub tags: Vec<(Sp<String>, Sp<String>)>,
    pub backend: Option<Backend>,
    /// `assets: BUCKET`: where packages too big for a direct upload go.
    pub assets: Option<Ident>,
    /// `include: [..]`: hand-written Terraform files, relative to `include_base`.
    pub include: Vec<Sp<String>>,
    /// The directory of the calling file, which `include:` patterns are relative to.
    pub include_base: Option<PathBuf>,
    /// `param NAME { .. }` declarations.
    pub params: Vec<Param>,
    /// `vpc: { .. }`: every function's network unless it has its own.
    pub vpc: Option<Vpc>,
    /// `boundary: "arn:..:policy/.."`: every created role's permissions boundary.
    pub boundary: Option<Sp<String>>,
    /// `account_concurrency: N`.
    pub account_concurrency: Option<Sp<u64>>,
    /// `kms: KEY`: the key of everything the stack encrypts, unless it has its own.
    pub kms: Option<Ident>,
    /// `api { .. }`: the stack's HTTP API.
    pub api: Option<Api>,
    /// `rest_api { .. }`: the stack's REST API.
    pub rest_api: Option<rest::RestApi>,
    pub buckets: Vec<Bucket>,
    pub queues: Vec<Queue>,
    pub tables: Vec<Table>,
    pub topics: Vec<Topic>,
    pub streams: Vec<Stream>,
    pub keys: Vec<KmsKey>,
    pub secrets: Vec<Secret>,
    pub parameters: Vec<Parameter>,
    pub buses: Vec<Bus>,
    pub layers: Vec<Layer>,
    pub roles: Vec<Role>,
    pub functions: Vec<Function>,
    /// The declarations in the order written.
    pub order: Vec<lambda_stack_core::decl::DeclId>,
}

/// `vpc: { subnets, security_groups, ipv6 }`.
pub struct Vpc {
    pub span: Range,
    pub subnets: Option<Ids>,
    pub security_groups: Option<Ids>,
    pub ipv6: Option<Sp<bool>>,
}

/// `api { cors, throttle }`.
pub struct Api {
    pub keyword: Ident,
    pub cors: Option<cors::Cors>,
    pub rate: Option<Sp<u64>>,
    pub burst: Option<Sp<u64>>,
    /// `throttle: { .. }`, as written.
    pub throttle: Option<Range>,
    pub auth: Option<auth::Auth>,
    pub domain: Option<Domain>,
}

/// `domain: { name, certificate }` of the `api`.
pub struct Domain {
    pub span: Range,
    pub name: Option<Sp<String>>,
    pub certificate: Option<Sp<String>>,
}

impl Api {
    fn from_ast(block: &parse::Block, errors: &mut Errors) -> Api {
        let f = Fields::read("`api`", &block.body, keys::API_KEYS, false, errors);
        let mut api = Api {
            keyword: block.kind.clone(),
            cors: f.get(Key::Cors).and_then(|v| cors::Cors::from_value(errors, v)),
            rate: None,
            burst: None,
            throttle: None,
            auth: f.get(Key::Auth).and_then(|v| auth::Auth::from_value(errors, v)),
            domain: None,
        };
        if let Some(value) = f.get(Key::Domain) {
            let mut domain = Domain { span: value.span(), name: None, certificate: None };
            for (key, item) in fields::keyed_map(errors, "domain", value, keys::DOMAIN_KEYS).unwrap_or_default() {
                match key {
                    Key::Name => domain.name = fields::string(errors, "name", item),
                    _ => domain.certificate = fields::string_or_param(errors, "certificate", item),
                }
            }
            match (&domain.name, &domain.certificate) {
                (Some(_), Some(_)) => api.domain = Some(domain),
                (None, _) => errors.at(value.span(), "`domain` needs a `name:`, the API's host name"),
                (_, None) => errors
                    .at(value.span(), "`domain` needs a `certificate:`, the ARN of an ACM certificate for its name"),
            }
        }
        if let Some(value) = f.get(Key::Throttle) {
            api.throttle = Some(value.span());
            for (key, item) in fields::keyed_map(errors, "throttle", value, keys::THROTTLE_KEYS).unwrap_or_default() {
                match key {
                    Key::Rate => api.rate = fields::int(errors, "rate", "requests per second", item),
                    _ => api.burst = fields::int(errors, "burst", "requests", item),
                }
            }
        }
        api
    }
}

/// `logs: { format: json, level: info, system_level: warn, group: "/shop/app" }`.
pub struct Logs {
    pub span: Range,
    pub format: Option<Sp<String>>,
    pub level: Option<Sp<String>>,
    pub system_level: Option<Sp<String>>,
    pub group: Option<Sp<String>>,
}

impl Logs {
    fn from_value(errors: &mut Errors, value: &Value) -> Option<Logs> {
        let entries = fields::keyed_map(errors, "logs", value, keys::LOGS_KEYS)?;
        let mut logs = Logs { span: value.span(), format: None, level: None, system_level: None, group: None };
        for (key, item) in entries {
            match key {
                Key::Format => logs.format = fields::word(errors, "format", item),
                Key::Level => logs.level = fields::word(errors, "level", item),
                Key::SystemLevel => logs.system_level = fields::word(errors, "system_level", item),
                _ => logs.group = fields::string(errors, "group", item),
            }
        }
        Some(logs)
    }
}

/// IDs listed, or a `list` param (its name).
pub enum Ids {
    Listed { span: Range, ids: Vec<Sp<String>> },
    Param(Ident),
}

impl Vpc {
    pub(crate) fn from_value(errors: &mut Errors, value: &Value) -> Option<Vpc> {
        let entries = fields::keyed_map(errors, "vpc", value, keys::VPC_KEYS)?;
        let mut vpc = Vpc { span: value.span(), subnets: None, security_groups: None, ipv6: None };
        for (key, item) in entries {
            let name = key.name();
            let ids = |errors: &mut Errors| match item {
                Value::Path(parts) if parts.len() == 1 && parts[0].ident().is_some() => {
                    parts[0].ident().cloned().map(Ids::Param)
                }
                Value::List { .. } => Some(Ids::Listed { span: item.span(), ids: fields::strings(errors, name, item) }),
                other => {
                    errors.at(
                        other.span(),
                        format!("expected a list of IDs or a `list` param for `{name}`, found {}", other.describe()),
                    );
                    None
                }
            };
            match key {
                Key::Subnets => vpc.subnets = ids(errors),
                Key::SecurityGroups => vpc.security_groups = ids(errors),
                _ => vpc.ipv6 = fields::boolean(errors, "ipv6", item),
            }
        }
        // A missing `subnets` or `security_groups` is the checker's: the builders can omit them too.
        Some(vpc)
    }
}

pub enum Backend {
    Local,
    S3 { bucket: Sp<String>, key: Sp<String>, region: Option<Sp<String>>, encrypt: bool },
}

pub struct Bucket {
    pub name: Ident,
    pub existing: Option<Sp<String>>,
    pub owned_keys: Vec<(Key, proc_macro2::Span)>,
    pub adopt: Adopt,
    pub kms: Option<Ident>,
}

pub struct Role {
    pub name: Ident,
    pub existing: Option<Sp<String>>,
    pub owned_keys: Vec<(Key, proc_macro2::Span)>,
    pub managed: Vec<Sp<String>>,
    pub allow: Vec<Statement>,
    pub boundary: Option<Sp<String>>,
    pub adopt: Adopt,
}

/// `param NAME { type, default, description, sensitive }`.
pub struct Param {
    pub name: Ident,
    pub kind: Option<Sp<String>>,
    pub default: Option<Sp<ParamValue>>,
    pub description: Option<Sp<String>>,
    pub sensitive: Option<Sp<bool>>,
    /// Its default was `per_stage(..)`: each stage's value goes to the stage's tfvars file.
    pub in_tfvars: bool,
}

pub use lambda_stack_core::decl::ParamValue;

impl Param {
    fn from_ast(block: &parse::Block, errors: &mut Errors) -> Param {
        let f = Fields::read(&format!("param `{}`", block.name), &block.body, keys::PARAM_KEYS, false, errors);
        let default = f.get(Key::Default).and_then(|value| match value {
            Value::Str(lit) => Some(Sp::new(ParamValue::String(lit.value()), lit.span())),
            Value::Int(lit) => Some(Sp::new(ParamValue::Number(lit.base10_digits().to_owned()), lit.span())),
            Value::List { .. } => {
                let items = fields::strings(errors, "default", value);
                Some(Sp::new(ParamValue::List(items.into_iter().map(|item| item.value).collect()), value.span()))
            }
            other => {
                errors.at(
                    other.span(),
                    format!(
                        "expected a string, a number or a list of strings for `default`, found {}",
                        other.describe()
                    ),
                );
                None
            }
        });
        Param {
            name: block.name.clone(),
            kind: f.get(Key::Type).and_then(|v| fields::word(errors, "type", v)),
            default,
            description: f.get(Key::Description).and_then(|v| fields::string(errors, "description", v)),
            sensitive: f.get(Key::Sensitive).and_then(|v| fields::boolean(errors, "sensitive", v)),
            in_tfvars: false,
        }
    }
}

/// `name:`, `import:` and `renamed_from:`, which every declaration takes.
#[derive(Default)]
pub struct Adopt {
    pub name: Option<Sp<String>>,
    pub import: Option<Sp<String>>,
    pub renamed_from: Option<Ident>,
}

impl Adopt {
    pub(crate) fn read(fields: &Fields<'_>, errors: &mut Errors) -> Adopt {
        Adopt {
            name: fields.get(Key::Name).and_then(|v| fields::string(errors, "name", v)),
            import: fields.get(Key::Import).and_then(|v| fields::string(errors, "import", v)),
            renamed_from: fields.get(Key::RenamedFrom).and_then(|v| fields::ident(errors, "renamed_from", v)).cloned(),
        }
    }
}

pub struct Statement {
    pub actions: Vec<Action>,
    pub resource: Resource,
    pub span: Range,
}

pub struct Action {
    pub text: String,
    pub wildcard: bool,
    pub span: Range,
}

pub enum Resource {
    Named(Ident),
    Sub { target: Ident, sub: Ident, pattern: Option<Sp<String>> },
    Arn(Sp<String>),
}

pub struct Code {
    pub as_written: Sp<String>,
    /// The directory, resolved against the calling file (when it could be).
    pub resolved: Option<PathBuf>,
}

pub enum EnvValue {
    Literal(Sp<String>),
    Ref {
        target: Ident,
        attribute: Ident,
    },
    /// A bare name: a `param` (the checker says so when it names a declaration).
    Param(Ident),
}

pub struct Function {
    pub name: Ident,
    /// The function keys written, valid or not (see [`Fields::written`]).
    pub written: BTreeSet<Key>,
    /// Where each written key is.
    pub key_spans: Vec<(Key, proc_macro2::Span)>,
    pub description_from_docs: Option<String>,
    pub runtime: Option<Sp<String>>,
    pub handler: Option<Sp<String>>,
    pub code: Option<Code>,
    pub memory: Option<Sp<u64>>,
    pub timeout: Option<Sp<u64>>,
    pub env: Vec<(Sp<String>, EnvValue)>,
    /// The `{ ... }` of `env`, where errors about all the variables together go.
    pub env_span: Option<Range>,
    /// `triggers: [..]`, as written.
    pub triggers_span: Option<Range>,
    pub role: Option<Ident>,
    pub allow: Vec<Statement>,
    pub arch: Option<Sp<Arch>>,
    pub ephemeral_storage: Option<Sp<u64>>,
    pub reserved_concurrency: Option<Sp<u64>>,
    pub tracing: Option<Sp<Tracing>>,
    pub layers: Vec<Sp<String>>,
    pub description: Option<Sp<String>>,
    pub log_retention: Option<Sp<u64>>,
    pub tags: Vec<(Sp<String>, Sp<String>)>,
    pub triggers: Vec<Trigger>,
    pub dead_letter: Option<Ident>,
    pub on_success: Option<Ident>,
    pub on_failure: Option<Ident>,
    pub retries: Option<Sp<u64>>,
    pub max_event_age: Option<Sp<u64>>,
    /// `alias: live` (or `alias: "live"`).
    pub alias: Option<Sp<String>>,
    pub provisioned: Option<Sp<u64>>,
    pub snap_start: Option<Sp<bool>>,
    /// `recursion: allow`, as written.
    pub recursion: Option<Sp<String>>,
    /// `build: go`, as written.
    pub build: Option<Sp<String>>,
    /// `bundle: esbuild`, as written.
    pub bundle: Option<Sp<String>>,
    pub source_map: Option<Sp<bool>>,
    pub exclude: Vec<Sp<String>>,
    pub vpc: Option<Vpc>,
    pub logs: Option<Logs>,
    /// `kms: KEY`: the key of its environment.
    pub kms: Option<Ident>,
    pub adopt: Adopt,
}

impl Function {
    /// A function with none of `runtime`, `handler` and `code` binds the `#[function]` of its name.
    pub fn binds_rust(&self) -> bool {
        !self.written.iter().any(|key| key.implied_by_rust())
    }
}

impl Stack {
    /// The id the next declaration of `kind` gets.
    fn next_id(&self, kind: Kind) -> lambda_stack_core::decl::DeclId {
        use lambda_stack_core::decl::DeclId;
        match kind {
            Kind::Bucket => DeclId::Bucket(self.buckets.len()),
            Kind::Queue => DeclId::Queue(self.queues.len()),
            Kind::Table => DeclId::Table(self.tables.len()),
            Kind::Topic => DeclId::Topic(self.topics.len()),
            Kind::Stream => DeclId::Stream(self.streams.len()),
            Kind::Key => DeclId::Key(self.keys.len()),
            Kind::Secret => DeclId::Secret(self.secrets.len()),
            Kind::Parameter => DeclId::Parameter(self.parameters.len()),
            Kind::Bus => DeclId::Bus(self.buses.len()),
            Kind::Layer => DeclId::Layer(self.layers.len()),
            Kind::Role => DeclId::Role(self.roles.len()),
            Kind::Function => DeclId::Function(self.functions.len()),
        }
    }

    /// The model of one stage's tree ([`stages::per_stage`]), or of the stack without stages.
    pub fn from_ast(
        decl: &parse::StackDecl,
        stage: Option<stages::StageOf>,
        site: &CallSite,
        errors: &mut Errors,
    ) -> Stack {
        let what = format!("stack `{}`", decl.name);
        let fields = Fields::read(&what, &decl.body, keys::STACK_KEYS, true, errors);
        let mut stack = Stack {
            name: decl.name.clone(),
            stages_span: fields.get(Key::Stages).map(Value::span),
            vpc: fields.get(Key::Vpc).and_then(|v| Vpc::from_value(errors, v)),
            account_concurrency: fields
                .get(Key::AccountConcurrency)
                .and_then(|v| fields::int(errors, "account_concurrency", "executions", v)),
            boundary: fields.get(Key::Boundary).and_then(|v| fields::string_or_param(errors, "boundary", v)),
            kms: sources::kms(&fields, errors),
            api: None,
            rest_api: None,
            docs: decl.attrs.iter().filter(|a| a.path().is_ident("doc")).cloned().collect(),
            region: fields.get(Key::Region).and_then(|v| fields::string(errors, "region", v)),
            tags: fields.get(Key::Tags).map(|v| fields::string_map(errors, "tags", v)).unwrap_or_default(),
            backend: fields.get(Key::Backend).and_then(|v| backend(errors, v)),
            assets: fields.get(Key::Assets).and_then(|v| fields::ident(errors, "assets", v)).cloned(),
            include: fields.get(Key::Include).map(|v| fields::strings(errors, "include", v)).unwrap_or_default(),
            include_base: site.file_dir.clone(),
            params: Vec::new(),
            buckets: Vec::new(),
            queues: Vec::new(),
            tables: Vec::new(),
            topics: Vec::new(),
            streams: Vec::new(),
            keys: Vec::new(),
            secrets: Vec::new(),
            parameters: Vec::new(),
            buses: Vec::new(),
            layers: Vec::new(),
            roles: Vec::new(),
            functions: Vec::new(),
            order: Vec::new(),
            stage: None,
        };
        for entry in &decl.body.entries {
            let Entry::Block(block) = entry else { continue };
            let keyword = block.kind.to_string();
            if keyword == "api" {
                if !block.nameless {
                    errors.at(
                        block.name.span(),
                        "`api` is the stack's one HTTP API and takes no name: write `api { .. }`",
                    );
                } else if stack.api.is_some() {
                    errors.at(block.kind.span(), "a stack has one HTTP API: one `api { .. }` block");
                } else {
                    stack.api = Some(Api::from_ast(block, errors));
                }
                continue;
            }
            if keyword == "rest_api" {
                if !block.nameless {
                    errors.at(
                        block.name.span(),
                        "`rest_api` is the stack's one REST API and takes no name: write `rest_api { .. }`",
                    );
                } else if stack.rest_api.is_some() {
                    errors.at(block.kind.span(), "a stack has one REST API: one `rest_api { .. }` block");
                } else {
                    stack.rest_api = Some(rest::RestApi::from_ast(block, errors));
                }
                continue;
            }
            if block.nameless {
                errors.at(block.kind.span(), format!("`{keyword}` needs a name: `{keyword} NAME {{ .. }}`"));
                continue;
            }
            if keyword == "param" {
                let mut param = Param::from_ast(block, errors);
                param.in_tfvars = stage.as_ref().is_some_and(|s| s.tfvars_params.contains(&text_of(&param.name)));
                stack.params.push(param);
                continue;
            }
            let kind = Kind::ALL.into_iter().find(|kind| kind.keyword() == keyword);
            if let Some(id) = kind.map(|kind| stack.next_id(kind)) {
                stack.order.push(id);
            }
            match kind {
                Some(Kind::Bucket) => stack.buckets.push(Bucket::from_ast(block, errors)),
                Some(Kind::Queue) => stack.queues.push(Queue::from_ast(block, errors)),
                Some(Kind::Table) => stack.tables.push(Table::from_ast(block, errors)),
                Some(Kind::Topic) => stack.topics.push(Topic::from_ast(block, errors)),
                Some(Kind::Stream) => stack.streams.push(Stream::from_ast(block, errors)),
                Some(Kind::Key) => stack.keys.push(KmsKey::from_ast(block, errors)),
                Some(Kind::Secret) => stack.secrets.push(Secret::from_ast(block, errors)),
                Some(Kind::Parameter) => stack.parameters.push(Parameter::from_ast(block, errors)),
                Some(Kind::Bus) => stack.buses.push(Bus::from_ast(block, errors)),
                Some(Kind::Layer) => stack.layers.push(Layer::from_ast(block, site, errors)),
                Some(Kind::Role) => stack.roles.push(Role::from_ast(block, errors)),
                Some(Kind::Function) => stack.functions.push(Function::from_ast(block, site, errors)),
                None => errors.at(
                    block.kind.span(),
                    format!(
                        "unknown declaration `{keyword}`{}",
                        expected_one_of(
                            &keyword,
                            Kind::ALL.iter().map(|kind| kind.keyword()).chain(["param", "api", "rest_api"])
                        )
                    ),
                ),
            }
        }
        stack.stage = stage;
        stack
    }
}

fn text_of(ident: &Ident) -> String {
    syn::ext::IdentExt::unraw(ident).to_string()
}

fn backend(errors: &mut Errors, value: &Value) -> Option<Backend> {
    match value {
        Value::Path(parts) if parts.len() == 1 && parts[0].text() == "local" => Some(Backend::Local),
        Value::Block { name, body } if name == "s3" => {
            let fields = Fields::read("the `s3` backend", body, keys::BACKEND_S3_KEYS, false, errors);
            let bucket = fields.get(Key::Bucket).and_then(|v| fields::string(errors, "bucket", v));
            let key = fields.get(Key::StateKey).and_then(|v| fields::string(errors, "key", v));
            if bucket.is_none() && fields.get(Key::Bucket).is_none() {
                errors.at(name.span(), "the `s3` backend needs `bucket: \"...\"`");
            }
            if key.is_none() && fields.get(Key::StateKey).is_none() {
                errors.at(name.span(), "the `s3` backend needs `key: \"...\"`, the state object's key");
            }
            Some(Backend::S3 {
                bucket: bucket?,
                key: key?,
                region: fields.get(Key::Region).and_then(|v| fields::string(errors, "region", v)),
                encrypt: fields
                    .get(Key::Encrypt)
                    .and_then(|v| fields::boolean(errors, "encrypt", v))
                    .is_none_or(|b| b.value),
            })
        }
        other => {
            errors.at(
                other.span(),
                format!(
                    "expected `local` or `s3 {{ bucket: \"...\", key: \"...\" }}` for `backend`, found {}",
                    other.describe()
                ),
            );
            None
        }
    }
}

impl Bucket {
    fn from_ast(block: &parse::Block, errors: &mut Errors) -> Bucket {
        let fields = Fields::read(&format!("bucket `{}`", block.name), &block.body, keys::BUCKET_KEYS, false, errors);
        Bucket {
            name: block.name.clone(),
            existing: fields.get(Key::Existing).and_then(|v| fields::string_or_param(errors, "existing", v)),
            owned_keys: sources::owned_keys(&fields),
            adopt: Adopt::read(&fields, errors),
            kms: sources::kms(&fields, errors),
        }
    }
}

impl Role {
    fn from_ast(block: &parse::Block, errors: &mut Errors) -> Role {
        let fields = Fields::read(&format!("role `{}`", block.name), &block.body, keys::ROLE_KEYS, false, errors);
        let managed = fields
            .get(Key::Managed)
            .and_then(|v| fields::list(errors, "managed", v))
            .unwrap_or_default()
            .iter()
            .filter_map(|item| fields::word(errors, "managed", item))
            .collect();
        Role {
            name: block.name.clone(),
            existing: fields.get(Key::Existing).and_then(|v| fields::string_or_param(errors, "existing", v)),
            owned_keys: sources::owned_keys(&fields),
            managed,
            allow: statements(errors, fields.get(Key::Allow)),
            boundary: fields.get(Key::Boundary).and_then(|v| fields::string_or_param(errors, "boundary", v)),
            adopt: Adopt::read(&fields, errors),
        }
    }
}

/// `allow: [ACTIONS on RESOURCE, ...]`
fn statements(errors: &mut Errors, value: Option<&Value>) -> Vec<Statement> {
    let Some(value) = value else { return Vec::new() };
    let items = fields::list(errors, "allow", value).unwrap_or_default();
    items
        .iter()
        .filter_map(|item| match item {
            Value::Statement { actions, resource, .. } => {
                let actions = statement_actions(errors, actions);
                let resource = statement_resource(errors, resource)?;
                Some(Statement { actions, resource, span: item.span() })
            }
            Value::Action(action) => {
                errors.at(
                    action.span,
                    format!("`{}` needs a resource: write `{} on NAME`", action.text(), action.text()),
                );
                None
            }
            other => {
                errors.at(
                    other.span(),
                    format!(
                        "expected an IAM statement such as `s3:GetObject on reports.objects`, found {}",
                        other.describe()
                    ),
                );
                None
            }
        })
        .collect()
}

fn statement_actions(errors: &mut Errors, value: &Value) -> Vec<Action> {
    let mut out = Vec::new();
    let mut add = |errors: &mut Errors, value: &Value| match value {
        Value::Action(action) => out.push(Action { text: action.text(), wildcard: false, span: action.span }),
        Value::Wildcard { actions, .. } => {
            out.extend(actions.iter().map(|a| Action { text: a.text(), wildcard: true, span: a.span }));
        }
        other => errors
            .at(other.span(), format!("expected an IAM action such as `s3:GetObject`, found {}", other.describe())),
    };
    match value {
        Value::List { items, .. } => items.iter().for_each(|item| add(errors, item)),
        single => add(errors, single),
    }
    out
}

fn statement_resource(errors: &mut Errors, value: &Value) -> Option<Resource> {
    let idents =
        |parts: &[parse::value::PathPart]| -> Option<Vec<Ident>> { parts.iter().map(|p| p.ident().cloned()).collect() };
    match value {
        Value::Str(lit) => Some(Resource::Arn(Sp::new(lit.value(), lit.span()))),
        Value::Path(parts) => match idents(parts).as_deref() {
            Some([name]) => Some(Resource::Named(name.clone())),
            Some([target, sub]) => Some(Resource::Sub { target: target.clone(), sub: sub.clone(), pattern: None }),
            _ => {
                errors.at(value.span(), "expected a resource: `NAME`, `NAME.objects` or an ARN string");
                None
            }
        },
        Value::Call { path, args, paren } => match (idents(path).as_deref(), args.as_slice()) {
            (Some([target, sub]), [Arg::Positional(values)]) if values.len() == 1 => match &values[0] {
                Value::Str(lit) => Some(Resource::Sub {
                    target: target.clone(),
                    sub: sub.clone(),
                    pattern: Some(Sp::new(lit.value(), lit.span())),
                }),
                other => {
                    errors.at(
                        other.span(),
                        format!("expected a key pattern string such as \"in/*\", found {}", other.describe()),
                    );
                    None
                }
            },
            _ => {
                errors.at(paren.span.join(), "expected one key pattern, as in `reports.objects(\"in/*\")`");
                None
            }
        },
        other => {
            errors.at(
                other.span(),
                format!("expected a resource: `NAME`, `NAME.objects` or an ARN string, found {}", other.describe()),
            );
            None
        }
    }
}

/// `layer NAME { code, runtimes, arch, description }`, or an `existing` layer version.
pub struct Layer {
    pub name: Ident,
    pub written: std::collections::BTreeSet<Key>,
    pub key_spans: Vec<(Key, proc_macro2::Span)>,
    pub existing: Option<Sp<String>>,
    /// `name: ".."`: the exact Lambda layer name.
    pub aws_name: Option<Sp<String>>,
    pub code: Option<Code>,
    pub runtimes: Vec<Sp<String>>,
    pub arch: Vec<Sp<Arch>>,
    /// The lists of `runtimes` and `arch`, as written.
    pub list_spans: Vec<(Key, Range)>,
    pub description: Option<Sp<String>>,
}

impl Layer {
    fn from_ast(block: &parse::Block, site: &CallSite, errors: &mut Errors) -> Layer {
        let f = Fields::read(&format!("layer `{}`", block.name), &block.body, keys::LAYER_KEYS, false, errors);
        let code = f.get(Key::Code).and_then(|v| fields::string(errors, "code", v)).map(|as_written| {
            let resolved = errors.check(as_written.span, site.resolve(&as_written.value));
            Code { as_written, resolved }
        });
        let words = |errors: &mut Errors, key: Key| -> Vec<Sp<String>> {
            let Some(value) = f.get(key) else { return Vec::new() };
            let items = fields::list(errors, key.name(), value).unwrap_or_default();
            items.iter().filter_map(|item| fields::word(errors, key.name(), item)).collect()
        };
        let runtimes = words(errors, Key::Runtimes);
        let arch = match f.get(Key::Arch) {
            Some(value) => fields::list(errors, "arch", value)
                .unwrap_or_default()
                .iter()
                .filter_map(|item| choice(errors, "arch", item, &Arch::ALL.map(|arch| (arch.as_str(), arch))))
                .collect(),
            None => Vec::new(),
        };
        Layer {
            name: block.name.clone(),
            written: f.written(),
            key_spans: f.key_spans(),
            existing: f.get(Key::Existing).and_then(|v| fields::string_or_param(errors, "existing", v)),
            aws_name: f.get(Key::Name).and_then(|v| fields::string(errors, "name", v)),
            code,
            runtimes,
            arch,
            list_spans: [Key::Runtimes, Key::Arch]
                .into_iter()
                .filter_map(|key| f.get(key).map(|v| (key, v.span())))
                .collect(),
            description: f.get(Key::Description).and_then(|v| fields::string(errors, "description", v)),
        }
    }
}

impl Function {
    fn from_ast(block: &parse::Block, site: &CallSite, errors: &mut Errors) -> Function {
        let what = format!("function `{}`", block.name);
        Function::from_body(&block.name, &block.attrs, &block.body, &what, keys::FUNCTION_KEYS, site, errors)
    }

    /// A function from the keys of `body`, which may take only `keys` (a `function` block, or the
    /// arguments of `#[function(...)]`); `what` names it in messages.
    pub fn from_body(
        name: &Ident,
        attrs: &[Attribute],
        body: &parse::Body,
        what: &str,
        keys: &[Key],
        site: &CallSite,
        errors: &mut Errors,
    ) -> Function {
        let f = Fields::read(what, body, keys, false, errors);
        let int =
            |errors: &mut Errors, key: Key| f.get(key).and_then(|v| fields::int(errors, key.name(), key.unit(), v));
        let code = f.get(Key::Code).and_then(|v| fields::string(errors, "code", v)).map(|as_written| {
            let resolved = errors.check(as_written.span, site.resolve(&as_written.value));
            Code { as_written, resolved }
        });
        Function {
            name: name.clone(),
            written: f.written(),
            key_spans: f.key_spans(),
            description_from_docs: description_from_docs(attrs),
            runtime: f.get(Key::Runtime).and_then(|v| match v {
                Value::Str(_) | Value::Path(_) => fields::word(errors, "runtime", v),
                other => {
                    errors.at(
                        other.span(),
                        format!(
                            "expected a runtime such as `python3.12` or `nodejs22.x` for `runtime`, found {}",
                            other.describe()
                        ),
                    );
                    None
                }
            }),
            handler: f.get(Key::Handler).and_then(|v| fields::string(errors, "handler", v)),
            code,
            memory: int(errors, Key::Memory),
            timeout: int(errors, Key::Timeout),
            env: f.get(Key::Env).map(|v| env(errors, v)).unwrap_or_default(),
            env_span: f.get(Key::Env).map(Value::span),
            triggers_span: f.get(Key::Triggers).map(Value::span),
            role: f.get(Key::Role).and_then(|v| fields::ident(errors, "role", v)).cloned(),
            allow: statements(errors, f.get(Key::Allow)),
            arch: f
                .get(Key::Arch)
                .and_then(|v| choice(errors, "arch", v, &Arch::ALL.map(|arch| (arch.as_str(), arch)))),
            ephemeral_storage: int(errors, Key::EphemeralStorage),
            reserved_concurrency: int(errors, Key::ReservedConcurrency),
            tracing: f
                .get(Key::Tracing)
                .and_then(|v| choice(errors, "tracing", v, &Tracing::ALL.map(|tracing| (tracing.word(), tracing)))),
            layers: f.get(Key::Layers).map(|v| fields::strings_or_params(errors, "layers", v)).unwrap_or_default(),
            description: f.get(Key::Description).and_then(|v| fields::string(errors, "description", v)),
            log_retention: int(errors, Key::LogRetention),
            tags: f.get(Key::Tags).map(|v| fields::string_map(errors, "tags", v)).unwrap_or_default(),
            triggers: f.get(Key::Triggers).map(|v| triggers::triggers(errors, v)).unwrap_or_default(),
            dead_letter: f.get(Key::DeadLetter).and_then(|v| fields::ident(errors, "dead_letter", v)).cloned(),
            on_success: f.get(Key::OnSuccess).and_then(|v| fields::ident(errors, "on_success", v)).cloned(),
            on_failure: f.get(Key::OnFailure).and_then(|v| fields::ident(errors, "on_failure", v)).cloned(),
            retries: int(errors, Key::Retries),
            max_event_age: int(errors, Key::MaxEventAge),
            alias: f.get(Key::Alias).and_then(|v| fields::word(errors, "alias", v)),
            provisioned: int(errors, Key::Provisioned),
            snap_start: f.get(Key::SnapStart).and_then(|v| fields::boolean(errors, "snap_start", v)),
            recursion: f.get(Key::Recursion).and_then(|v| fields::word(errors, "recursion", v)),
            build: f.get(Key::Build).and_then(|v| fields::word(errors, "build", v)),
            bundle: f.get(Key::Bundle).and_then(|v| fields::word(errors, "bundle", v)),
            source_map: f.get(Key::SourceMap).and_then(|v| fields::boolean(errors, "source_map", v)),
            exclude: f.get(Key::Exclude).map(|v| fields::strings(errors, "exclude", v)).unwrap_or_default(),
            vpc: f.get(Key::Vpc).and_then(|v| Vpc::from_value(errors, v)),
            logs: f.get(Key::Logs).and_then(|v| Logs::from_value(errors, v)),
            kms: sources::kms(&f, errors),
            adopt: Adopt::read(&f, errors),
        }
    }
}

/// A doc comment on a function is its description when none is given and it fits.
fn description_from_docs(attrs: &[Attribute]) -> Option<String> {
    let mut lines = Vec::new();
    for attr in attrs {
        if let syn::Meta::NameValue(nv) = &attr.meta {
            if nv.path.is_ident("doc") {
                if let syn::Expr::Lit(syn::ExprLit { lit: syn::Lit::Str(text), .. }) = &nv.value {
                    lines.push(text.value().trim().to_owned());
                }
            }
        }
    }
    let text = lines.join(" ").split_whitespace().collect::<Vec<_>>().join(" ");
    (!text.is_empty()).then_some(text)
}

fn choice<T: Copy>(errors: &mut Errors, key: &str, value: &Value, options: &[(&str, T)]) -> Option<Sp<T>> {
    let word = fields::word(errors, key, value)?;
    if let Some((_, found)) = options.iter().find(|(name, _)| *name == word.value) {
        return Some(Sp::new(*found, word.span));
    }
    let names = options.iter().map(|(name, _)| *name);
    errors.at(
        word.span,
        format!(
            "unknown `{key}` value `{}`; expected {}{}",
            word.value,
            one_of(names.clone()),
            did_you_mean(&word.value, names)
        ),
    );
    None
}

/// `env: { KEY: "text", BUCKET: reports.name }`
fn env(errors: &mut Errors, value: &Value) -> Vec<(Sp<String>, EnvValue)> {
    let mut out: Vec<(Sp<String>, EnvValue)> = Vec::new();
    for (key, item) in fields::map(errors, "env", value).unwrap_or_default() {
        let name = key.text();
        let parsed = match item {
            Value::Str(lit) => Some(EnvValue::Literal(Sp::new(lit.value(), lit.span()))),
            Value::Int(lit) => Some(EnvValue::Literal(Sp::new(lit.base10_digits().to_owned(), lit.span()))),
            Value::Bool(lit) => Some(EnvValue::Literal(Sp::new(lit.value.to_string(), lit.span))),
            Value::Path(parts) => match parts.iter().map(|p| p.ident().cloned()).collect::<Option<Vec<_>>>().as_deref()
            {
                Some([target, attribute]) => {
                    Some(EnvValue::Ref { target: target.clone(), attribute: attribute.clone() })
                }
                Some([name]) => Some(EnvValue::Param(name.clone())),
                _ => {
                    errors.at(item.span(), "expected a string or a reference such as `reports.name`");
                    None
                }
            },
            other => {
                errors.at(
                    other.span(),
                    format!(
                        "expected a string or a reference such as `reports.name` for `{name}`, found {}",
                        other.describe()
                    ),
                );
                None
            }
        };
        if let Some(parsed) = parsed {
            out.push((Sp::new(name, key.span()), parsed));
        }
    }
    out
}
