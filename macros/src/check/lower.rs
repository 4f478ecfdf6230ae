//! The model as the checker's declarations, and a side table from each [`Location`] to the
//! tokens it came from.

use crate::model::json::SpannedJson;
use std::collections::BTreeMap;

use lambda_stack_core::check::{At, Location, StatementPart, TriggerPart};
use lambda_stack_core::decl::{self, ApiKind, DeclId, Word};
use lambda_stack_core::keys::{Arg, Key};
use proc_macro2::Span;
use syn::ext::IdentExt;
use syn::Ident;

use crate::model::{self, EnvValue, Resource, Statement, Trigger};
use crate::span::{Range, Sp};

/// A declaration's name as AWS names and references use it: `r#type` is `type`.
pub fn text(ident: &Ident) -> String {
    ident.unraw().to_string()
}

/// Where each location of a stack was written.
#[derive(Default)]
pub struct Spans(BTreeMap<Location, Range>);

impl Spans {
    fn put(&mut self, decl: DeclId, at: At, range: impl Into<Range>) {
        self.0.insert(Location::new(decl, at), range.into());
    }

    /// The tokens of `location`, or of the nearest broader location written.
    pub fn find(&self, location: Location) -> Range {
        let mut at = Some(location);
        while let Some(location) = at {
            if let Some(range) = self.0.get(&location) {
                return *range;
            }
            at = location.broader();
        }
        self.0.get(&Location::new(location.decl, At::Name)).copied().unwrap_or_else(|| Span::call_site().into())
    }
}

/// A stack's declarations, and where each part was written.
pub fn stack(stack: &model::Stack) -> (decl::Stack, Spans) {
    let mut spans = Spans::default();
    let id = DeclId::Stack;
    spans.put(id, At::Name, stack.name.span());
    if let Some(region) = &stack.region {
        spans.put(id, At::Value(Key::Region), region.span);
    }
    let tags = tags(&mut spans, id, &stack.tags);
    let backend = match &stack.backend {
        None | Some(model::Backend::Local) => decl::Backend::Local,
        Some(model::Backend::S3 { bucket, key, region, encrypt }) => {
            spans.put(id, At::Backend(Key::Bucket), bucket.span);
            spans.put(id, At::Backend(Key::StateKey), key.span);
            if let Some(region) = region {
                spans.put(id, At::Backend(Key::Region), region.span);
            }
            decl::Backend::S3 {
                bucket: bucket.value.clone(),
                key: key.value.clone(),
                region: region.as_ref().map(|r| r.value.clone()),
                encrypt: *encrypt,
            }
        }
    };
    if let Some(assets) = &stack.assets {
        spans.put(id, At::Value(Key::Assets), assets.span());
    }
    let params = stack
        .params
        .iter()
        .enumerate()
        .map(|(i, param)| {
            let id = DeclId::Param(i);
            spans.put(id, At::Name, param.name.span());
            let kind = param.kind.as_ref().map(|kind| {
                spans.put(id, At::Value(Key::Type), kind.span);
                Word::new(kind.value.clone(), decl::ParamType::parse)
            });
            let default = param.default.as_ref().map(|default| {
                spans.put(id, At::Value(Key::Default), default.span);
                default.value.clone()
            });
            decl::Param {
                name: text(&param.name),
                kind,
                default,
                description: param.description.as_ref().map(|d| d.value.clone()),
                sensitive: param.sensitive.as_ref().is_some_and(|s| s.value),
            }
        })
        .collect();
    let include = stack
        .include
        .iter()
        .enumerate()
        .map(|(i, pattern)| {
            spans.put(id, At::Item(Key::Include, i), pattern.span);
            decl::Include { pattern: pattern.value.clone(), base: stack.include_base.clone() }
        })
        .collect();
    let buckets = stack
        .buckets
        .iter()
        .enumerate()
        .map(|(i, bucket)| {
            let id = DeclId::Bucket(i);
            spans.put(id, At::Name, bucket.name.span());
            let written = owned_keys(&mut spans, id, &bucket.owned_keys);
            let existing = existing(&mut spans, id, bucket.existing.as_ref());
            let adopt = adoption(&mut spans, id, &bucket.adopt);
            let kms = kms(&mut spans, id, &bucket.kms);
            decl::Bucket { name: text(&bucket.name), existing, written, adopt, kms }
        })
        .collect();
    let queues =
        stack.queues.iter().enumerate().map(|(i, queue)| self::queue(&mut spans, DeclId::Queue(i), queue)).collect();
    let tables =
        stack.tables.iter().enumerate().map(|(i, table)| self::table(&mut spans, DeclId::Table(i), table)).collect();
    let topics = stack
        .topics
        .iter()
        .enumerate()
        .map(|(i, topic)| {
            let id = DeclId::Topic(i);
            spans.put(id, At::Name, topic.name.span());
            let written = owned_keys(&mut spans, id, &topic.owned_keys);
            let existing = existing(&mut spans, id, topic.existing.as_ref());
            decl::Topic {
                name: text(&topic.name),
                adopt: adoption(&mut spans, id, &topic.adopt),
                existing,
                written,
                fifo: topic.fifo.as_ref().is_some_and(|f| f.value),
                kms: kms(&mut spans, id, &topic.kms),
            }
        })
        .collect();
    let streams = stack
        .streams
        .iter()
        .enumerate()
        .map(|(i, stream)| {
            let id = DeclId::Stream(i);
            spans.put(id, At::Name, stream.name.span());
            let written = owned_keys(&mut spans, id, &stream.owned_keys);
            let existing = existing(&mut spans, id, stream.existing.as_ref());
            let shards = stream.shards.as_ref().map(|s| {
                spans.put(id, At::Value(Key::Shards), s.span.start);
                s.value
            });
            let adopt = adoption(&mut spans, id, &stream.adopt);
            let kms = kms(&mut spans, id, &stream.kms);
            decl::Stream { name: text(&stream.name), existing, written, shards, adopt, kms }
        })
        .collect();
    let keys = stack
        .keys
        .iter()
        .enumerate()
        .map(|(i, key)| {
            let id = DeclId::Key(i);
            spans.put(id, At::Name, key.name.span());
            let written = owned_keys(&mut spans, id, &key.owned_keys);
            decl::KmsKey {
                name: text(&key.name),
                existing: existing(&mut spans, id, key.existing.as_ref()),
                written,
                rotation: key.rotation.as_ref().is_some_and(|r| r.value),
                deletion_window: number(&mut spans, id, Key::DeletionWindow, &key.deletion_window),
            }
        })
        .collect();
    let secrets = stack
        .secrets
        .iter()
        .enumerate()
        .map(|(i, secret)| {
            let id = DeclId::Secret(i);
            spans.put(id, At::Name, secret.name.span());
            let written = owned_keys(&mut spans, id, &secret.owned_keys);
            decl::Secret {
                name: text(&secret.name),
                existing: existing(&mut spans, id, secret.existing.as_ref()),
                written,
                kms: kms(&mut spans, id, &secret.kms),
            }
        })
        .collect();
    let buses = stack
        .buses
        .iter()
        .enumerate()
        .map(|(i, bus)| {
            let id = DeclId::Bus(i);
            spans.put(id, At::Name, bus.name.span());
            let written = owned_keys(&mut spans, id, &bus.owned_keys);
            decl::Bus { name: text(&bus.name), existing: existing(&mut spans, id, bus.existing.as_ref()), written }
        })
        .collect();
    let parameters = stack
        .parameters
        .iter()
        .enumerate()
        .map(|(i, parameter)| {
            let id = DeclId::Parameter(i);
            spans.put(id, At::Name, parameter.name.span());
            let written = owned_keys(&mut spans, id, &parameter.owned_keys);
            decl::Parameter {
                name: text(&parameter.name),
                existing: existing(&mut spans, id, parameter.existing.as_ref()),
                written,
                value: parameter.value.as_ref().map(|v| {
                    spans.put(id, At::Value(Key::Value), v.span);
                    v.value.clone()
                }),
            }
        })
        .collect();
    let roles = stack
        .roles
        .iter()
        .enumerate()
        .map(|(i, role)| {
            let id = DeclId::Role(i);
            spans.put(id, At::Name, role.name.span());
            let managed = role
                .managed
                .iter()
                .enumerate()
                .map(|(j, policy)| {
                    spans.put(id, At::Item(Key::Managed, j), policy.span);
                    policy.value.clone()
                })
                .collect();
            let written = owned_keys(&mut spans, id, &role.owned_keys);
            decl::Role {
                name: text(&role.name),
                existing: existing(&mut spans, id, role.existing.as_ref()),
                written,
                adopt: adoption(&mut spans, id, &role.adopt),
                managed,
                allow: statements(&mut spans, id, &role.allow),
                boundary: role.boundary.as_ref().map(|b| {
                    spans.put(id, At::Value(Key::Boundary), b.span);
                    b.value.clone()
                }),
            }
        })
        .collect();
    let layers = stack.layers.iter().enumerate().map(|(i, l)| layer(&mut spans, DeclId::Layer(i), l)).collect();
    let mut functions: Vec<decl::Function> = stack
        .functions
        .iter()
        .enumerate()
        .map(|(i, function)| self::function(&mut spans, DeclId::Function(i), function, function.binds_rust()))
        .collect();
    // A name in `layers: [..]` is a param when the stack has a param of that name, else it names a
    // `layer` (which the checker resolves, with a did-you-mean).
    for function in &mut functions {
        for item in &mut function.layers {
            let named = lambda_stack_core::rules::placeholders::param_of(item)
                .filter(|name| !stack.params.iter().any(|p| text(&p.name) == *name))
                .map(str::to_owned);
            if let Some(name) = named {
                *item = name;
            }
        }
    }
    if let Some(stages) = &stack.stages_span {
        spans.put(id, At::Value(Key::Stages), *stages);
    }
    let stage = stack.stage.as_ref().map(|stage| {
        for (i, name) in stage.all.iter().enumerate() {
            spans.put(id, At::Item(Key::Stages, i), name.span());
        }
        decl::Stage { name: stage.name.clone(), all: stage.all.iter().map(text).collect() }
    });
    let lowered = decl::Stack {
        name: match &stage {
            Some(stage) => lambda_stack_core::rules::stages::stage_stack_name(&text(&stack.name), &stage.name),
            None => text(&stack.name),
        },
        stage,
        vpc: stack.vpc.as_ref().map(|v| self::vpc(&mut spans, id, v)),
        kms: kms(&mut spans, id, &stack.kms),
        boundary: stack.boundary.as_ref().map(|b| {
            spans.put(id, At::Value(Key::Boundary), b.span);
            b.value.clone()
        }),
        account_concurrency: stack.account_concurrency.as_ref().map(|a| {
            spans.put(id, At::Value(Key::AccountConcurrency), a.span);
            a.value
        }),
        api: stack.api.as_ref().map(|api| {
            spans.put(id, At::ApiBlock, api.keyword.span());
            if let Some(throttle) = api.throttle {
                spans.put(id, At::Api(Key::Throttle), throttle);
            }
            for (key, value) in [(Key::Rate, &api.rate), (Key::Burst, &api.burst)] {
                if let Some(value) = value {
                    spans.put(id, At::Api(key), value.span);
                }
            }
            if let Some(cors) = &api.cors {
                spans.put(id, At::Api(Key::Cors), cors.span);
                cors_spans(&mut spans, id, cors, At::ApiCors);
            }
            if let Some(auth) = &api.auth {
                spans.put(id, At::Api(Key::Auth), auth.span);
                for (part, range) in auth.spans() {
                    spans.put(id, At::ApiAuth(ApiKind::Http, part), range);
                }
            }
            if let Some(domain) = &api.domain {
                spans.put(id, At::Api(Key::Domain), domain.span);
                for (key, value) in [(Key::Name, &domain.name), (Key::Certificate, &domain.certificate)] {
                    if let Some(value) = value {
                        spans.put(id, At::Api(key), value.span);
                    }
                }
            }
            decl::Api {
                auth: api.auth.as_ref().map(crate::model::auth::Auth::to_decl),
                domain: api.domain.as_ref().map(|d| decl::Domain {
                    name: d.name.as_ref().map(|n| n.value.clone()).unwrap_or_default(),
                    certificate: d.certificate.as_ref().map(|c| c.value.clone()).unwrap_or_default(),
                }),
                cors: api.cors.as_ref().map(crate::model::cors::Cors::to_decl),
                throttle: api.throttle.map(|_| decl::Throttle {
                    rate: api.rate.as_ref().map(|r| r.value),
                    burst: api.burst.as_ref().map(|b| b.value),
                }),
            }
        }),
        rest_api: stack.rest_api.as_ref().map(|api| rest_api(&mut spans, id, api)),
        region: stack.region.as_ref().map(|r| r.value.clone()),
        tags,
        backend,
        assets: stack.assets.as_ref().map(text),
        include,
        params,
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
        order: stack.order.clone(),
    };
    (lowered, spans)
}

fn adoption(spans: &mut Spans, id: DeclId, adopt: &model::Adopt) -> decl::Adoption {
    let mut string = |key, value: &Option<Sp<String>>| {
        value.as_ref().map(|v| {
            spans.put(id, At::Value(key), v.span);
            v.value.clone()
        })
    };
    let name = string(Key::Name, &adopt.name);
    let import = string(Key::Import, &adopt.import);
    let renamed_from = adopt.renamed_from.as_ref().map(|old| {
        spans.put(id, At::Value(Key::RenamedFrom), old.span());
        text(old)
    });
    decl::Adoption { name, import, renamed_from }
}

/// A `layer` declaration, with the spans of its name, keys, runtimes and architectures.
fn layer(spans: &mut Spans, id: DeclId, layer: &model::Layer) -> decl::Layer {
    spans.put(id, At::Name, layer.name.span());
    for (key, span) in &layer.key_spans {
        spans.put(id, At::Key(*key), *span);
        spans.put(id, At::Value(*key), *span);
    }
    for (key, range) in &layer.list_spans {
        spans.put(id, At::Value(*key), *range);
    }
    let runtimes = layer
        .runtimes
        .iter()
        .enumerate()
        .map(|(i, runtime)| {
            spans.put(id, At::Item(Key::Runtimes, i), runtime.span);
            runtime.value.clone()
        })
        .collect();
    let arch = layer
        .arch
        .iter()
        .enumerate()
        .map(|(i, arch)| {
            spans.put(id, At::Item(Key::Arch, i), arch.span);
            arch.value
        })
        .collect();
    let code = layer.code.as_ref().map(|code| {
        spans.put(id, At::Value(Key::Code), code.as_written.span);
        decl::Code { as_written: code.as_written.value.clone(), dir: code.resolved.clone() }
    });
    let description = layer.description.as_ref().map(|d| {
        spans.put(id, At::Value(Key::Description), d.span);
        d.value.clone()
    });
    let name = layer.aws_name.as_ref().map(|n| {
        spans.put(id, At::Value(Key::Name), n.span);
        n.value.clone()
    });
    decl::Layer {
        name: text(&layer.name),
        existing: existing(spans, id, layer.existing.as_ref()),
        written: layer.written.clone(),
        adopt: decl::Adoption { name, ..Default::default() },
        code,
        runtimes,
        arch,
        description,
    }
}

fn existing(spans: &mut Spans, id: DeclId, existing: Option<&Sp<String>>) -> Option<String> {
    existing.map(|e| {
        spans.put(id, At::Value(Key::Existing), e.span);
        e.value.clone()
    })
}

/// `kms: KEY`, its span at the key's name.
fn kms(spans: &mut Spans, id: DeclId, kms: &Option<syn::Ident>) -> Option<String> {
    kms.as_ref().map(|name| {
        spans.put(id, At::Value(Key::Kms), name.span());
        text(name)
    })
}

fn owned_keys(spans: &mut Spans, id: DeclId, keys: &[(Key, Span)]) -> std::collections::BTreeSet<Key> {
    keys.iter()
        .map(|&(key, span)| {
            spans.put(id, At::Key(key), span);
            key
        })
        .collect()
}

fn number(spans: &mut Spans, id: DeclId, key: Key, value: &Option<Sp<u64>>) -> Option<u64> {
    value.as_ref().map(|v| {
        spans.put(id, At::Value(key), v.span);
        v.value
    })
}

fn queue(spans: &mut Spans, id: DeclId, queue: &model::Queue) -> decl::Queue {
    spans.put(id, At::Name, queue.name.span());
    let written = owned_keys(spans, id, &queue.owned_keys);
    if let Some(dead_letter) = &queue.dead_letter {
        spans.put(id, At::Value(Key::DeadLetter), dead_letter.span());
    }
    decl::Queue {
        name: text(&queue.name),
        adopt: adoption(spans, id, &queue.adopt),
        existing: existing(spans, id, queue.existing.as_ref()),
        written,
        fifo: queue.fifo.as_ref().is_some_and(|f| f.value),
        visibility_timeout: number(spans, id, Key::VisibilityTimeout, &queue.visibility_timeout),
        retention: number(spans, id, Key::Retention, &queue.retention),
        dead_letter: queue.dead_letter.as_ref().map(text),
        max_receive: number(spans, id, Key::MaxReceive, &queue.max_receive),
        kms: kms(spans, id, &queue.kms),
    }
}

fn table(spans: &mut Spans, id: DeclId, table: &model::Table) -> decl::Table {
    spans.put(id, At::Name, table.name.span());
    let mut written = owned_keys(spans, id, &table.owned_keys);
    if table.hash_key_written {
        written.insert(Key::HashKey);
    }
    let mut string = |key, value: &Option<Sp<String>>| {
        value.as_ref().map(|v| {
            spans.put(id, At::Value(key), v.span);
            v.value.clone()
        })
    };
    let hash_key = string(Key::HashKey, &table.hash_key);
    let range_key = string(Key::RangeKey, &table.range_key);
    let stream = string(Key::Stream, &table.stream).map(|view| Word::new(view, decl::StreamView::parse));
    decl::Table {
        name: text(&table.name),
        adopt: adoption(spans, id, &table.adopt),
        existing: existing(spans, id, table.existing.as_ref()),
        written,
        hash_key,
        range_key,
        stream,
        kms: kms(spans, id, &table.kms),
    }
}

fn tags(spans: &mut Spans, id: DeclId, tags: &[(Sp<String>, Sp<String>)]) -> Vec<(String, String)> {
    tags.iter()
        .enumerate()
        .map(|(i, (key, value))| {
            spans.put(id, At::TagKey(i), key.span);
            spans.put(id, At::TagValue(i), value.span);
            (key.value.clone(), value.value.clone())
        })
        .collect()
}

fn statements(spans: &mut Spans, id: DeclId, statements: &[Statement]) -> Vec<decl::Statement> {
    statements
        .iter()
        .enumerate()
        .map(|(i, statement)| {
            let at = |part| At::Statement(i, part);
            spans.put(id, at(StatementPart::Whole), statement.span);
            let actions = statement
                .actions
                .iter()
                .enumerate()
                .map(|(j, action)| {
                    spans.put(id, at(StatementPart::Action(j)), action.span);
                    decl::Action { text: action.text.clone(), wildcard: action.wildcard }
                })
                .collect();
            let resource = match &statement.resource {
                Resource::Named(name) => {
                    spans.put(id, at(StatementPart::Resource), name.span());
                    decl::Resource::Named(text(name))
                }
                Resource::Sub { target, sub, pattern } => {
                    spans.put(id, at(StatementPart::Resource), target.span());
                    spans.put(id, at(StatementPart::Sub), sub.span());
                    if let Some(pattern) = pattern {
                        spans.put(id, at(StatementPart::Pattern), pattern.span);
                    }
                    decl::Resource::Sub {
                        target: text(target),
                        sub: text(sub),
                        pattern: pattern.as_ref().map(|p| p.value.clone()),
                    }
                }
                Resource::Arn(arn) => {
                    spans.put(id, at(StatementPart::Resource), arn.span);
                    decl::Resource::Arn(arn.value.clone())
                }
            };
            decl::Statement { actions, resource }
        })
        .collect()
}

/// A function block, or the keys of a `#[function]` (as function `id` of no stack).
pub fn function(spans: &mut Spans, id: DeclId, function: &model::Function, rust: bool) -> decl::Function {
    spans.put(id, At::Name, function.name.span());
    for (key, span) in &function.key_spans {
        spans.put(id, At::Key(*key), *span);
    }
    let string = |spans: &mut Spans, key, value: &Option<Sp<String>>| {
        value.as_ref().map(|v| {
            spans.put(id, At::Value(key), v.span);
            v.value.clone()
        })
    };
    let runtime = string(spans, Key::Runtime, &function.runtime);
    let handler = string(spans, Key::Handler, &function.handler);
    let description = string(spans, Key::Description, &function.description).or_else(|| {
        // A doc comment is the description when none is given and it fits Lambda's limit.
        function
            .description_from_docs
            .clone()
            .filter(|docs| lambda_stack_core::rules::limits::check_description(docs).is_ok())
    });
    let code = function.code.as_ref().map(|code| {
        spans.put(id, At::Value(Key::Code), code.as_written.span);
        decl::Code { as_written: code.as_written.value.clone(), dir: code.resolved.clone() }
    });
    let env = function
        .env
        .iter()
        .enumerate()
        .map(|(i, (key, value))| {
            spans.put(id, At::EnvKey(i), key.span);
            let value = match value {
                EnvValue::Literal(literal) => {
                    spans.put(id, At::EnvTarget(i), literal.span);
                    decl::EnvValue::Literal(literal.value.clone())
                }
                EnvValue::Param(name) => {
                    spans.put(id, At::EnvTarget(i), name.span());
                    decl::EnvValue::Param(text(name))
                }
                EnvValue::Ref { target, attribute } => {
                    spans.put(id, At::EnvTarget(i), target.span());
                    spans.put(id, At::EnvAttribute(i), attribute.span());
                    decl::EnvValue::Ref { target: text(target), attribute: text(attribute) }
                }
            };
            (key.value.clone(), value)
        })
        .collect();
    if let Some(span) = function.env_span {
        spans.put(id, At::Value(Key::Env), span);
    }
    if let Some(span) = function.triggers_span {
        spans.put(id, At::Value(Key::Triggers), span);
    }
    let ident = |spans: &mut Spans, key, value: &Option<Ident>| {
        value.as_ref().map(|v| {
            spans.put(id, At::Value(key), v.span());
            text(v)
        })
    };
    let role = ident(spans, Key::Role, &function.role);
    let dead_letter = ident(spans, Key::DeadLetter, &function.dead_letter);
    let on_success = ident(spans, Key::OnSuccess, &function.on_success);
    let on_failure = ident(spans, Key::OnFailure, &function.on_failure);
    let items = |spans: &mut Spans, key, values: &[Sp<String>]| -> Vec<String> {
        values
            .iter()
            .enumerate()
            .map(|(i, v)| {
                spans.put(id, At::Item(key, i), v.span);
                v.value.clone()
            })
            .collect()
    };
    let layers = items(spans, Key::Layers, &function.layers);
    let exclude = items(spans, Key::Exclude, &function.exclude);
    decl::Function {
        name: text(&function.name),
        written: function.written.clone(),
        rust,
        runtime,
        handler,
        code,
        memory: number(spans, id, Key::Memory, &function.memory),
        timeout: number(spans, id, Key::Timeout, &function.timeout),
        env,
        role,
        allow: statements(spans, id, &function.allow),
        arch: function.arch.as_ref().map(|a| {
            spans.put(id, At::Value(Key::Arch), a.span);
            a.value
        }),
        ephemeral_storage: number(spans, id, Key::EphemeralStorage, &function.ephemeral_storage),
        reserved_concurrency: number(spans, id, Key::ReservedConcurrency, &function.reserved_concurrency),
        tracing: function.tracing.as_ref().map(|t| {
            spans.put(id, At::Value(Key::Tracing), t.span);
            t.value
        }),
        layers,
        description,
        log_retention: number(spans, id, Key::LogRetention, &function.log_retention),
        tags: tags(spans, id, &function.tags),
        triggers: function.triggers.iter().enumerate().map(|(i, t)| trigger(spans, id, i, t)).collect(),
        dead_letter,
        on_success,
        on_failure,
        retries: number(spans, id, Key::Retries, &function.retries),
        max_event_age: number(spans, id, Key::MaxEventAge, &function.max_event_age),
        alias: function.alias.as_ref().map(|a| {
            spans.put(id, At::Value(Key::Alias), a.span);
            a.value.clone()
        }),
        provisioned: number(spans, id, Key::Provisioned, &function.provisioned),
        snap_start: function.snap_start.as_ref().is_some_and(|b| {
            spans.put(id, At::Value(Key::SnapStart), b.span);
            b.value
        }),
        recursion: function.recursion.as_ref().map(|r| {
            spans.put(id, At::Value(Key::Recursion), r.span);
            Word::new(r.value.clone(), decl::Recursion::parse)
        }),
        build: function.build.as_ref().map(|b| {
            spans.put(id, At::Value(Key::Build), b.span);
            Word::new(b.value.clone(), decl::Build::parse)
        }),
        bundle: function.bundle.as_ref().map(|b| {
            spans.put(id, At::Value(Key::Bundle), b.span);
            Word::new(b.value.clone(), decl::Bundle::parse)
        }),
        source_map: function.source_map.as_ref().is_some_and(|b| {
            spans.put(id, At::Value(Key::SourceMap), b.span);
            b.value
        }),
        exclude,
        vpc: function.vpc.as_ref().map(|vpc| self::vpc(spans, id, vpc)),
        logs: function.logs.as_ref().map(|logs| {
            spans.put(id, At::Value(Key::Logs), logs.span);
            let mut word = |key, value: &Option<Sp<String>>| {
                value.as_ref().map(|v| {
                    spans.put(id, At::Logs(key), v.span);
                    v.value.clone()
                })
            };
            decl::Logs {
                format: word(Key::Format, &logs.format),
                level: word(Key::Level, &logs.level),
                system_level: word(Key::SystemLevel, &logs.system_level),
                group: word(Key::Group, &logs.group),
            }
        }),
        kms: kms(spans, id, &function.kms),
        adopt: adoption(spans, id, &function.adopt),
        // The macro sees a type's name, not its fields: the builders check `detail` fields.
        detail: None,
    }
}

/// Where each key and list item of a `cors: { .. }` is, at the locations `at` gives them.
fn cors_spans(spans: &mut Spans, id: DeclId, cors: &crate::model::cors::Cors, at: impl Fn(Key, Option<usize>) -> At) {
    for (key, span, items) in &cors.lists {
        spans.put(id, at(*key, None), *span);
        for (j, item) in items.iter().enumerate() {
            spans.put(id, at(*key, Some(j)), item.span);
        }
    }
    let singles = [
        (Key::MaxAge, cors.max_age.as_ref().map(|a| a.span)),
        (Key::Credentials, cors.credentials.as_ref().map(|c| c.span)),
    ];
    for (key, span) in singles {
        if let Some(span) = span {
            spans.put(id, at(key, None), span);
        }
    }
}

/// The `rest_api { .. }` block, each key's span recorded.
fn rest_api(spans: &mut Spans, id: DeclId, api: &crate::model::rest::RestApi) -> decl::RestApi {
    spans.put(id, At::RestApiBlock, api.keyword.span());
    if let Some(throttle) = api.throttle {
        spans.put(id, At::RestApi(Key::Throttle), throttle);
    }
    for (key, value) in [(Key::Rate, &api.rate), (Key::Burst, &api.burst)] {
        if let Some(value) = value {
            spans.put(id, At::RestApi(key), value.span);
        }
    }
    if let Some(stage) = &api.stage {
        spans.put(id, At::RestApi(Key::Stage), stage.span);
    }
    if let Some(api_key) = &api.api_key {
        spans.put(id, At::RestApi(Key::ApiKey), api_key.span);
    }
    if let Some(cors) = &api.cors {
        spans.put(id, At::RestApi(Key::Cors), cors.span);
        cors_spans(spans, id, cors, At::RestApiCors);
    }
    if let Some(auth) = &api.auth {
        spans.put(id, At::RestApi(Key::Auth), auth.span);
        for (part, range) in auth.spans() {
            spans.put(id, At::ApiAuth(ApiKind::Rest, part), range);
        }
    }
    decl::RestApi {
        stage: api.stage.as_ref().map(|s| s.value.clone()),
        api_key: api.api_key.as_ref().is_some_and(|k| k.value),
        cors: api.cors.as_ref().map(crate::model::cors::Cors::to_decl),
        auth: api.auth.as_ref().map(crate::model::auth::Auth::to_decl),
        throttle: api.throttle.map(|_| decl::Throttle {
            rate: api.rate.as_ref().map(|r| r.value),
            burst: api.burst.as_ref().map(|b| b.value),
        }),
    }
}

/// A `vpc: { .. }` of a function or the stack.
pub(crate) fn vpc(spans: &mut Spans, id: DeclId, vpc: &model::Vpc) -> decl::Vpc {
    spans.put(id, At::Value(Key::Vpc), vpc.span);
    let mut ids = |key: Key, ids: &Option<model::Ids>| match ids {
        None => decl::Ids::Listed(Vec::new()),
        Some(model::Ids::Param(name)) => {
            spans.put(id, At::Vpc(key), name.span());
            decl::Ids::Param(text(name))
        }
        Some(model::Ids::Listed { span, ids }) => {
            spans.put(id, At::Vpc(key), *span);
            for (i, value) in ids.iter().enumerate() {
                spans.put(id, At::VpcItem(key, i), value.span);
            }
            decl::Ids::Listed(ids.iter().map(|v| v.value.clone()).collect())
        }
    };
    decl::Vpc {
        subnets: ids(Key::Subnets, &vpc.subnets),
        security_groups: ids(Key::SecurityGroups, &vpc.security_groups),
        ipv6: vpc.ipv6.as_ref().is_some_and(|b| b.value),
    }
}

fn trigger(spans: &mut Spans, id: DeclId, i: usize, trigger: &Trigger) -> decl::Trigger {
    let mut put = |part, range: Range| spans.put(id, At::Trigger(i, part), range);
    put(TriggerPart::Keyword, trigger.span().into());
    let mut arg = |arg, range: Range| spans.put(id, At::Trigger(i, TriggerPart::Arg(arg)), range);
    match trigger {
        Trigger::Http { method, path, outlives_request, auth }
        | Trigger::Rest { method, path, outlives_request, auth } => {
            arg(Arg::Method, method.span);
            arg(Arg::Path, path.span);
            if let Some(flag) = outlives_request {
                arg(Arg::OutlivesRequest, flag.span);
            }
            if let Some(auth) = auth {
                arg(Arg::Auth, auth.span);
                for (part, range) in auth.spans() {
                    spans.put(id, At::Trigger(i, TriggerPart::Auth(part)), range);
                }
            }
            let (method, path) = (method.value.clone(), path.value.clone());
            let outlives_request = outlives_request.as_ref().is_some_and(|flag| flag.value);
            let auth = auth.as_deref().map(crate::model::auth::Auth::to_decl);
            match trigger {
                Trigger::Rest { .. } => decl::Trigger::Rest { method, path, outlives_request, auth },
                _ => decl::Trigger::Http { method, path, outlives_request, auth },
            }
        }
        Trigger::S3(s3) => {
            arg(Arg::Source, s3.bucket.span().into());
            for (arg_name, value) in [(Arg::Prefix, &s3.prefix), (Arg::Suffix, &s3.suffix)] {
                if let Some(value) = value {
                    arg(arg_name, value.span);
                }
            }
            let on = s3
                .on
                .iter()
                .enumerate()
                .map(|(j, on)| {
                    spans.put(id, At::Trigger(i, TriggerPart::On(j)), on.span);
                    Word::new(on.value.clone(), decl::S3Events::parse)
                })
                .collect();
            decl::Trigger::S3(decl::S3Trigger {
                bucket: text(&s3.bucket),
                on,
                prefix: s3.prefix.as_ref().map(|p| p.value.clone()),
                suffix: s3.suffix.as_ref().map(|s| s.value.clone()),
            })
        }
        Trigger::Sqs(sqs) => {
            arg(Arg::Source, sqs.queue.span().into());
            let mut number = |name, value: &Option<Sp<u64>>| {
                value.as_ref().map(|v| {
                    arg(name, v.span);
                    v.value
                })
            };
            let batch_size = number(Arg::BatchSize, &sqs.batch_size);
            let window = number(Arg::Window, &sqs.window);
            let max_concurrency = number(Arg::MaxConcurrency, &sqs.max_concurrency);
            let enabled = sqs.enabled.as_ref().map(|e| {
                arg(Arg::Enabled, e.span);
                e.value
            });
            decl::Trigger::Sqs(decl::SqsTrigger {
                queue: text(&sqs.queue),
                batch_size,
                window,
                report_failures: sqs.report_failures.as_ref().is_some_and(|r| r.value),
                max_concurrency,
                filters: filter_spans(spans, id, i, &sqs.filters),
                enabled,
            })
        }
        Trigger::Stream(stream) => {
            arg(Arg::Source, stream.target.span().into());
            if let Some(start) = &stream.start {
                arg(Arg::Start, start.span);
            }
            let mut number = |name, value: &Option<Sp<u64>>| {
                value.as_ref().map(|v| {
                    arg(name, v.span);
                    v.value
                })
            };
            let batch_size = number(Arg::BatchSize, &stream.batch_size);
            let window = number(Arg::Window, &stream.window);
            let max_retries = number(Arg::MaxRetries, &stream.max_retries);
            let max_age = number(Arg::MaxAge, &stream.max_age);
            let parallelization = number(Arg::Parallelization, &stream.parallelization);
            let tumbling_window = number(Arg::TumblingWindow, &stream.tumbling_window);
            let mut flag = |name, value: &Option<Sp<bool>>| {
                value.as_ref().map(|v| {
                    arg(name, v.span);
                    v.value
                })
            };
            let bisect = flag(Arg::Bisect, &stream.bisect).unwrap_or(false);
            let enabled = flag(Arg::Enabled, &stream.enabled);
            let on_failure = stream.on_failure.as_ref().map(|target| {
                arg(Arg::OnFailure, target.span().into());
                text(target)
            });
            let source = stream.source;
            decl::Trigger::Stream(decl::StreamTrigger {
                source,
                target: text(&stream.target),
                start: stream
                    .start
                    .as_ref()
                    .map(|s| Word::new(s.value.clone(), |w| decl::StartPosition::parse(source, w))),
                batch_size,
                window,
                report_failures: stream.report_failures.as_ref().is_some_and(|r| r.value),
                filters: filter_spans(spans, id, i, &stream.filters),
                bisect,
                max_retries,
                max_age,
                on_failure,
                parallelization,
                tumbling_window,
                enabled,
            })
        }
        Trigger::Sns { topic, .. } => {
            arg(Arg::Source, topic.span().into());
            decl::Trigger::Sns { topic: text(topic) }
        }
        Trigger::Schedule { expression, timezone, input, flexible_window, .. } => {
            arg(Arg::Expression, expression.span);
            if let Some(zone) = timezone {
                arg(Arg::Timezone, zone.span);
            }
            if let Some(input) = input {
                arg(Arg::Input, input.span);
            }
            if let Some(window) = flexible_window {
                arg(Arg::FlexibleWindow, window.span);
            }
            decl::Trigger::Schedule {
                expression: expression.value.clone(),
                timezone: timezone.as_ref().map(|z| z.value.clone()),
                input: input.as_ref().map(|i| i.json.clone()),
                flexible_window: flexible_window.as_ref().map(|w| w.value),
            }
        }
        Trigger::Event { bus, pattern, .. } => {
            if let Some(bus) = bus {
                arg(Arg::Source, bus.span().into());
            }
            arg(Arg::Pattern, pattern.span);
            for (node, at) in pattern.spans.iter().enumerate() {
                spans.put(id, At::Trigger(i, TriggerPart::Pattern { node, key: false }), at.value);
                if let Some(key) = at.key {
                    spans.put(id, At::Trigger(i, TriggerPart::Pattern { node, key: true }), key);
                }
            }
            decl::Trigger::Event(decl::EventTrigger { bus: bus.as_ref().map(text), pattern: pattern.json.clone() })
        }
        Trigger::Url { auth, cors, stream, .. } => {
            if let Some(auth) = auth {
                arg(Arg::Auth, auth.span);
            }
            if let Some(stream) = stream {
                arg(Arg::Stream, stream.span);
            }
            if let Some(cors) = cors {
                arg(Arg::Cors, cors.span);
                cors_spans(spans, id, cors, |key, item| At::Trigger(i, TriggerPart::Cors(key, item)));
            }
            decl::Trigger::Url {
                auth: auth.as_ref().map(|a| Word::new(a.value.clone(), decl::UrlAuth::parse)),
                cors: cors.as_ref().map(crate::model::cors::Cors::to_decl),
                stream: stream.as_ref().is_some_and(|s| s.value),
            }
        }
    }
}

/// A mapping's filters as JSON, each node's span recorded for the checker's findings.
fn filter_spans(
    spans: &mut Spans,
    id: DeclId,
    i: usize,
    filters: &[Sp<SpannedJson>],
) -> Vec<lambda_stack_core::json::Json> {
    if let (Some(first), Some(last)) = (filters.first(), filters.last()) {
        spans.put(id, At::Trigger(i, TriggerPart::Arg(Arg::Filter)), Range::new(first.span.start, last.span.end));
    }
    for (index, filter) in filters.iter().enumerate() {
        for (node, at) in filter.spans.iter().enumerate() {
            spans.put(id, At::Trigger(i, TriggerPart::Filter { index, node, key: false }), at.value);
            if let Some(key) = at.key {
                spans.put(id, At::Trigger(i, TriggerPart::Filter { index, node, key: true }), key);
            }
        }
    }
    filters.iter().map(|filter| filter.json.clone()).collect()
}
