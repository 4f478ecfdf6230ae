//! Model → builder calls. Nothing here validates or decides: the model has passed `check`, and
//! what check decided (descriptions, code paths, binding checks) comes with it in [`Checked`].
//!
//! The expansion is what a user could write by hand against `lambda_stack::__private` (the same
//! builders as the public API): a function named after the stack returning its `Stack`, holding
//! one small `fn` per declaration (`fn function_hello(stack: Stack) -> Stack { stack.function(..) }`)
//! and applying them in source order, so no expression nests deeper as the stack grows.

use lambda_stack_core::decl;
use lambda_stack_core::keys::Key;
use proc_macro2::{Span, TokenStream};
use quote::{quote, quote_spanned};
use syn::ext::IdentExt;
use syn::Ident;

use crate::check::Checked;
use crate::model::{
    Arch, Backend, Bucket, EnvValue, Function, Queue, Resource, Role, Stack, Statement, Stream, Table, Topic, Tracing,
    Trigger,
};
use crate::parse;

pub mod function;

fn text(ident: &Ident) -> String {
    ident.unraw().to_string()
}

fn line(span: Span) -> u32 {
    u32::try_from(span.start().line).unwrap_or(0)
}

/// `fn NAME() -> Stack { ... }` for one checked stack: its model and checks once, or per stage.
pub fn stack(stages: &[(Stack, Checked)]) -> TokenStream {
    let (first, _) = &stages[0];
    let fn_name = &first.name;
    let name = text(&first.name);
    let docs = &first.docs;
    let line = line(first.name.span());
    let new = quote! { ::lambda_stack::__private::Stack::new(#name).declared_at(::core::file!(), #line) };
    let body = match stages {
        [(stack, checked)] if stack.stage.is_none() => stack_body(stack, checked, new),
        _ => {
            // One closure arm per stage, each building that stage's stack as if it were alone.
            let names: Vec<&str> =
                stages.iter().filter_map(|(s, _)| s.stage.as_ref()).map(|s| s.name.as_str()).collect();
            let arms = stages.iter().map(|(stack, checked)| {
                let stage = stack.stage.as_ref().map(|s| s.name.as_str()).unwrap_or_default();
                let body = stack_body(stack, checked, quote! { stack });
                quote! { #stage => { #body } }
            });
            quote! {
                #new.stages([#(#names),*], |stage, stack| match stage {
                    #(#arms)*
                    _ => ::core::unreachable!("a stage the stack does not list"),
                })
            }
        }
    };
    quote! {
        #(#docs)*
        #[allow(clippy::all, clippy::pedantic)]
        pub fn #fn_name() -> ::lambda_stack::__private::Stack {
            #body
        }
    }
}

/// The statements that build one stack (or one stage's), starting from `start` (a `Stack`).
fn stack_body(stack: &Stack, checked: &Checked, start: TokenStream) -> TokenStream {
    let tracked = checked.tracked_files.iter().map(|file| {
        let file = file.to_string_lossy();
        quote! { const _: &[u8] = ::core::include_bytes!(#file); }
    });
    let warnings = checked.warnings.iter().map(|(span, message)| warning(*span, message));
    let region = stack.region.as_ref().map(|r| {
        let r = &r.value;
        quote! { .region(#r) }
    });
    let tags = stack.tags.iter().map(|(k, v)| {
        let (k, v) = (&k.value, &v.value);
        quote! { .tag(#k, #v) }
    });
    let backend = stack.backend.as_ref().map(|backend| match backend {
        Backend::Local => quote! { .backend(::lambda_stack::__private::Backend::Local) },
        Backend::S3 { bucket, key, region, encrypt } => {
            let (bucket, key) = (&bucket.value, &key.value);
            let region = match region {
                Some(r) => {
                    let r = &r.value;
                    quote! { ::core::option::Option::Some(::std::string::String::from(#r)) }
                }
                None => quote! { ::core::option::Option::None },
            };
            quote! {
                .backend(::lambda_stack::__private::Backend::S3 {
                    bucket: ::std::string::String::from(#bucket),
                    key: ::std::string::String::from(#key),
                    region: #region,
                    encrypt: #encrypt,
                })
            }
        }
    });
    let vpc = stack.vpc.as_ref().map(|vpc| {
        let vpc = vpc_builder(vpc);
        quote! { .vpc(#vpc) }
    });
    let boundary = stack.boundary.as_ref().map(|b| {
        let b = &b.value;
        quote! { .boundary(#b) }
    });
    let account_concurrency = stack.account_concurrency.as_ref().map(|a| {
        let a = a.value;
        quote! { .account_concurrency(#a) }
    });
    let stack_kms = kms(&stack.kms);
    let api = stack.api.as_ref().map(|api| {
        let cors = api.cors.as_ref().map(|cors| {
            let cors = cors_builder(cors);
            quote! { .cors(#cors) }
        });
        let throttle = api.throttle.map(|_| throttle_call(&api.rate, &api.burst));
        let auth = api.auth.as_ref().map(|auth| {
            let auth = auth_builder(auth);
            quote! { .auth(#auth) }
        });
        let domain = api.domain.as_ref().map(|domain| {
            let name = domain.name.as_ref().map(|n| n.value.clone()).unwrap_or_default();
            let certificate = domain.certificate.as_ref().map(|c| c.value.clone()).unwrap_or_default();
            quote! { .domain(#name, #certificate) }
        });
        quote! { .api(::lambda_stack::__private::Api::new() #cors #auth #domain #throttle) }
    });
    let rest_api = stack.rest_api.as_ref().map(rest_api_builder);
    let assets = stack.assets.as_ref().map(|bucket| {
        let bucket = text(bucket);
        quote! { .assets(#bucket) }
    });
    let params = stack.params.iter().map(|param| {
        let name = text(&param.name);
        let kind = param.kind.as_ref().map(|kind| {
            let kind = &kind.value;
            quote! { .param_type(#kind) }
        });
        let default = param.default.as_ref().map(|default| match &default.value {
            crate::model::ParamValue::String(text) => quote! { .default_string(#text) },
            crate::model::ParamValue::Number(digits) => quote! { .default_number(#digits) },
            crate::model::ParamValue::List(items) => quote! { .default_list([#(#items),*]) },
        });
        let description = param.description.as_ref().map(|d| {
            let d = &d.value;
            quote! { .description(#d) }
        });
        let sensitive = param.sensitive.as_ref().map(|s| {
            let s = s.value;
            quote! { .sensitive(#s) }
        });
        let in_tfvars = param.in_tfvars.then(|| quote! { .in_tfvars() });
        quote! { .param(::lambda_stack::__private::Param::new(#name) #kind #default #description #sensitive #in_tfvars) }
    });
    let base = checked.include_base.as_deref().unwrap_or_default();
    let include = stack.include.iter().map(|pattern| {
        let pattern = &pattern.value;
        quote! { .include_in(::core::concat!(::core::env!("CARGO_MANIFEST_DIR"), "/", #base), #pattern) }
    });
    // One function per declaration, each adding it to the stack, applied in source order. A single
    // builder chain over the whole stack nests as deep as the stack is long: rustc overflows its
    // own stack on it from a few thousand declarations, and the debug binary overflows its main
    // thread's stack running it (every intermediate `Stack` gets its own slot in one frame).
    let mut declarations: Vec<(Ident, TokenStream)> = Vec::new();
    let mut declare = |kind: &str, name: &Ident, call: TokenStream| {
        declarations.push((Ident::new(&format!("{kind}_{}", text(name)), Span::call_site()), call));
    };
    stack.buckets.iter().for_each(|b| declare("bucket", &b.name, bucket(b)));
    stack.queues.iter().for_each(|q| declare("queue", &q.name, queue(q)));
    stack.tables.iter().for_each(|t| declare("table", &t.name, table(t)));
    stack.topics.iter().for_each(|t| declare("topic", &t.name, topic(t)));
    stack.streams.iter().for_each(|s| declare("stream", &s.name, kinesis_stream(s)));
    stack.keys.iter().for_each(|k| declare("key", &k.name, kms_key(k)));
    stack.secrets.iter().for_each(|s| declare("secret", &s.name, secret(s)));
    stack.parameters.iter().for_each(|p| declare("parameter", &p.name, parameter(p)));
    stack.buses.iter().for_each(|b| declare("bus", &b.name, bus(b)));
    for (i, l) in stack.layers.iter().enumerate() {
        let code_dir = checked.layer_code_dirs.get(i).and_then(Option::as_deref);
        declare("layer", &l.name, layer(l, code_dir));
    }
    stack.roles.iter().for_each(|r| declare("role", &r.name, role(r)));
    for (i, f) in stack.functions.iter().enumerate() {
        let code_dir = checked.code_dirs.get(i).and_then(Option::as_deref);
        declare("function", &f.name, function(f, &checked.decl.functions[i], code_dir));
    }
    let declare = declarations.iter().map(|(name, call)| {
        quote! {
            #[allow(non_snake_case)]
            fn #name(stack: ::lambda_stack::__private::Stack) -> ::lambda_stack::__private::Stack {
                stack #call
            }
        }
    });
    let names = declarations.iter().map(|(name, _)| name);
    let bindings = checked.bindings.iter().map(|binding| self::function::binding_checks(stack, binding));
    quote! {
        #(#tracked)*
        #(#warnings)*
        #(#bindings)*
        #(#declare)*
        const DECLARATIONS: &[fn(::lambda_stack::__private::Stack) -> ::lambda_stack::__private::Stack] =
            &[#(#names),*];
        let stack = #start
            #region
            #(#tags)*
            #backend
            #vpc
            #boundary
            #account_concurrency
            #stack_kms
            #api
            #rest_api
            #assets
            #(#params)*
            #(#include)*;
        DECLARATIONS.iter().fold(stack, |stack, declare| declare(stack))
    }
}

/// `.rest_api(RestApi::new()..)`, the builder of the `rest_api { .. }` block.
fn rest_api_builder(api: &crate::model::rest::RestApi) -> TokenStream {
    let stage = api.stage.as_ref().map(|stage| {
        let stage = &stage.value;
        quote! { .stage(#stage) }
    });
    let api_key = api.api_key.as_ref().filter(|k| k.value).map(|_| quote! { .api_key() });
    let cors = api.cors.as_ref().map(|cors| {
        let cors = cors_builder(cors);
        quote! { .cors(#cors) }
    });
    let auth = api.auth.as_ref().map(|auth| {
        let auth = auth_builder(auth);
        quote! { .auth(#auth) }
    });
    let throttle = api.throttle.map(|_| throttle_call(&api.rate, &api.burst));
    quote! { .rest_api(::lambda_stack::__private::RestApi::new() #stage #api_key #cors #auth #throttle) }
}

/// `Cors::new()..`, the builder of a `cors: { .. }`.
fn cors_builder(cors: &crate::model::cors::Cors) -> TokenStream {
    // Only the lists written: an empty `[]` has no item type to infer.
    let list = |key: Key, setter: &str| {
        let items = cors.list(key);
        let setter = Ident::new(setter, Span::call_site());
        let items = items.iter().map(|v| &v.value);
        cors.lists.iter().any(|(k, _, _)| *k == key).then(|| quote! { .#setter([#(#items),*] as [&str; _]) })
    };
    let (origins, methods, headers, expose) = (
        list(Key::Origins, "origins"),
        list(Key::Methods, "methods"),
        list(Key::Headers, "headers"),
        list(Key::Expose, "expose"),
    );
    let max_age = cors.max_age.as_ref().map(|a| {
        let a = a.value;
        quote! { .max_age(#a) }
    });
    let credentials = cors.credentials.as_ref().map(|c| {
        let c = c.value;
        quote! { .credentials(#c) }
    });
    quote! {
        ::lambda_stack::__private::Cors::new() #origins #methods #headers #expose #max_age #credentials
    }
}

/// `Vpc::new()..`, the builder of a `vpc: { .. }`.
fn vpc_builder(vpc: &crate::model::Vpc) -> TokenStream {
    use crate::model::Ids;
    let ids = |listed: TokenStream, param: TokenStream, ids: &Option<Ids>| match ids {
        None => quote! {},
        Some(Ids::Listed { ids, .. }) => {
            let ids = ids.iter().map(|id| &id.value);
            quote! { .#listed([#(#ids),*]) }
        }
        Some(Ids::Param(name)) => {
            let name = text(name);
            quote! { .#param(#name) }
        }
    };
    let subnets = ids(quote! { subnets }, quote! { subnets_param }, &vpc.subnets);
    let groups = ids(quote! { security_groups }, quote! { security_groups_param }, &vpc.security_groups);
    let ipv6 = vpc.ipv6.as_ref().map(|b| {
        let b = b.value;
        quote! { .ipv6(#b) }
    });
    quote! { ::lambda_stack::__private::Vpc::new() #subnets #groups #ipv6 }
}

/// A compiler warning at `span`: the use of a deprecated item, whose note is the message.
fn warning(span: Span, message: &str) -> TokenStream {
    let item = Ident::new("lambda_stack_warning", span);
    let use_site = quote_spanned! {span=> let _ = #item; };
    quote! {
        {
            #[deprecated(note = #message)]
            #[allow(non_camel_case_types)]
            struct #item;
            #use_site
        }
    }
}

fn declared_at(ident: &Ident) -> TokenStream {
    let line = line(ident.span());
    quote! { .declared_at(::core::file!(), #line) }
}

fn bucket(bucket: &Bucket) -> TokenStream {
    let name = text(&bucket.name);
    let at = declared_at(&bucket.name);
    let existing = bucket.existing.as_ref().map(|e| {
        let e = &e.value;
        quote! { .existing(#e) }
    });
    let adopt = adoption(&bucket.adopt);
    let kms = kms(&bucket.kms);
    quote! { .bucket(::lambda_stack::__private::Bucket::new(#name) #at #existing #kms #adopt) }
}

/// `.kms(..)`, the builder call of `kms: KEY`.
fn kms(kms: &Option<Ident>) -> Option<TokenStream> {
    kms.as_ref().map(|key| {
        let key = text(key);
        quote! { .kms(#key) }
    })
}

fn secret(secret: &crate::model::Secret) -> TokenStream {
    let name = text(&secret.name);
    let at = declared_at(&secret.name);
    let existing = existing(secret.existing.as_ref());
    let kms = kms(&secret.kms);
    quote! { .secret(::lambda_stack::__private::Secret::new(#name) #at #existing #kms) }
}

fn bus(bus: &crate::model::Bus) -> TokenStream {
    let name = text(&bus.name);
    let at = declared_at(&bus.name);
    let existing = existing(bus.existing.as_ref());
    quote! { .bus(::lambda_stack::__private::Bus::new(#name) #at #existing) }
}

fn layer(layer: &crate::model::Layer, code_dir: Option<&str>) -> TokenStream {
    let name = text(&layer.name);
    let at = declared_at(&layer.name);
    let existing = existing(layer.existing.as_ref());
    let code = layer.code.as_ref().zip(code_dir).map(|(code, relative)| {
        let as_written = &code.as_written.value;
        let dir = quote! { ::core::concat!(::core::env!("CARGO_MANIFEST_DIR"), "/", #relative) };
        quote! { .code(#dir).code_as_written(#as_written) }
    });
    let runtimes = (!layer.runtimes.is_empty()).then(|| {
        let runtimes = layer.runtimes.iter().map(|r| &r.value);
        quote! { .runtimes([#(#runtimes),*]) }
    });
    let arch = (!layer.arch.is_empty()).then(|| {
        let arch = layer.arch.iter().map(|a| match a.value {
            Arch::X86_64 => quote! { ::lambda_stack::__private::Arch::X86_64 },
            Arch::Arm64 => quote! { ::lambda_stack::__private::Arch::Arm64 },
        });
        quote! { .arch([#(#arch),*]) }
    });
    let description = layer.description.as_ref().map(|d| {
        let d = &d.value;
        quote! { .description(#d) }
    });
    let aws_name = layer.aws_name.as_ref().map(|n| {
        let n = &n.value;
        quote! { .aws_name(#n) }
    });
    quote! {
        .layer(::lambda_stack::__private::Layer::new(#name) #at #existing #code #runtimes #arch #description #aws_name)
    }
}

fn parameter(parameter: &crate::model::Parameter) -> TokenStream {
    let name = text(&parameter.name);
    let at = declared_at(&parameter.name);
    let existing = existing(parameter.existing.as_ref());
    let value = parameter.value.as_ref().map(|v| {
        let v = &v.value;
        quote! { .value(#v) }
    });
    quote! { .parameter(::lambda_stack::__private::SsmParameter::new(#name) #at #existing #value) }
}

fn kms_key(key: &crate::model::KmsKey) -> TokenStream {
    let name = text(&key.name);
    let at = declared_at(&key.name);
    let existing = existing(key.existing.as_ref());
    let rotation = key.rotation.as_ref().map(|r| {
        let r = r.value;
        quote! { .rotation(#r) }
    });
    let window = key.deletion_window.as_ref().map(|d| {
        let d = d.value;
        quote! { .deletion_window(#d) }
    });
    quote! { .key(::lambda_stack::__private::KmsKey::new(#name) #at #existing #rotation #window) }
}

/// `.aws_name(..)`, `.import(..)` and `.renamed_from(..)`, the builder calls of the adoption keys.
fn adoption(adopt: &crate::model::Adopt) -> TokenStream {
    let name = adopt.name.as_ref().map(|n| {
        let n = &n.value;
        quote! { .aws_name(#n) }
    });
    let import = adopt.import.as_ref().map(|i| {
        let i = &i.value;
        quote! { .import(#i) }
    });
    let renamed_from = adopt.renamed_from.as_ref().map(|old| {
        let old = text(old);
        quote! { .renamed_from(#old) }
    });
    quote! { #name #import #renamed_from }
}

fn existing(existing: Option<&crate::span::Sp<String>>) -> Option<TokenStream> {
    existing.map(|e| {
        let e = &e.value;
        quote! { .existing(#e) }
    })
}

fn queue(queue: &Queue) -> TokenStream {
    let name = text(&queue.name);
    let at = declared_at(&queue.name);
    let existing = existing(queue.existing.as_ref());
    let fifo = queue.fifo.as_ref().map(|f| {
        let f = f.value;
        quote! { .fifo(#f) }
    });
    let numbers = [
        ("visibility_timeout", &queue.visibility_timeout),
        ("retention", &queue.retention),
        ("max_receive", &queue.max_receive),
    ]
    .into_iter()
    .filter_map(|(method, value)| {
        let method = Ident::new(method, Span::call_site());
        value.as_ref().map(|v| {
            let v = v.value;
            quote! { .#method(#v) }
        })
    });
    let dead_letter = queue.dead_letter.as_ref().map(|d| {
        let d = text(d);
        quote! { .dead_letter(#d) }
    });
    let adopt = adoption(&queue.adopt);
    let kms = kms(&queue.kms);
    quote! {
        .queue(::lambda_stack::__private::Queue::new(#name) #at #existing #fifo #(#numbers)* #dead_letter #kms #adopt)
    }
}

fn table(table: &Table) -> TokenStream {
    let name = text(&table.name);
    let at = declared_at(&table.name);
    let existing = existing(table.existing.as_ref());
    let keys = [("hash_key", &table.hash_key), ("range_key", &table.range_key), ("stream", &table.stream)]
        .into_iter()
        .filter_map(|(method, value)| {
            let method = Ident::new(method, Span::call_site());
            value.as_ref().map(|v| {
                let v = &v.value;
                quote! { .#method(#v) }
            })
        });
    let adopt = adoption(&table.adopt);
    let kms = kms(&table.kms);
    quote! { .table(::lambda_stack::__private::Table::new(#name) #at #existing #(#keys)* #kms #adopt) }
}

fn topic(topic: &Topic) -> TokenStream {
    let name = text(&topic.name);
    let at = declared_at(&topic.name);
    let existing = existing(topic.existing.as_ref());
    let fifo = topic.fifo.as_ref().map(|f| {
        let f = f.value;
        quote! { .fifo(#f) }
    });
    let adopt = adoption(&topic.adopt);
    let kms = kms(&topic.kms);
    quote! { .topic(::lambda_stack::__private::Topic::new(#name) #at #existing #fifo #kms #adopt) }
}

fn kinesis_stream(stream: &Stream) -> TokenStream {
    let name = text(&stream.name);
    let at = declared_at(&stream.name);
    let existing = existing(stream.existing.as_ref());
    let shards = stream.shards.as_ref().map(|s| {
        let s = s.value;
        quote! { .shards(#s) }
    });
    let adopt = adoption(&stream.adopt);
    let kms = kms(&stream.kms);
    quote! { .stream(::lambda_stack::__private::Stream::new(#name) #at #existing #shards #kms #adopt) }
}

fn trigger(trigger: &Trigger) -> TokenStream {
    let line = line(trigger.span());
    let p = quote! { ::lambda_stack::__private::Trigger };
    let call = match trigger {
        Trigger::Http { method, path, outlives_request, auth }
        | Trigger::Rest { method, path, outlives_request, auth } => {
            let (method, path) = (&method.value, &path.value);
            let outlives = outlives_request.as_ref().filter(|flag| flag.value).map(|_| quote! { .outlives_request() });
            let auth = auth.as_ref().map(|auth| {
                let auth = auth_builder(auth);
                quote! { .auth(#auth) }
            });
            let constructor = Ident::new(trigger.kind().keyword(), Span::call_site());
            quote! { #p::#constructor(#method, #path) #auth #outlives }
        }
        Trigger::S3(s3) => {
            let bucket = text(&s3.bucket);
            let on = s3.on.iter().map(|o| &o.value);
            let prefix = s3.prefix.as_ref().map(|v| {
                let v = &v.value;
                quote! { .prefix(#v) }
            });
            let suffix = s3.suffix.as_ref().map(|v| {
                let v = &v.value;
                quote! { .suffix(#v) }
            });
            quote! { #p::s3(#bucket) #(.on(#on))* #prefix #suffix }
        }
        Trigger::Sqs(sqs) => {
            let queue = text(&sqs.queue);
            let batch = numbers(&[("batch_size", &sqs.batch_size), ("window", &sqs.window)]);
            let report = sqs.report_failures.as_ref().map(|r| {
                let r = r.value;
                quote! { .report_failures(#r) }
            });
            let max = numbers(&[("max_concurrency", &sqs.max_concurrency)]);
            let filters = filters(&sqs.filters);
            let enabled = flag("enabled", &sqs.enabled);
            quote! { #p::sqs(#queue) #batch #report #max #filters #enabled }
        }
        Trigger::Stream(stream) => {
            let target = text(&stream.target);
            let constructor = Ident::new(stream.source.keyword(), Span::call_site());
            let start = stream.start.as_ref().map(|s| {
                let s = &s.value;
                quote! { .start(#s) }
            });
            let batch = numbers(&[("batch_size", &stream.batch_size), ("window", &stream.window)]);
            let report = stream.report_failures.as_ref().map(|r| {
                let r = r.value;
                quote! { .report_failures(#r) }
            });
            let failures = numbers(&[
                ("max_retries", &stream.max_retries),
                ("max_age", &stream.max_age),
                ("parallelization", &stream.parallelization),
                ("tumbling_window", &stream.tumbling_window),
            ]);
            let bisect = flag("bisect", &stream.bisect);
            let enabled = flag("enabled", &stream.enabled);
            let on_failure = stream.on_failure.as_ref().map(|target| {
                let target = text(target);
                quote! { .on_failure(#target) }
            });
            let filters = filters(&stream.filters);
            quote! { #p::#constructor(#target) #start #batch #report #filters #bisect #failures #on_failure #enabled }
        }
        Trigger::Sns { topic, .. } => {
            let topic = text(topic);
            quote! { #p::sns(#topic) }
        }
        Trigger::Schedule { expression, timezone, input, flexible_window, .. } => {
            let expression = &expression.value;
            let timezone = timezone.as_ref().map(|z| {
                let z = &z.value;
                quote! { .timezone(#z) }
            });
            let input = input.as_ref().map(|i| {
                let i = json_value(&i.json);
                quote! { .input(#i) }
            });
            let window = numbers(&[("flexible_window", flexible_window)]);
            if timezone.is_some() || input.is_some() || flexible_window.is_some() {
                quote! { #p::scheduled(#expression) #timezone #input #window }
            } else {
                quote! { #p::schedule(#expression) }
            }
        }
        Trigger::Event { bus, pattern, .. } => {
            let pattern = json_value(&pattern.json);
            let bus = bus.as_ref().map(|bus| {
                let bus = text(bus);
                quote! { .bus(#bus) }
            });
            quote! { #p::event(#pattern) #bus }
        }
        Trigger::Url { auth, cors, stream, .. } => {
            let url = match auth {
                Some(auth) => {
                    let auth = &auth.value;
                    quote! { #p::url(#auth) }
                }
                None => quote! { #p::function_url() },
            };
            let cors = cors.as_ref().map(|cors| {
                let cors = cors_builder(cors);
                quote! { .cors(#cors) }
            });
            let stream = stream.as_ref().filter(|s| s.value).map(|_| quote! { .stream() });
            quote! { #url #cors #stream }
        }
    };
    quote! { .trigger(#call.declared_at(::core::file!(), #line)) }
}

/// A JSON value the builders take (`serde_json::Value`), from its text.
fn json_value(json: &lambda_stack_core::json::Json) -> TokenStream {
    let text = json.to_text();
    quote! { ::lambda_stack::__private::json(#text) }
}

fn filters(filters: &[crate::span::Sp<crate::model::json::SpannedJson>]) -> TokenStream {
    let filters = filters.iter().map(|filter| json_value(&filter.json));
    quote! { #(.filter(#filters))* }
}

fn flag(method: &str, value: &Option<crate::span::Sp<bool>>) -> Option<TokenStream> {
    let method = Ident::new(method, Span::call_site());
    value.as_ref().map(|v| {
        let v = v.value;
        quote! { .#method(#v) }
    })
}

fn numbers(values: &[(&str, &Option<crate::span::Sp<u64>>)]) -> TokenStream {
    values
        .iter()
        .filter_map(|(method, value)| {
            let method = Ident::new(method, Span::call_site());
            value.as_ref().map(|v| {
                let v = v.value;
                quote! { .#method(#v) }
            })
        })
        .collect()
}

fn role(role: &Role) -> TokenStream {
    let name = text(&role.name);
    let at = declared_at(&role.name);
    let managed = role.managed.iter().map(|m| {
        let m = &m.value;
        quote! { .managed(#m) }
    });
    let allow = role.allow.iter().map(statement);
    let adopt = adoption(&role.adopt);
    let existing = existing(role.existing.as_ref());
    let boundary = role.boundary.as_ref().map(|b| {
        let b = &b.value;
        quote! { .boundary(#b) }
    });
    quote! {
        .role(::lambda_stack::__private::Role::new(#name) #at #existing #(#managed)* #(.allow(#allow))* #boundary #adopt)
    }
}

fn statement(statement: &Statement) -> TokenStream {
    let plain = statement.actions.iter().filter(|a| !a.wildcard).map(|a| &a.text);
    let wildcards = statement.actions.iter().filter(|a| a.wildcard).map(|a| &a.text);
    let resource = match &statement.resource {
        Resource::Named(name) => {
            let name = text(name);
            quote! { ::lambda_stack::__private::Resource::named(#name) }
        }
        Resource::Sub { target, sub, pattern } => {
            let (target, sub) = (text(target), text(sub));
            let pattern = match pattern {
                Some(p) => {
                    let p = &p.value;
                    quote! { ::core::option::Option::Some(::std::string::String::from(#p)) }
                }
                None => quote! { ::core::option::Option::None },
            };
            quote! { ::lambda_stack::__private::Resource::sub(#target, #sub, #pattern) }
        }
        Resource::Arn(arn) => {
            let arn = &arn.value;
            quote! { ::lambda_stack::__private::Resource::arn(#arn) }
        }
    };
    let line = line(statement.span.start);
    quote! {
        ::lambda_stack::__private::Statement::allow([#(#plain),*] as [&str; _])
            #(.and_wildcard(#wildcards))*
            .on(#resource)
            .declared_at(::core::file!(), #line)
    }
}

fn function(function: &Function, lowered: &decl::Function, code_dir: Option<&str>) -> TokenStream {
    let name = text(&function.name);
    let at = declared_at(&function.name);
    let bind = function.binds_rust().then(|| self::function::bind(function));
    let calls = function_calls(function, lowered, code_dir);
    let adopt = adoption(&function.adopt);
    quote! { .function(::lambda_stack::__private::Function::new(#name) #at #bind #(#calls)* #adopt) }
}

/// The builder calls setting a function's keys (of a `function` block, or of `#[function(...)]`);
/// `lowered` is the function as checked, `code_dir` its code directory under the package.
pub(crate) fn function_calls(
    function: &Function,
    lowered: &decl::Function,
    code_dir: Option<&str>,
) -> Vec<TokenStream> {
    let mut calls = Vec::new();
    if let Some(runtime) = &function.runtime {
        let runtime = &runtime.value;
        calls.push(quote! { .runtime(#runtime) });
    }
    if let Some(handler) = &function.handler {
        let handler = &handler.value;
        calls.push(quote! { .handler(#handler) });
    }
    if let (Some(code), Some(relative)) = (&function.code, code_dir) {
        let as_written = &code.as_written.value;
        let dir = quote! { ::core::concat!(::core::env!("CARGO_MANIFEST_DIR"), "/", #relative) };
        calls.push(quote! { .code(#dir).code_as_written(#as_written) });
    }
    let numbers = [
        ("memory", &function.memory),
        ("timeout", &function.timeout),
        ("ephemeral_storage", &function.ephemeral_storage),
        ("reserved_concurrency", &function.reserved_concurrency),
        ("log_retention", &function.log_retention),
    ];
    for (method, value) in numbers {
        if let Some(value) = value {
            let method = Ident::new(method, Span::call_site());
            let value = value.value;
            calls.push(quote! { .#method(#value) });
        }
    }
    for (key, value) in &function.env {
        let key = &key.value;
        let value = match value {
            EnvValue::Literal(text) => {
                let text = &text.value;
                quote! { #text }
            }
            EnvValue::Param(name) => {
                let name = text(name);
                quote! { ::lambda_stack::__private::EnvValue::param(#name) }
            }
            EnvValue::Ref { target, attribute } => {
                let (target, attribute) = (text(target), text(attribute));
                quote! { ::lambda_stack::__private::Ref::new(#target, #attribute) }
            }
        };
        calls.push(quote! { .env(#key, #value) });
    }
    if let Some(role) = &function.role {
        let role = text(role);
        calls.push(quote! { .role(#role) });
    }
    for allow in &function.allow {
        let statement = statement(allow);
        calls.push(quote! { .allow(#statement) });
    }
    if let Some(arch) = &function.arch {
        let arch = match arch.value {
            Arch::X86_64 => quote! { X86_64 },
            Arch::Arm64 => quote! { Arm64 },
        };
        calls.push(quote! { .arch(::lambda_stack::__private::Arch::#arch) });
    }
    if let Some(tracing) = &function.tracing {
        let tracing = match tracing.value {
            Tracing::Active => quote! { Active },
            Tracing::PassThrough => quote! { PassThrough },
        };
        calls.push(quote! { .tracing(::lambda_stack::__private::Tracing::#tracing) });
    }
    // As lowered: a name of the stack's `layer`s, an ARN, or a param's `${var.NAME}`.
    for layer in &lowered.layers {
        calls.push(quote! { .layer(#layer) });
    }
    if let Some(description) = &lowered.description {
        calls.push(quote! { .description(#description) });
    }
    for (key, value) in &function.tags {
        let (key, value) = (&key.value, &value.value);
        calls.push(quote! { .tag(#key, #value) });
    }
    calls.extend(function.triggers.iter().map(trigger));
    if let Some(vpc) = &function.vpc {
        let vpc = vpc_builder(vpc);
        calls.push(quote! { .vpc(#vpc) });
    }
    if let Some(logs) = &function.logs {
        let setters = [
            ("format", &logs.format),
            ("level", &logs.level),
            ("system_level", &logs.system_level),
            ("group", &logs.group),
        ];
        let setters = setters.into_iter().filter_map(|(setter, value)| {
            let setter = Ident::new(setter, Span::call_site());
            value.as_ref().map(|v| {
                let v = &v.value;
                quote! { .#setter(#v) }
            })
        });
        calls.push(quote! { .logs(::lambda_stack::__private::Logs::new() #(#setters)*) });
    }
    if let Some(dead_letter) = &function.dead_letter {
        let dead_letter = text(dead_letter);
        calls.push(quote! { .dead_letter(#dead_letter) });
    }
    for (setter, target) in [("on_success", &function.on_success), ("on_failure", &function.on_failure)] {
        if let Some(target) = target {
            let (setter, target) = (Ident::new(setter, Span::call_site()), text(target));
            calls.push(quote! { .#setter(#target) });
        }
    }
    for (setter, value) in [("retries", &function.retries), ("max_event_age", &function.max_event_age)] {
        if let Some(value) = value {
            let (setter, value) = (Ident::new(setter, Span::call_site()), value.value);
            calls.push(quote! { .#setter(#value) });
        }
    }
    if let Some(alias) = &function.alias {
        let alias = &alias.value;
        calls.push(quote! { .alias(#alias) });
    }
    if let Some(provisioned) = &function.provisioned {
        let provisioned = provisioned.value;
        calls.push(quote! { .provisioned(#provisioned) });
    }
    if let Some(snap_start) = &function.snap_start {
        let snap_start = snap_start.value;
        calls.push(quote! { .snap_start(#snap_start) });
    }
    if let Some(recursion) = lowered.recursion.as_ref().and_then(|r| r.value()) {
        let recursion = match recursion {
            decl::Recursion::Allow => quote! { Allow },
            decl::Recursion::Terminate => quote! { Terminate },
        };
        calls.push(quote! { .recursion(::lambda_stack::__private::Recursion::#recursion) });
    }
    if let Some(build) = lowered.build.as_ref().and_then(|b| b.value()) {
        let build = match build {
            decl::Build::Go => quote! { Go },
            decl::Build::Maven => quote! { Maven },
        };
        calls.push(quote! { .build(::lambda_stack::__private::Build::#build) });
    }
    if let Some(bundle) = lowered.bundle.as_ref().and_then(|b| b.value()) {
        let bundle = match bundle {
            decl::Bundle::Esbuild => quote! { Esbuild },
        };
        calls.push(quote! { .bundle(::lambda_stack::__private::Bundle::#bundle) });
    }
    if lowered.source_map {
        calls.push(quote! { .source_map(true) });
    }
    calls.extend(kms(&function.kms));
    for pattern in &function.exclude {
        let pattern = &pattern.value;
        calls.push(quote! { .exclude(#pattern) });
    }
    calls
}

/// What the macro expands to when the input has errors: the stack functions, so code that calls
/// them does not add errors of its own, beside the `compile_error!`s.
pub fn fallback(input: &parse::Input) -> TokenStream {
    input
        .stacks
        .iter()
        .map(|stack| {
            let name = &stack.name;
            quote! {
                #[allow(unreachable_code, clippy::all)]
                pub fn #name() -> ::lambda_stack::__private::Stack {
                    ::core::unreachable!("the stack did not compile")
                }
            }
        })
        .collect()
}

/// The builder of an `auth:` the checker accepted: its form's constructor, then the optional
/// arguments written.
fn auth_builder(auth: &crate::model::auth::Auth) -> TokenStream {
    use lambda_stack_core::decl::AuthArg;
    let a = quote! { ::lambda_stack::__private::Auth };
    let texts = |items: &[crate::span::Sp<String>]| items.iter().map(|i| i.value.clone()).collect::<Vec<_>>();
    let constructor = match auth.kind.value.as_str() {
        "jwt" => {
            let issuer = auth.issuer.as_ref().map(|i| i.value.clone()).unwrap_or_default();
            let audience = auth.audience.as_ref().map(|(_, items)| texts(items)).unwrap_or_default();
            quote! { #a::jwt(#issuer, [#(#audience),*]) }
        }
        "lambda" => {
            let function = auth.function.as_ref().map(|f| f.value.clone()).unwrap_or_default();
            quote! { #a::lambda(#function) }
        }
        "cognito" => {
            let pools = texts(&auth.pools);
            quote! { #a::cognito([#(#pools),*]) }
        }
        "iam" => quote! { #a::iam() },
        _ => quote! { #a::none() },
    };
    let optional = auth.written.iter().filter_map(|(arg, _)| match arg {
        AuthArg::Scopes => {
            let scopes = texts(&auth.scopes);
            Some(quote! { .scopes([#(#scopes),*]) })
        }
        AuthArg::Identity => {
            let sources = texts(&auth.identity);
            Some(quote! { .identity([#(#sources),*]) })
        }
        AuthArg::Cache => auth.cache.as_ref().map(|c| {
            let c = c.value;
            quote! { .cache(#c) }
        }),
        _ => None,
    });
    quote! { #constructor #(#optional)* }
}

/// `.throttle(rate, burst)` of an API's `throttle: { rate, burst }`.
fn throttle_call(rate: &Option<crate::span::Sp<u64>>, burst: &Option<crate::span::Sp<u64>>) -> TokenStream {
    let option = |v: &Option<crate::span::Sp<u64>>| match v {
        Some(v) => {
            let v = v.value;
            quote! { ::core::option::Option::Some(#v) }
        }
        None => quote! { ::core::option::Option::None },
    };
    let (rate, burst) = (option(rate), option(burst));
    quote! { .throttle(#rate, #burst) }
}
