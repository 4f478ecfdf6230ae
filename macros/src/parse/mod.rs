//! Syntax only: `lambda_stack! { stack NAME { ... } }` into a tree of entries and values.
//!
//! Nothing here knows which keys exist or what they mean; that is `model`'s job. A malformed
//! entry is recorded and skipped up to the next comma, so one invocation reports every mistake.

pub mod function;
pub mod value;

pub use value::{Arg, MapKey, Value};

use proc_macro2::{Span, TokenTree};
use syn::parse::{Parse, ParseStream};
use syn::{braced, token, Attribute, Ident, Token};

/// The whole macro input: one or more stacks.
pub struct Input {
    pub stacks: Vec<StackDecl>,
    /// Syntax errors recovered from while parsing.
    pub errors: Vec<syn::Error>,
}

/// `/// docs` `stack NAME { ... }`
#[derive(Clone)]
pub struct StackDecl {
    pub attrs: Vec<Attribute>,
    pub name: Ident,
    pub body: Body,
}

/// The inside of `{ ... }`: fields and nested blocks.
#[derive(Clone)]
pub struct Body {
    pub brace: token::Brace,
    pub entries: Vec<Entry>,
}

#[derive(Clone)]
pub enum Entry {
    /// `key: value`
    Field(Field),
    /// `/// docs` `kind name { ... }`
    Block(Block),
}

#[derive(Clone)]
pub struct Field {
    pub key: Ident,
    pub value: Value,
}

#[derive(Clone)]
pub struct Block {
    pub attrs: Vec<Attribute>,
    pub kind: Ident,
    /// The kind itself for a block written without a name (`api { .. }`).
    pub name: Ident,
    pub nameless: bool,
    pub body: Body,
}

impl Parse for Input {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        // Past the last token syn reports "unexpected end of input" at the call site, which
        // underlines the whole macro call; the last token is where the input stops short.
        let last = input.fork().parse::<proc_macro2::TokenStream>()?.into_iter().last().map(|token| token.span());
        parse_input(input).map_err(|error| match last {
            Some(last) if input.is_empty() && error.to_string().starts_with("unexpected end of input") => {
                syn::Error::new(last, error)
            }
            _ => error,
        })
    }
}

fn parse_input(input: ParseStream) -> syn::Result<Input> {
    let mut stacks = Vec::new();
    let mut errors = Vec::new();
    while !input.is_empty() {
        let attrs = input.call(Attribute::parse_outer)?;
        let keyword: Ident = input.parse()?;
        if keyword != "stack" {
            return Err(syn::Error::new(keyword.span(), format!("expected `stack NAME {{ ... }}`, found `{keyword}`")));
        }
        let name: Ident = input.parse()?;
        let body = parse_body(input, &mut errors)?;
        stacks.push(StackDecl { attrs, name, body });
        let _ = input.parse::<Option<Token![,]>>()?;
    }
    if stacks.is_empty() {
        return Err(syn::Error::new(Span::call_site(), "expected at least one `stack NAME { ... }`"));
    }
    Ok(Input { stacks, errors })
}

/// Parses `{ entries }`, recovering from a malformed entry by skipping to the next comma.
pub(crate) fn parse_body(input: ParseStream, errors: &mut Vec<syn::Error>) -> syn::Result<Body> {
    let _depth = value::Depth::enter(input)?;
    let content;
    let brace = braced!(content in input);
    let mut entries = Vec::new();
    while !content.is_empty() {
        match parse_entry(&content, errors) {
            Ok(entry) => {
                let is_block = matches!(entry, Entry::Block(_));
                entries.push(entry);
                if content.is_empty() {
                    break;
                }
                if content.peek(Token![,]) {
                    content.parse::<Token![,]>()?;
                } else if !is_block {
                    errors.push(content.error(format!("expected `,` between entries, found {}", next_token(&content))));
                    skip_to_comma(&content);
                }
            }
            Err(error) => {
                errors.push(error);
                skip_to_comma(&content);
            }
        }
    }
    Ok(Body { brace, entries })
}

fn parse_entry(input: ParseStream, errors: &mut Vec<syn::Error>) -> syn::Result<Entry> {
    let attrs = input.call(Attribute::parse_outer)?;
    // Keys may be Rust keywords (`type:` of a `param`): any identifier is read, and the block's
    // key list decides.
    let first: Ident = input
        .call(syn::ext::IdentExt::parse_any)
        .map_err(|e| syn::Error::new(e.span(), "expected `key: value` or `kind name { ... }`"))?;
    if attrs.is_empty() && input.peek(Token![:]) && !input.peek(Token![::]) {
        input.parse::<Token![:]>()?;
        let value = Value::parse_field_value(input, errors)?;
        return Ok(Entry::Field(Field { key: first, value }));
    }
    if input.peek(syn::Ident) {
        let name: Ident = input.parse()?;
        if input.peek(token::Brace) {
            let body = parse_body(input, errors)?;
            return Ok(Entry::Block(Block { attrs, kind: first, name, nameless: false, body }));
        }
        return Err(input.error(format!("expected `{{` to open `{first} {name}`")));
    }
    if input.peek(token::Brace) {
        let body = parse_body(input, errors)?;
        return Ok(Entry::Block(Block { attrs, name: first.clone(), kind: first, nameless: true, body }));
    }
    Err(syn::Error::new(first.span(), format!("expected `{first}: value` or `{first} NAME {{ ... }}`")))
}

/// The next token, for "found X" in messages: `timeout`, or a group by its opening delimiter.
pub(crate) fn next_token(input: ParseStream) -> String {
    match input.fork().parse::<TokenTree>() {
        Ok(TokenTree::Group(group)) => match group.delimiter() {
            proc_macro2::Delimiter::Brace => "`{`".into(),
            proc_macro2::Delimiter::Bracket => "`[`".into(),
            proc_macro2::Delimiter::Parenthesis => "`(`".into(),
            proc_macro2::Delimiter::None => "a group".into(),
        },
        Ok(token) => format!("`{token}`"),
        Err(_) => "the end".into(),
    }
}

/// Skips tokens up to and including the next top-level comma: groups are single tokens, so a
/// comma inside `[...]` or `{...}` does not stop it.
pub(crate) fn skip_to_comma(input: ParseStream) {
    while !input.is_empty() {
        if input.peek(Token![,]) {
            let _ = input.parse::<Token![,]>();
            return;
        }
        let _ = input.parse::<TokenTree>();
    }
}
