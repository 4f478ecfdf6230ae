//! The typed model of a stack, built from the syntax tree. Spans are kept so `check` can point at
//! the offending token. Building it reports unknown keys, duplicate keys and values of the wrong
//! kind; rules about what the values mean are `check`'s.

mod fields;
pub mod function;
mod sources;
mod triggers;

use std::collections::BTreeSet;
use std::path::PathBuf;

use lambda_stack_core::rules::suggest::{did_you_mean, expected_one_of, one_of};
use syn::{Attribute, Ident};

use crate::callsite::CallSite;
use crate::errors::Errors;
use crate::parse::{self, Arg, Entry, Value};
use crate::span::{Range, Sp};
use fields::Fields;
pub use sources::{Queue, Stream, Table, Topic};
pub use triggers::{Sqs, StreamRead, Trigger, S3};

pub struct Stack {
    pub name: Ident,
    pub docs: Vec<Attribute>,
    pub region: Option<Sp<String>>,
    pub tags: Vec<(Sp<String>, Sp<String>)>,
    pub backend: Option<Backend>,
    /// `assets: BUCKET`: where packages too big for a direct upload go.
    pub assets: Option<Ident>,
    pub buckets: Vec<Bucket>,
    pub queues: Vec<Queue>,
    pub tables: Vec<Table>,
    pub topics: Vec<Topic>,
    pub streams: Vec<Stream>,
    pub roles: Vec<Role>,
    pub functions: Vec<Function>,
}

pub enum Backend {
    Local,
    S3 { bucket: Sp<String>, key: Sp<String>, region: Option<Sp<String>>, encrypt: bool },
}

pub struct Bucket {
    pub name: Ident,
    pub existing: Option<Sp<String>>,
}

pub struct Role {
    pub name: Ident,
    pub managed: Vec<Sp<String>>,
    pub allow: Vec<Statement>,
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

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Arch {
    X86_64,
    Arm64,
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Tracing {
    Active,
    PassThrough,
}

pub struct Code {
    pub as_written: Sp<String>,
    /// The directory, resolved against the calling file (when it could be).
    pub resolved: Option<PathBuf>,
}

pub enum EnvValue {
    Literal(Sp<String>),
    Ref { target: Ident, attribute: Ident },
}

pub struct Function {
    pub name: Ident,
    /// The function keys written, valid or not (see [`Fields::written`]).
    pub written: BTreeSet<String>,
    /// Where each written key is.
    pub key_spans: Vec<(String, proc_macro2::Span)>,
    pub description_from_docs: Option<String>,
    pub runtime: Option<Sp<String>>,
    pub handler: Option<Sp<String>>,
    pub code: Option<Code>,
    pub memory: Option<Sp<u64>>,
    pub timeout: Option<Sp<u64>>,
    pub env: Vec<(Sp<String>, EnvValue)>,
    /// The `{ ... }` of `env`, where errors about all the variables together go.
    pub env_span: Option<Range>,
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
    pub exclude: Vec<Sp<String>>,
}

impl Function {
    /// A function with none of `runtime`, `handler` and `code` binds the `#[function]` of its name.
    pub fn binds_rust(&self) -> bool {
        !["runtime", "handler", "code"].iter().any(|key| self.written.contains(*key))
    }
}

/// Keys of each block, in the order the docs list them.
pub const STACK_KEYS: &[&str] = &["region", "tags", "backend", "assets"];
pub const DECLARATIONS: &[&str] = &["bucket", "queue", "table", "topic", "stream", "role", "function"];
pub const BUCKET_KEYS: &[&str] = &["existing"];
pub const ROLE_KEYS: &[&str] = &["managed", "allow"];
pub const FUNCTION_KEYS: &[&str] = &[
    "runtime",
    "handler",
    "code",
    "memory",
    "timeout",
    "env",
    "role",
    "allow",
    "arch",
    "ephemeral_storage",
    "reserved_concurrency",
    "tracing",
    "layers",
    "description",
    "log_retention",
    "tags",
    "triggers",
    "dead_letter",
    "exclude",
];
const BACKEND_S3_KEYS: &[&str] = &["bucket", "key", "region", "encrypt"];

impl Stack {
    pub fn from_ast(decl: &parse::StackDecl, site: &CallSite, errors: &mut Errors) -> Stack {
        let what = format!("stack `{}`", decl.name);
        let fields = Fields::read(&what, &decl.body, STACK_KEYS, true, errors);
        let mut stack = Stack {
            name: decl.name.clone(),
            docs: decl.attrs.iter().filter(|a| a.path().is_ident("doc")).cloned().collect(),
            region: fields.get("region").and_then(|v| fields::string(errors, "region", v)),
            tags: fields.get("tags").map(|v| fields::string_map(errors, "tags", v)).unwrap_or_default(),
            backend: fields.get("backend").and_then(|v| backend(errors, v)),
            assets: fields.get("assets").and_then(|v| fields::ident(errors, "assets", v)).cloned(),
            buckets: Vec::new(),
            queues: Vec::new(),
            tables: Vec::new(),
            topics: Vec::new(),
            streams: Vec::new(),
            roles: Vec::new(),
            functions: Vec::new(),
        };
        for entry in &decl.body.entries {
            let Entry::Block(block) = entry else { continue };
            match block.kind.to_string().as_str() {
                "bucket" => stack.buckets.push(Bucket::from_ast(block, errors)),
                "queue" => stack.queues.push(Queue::from_ast(block, errors)),
                "table" => stack.tables.push(Table::from_ast(block, errors)),
                "topic" => stack.topics.push(Topic::from_ast(block, errors)),
                "stream" => stack.streams.push(Stream::from_ast(block, errors)),
                "role" => stack.roles.push(Role::from_ast(block, errors)),
                "function" => stack.functions.push(Function::from_ast(block, site, errors)),
                kind => errors.at(
                    block.kind.span(),
                    format!("unknown declaration `{kind}`{}", expected_one_of(kind, DECLARATIONS.iter().copied())),
                ),
            }
        }
        stack
    }
}

fn backend(errors: &mut Errors, value: &Value) -> Option<Backend> {
    match value {
        Value::Path(parts) if parts.len() == 1 && parts[0].text() == "local" => Some(Backend::Local),
        Value::Block { name, body } if name == "s3" => {
            let fields = Fields::read("the `s3` backend", body, BACKEND_S3_KEYS, false, errors);
            let bucket = fields.get("bucket").and_then(|v| fields::string(errors, "bucket", v));
            let key = fields.get("key").and_then(|v| fields::string(errors, "key", v));
            if bucket.is_none() && fields.get("bucket").is_none() {
                errors.at(name.span(), "the `s3` backend needs `bucket: \"...\"`");
            }
            if key.is_none() && fields.get("key").is_none() {
                errors.at(name.span(), "the `s3` backend needs `key: \"...\"`, the state object's key");
            }
            Some(Backend::S3 {
                bucket: bucket?,
                key: key?,
                region: fields.get("region").and_then(|v| fields::string(errors, "region", v)),
                encrypt: fields
                    .get("encrypt")
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
        let fields = Fields::read(&format!("bucket `{}`", block.name), &block.body, BUCKET_KEYS, false, errors);
        Bucket {
            name: block.name.clone(),
            existing: fields.get("existing").and_then(|v| fields::string(errors, "existing", v)),
        }
    }
}

impl Role {
    fn from_ast(block: &parse::Block, errors: &mut Errors) -> Role {
        let fields = Fields::read(&format!("role `{}`", block.name), &block.body, ROLE_KEYS, false, errors);
        let managed = fields
            .get("managed")
            .and_then(|v| fields::list(errors, "managed", v))
            .unwrap_or_default()
            .iter()
            .filter_map(|item| fields::word(errors, "managed", item))
            .collect();
        Role { name: block.name.clone(), managed, allow: statements(errors, fields.get("allow")) }
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

impl Function {
    fn from_ast(block: &parse::Block, site: &CallSite, errors: &mut Errors) -> Function {
        let what = format!("function `{}`", block.name);
        Function::from_body(&block.name, &block.attrs, &block.body, &what, FUNCTION_KEYS, site, errors)
    }

    /// A function from the keys of `body`, which may take only `keys` (a `function` block, or the
    /// arguments of `#[function(...)]`); `what` names it in messages.
    pub fn from_body(
        name: &Ident,
        attrs: &[Attribute],
        body: &parse::Body,
        what: &str,
        keys: &[&str],
        site: &CallSite,
        errors: &mut Errors,
    ) -> Function {
        let f = Fields::read(what, body, keys, false, errors);
        let int =
            |errors: &mut Errors, key: &str, unit: &str| f.get(key).and_then(|v| fields::int(errors, key, unit, v));
        let code = f.get("code").and_then(|v| fields::string(errors, "code", v)).map(|as_written| {
            let resolved = errors.check(as_written.span, site.resolve(&as_written.value));
            Code { as_written, resolved }
        });
        Function {
            name: name.clone(),
            written: f.written(),
            key_spans: f.written().into_iter().filter_map(|key| f.key_span(&key).map(|span| (key, span))).collect(),
            description_from_docs: description_from_docs(attrs),
            runtime: f.get("runtime").and_then(|v| match v {
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
            handler: f.get("handler").and_then(|v| fields::string(errors, "handler", v)),
            code,
            memory: int(errors, "memory", "MB"),
            timeout: int(errors, "timeout", "seconds"),
            env: f.get("env").map(|v| env(errors, v)).unwrap_or_default(),
            env_span: f.get("env").map(Value::span),
            role: f.get("role").and_then(|v| fields::ident(errors, "role", v)).cloned(),
            allow: statements(errors, f.get("allow")),
            arch: f
                .get("arch")
                .and_then(|v| choice(errors, "arch", v, &[("x86_64", Arch::X86_64), ("arm64", Arch::Arm64)])),
            ephemeral_storage: int(errors, "ephemeral_storage", "MB"),
            reserved_concurrency: int(errors, "reserved_concurrency", "executions"),
            tracing: f.get("tracing").and_then(|v| {
                choice(errors, "tracing", v, &[("active", Tracing::Active), ("pass_through", Tracing::PassThrough)])
            }),
            layers: f.get("layers").map(|v| fields::strings(errors, "layers", v)).unwrap_or_default(),
            description: f.get("description").and_then(|v| fields::string(errors, "description", v)),
            log_retention: int(errors, "log_retention", "days"),
            tags: f.get("tags").map(|v| fields::string_map(errors, "tags", v)).unwrap_or_default(),
            triggers: f.get("triggers").map(|v| triggers::triggers(errors, v)).unwrap_or_default(),
            dead_letter: f.get("dead_letter").and_then(|v| fields::ident(errors, "dead_letter", v)).cloned(),
            exclude: f.get("exclude").map(|v| fields::strings(errors, "exclude", v)).unwrap_or_default(),
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
        if out.iter().any(|(k, _)| k.value == name) {
            errors.at(key.span(), format!("environment variable `{name}` is set twice"));
            continue;
        }
        let parsed = match item {
            Value::Str(lit) => Some(EnvValue::Literal(Sp::new(lit.value(), lit.span()))),
            Value::Int(lit) => Some(EnvValue::Literal(Sp::new(lit.base10_digits().to_owned(), lit.span()))),
            Value::Bool(lit) => Some(EnvValue::Literal(Sp::new(lit.value.to_string(), lit.span))),
            Value::Path(parts) => match parts.iter().map(|p| p.ident().cloned()).collect::<Option<Vec<_>>>().as_deref()
            {
                Some([target, attribute]) => {
                    Some(EnvValue::Ref { target: target.clone(), attribute: attribute.clone() })
                }
                Some([target]) => {
                    errors.at(
                        target.span(),
                        format!("`{target}` names a declaration; an environment variable takes one of its attributes, such as `{target}.name` or `{target}.arn`"),
                    );
                    None
                }
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
