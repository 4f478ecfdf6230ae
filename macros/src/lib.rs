//! The `lambda_stack!` macro. Users reach it through the `lambda-stack` crate, whose docs describe
//! the language; this crate parses, checks and expands it.
//!
//! Only this file touches `proc_macro`; the phases run on `proc_macro2`: `parse` (syntax) →
//! `model` (typed, with spans) → `check` (the core's one checker, findings put on spans) →
//! `expand`, which runs only when nothing before it found an error.

mod callsite;
mod check;
mod errors;
mod expand;
mod model;
mod parse;
mod span;
#[cfg(test)]
mod tests;

use proc_macro::TokenStream;

/// Declares one or more Lambda stacks; see the `lambda-stack` crate for the language.
#[proc_macro]
pub fn lambda_stack(input: TokenStream) -> TokenStream {
    let input = syn::parse_macro_input!(input as parse::Input);
    let site = callsite::CallSite::new(proc_macro::Span::call_site().local_file());
    lambda_stack_impl(input, &site).into()
}

/// Turns an `async fn NAME(event: LambdaEvent<E>) -> Result<R, Error>` into a Lambda function
/// written in Rust; see the `lambda-stack` crate.
#[proc_macro_attribute]
pub fn function(args: TokenStream, item: TokenStream) -> TokenStream {
    let args = syn::parse_macro_input!(args as parse::function::FunctionArgs);
    let site = callsite::CallSite::new(proc_macro::Span::call_site().local_file());
    function_impl(args, item.into(), &site).into()
}

/// Model, check and expand a `#[function]`; on any error, the errors beside the function as written.
fn function_impl(
    args: parse::function::FunctionArgs,
    item: proc_macro2::TokenStream,
    site: &callsite::CallSite,
) -> proc_macro2::TokenStream {
    let attribute = proc_macro2::Span::call_site();
    let item: syn::ItemFn = match syn::parse2(item.clone()) {
        Ok(item) => item,
        Err(_) => {
            let error = syn::Error::new(
                attribute,
                "`#[function]` goes on an `async fn NAME(event: LambdaEvent<E>) -> Result<R, Error>`",
            );
            let mut output = item;
            output.extend(error.into_compile_error());
            return output;
        }
    };
    let mut errors = errors::Errors::new();
    let function = model::function::RustFn::from_ast(&args, item, site, &mut errors);
    let checked = check::function::check_rust_fn(&function, &mut errors);
    if errors.is_empty() {
        expand::function::rust_fn(&function, &checked, attribute)
    } else {
        let mut output = quote::ToTokens::into_token_stream(function.item);
        output.extend(errors.into_compile_errors());
        output
    }
}

/// `lambda_stack!` from its input tokens to its output, as the compiler runs it: for the property
/// tests and the fuzz driver, which call it outside a compiler.
#[cfg(test)]
fn expand_tokens(tokens: proc_macro2::TokenStream, site: &callsite::CallSite) -> proc_macro2::TokenStream {
    match syn::parse2::<parse::Input>(tokens) {
        Ok(input) => lambda_stack_impl(input, site),
        Err(error) => error.into_compile_error(),
    }
}

/// Model, check and expand every stack of the input; on any error, the errors and a fallback.
fn lambda_stack_impl(input: parse::Input, site: &callsite::CallSite) -> proc_macro2::TokenStream {
    let mut errors = errors::Errors::new();
    for error in &input.errors {
        errors.push(error.clone());
    }
    // Per stack, one model per stage (one without `stages`), each checked as a stack of its own.
    let checked: Vec<Vec<(model::Stack, check::Checked)>> = input
        .stacks
        .iter()
        .map(|decl| {
            model::stages::per_stage(decl, &mut errors)
                .into_iter()
                .map(|(stage, decl)| {
                    let stack = model::Stack::from_ast(&decl, stage, site, &mut errors);
                    let checked = check::check(&stack, site, &mut errors);
                    (stack, checked)
                })
                .collect()
        })
        .collect();
    if errors.is_empty() {
        checked.iter().map(|stages| expand::stack(stages)).collect()
    } else {
        let mut output = expand::fallback(&input);
        output.extend(errors.into_compile_errors());
        output
    }
}
