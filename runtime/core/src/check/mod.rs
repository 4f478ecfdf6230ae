//! The one checker. `lambda_stack!` runs it at `cargo build` and maps each finding's
//! [`Location`] to a span; the builders run it at synth and map it to the line that declared the
//! offending value. One `check_*` per rule, each headed by the rule it enforces; the tables and
//! predicates they apply are in [`crate::rules`].
//!
//! Two worlds: a whole [`Stack`] ([`stack`]), and a `#[function]` alone ([`rust_function`]), where
//! the declarations it names are not known yet; what the stack binding it must declare comes back
//! as [`Reference`]s.

mod adopt;
mod auth;
mod function;
mod generated;
mod iam;
mod keys;
mod layers;
mod loops;
mod params;
mod placeholders;
mod resources;
mod rest;
mod stack;
mod triggers;
mod versions;

use std::collections::BTreeMap;
use std::path::PathBuf;

use crate::decl::{DeclId, Function, Stack};
use crate::keys::{Arg, Key};
use crate::rules::auth::{ApiKind, AuthArg};
use crate::rules::resources::Kind;
use crate::rules::suggest::did_you_mean;
use crate::rules::Verdict;

/// Where in a stack a finding is: a declaration, and which part of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Location {
    pub decl: DeclId,
    pub at: At,
}

/// A part of a declaration.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum At {
    /// Its name.
    Name,
    /// The value of one of its keys.
    Value(Key),
    /// One of its keys, as written (`exclude` in `exclude: [..]`).
    Key(Key),
    /// The `n`-th item of a list key (`layers`, `managed`, `exclude`).
    Item(Key, usize),
    /// The key of its `n`-th tag.
    TagKey(usize),
    /// The value of its `n`-th tag.
    TagValue(usize),
    /// The key of its `n`-th environment variable.
    EnvKey(usize),
    /// The declaration a reference in its `n`-th environment variable names (`reports` in
    /// `reports.name`), or the literal value.
    EnvTarget(usize),
    /// The attribute of that reference (`name`).
    EnvAttribute(usize),
    /// A part of its `n`-th `allow` statement.
    Statement(usize, StatementPart),
    /// A part of its `n`-th trigger.
    Trigger(usize, TriggerPart),
    /// A key of the stack's `backend: s3 { .. }`.
    Backend(Key),
    /// The `api { .. }` block, at its keyword.
    ApiBlock,
    /// A key of `api { .. }` (`cors`, `throttle`), or of one of its maps (`rate`).
    Api(Key),
    /// A key of the `api`'s `cors`, or the `n`-th item of that key's list.
    ApiCors(Key, Option<usize>),
    /// The `rest_api { .. }` block, at its keyword.
    RestApiBlock,
    /// A key of `rest_api { .. }` (`stage`, `api_key`), or of one of its maps (`rate`).
    RestApi(Key),
    /// A key of the `rest_api`'s `cors`, or the `n`-th item of that key's list.
    RestApiCors(Key, Option<usize>),
    /// The value of a key of `vpc: { .. }` (`subnets`).
    Vpc(Key),
    /// The `n`-th ID of a list of `vpc: { .. }`.
    VpcItem(Key, usize),
    /// A part of the `auth:` of an API's block.
    ApiAuth(ApiKind, AuthPart),
    /// The value of a key of its `logs: { .. }`.
    Logs(Key),
}

/// A part of an `auth:` value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum AuthPart {
    /// The whole value.
    Whole,
    /// `jwt` in `jwt(..)`.
    Kind,
    /// One of its arguments.
    Arg(AuthArg),
    /// The `n`-th item of a list argument (`audience`, `identity`, the user pools).
    Item(AuthArg, usize),
}

impl AuthPart {
    /// The next less precise part; `None` from the whole value.
    fn broader(self) -> Option<AuthPart> {
        match self {
            AuthPart::Whole => None,
            AuthPart::Item(arg, _) => Some(AuthPart::Arg(arg)),
            AuthPart::Kind | AuthPart::Arg(_) => Some(AuthPart::Whole),
        }
    }
}

/// A part of an IAM statement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum StatementPart {
    Whole,
    Action(usize),
    /// The declaration named, or the ARN.
    Resource,
    /// `objects` in `reports.objects`.
    Sub,
    /// `"in/*"` in `reports.objects("in/*")`.
    Pattern,
}

/// A part of a trigger.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TriggerPart {
    /// Its keyword (`sqs` in `sqs(jobs)`).
    Keyword,
    Arg(Arg),
    /// The `n`-th word of `on:`.
    On(usize),
    /// A key of its `cors: { .. }`, or the `n`-th item of that key's list.
    Cors(Key, Option<usize>),
    /// A part of its `auth:`.
    Auth(AuthPart),
    /// A node of its `pattern:` ([`crate::json`]'s numbering), or that node's key.
    Pattern {
        node: usize,
        key: bool,
    },
    /// A node of its `n`-th `filter:` pattern, or that node's key.
    Filter {
        index: usize,
        node: usize,
        key: bool,
    },
}

impl Location {
    pub fn new(decl: DeclId, at: At) -> Self {
        Location { decl, at }
    }

    /// The next less precise location, for a front-end that knows no place for this one: a
    /// trigger's argument falls back to the trigger, a statement's part to the statement, and
    /// everything to the declaration's name.
    pub fn broader(self) -> Option<Location> {
        let at = match self.at {
            At::Name => return None,
            At::Trigger(_, TriggerPart::Keyword) => At::Value(Key::Triggers),
            At::Trigger(i, TriggerPart::Cors(key, Some(_))) => At::Trigger(i, TriggerPart::Cors(key, None)),
            At::Trigger(i, TriggerPart::Cors(_, None)) => At::Trigger(i, TriggerPart::Arg(Arg::Cors)),
            At::Logs(_) => At::Value(crate::keys::Key::Logs),
            At::Trigger(i, TriggerPart::Pattern { node, key }) if node > 0 || key => {
                At::Trigger(i, TriggerPart::Pattern { node: 0, key: false })
            }
            At::Trigger(i, TriggerPart::Pattern { .. }) => At::Trigger(i, TriggerPart::Arg(Arg::Pattern)),
            At::Trigger(i, TriggerPart::Filter { index, node, key }) if node > 0 || key => {
                At::Trigger(i, TriggerPart::Filter { index, node: 0, key: false })
            }
            At::Trigger(i, TriggerPart::Filter { .. }) => At::Trigger(i, TriggerPart::Arg(Arg::Filter)),
            At::Trigger(i, TriggerPart::Auth(part)) => match part.broader() {
                Some(part) => At::Trigger(i, TriggerPart::Auth(part)),
                None => At::Trigger(i, TriggerPart::Arg(Arg::Auth)),
            },
            At::ApiAuth(api, part) => match (part.broader(), api) {
                (Some(part), _) => At::ApiAuth(api, part),
                (None, ApiKind::Http) => At::Api(Key::Auth),
                (None, ApiKind::Rest) => At::RestApi(Key::Auth),
            },
            At::Trigger(i, _) => At::Trigger(i, TriggerPart::Keyword),
            At::Statement(_, StatementPart::Whole) => At::Value(Key::Allow),
            At::Statement(i, _) => At::Statement(i, StatementPart::Whole),
            At::Item(key, _) | At::Key(key) => At::Value(key),
            At::TagValue(i) => At::TagKey(i),
            At::EnvAttribute(i) => At::EnvTarget(i),
            At::EnvTarget(i) => At::EnvKey(i),
            At::TagKey(_) => At::Value(Key::Tags),
            At::EnvKey(_) => At::Value(Key::Env),
            At::Backend(_) => At::Value(Key::Backend),
            At::VpcItem(key, _) => At::Vpc(key),
            At::ApiCors(key, Some(_)) => At::ApiCors(key, None),
            At::ApiCors(_, None) => At::Api(Key::Cors),
            At::Api(_) => At::ApiBlock,
            At::ApiBlock => At::Name,
            At::RestApiCors(key, Some(_)) => At::RestApiCors(key, None),
            At::RestApiCors(_, None) => At::RestApi(Key::Cors),
            At::RestApi(_) => At::RestApiBlock,
            At::RestApiBlock => At::Name,
            At::Vpc(_) => At::Value(Key::Vpc),
            At::Value(_) => At::Name,
        };
        Some(Location::new(self.decl, at))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    Error,
    Warning,
}

/// What a rule found, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub at: Location,
    pub severity: Severity,
    pub message: String,
}

/// Everything the checker found in one stack or `#[function]`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Findings {
    pub findings: Vec<Finding>,
    /// Files read to check handlers: the macro's expansion includes them, so cargo rebuilds the
    /// stack when they change.
    pub tracked_files: Vec<PathBuf>,
}

impl Findings {
    pub fn errors(&self) -> impl Iterator<Item = &Finding> {
        self.findings.iter().filter(|f| f.severity == Severity::Error)
    }
}

/// A declaration a `#[function]` names, which the stack binding it must declare with one of
/// `kinds`; the messages say so in either case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reference {
    pub name: String,
    pub kinds: Vec<Kind>,
    /// When the stack declares no such name.
    pub missing: String,
    /// When it declares it with a kind not in `kinds`.
    pub wrong_kind: String,
}

/// Runs every rule over a stack.
pub fn stack(stack: &Stack) -> Findings {
    let (sampled, placeholder_errors) = placeholders::sampled(stack);
    let stack = sampled.as_ref();
    let mut kinds = BTreeMap::new();
    for (_, name, kind) in stack.declarations() {
        kinds.entry(name).or_insert(kind);
    }
    let handler_scans = function::scan_handlers(stack);
    let mut cx = Checker {
        world: World::Stack { stack, kinds },
        findings: Findings::default(),
        references: Vec::new(),
        handler_scans,
    };
    for (at, message) in placeholder_errors {
        cx.error(at, message);
    }
    cx.check_stack(stack);
    cx.findings
}

/// Runs the rules that need no stack over a `#[function]`'s keys (as function 0 of no stack);
/// what it names comes back as references for the binding stack to check.
pub fn rust_function(function: &Function) -> (Findings, Vec<Reference>) {
    let alone = Stack { functions: vec![function.clone()], ..Stack::default() };
    let (sampled, placeholder_errors) = placeholders::sampled(&alone);
    let function = &sampled.functions[0];
    let mut cx = Checker {
        world: World::Alone,
        findings: Findings::default(),
        references: Vec::new(),
        handler_scans: Vec::new(),
    };
    for (at, message) in placeholder_errors {
        cx.error(at, message);
    }
    cx.check_rust_attribute(function);
    (cx.findings, cx.references)
}

/// What declarations a name can be resolved against.
enum World<'a> {
    Stack {
        stack: &'a Stack,
        kinds: BTreeMap<&'a str, Kind>,
    },
    /// A `#[function]` alone: names are resolved later, by the stack that binds it.
    Alone,
}

/// What a name refers to.
enum Resolved {
    Kind(Kind),
    /// No such declaration (reported).
    Missing,
    /// Not known yet (a `#[function]` alone).
    Deferred,
}

struct Checker<'a> {
    world: World<'a>,
    findings: Findings,
    references: Vec<Reference>,
    /// By function index, what the scanner of its runtime found in its code folder, read ahead
    /// on every core ([`function::scan_handlers`]); taken by the rule that reports it.
    handler_scans: Vec<Option<function::HandlerScan>>,
}

impl<'a> Checker<'a> {
    fn error(&mut self, at: Location, message: impl Into<String>) {
        self.findings.findings.push(Finding { at, severity: Severity::Error, message: message.into() });
    }

    fn warning(&mut self, at: Location, message: impl Into<String>) {
        self.findings.findings.push(Finding { at, severity: Severity::Warning, message: message.into() });
    }

    /// Records a rule's `Err`; returns whether it passed.
    fn check<T>(&mut self, at: Location, result: Result<T, String>) -> Option<T> {
        match result {
            Ok(value) => Some(value),
            Err(message) => {
                self.error(at, message);
                None
            }
        }
    }

    fn verdict(&mut self, at: Location, verdict: Verdict) -> bool {
        match verdict {
            Verdict::Ok => true,
            Verdict::Warning(message) => {
                self.warning(at, message);
                true
            }
            Verdict::Error(message) => {
                self.error(at, message);
                false
            }
        }
    }

    fn stack(&self) -> Option<&'a Stack> {
        match self.world {
            World::Stack { stack, .. } => Some(stack),
            World::Alone => None,
        }
    }

    /// The stack's name; a `#[function]` alone has none.
    fn stack_name(&self) -> &'a str {
        self.stack().map_or("", |s| s.name.as_str())
    }

    /// The kind of a declaration a reference names; a missing one is reported at `at`.
    fn resolve(&mut self, name: &str, at: Location) -> Resolved {
        let World::Stack { stack, kinds } = &self.world else { return Resolved::Deferred };
        match kinds.get(name) {
            Some(kind) => Resolved::Kind(*kind),
            None => {
                let hint = did_you_mean(name, kinds.keys().copied());
                let message = format!("no declaration named `{name}` in stack `{}`{hint}", stack.name);
                self.error(at, message);
                Resolved::Missing
            }
        }
    }

    /// The kind a name has, without reporting a missing one.
    fn kind_of(&self, name: &str) -> Option<Kind> {
        match &self.world {
            World::Stack { kinds, .. } => kinds.get(name).copied(),
            World::Alone => None,
        }
    }

    /// Asks the stack binding a `#[function]` to declare `name` as one of `kinds`.
    fn refer(&mut self, function: &str, name: &str, kinds: Vec<Kind>, what: String) {
        let missing = format!(
            "`#[function]` `{function}` names `{name}` in {what}, but the stack binding it declares no `{name}`"
        );
        let wrong_kind = format!(
            "`#[function]` `{function}` names `{name}` in {what}, which needs {}, but the stack binding it declares `{name}` as another kind",
            crate::rules::suggest::one_of(kinds.iter().map(|k| k.to_string())).replace('`', "")
        );
        if !self.references.iter().any(|r| r.name == name && r.missing == missing) {
            self.references.push(Reference { name: name.to_owned(), kinds, missing, wrong_kind });
        }
    }
}

#[cfg(test)]
mod tests;
