//! Syntax of `#[function(key = value, ...)]`: the same values as a `function` block, written as
//! attribute arguments.

use proc_macro2::Span;
use syn::ext::IdentExt as _;
use syn::parse::{Parse, ParseStream};
use syn::{token, Ident, Token};

use super::value::parse_separated;
use super::{Body, Entry, Field, Value};

/// The arguments of `#[function(...)]`, as the entries of a block.
pub struct FunctionArgs {
    pub body: Body,
    /// Syntax errors recovered from while parsing.
    pub errors: Vec<syn::Error>,
}

impl Parse for FunctionArgs {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let mut errors = Vec::new();
        let fields = parse_separated(input, &mut errors, "`#[function]` arguments", parse_arg);
        let entries = fields.into_iter().map(Entry::Field).collect();
        let body = Body { brace: token::Brace(Span::call_site()), entries };
        Ok(FunctionArgs { body, errors })
    }
}

/// `key = value`; `key: value` is read too, with an error saying how attributes are written.
fn parse_arg(input: ParseStream, errors: &mut Vec<syn::Error>) -> syn::Result<Field> {
    let key = Ident::parse_any(input).map_err(|e| syn::Error::new(e.span(), "expected `key = value`"))?;
    if input.peek(Token![:]) && !input.peek(Token![::]) {
        let colon: Token![:] = input.parse()?;
        errors.push(syn::Error::new(colon.span, format!("write `{key} = ...` in `#[function(...)]`")));
    } else {
        input.parse::<Token![=]>().map_err(|e| syn::Error::new(e.span(), format!("expected `=` after `{key}`")))?;
    }
    let value = Value::parse_field_value(input, errors)?;
    Ok(Field { key, value })
}
