//! `#[function]` and its binding in `lambda_stack!`.
//!
//! The attribute keeps the `async fn` as written and adds a hidden braced struct of the same name
//! (a braced struct lives in the type namespace only, so it and the function coexist, and a `use`
//! of the name brings both) implementing `RustFunction`. A `function NAME {}` binding names that
//! type: a name with no `#[function]` is rustc's "cannot find type" on the user's token. The
//! compile-time checks that need both sides (event type against triggers, keys set twice,
//! references the attribute makes) are `const`s and trait bounds spanned on the offending tokens.

use proc_macro2::{Span, TokenStream};
use quote::{quote, quote_spanned};
use syn::Ident;

use super::{function_calls, text};
use crate::check::function::CheckedFn;
use crate::check::Binding;
use crate::model::function::RustFn;
use crate::model::{Function, Stack, Trigger};

const P: &str = "::lambda_stack::__private::rust";

fn private() -> TokenStream {
    P.parse().expect("a path")
}

/// The private path with every token at `span`, so an error in what it names points there.
fn private_at(span: Span) -> TokenStream {
    private()
        .into_iter()
        .map(|mut token| {
            token.set_span(span);
            token
        })
        .collect()
}

/// The name the stack's checks and builder use for the `#[function]` it binds: an alias of the
/// user's name, so that a name with no `#[function]` is one error, on that name.
fn bound_alias(function: &Function) -> Ident {
    quote::format_ident!("__lambda_stack_rust_{}", text(&function.name))
}

/// The checked `#[function]`: the function as written, and its companion.
pub fn rust_fn(function: &RustFn, checked: &CheckedFn, attribute: Span) -> TokenStream {
    let item = &function.item;
    let p = private();
    let ident = &item.sig.ident;
    let vis = &item.vis;
    let name = text(ident);
    let config = &function.config;
    let event = function.event.as_ref().expect("checked: the signature has a `LambdaEvent<E>`");
    let keys = config.written.iter().map(|key| key.name());
    let references = checked.references.iter().map(|r| {
        let (name, missing, wrong_kind) = (&r.name, &r.missing, &r.wrong_kind);
        let kinds = r.kinds.iter().map(|kind| Ident::new(&format!("{kind:?}"), Span::call_site()));
        quote! { #p::Reference { name: #name, kinds: &[#(#p::Kind::#kinds),*], missing: #missing, wrong_kind: #wrong_kind } }
    });
    let timeout = match &config.timeout {
        Some(timeout) => {
            let timeout = timeout.value;
            quote! { ::core::option::Option::Some(#timeout) }
        }
        None => quote! { ::core::option::Option::None },
    };
    let queues = checked.decl.sqs_queues();
    let calls = function_calls(config, &checked.decl, None);
    let event_checks = config.triggers.iter().map(|trigger| event_check(ident, trigger));
    let warnings = checked.warnings.iter().map(|(span, message)| super::warning(*span, message));
    let output = match &item.sig.output {
        syn::ReturnType::Type(_, ty) => syn::spanned::Spanned::span(&**ty),
        syn::ReturnType::Default => ident.span(),
    };
    let at_output = private_at(output);
    let serve = quote_spanned! {output=>
        #at_output::block_on(#p::lambda_runtime::run(#p::service_fn(#ident)))
    };
    let require_feature = quote_spanned! {attribute=> ::lambda_stack::__with_rust_feature! };
    let detail_fields = detail_type(event).map(|detail| {
        quote! {
            fn detail_fields() -> ::core::option::Option<(&'static str, ::std::vec::Vec<&'static str>)> {
                #p::detail_fields::<#detail>()
            }
        }
    });
    quote! {
        #item

        #require_feature {
            #[doc(hidden)]
            #[allow(non_camel_case_types, dead_code)]
            #vis struct #ident {}

            impl #p::RustFunction for #ident {
                const NAME: &'static str = #name;
                const KEYS: &'static [&'static str] = &[#(#keys),*];
                const REFERENCES: &'static [#p::Reference] = &[#(#references),*];
                const TIMEOUT: ::core::option::Option<u64> = #timeout;
                const SQS_QUEUES: &'static [&'static str] = &[#(#queues),*];
                type Event = #event;
                fn configure(function: ::lambda_stack::__private::Function) -> ::lambda_stack::__private::Function {
                    function #(#calls)*
                }
                fn serve() -> ::core::result::Result<(), #p::Error> {
                    #serve
                }
                #detail_fields
            }

            #[allow(dead_code, clippy::all)]
            const _: () = {
                fn checks() {
                    #(#warnings)*
                    #(#event_checks)*
                }
            };
        }
    }
}

/// `T` of an `EventBridgeEvent<T>` (or `CloudWatchEvent<T>`) event, as written: the type whose
/// fields `event(..)` patterns on `detail` may name.
fn detail_type(event: &syn::Type) -> Option<&syn::Type> {
    let syn::Type::Path(path) = event else { return None };
    let last = path.path.segments.last()?;
    if last.ident != "EventBridgeEvent" && last.ident != "CloudWatchEvent" {
        return None;
    }
    let syn::PathArguments::AngleBracketed(args) = &last.arguments else { return None };
    match args.args.first()? {
        syn::GenericArgument::Type(detail) => Some(detail),
        _ => None,
    }
}

/// `E` of `F`'s `LambdaEvent<E>` is an event `trigger` sends; the error is on the trigger.
fn event_check(function: &Ident, trigger: &Trigger) -> TokenStream {
    let p = private_at(trigger.span());
    // A Scheduler schedule sends its `input` (or `{}`) as the event itself: any type that reads it.
    let scheduler = match trigger {
        Trigger::Schedule { expression, timezone, input, flexible_window, .. } => {
            timezone.is_some()
                || input.is_some()
                || flexible_window.is_some()
                || lambda_stack_core::rules::scheduler::is_at(&expression.value)
        }
        _ => false,
    };
    let kind = Ident::new(if scheduler { "scheduler" } else { trigger.kind().keyword() }, Span::call_site());
    quote_spanned! {trigger.span()=>
        let _ = #p::sent_by::#kind::<<#function as #p::RustFunction>::Event>;
    }
}

/// `.rust::<NAME>(binary)`: binds the `#[function]` named like the block, served by the binary
/// being compiled.
pub fn bind(function: &Function) -> TokenStream {
    let p = private();
    let ident = bound_alias(function);
    let rust = quote_spanned! {function.name.span()=> .rust::<#ident> };
    quote! {
        #rust(#p::Binary::new(
            ::core::env!("CARGO_MANIFEST_DIR"),
            ::core::env!("CARGO_PKG_NAME"),
            ::core::file!(),
            ::core::option_env!("CARGO_BIN_NAME"),
        ))
    }
}

/// The compile-time checks of a binding that need both the stack and the attribute, as `check`
/// decided them.
pub fn binding_checks(stack: &Stack, binding: &Binding) -> TokenStream {
    let function = &stack.functions[binding.function];
    let user = &function.name;
    let ident = &bound_alias(function);
    let mut checks = vec![quote! { #[allow(non_camel_case_types)] type #ident = #user; }];
    for (key, span, message) in &binding.keys {
        let key = key.name();
        let p = private_at(*span);
        checks.push(quote_spanned! {*span=> const _: () = #p::check_key_once::<#ident>(#key, #message); });
    }
    let p = private_at(user.span());
    let declared = binding.declared.iter().map(|(declared, kind)| {
        let kind = Ident::new(&format!("{kind:?}"), Span::call_site());
        quote! { (#declared, #p::Kind::#kind) }
    });
    checks.push(quote_spanned! {user.span()=> const _: () = #p::check_references::<#ident>(&[#(#declared),*]); });
    for check in &binding.visibility {
        let (queue, visibility, from_block, message) =
            (&check.queue, check.visibility, check.from_block, &check.message);
        let block_timeout = match check.block_timeout {
            Some(t) => quote! { ::core::option::Option::Some(#t) },
            None => quote! { ::core::option::Option::None },
        };
        checks.push(quote_spanned! {user.span()=>
            const _: () = #p::check_visibility::<#ident>(#queue, #visibility, #block_timeout, #from_block, #message);
        });
    }
    let events = function.triggers.iter().map(|trigger| event_check(ident, trigger));
    let name = function.name.to_string();
    // One check, on the first route naming it: a wrong event type is one mistake.
    let authorizes = authorizer_uses(stack, &name).next().map(|span| {
        let p = private_at(span);
        quote_spanned! {span=>
            let _ = #p::sent_by::http_authorizer::<<#ident as #p::RustFunction>::Event>;
        }
    });
    quote! {
        #(#checks)*
        #(#events)*
        #authorizes
    }
}

/// Where a route of the stack, or the `api`'s default, names `function` in `auth: lambda(..)`.
fn authorizer_uses<'a>(stack: &'a Stack, function: &'a str) -> impl Iterator<Item = Span> + 'a {
    let routes = stack.functions.iter().flat_map(|f| &f.triggers).filter_map(|t| match t {
        Trigger::Http { auth, .. } => auth.as_deref(),
        _ => None,
    });
    let default = stack.api.as_ref().and_then(|api| api.auth.as_ref());
    routes
        .chain(default)
        .filter_map(move |auth| auth.function.as_ref().filter(|f| f.value == function && auth.kind.value == "lambda"))
        .map(|f| f.span.start)
}
