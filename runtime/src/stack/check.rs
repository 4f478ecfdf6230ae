//! [`Stack::check`]: the builders' stack as the core's declarations, the one checker the macro
//! runs at compile time, and each finding at the line that declared what it is about.

use std::collections::BTreeMap;

use lambda_stack_core::check::{self as core_check, At, Location, Severity};
use lambda_stack_core::decl::{self, DeclId};
use lambda_stack_core::keys::{self, Key};

use super::{Backend, Findings, Stack};
use crate::iam::{ManagedPolicy, Resource, Statement};
use crate::origin::{Origin, Problem};
use crate::reference::EnvValue;

/// Where each declaration, trigger and statement of a stack was written.
#[derive(Default)]
struct Origins {
    decls: BTreeMap<DeclId, Origin>,
    /// Per declaration, its triggers' origins, in order.
    triggers: BTreeMap<DeclId, Vec<Origin>>,
    /// Per declaration, its statements' origins, in order.
    statements: BTreeMap<DeclId, Vec<Origin>>,
}

impl Origins {
    fn of(&self, at: Location) -> Origin {
        let part = match at.at {
            At::Trigger(i, _) => self.triggers.get(&at.decl).and_then(|t| t.get(i)),
            At::Statement(i, _) => self.statements.get(&at.decl).and_then(|s| s.get(i)),
            _ => None,
        };
        part.or_else(|| self.decls.get(&at.decl)).cloned().unwrap_or_default()
    }
}

/// Every rule over `stack`.
pub(crate) fn stack(stack: &Stack) -> Findings {
    let (lowered, origins) = lower(stack);
    let found = core_check::stack(&lowered);
    let mut findings = Findings::default();
    for finding in found.findings {
        let problem = Problem {
            subject: subject(&lowered, finding.at.decl),
            origin: origins.of(finding.at),
            message: finding.message,
        };
        match finding.severity {
            Severity::Error => findings.problems.push(problem),
            Severity::Warning => findings.warnings.push(problem),
        }
    }
    findings
}

/// What a finding is about: "function `hello`".
fn subject(stack: &decl::Stack, id: DeclId) -> String {
    let name = match id {
        DeclId::Stack => return format!("stack `{}`", stack.name),
        DeclId::Param(i) => return format!("param `{}`", stack.params[i].name),
        DeclId::Bucket(i) => &stack.buckets[i].name,
        DeclId::Queue(i) => &stack.queues[i].name,
        DeclId::Table(i) => &stack.tables[i].name,
        DeclId::Topic(i) => &stack.topics[i].name,
        DeclId::Stream(i) => &stack.streams[i].name,
        DeclId::Key(i) => &stack.keys[i].name,
        DeclId::Secret(i) => &stack.secrets[i].name,
        DeclId::Parameter(i) => &stack.parameters[i].name,
        DeclId::Bus(i) => &stack.buses[i].name,
        DeclId::Layer(i) => &stack.layers[i].name,
        DeclId::Role(i) => &stack.roles[i].name,
        DeclId::Function(i) => &stack.functions[i].name,
    };
    let kind = id.kind().map_or("stack", |kind| kind.keyword());
    format!("{kind} `{name}`")
}

/// The declarations by the line that declared them: a clash is reported on the later one. Ties
/// (a macro-built stack, whose builders share its call site) keep kind order.
fn source_order(origins: &Origins) -> Vec<DeclId> {
    let mut ids: Vec<(&Origin, DeclId)> =
        origins.decls.iter().filter(|(id, _)| **id != DeclId::Stack).map(|(id, origin)| (origin, *id)).collect();
    ids.sort_by(|(a, _), (b, _)| (&a.file, a.line).cmp(&(&b.file, b.line)));
    ids.into_iter().map(|(_, id)| id).collect()
}

fn lower(stack: &Stack) -> (decl::Stack, Origins) {
    let mut origins = Origins::default();
    origins.decls.insert(DeclId::Stack, stack.origin.clone());
    let buckets = stack
        .buckets
        .iter()
        .enumerate()
        .map(|(i, bucket)| {
            origins.decls.insert(DeclId::Bucket(i), bucket.origin.clone());
            let [name, import, renamed_from] = crate::adopt::written(&bucket.adopt);
            decl::Bucket {
                name: bucket.name.clone(),
                existing: bucket.existing.clone(),
                written: keys::written(&[(Key::Kms, bucket.kms.is_some()), name, import, renamed_from]),
                adopt: bucket.adopt.clone(),
                kms: bucket.kms.clone(),
            }
        })
        .collect();
    let queues = stack
        .queues
        .iter()
        .enumerate()
        .map(|(i, queue)| {
            origins.decls.insert(DeclId::Queue(i), queue.origin.clone());
            queue.to_decl()
        })
        .collect();
    let tables = stack
        .tables
        .iter()
        .enumerate()
        .map(|(i, table)| {
            origins.decls.insert(DeclId::Table(i), table.origin.clone());
            table.to_decl()
        })
        .collect();
    let topics = stack
        .topics
        .iter()
        .enumerate()
        .map(|(i, topic)| {
            origins.decls.insert(DeclId::Topic(i), topic.origin.clone());
            topic.to_decl()
        })
        .collect();
    let streams = stack
        .streams
        .iter()
        .enumerate()
        .map(|(i, stream)| {
            origins.decls.insert(DeclId::Stream(i), stream.origin.clone());
            stream.to_decl()
        })
        .collect();
    let keys = stack
        .keys
        .iter()
        .enumerate()
        .map(|(i, key)| {
            origins.decls.insert(DeclId::Key(i), key.origin.clone());
            key.to_decl()
        })
        .collect();
    let secrets = stack
        .secrets
        .iter()
        .enumerate()
        .map(|(i, secret)| {
            origins.decls.insert(DeclId::Secret(i), secret.origin.clone());
            secret.to_decl()
        })
        .collect();
    let parameters = stack
        .parameters
        .iter()
        .enumerate()
        .map(|(i, parameter)| {
            origins.decls.insert(DeclId::Parameter(i), parameter.origin.clone());
            parameter.to_decl()
        })
        .collect();
    let buses = stack
        .buses
        .iter()
        .enumerate()
        .map(|(i, bus)| {
            origins.decls.insert(DeclId::Bus(i), bus.origin.clone());
            bus.to_decl()
        })
        .collect();
    let layers = stack
        .layers
        .iter()
        .enumerate()
        .map(|(i, layer)| {
            origins.decls.insert(DeclId::Layer(i), layer.origin.clone());
            layer.to_decl()
        })
        .collect();
    let roles = stack
        .roles
        .iter()
        .enumerate()
        .map(|(i, role)| {
            let id = DeclId::Role(i);
            origins.decls.insert(id, role.origin.clone());
            let managed = role
                .managed
                .iter()
                .map(|policy| match policy {
                    ManagedPolicy::Aws(name) => name.clone(),
                    ManagedPolicy::Arn(arn) => arn.clone(),
                })
                .collect();
            let [name, import, renamed_from] = crate::adopt::written(&role.adopt);
            let owned = [
                (Key::Managed, !role.managed.is_empty()),
                (Key::Allow, !role.allow.is_empty()),
                (Key::Boundary, role.boundary.is_some()),
            ];
            decl::Role {
                name: role.name.clone(),
                existing: role.existing.clone(),
                written: keys::written(&[owned[0], owned[1], owned[2], name, import, renamed_from]),
                boundary: role.boundary.clone(),
                adopt: role.adopt.clone(),
                managed,
                allow: statements(&mut origins, id, &role.allow),
            }
        })
        .collect();
    let functions =
        stack.functions.iter().enumerate().map(|(i, function)| self::function(&mut origins, i, function)).collect();
    let backend = match &stack.backend {
        Backend::Local => decl::Backend::Local,
        Backend::S3 { bucket, key, region, encrypt } => {
            decl::Backend::S3 { bucket: bucket.clone(), key: key.clone(), region: region.clone(), encrypt: *encrypt }
        }
    };
    let lowered = decl::Stack {
        name: stack.name.clone(),
        stage: stack.stage.as_ref().map(|of| of.stage.clone()),
        vpc: stack.vpc.as_ref().map(|vpc| vpc.0.clone()),
        kms: stack.kms.clone(),
        boundary: stack.boundary.clone(),
        account_concurrency: stack.account_concurrency,
        api: stack.api.as_ref().map(|api| api.0.clone()),
        rest_api: stack.rest_api.as_ref().map(|api| api.0.clone()),
        region: stack.region.clone(),
        tags: stack.tags.iter().map(|(k, v)| (k.clone(), v.clone())).collect(),
        backend,
        assets: stack.assets.clone(),
        params: stack
            .params
            .iter()
            .enumerate()
            .map(|(i, param)| {
                origins.decls.insert(DeclId::Param(i), param.origin.clone());
                param.to_decl()
            })
            .collect(),
        include: stack
            .include
            .iter()
            .map(|(base, pattern, _)| decl::Include { pattern: pattern.clone(), base: Some(base.clone()) })
            .collect(),
        buckets,
        queues,
        tables,
        topics,
        streams,
        keys,
        secrets,
        parameters,
        buses,
        layers,
        roles,
        functions,
        order: source_order(&origins),
    };
    (lowered, origins)
}

fn statements(origins: &mut Origins, id: DeclId, statements: &[Statement]) -> Vec<decl::Statement> {
    origins.statements.insert(id, statements.iter().map(|s| s.origin.clone()).collect());
    statements
        .iter()
        .map(|statement| decl::Statement {
            actions: statement
                .actions
                .iter()
                .map(|spec| decl::Action { text: spec.action.clone(), wildcard: spec.wildcard })
                .collect(),
            resource: match &statement.resource {
                Resource::Named(name) => decl::Resource::Named(name.clone()),
                Resource::Sub { target, sub, pattern } => {
                    decl::Resource::Sub { target: target.clone(), sub: sub.clone(), pattern: pattern.clone() }
                }
                Resource::Arn(arn) => decl::Resource::Arn(arn.clone()),
            },
        })
        .collect()
}

fn function(origins: &mut Origins, i: usize, function: &crate::Function) -> decl::Function {
    let id = DeclId::Function(i);
    origins.decls.insert(id, function.origin.clone());
    origins.triggers.insert(id, function.triggers.iter().map(|t| t.origin().clone()).collect());
    let code = function.code.as_ref().map(|dir| decl::Code {
        as_written: function.code_as_written.clone().unwrap_or_else(|| dir.display().to_string()),
        dir: Some(dir.clone()),
    });
    decl::Function {
        name: function.name.clone(),
        written: keys::written(&[
            (Key::Runtime, function.runtime.is_some()),
            (Key::Handler, function.handler.is_some()),
            (Key::Code, function.code.is_some()),
            (Key::Build, function.build.is_some()),
            (Key::Exclude, !function.exclude.is_empty()),
        ]),
        rust: function.rust.is_some(),
        runtime: function.runtime.clone(),
        handler: function.handler.clone(),
        code,
        memory: function.memory,
        timeout: function.timeout,
        env: function
            .env
            .iter()
            .map(|(key, value)| {
                let value = match value {
                    EnvValue::Literal(text) => decl::EnvValue::Literal(text.clone()),
                    EnvValue::Param(name) => decl::EnvValue::Param(name.clone()),
                    EnvValue::Ref(reference) => {
                        decl::EnvValue::Ref { target: reference.target.clone(), attribute: reference.attribute.clone() }
                    }
                };
                (key.clone(), value)
            })
            .collect(),
        role: function.role.clone(),
        allow: statements(origins, id, &function.allow),
        arch: Some(function.arch),
        ephemeral_storage: function.ephemeral_storage,
        reserved_concurrency: function.reserved_concurrency,
        tracing: Some(function.tracing),
        layers: function.layers.clone(),
        description: function.description.clone(),
        log_retention: function.log_retention,
        tags: function.tags.iter().map(|(k, v)| (k.clone(), v.clone())).collect(),
        triggers: function.triggers.iter().map(crate::trigger::Trigger::to_decl).collect(),
        dead_letter: function.dead_letter.clone(),
        on_success: function.on_success.clone(),
        on_failure: function.on_failure.clone(),
        retries: function.retries,
        max_event_age: function.max_event_age,
        alias: function.alias.clone(),
        provisioned: function.provisioned,
        snap_start: function.snap_start,
        recursion: function.recursion.map(|r| decl::Word::new(r.word(), decl::Recursion::parse)),
        build: function.build.map(|b| decl::Word::new(b.word(), decl::Build::parse)),
        bundle: function.bundle.map(|b| decl::Word::new(b.word(), decl::Bundle::parse)),
        source_map: function.source_map,
        exclude: function.exclude.clone(),
        vpc: function.vpc.as_ref().map(|vpc| vpc.0.clone()),
        logs: function.logs.as_ref().map(|logs| logs.0.clone()),
        kms: function.kms.clone(),
        adopt: function.adopt.clone(),
        detail: function
            .rust
            .as_ref()
            .and_then(|rust| (rust.detail_fields)())
            .map(|(name, fields)| (name.to_owned(), fields.into_iter().map(str::to_owned).collect())),
    }
}
