//! `#[function(...)]` on an `async fn NAME(event: LambdaEvent<E>) -> Result<R, Error>`: the
//! function's signature, and its keys as a [`Function`] (what a `function` block would say).

use lambda_stack_core::keys;
use lambda_stack_core::rules::rust::implied_key;
use syn::spanned::Spanned;
use syn::{FnArg, GenericArgument, ItemFn, PathArguments, ReturnType, Type};

use super::Function;
use crate::callsite::CallSite;
use crate::errors::Errors;
use crate::parse::function::FunctionArgs;
use crate::parse::{Body, Entry};

/// A Rust function: the item as written, the type of its event, and its keys.
pub struct RustFn {
    pub item: ItemFn,
    /// `E` in `LambdaEvent<E>`, when the signature has one.
    pub event: Option<Type>,
    pub config: Function,
}

impl RustFn {
    pub fn from_ast(args: &FunctionArgs, item: ItemFn, site: &CallSite, errors: &mut Errors) -> RustFn {
        for error in &args.errors {
            errors.push(error.clone());
        }
        let body = without_implied_keys(&args.body, errors);
        let what = format!("`#[function]` `{}`", item.sig.ident);
        let config =
            Function::from_body(&item.sig.ident, &item.attrs, &body, &what, &keys::attribute_keys(), site, errors);
        let event = signature(&item, errors);
        RustFn { item, event, config }
    }
}

/// The arguments less `runtime`, `handler`, `code` and `exclude`, each reported: a Rust function
/// implies them.
fn without_implied_keys(body: &Body, errors: &mut Errors) -> Body {
    let mut entries = Vec::new();
    for entry in &body.entries {
        if let Entry::Field(field) = entry {
            let key = field.key.to_string();
            if let Some(why) = implied_key(&key) {
                errors.at(field.key.span(), format!("`#[function]` takes no `{key}`: {why}"));
                continue;
            }
            entries.push(entry.clone());
        }
    }
    Body { brace: body.brace, entries }
}

/// The signature is `async fn NAME(event: LambdaEvent<E>) -> Result<R, Error>`: returns `E`.
fn signature(item: &ItemFn, errors: &mut Errors) -> Option<Type> {
    let sig = &item.sig;
    let name = &sig.ident;
    if sig.asyncness.is_none() {
        errors.at(sig.fn_token.span, format!("a `#[function]` is an `async fn`: write `async fn {name}`"));
    }
    if let Some(constness) = &sig.constness {
        errors.at(constness.span, "a `#[function]` cannot be `const`");
    }
    if let syn::Safety::Unsafe(unsafety) = &sig.safety {
        errors.at(unsafety.span, "a `#[function]` cannot be `unsafe`: the Lambda runtime calls it");
    }
    if let Some(abi) = &sig.abi {
        errors.at(abi.extern_token.span, "a `#[function]` cannot be `extern`: the Lambda runtime calls it");
    }
    if !sig.generics.params.is_empty() || sig.generics.where_clause.is_some() {
        errors.at(
            crate::span::Range::new(sig.generics.span(), sig.generics.span()),
            "a `#[function]` cannot be generic: Lambda calls it with one event type",
        );
    }
    check_return(sig, errors);
    let mut inputs = sig.inputs.iter();
    let event = match inputs.next() {
        None => {
            errors.at(
                sig.paren_token.span.join(),
                format!("a `#[function]` takes one argument, the event: `{name}(event: LambdaEvent<E>)`"),
            );
            None
        }
        Some(FnArg::Receiver(receiver)) => {
            errors.at(receiver.span(), "a `#[function]` is a free function: it takes no `self`");
            None
        }
        Some(FnArg::Typed(arg)) => lambda_event(&arg.ty, errors),
    };
    if let Some(extra) = inputs.next() {
        errors.at(
            extra.span(),
            "a `#[function]` takes one argument, `event: LambdaEvent<E>`; the invocation's context is `event.context`",
        );
    }
    if let Some(variadic) = &sig.variadic {
        errors.at(variadic.span(), "a `#[function]` takes one argument, `event: LambdaEvent<E>`");
    }
    event
}

/// `LambdaEvent<E>` → `E`.
fn lambda_event(ty: &Type, errors: &mut Errors) -> Option<Type> {
    if let Type::Path(path) = ty {
        if let Some(last) = path.path.segments.last() {
            if last.ident == "LambdaEvent" {
                if let PathArguments::AngleBracketed(args) = &last.arguments {
                    if let [GenericArgument::Type(event)] = args.args.iter().collect::<Vec<_>>().as_slice() {
                        return Some(event.clone());
                    }
                }
                errors.at(
                    ty.span(),
                    "expected `LambdaEvent<E>`, with `E` the event type, such as `LambdaEvent<SqsEvent>`",
                );
                return None;
            }
        }
    }
    errors.at(
        ty.span(),
        format!("a `#[function]`'s argument is `LambdaEvent<E>`, the event and its context, found `{}`", type_text(ty)),
    );
    None
}

/// The return type is `Result<R, E>`.
fn check_return(sig: &syn::Signature, errors: &mut Errors) {
    let found = match &sig.output {
        ReturnType::Default => {
            errors.at(
                sig.paren_token.span.close(),
                format!("a `#[function]` returns `Result<R, Error>`: add `-> Result<R, Error>` to `{}`", sig.ident),
            );
            return;
        }
        ReturnType::Type(_, ty) => ty,
    };
    let is_result = match &**found {
        Type::Path(path) => path.path.segments.last().is_some_and(|last| {
            last.ident == "Result"
                && matches!(&last.arguments, PathArguments::AngleBracketed(args) if args.args.len() == 2)
        }),
        _ => false,
    };
    if !is_result {
        errors.at(
            found.span(),
            format!(
                "a `#[function]` returns `Result<R, Error>`, the response or the error Lambda reports, found `{}`",
                type_text(found)
            ),
        );
    }
}

/// A type as written, without the spaces between tokens: `serde_json::Value`, `Vec<u8>`.
fn type_text(ty: &Type) -> String {
    let text = quote::ToTokens::to_token_stream(ty).to_string();
    text.replace(" :: ", "::")
        .replace(":: ", "::")
        .replace(" < ", "<")
        .replace(" <", "<")
        .replace(" >", ">")
        .replace(" ,", ",")
}
