//! Model → builder calls. Nothing here validates: the model has passed `check`.
//!
//! The expansion is what a user could write by hand against `lambda_stack::__private` (the same
//! builders as the public API): a function named after the stack returning its `Stack`.

use proc_macro2::{Span, TokenStream};
use quote::{quote, quote_spanned};
use syn::ext::IdentExt;
use syn::Ident;

use crate::callsite::CallSite;
use crate::check::Checked;
use crate::model::{Arch, Backend, Bucket, EnvValue, Function, Resource, Role, Stack, Statement, Tracing, Trigger};
use crate::parse;

fn text(ident: &Ident) -> String {
    ident.unraw().to_string()
}

fn line(span: Span) -> u32 {
    u32::try_from(span.start().line).unwrap_or(0)
}

/// `fn NAME() -> Stack { ... }` for one checked stack.
pub fn stack(stack: &Stack, checked: &Checked, site: &CallSite) -> TokenStream {
    let fn_name = &stack.name;
    let name = text(&stack.name);
    let docs = &stack.docs;
    let line = line(stack.name.span());
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
    let buckets = stack.buckets.iter().map(bucket);
    let roles = stack.roles.iter().map(role);
    let functions = stack.functions.iter().map(|f| function(f, site));
    quote! {
        #(#docs)*
        #[allow(clippy::all, clippy::pedantic)]
        pub fn #fn_name() -> ::lambda_stack::__private::Stack {
            #(#tracked)*
            #(#warnings)*
            ::lambda_stack::__private::Stack::new(#name)
                .declared_at(::core::file!(), #line)
                #region
                #(#tags)*
                #backend
                #(#buckets)*
                #(#roles)*
                #(#functions)*
        }
    }
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
    quote! { .bucket(::lambda_stack::__private::Bucket::new(#name) #at #existing) }
}

fn role(role: &Role) -> TokenStream {
    let name = text(&role.name);
    let at = declared_at(&role.name);
    let managed = role.managed.iter().map(|m| {
        let m = &m.value;
        quote! { .managed(#m) }
    });
    let allow = role.allow.iter().map(statement);
    quote! {
        .role(::lambda_stack::__private::Role::new(#name) #at #(#managed)* #(.allow(#allow))*)
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

fn function(function: &Function, site: &CallSite) -> TokenStream {
    let name = text(&function.name);
    let at = declared_at(&function.name);
    let mut calls = Vec::new();
    if let Some(runtime) = &function.runtime {
        let runtime = &runtime.value;
        calls.push(quote! { .runtime(#runtime) });
    }
    if let Some(handler) = &function.handler {
        let handler = &handler.value;
        calls.push(quote! { .handler(#handler) });
    }
    if let Some(code) = &function.code {
        let as_written = &code.as_written.value;
        let path = code.resolved.as_deref().and_then(|dir| site.relative_to_manifest(dir));
        let dir = match path {
            Some(relative) => quote! { ::core::concat!(::core::env!("CARGO_MANIFEST_DIR"), "/", #relative) },
            None => {
                let absolute = code.resolved.as_deref().map(|d| d.to_string_lossy().into_owned()).unwrap_or_default();
                quote! { #absolute }
            }
        };
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
    for layer in &function.layers {
        let layer = &layer.value;
        calls.push(quote! { .layer(#layer) });
    }
    let description = function.description.as_ref().map(|d| d.value.clone()).or_else(|| {
        function
            .description_from_docs
            .clone()
            .filter(|d| lambda_stack_runtime::rules::limits::check_description(d).is_ok())
    });
    if let Some(description) = description {
        calls.push(quote! { .description(#description) });
    }
    for (key, value) in &function.tags {
        let (key, value) = (&key.value, &value.value);
        calls.push(quote! { .tag(#key, #value) });
    }
    for trigger in &function.triggers {
        let Trigger::Http { method, path } = trigger;
        let line = line(method.span.start);
        let (method, path) = (&method.value, &path.value);
        calls.push(quote! {
            .trigger(::lambda_stack::__private::Trigger::http(#method, #path).declared_at(::core::file!(), #line))
        });
    }
    for pattern in &function.exclude {
        let pattern = &pattern.value;
        calls.push(quote! { .exclude(#pattern) });
    }
    quote! { .function(::lambda_stack::__private::Function::new(#name) #at #(#calls)*) }
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
