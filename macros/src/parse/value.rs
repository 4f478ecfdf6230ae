//! Values: literals, names and dotted references, calls, lists, maps, blocks, IAM actions and
//! statements.
//!
//! ```text
//! "text"  256  true                         literals
//! python3.12  reports.name  nodejs22.x      dotted names
//! http(GET "/hello")  reports.objects("in/*")  s3(reports, on: created)   calls
//! [a, b]  { KEY: value }  s3 { bucket: "x" }                              lists, maps, blocks
//! s3:GetObject on reports.objects   [s3:GetObject, s3:PutObject] on x      IAM statements
//! wildcard(s3:Get*)                                                        opted-in wildcards
//! ```

use proc_macro2::{Span, TokenStream};
use quote::ToTokens;
use syn::parse::{Parse, ParseStream};
use syn::spanned::Spanned;
use syn::{bracketed, parenthesized, token, Ident, LitBool, LitInt, LitStr, Token};

use super::{next_token, parse_body, skip_to_comma, Body};
use crate::span::Range;

#[derive(Clone)]
pub enum Value {
    Str(LitStr),
    Int(LitInt),
    Bool(LitBool),
    /// `python3.12`, `reports.name`, `AWSLambdaBasicExecutionRole`: parts joined by dots.
    Path(Vec<PathPart>),
    /// `http(GET "/hello")`
    Call {
        path: Vec<PathPart>,
        paren: token::Paren,
        args: Vec<Arg>,
    },
    /// `s3 { bucket: "..." }`
    Block {
        name: Ident,
        body: Body,
    },
    List {
        bracket: token::Bracket,
        items: Vec<Value>,
    },
    Map {
        brace: token::Brace,
        entries: Vec<(MapKey, Value)>,
    },
    /// `s3:GetObject`
    Action(ActionLit),
    /// `wildcard(s3:Get*, ...)`
    Wildcard {
        keyword: Ident,
        actions: Vec<ActionLit>,
    },
    /// `ACTIONS on RESOURCE`
    Statement {
        actions: Box<Value>,
        resource: Box<Value>,
    },
    /// Anything else, kept so that model can point at it.
    Other(TokenStream),
}

/// One part of a dotted name: `python3`, `12`, `x`.
#[derive(Clone)]
pub enum PathPart {
    Ident(Ident),
    Int(LitInt),
}

impl PathPart {
    pub fn text(&self) -> String {
        match self {
            PathPart::Ident(ident) => ident.to_string(),
            PathPart::Int(int) => int.to_string(),
        }
    }

    pub fn span(&self) -> Span {
        match self {
            PathPart::Ident(ident) => ident.span(),
            PathPart::Int(int) => int.span(),
        }
    }

    pub fn ident(&self) -> Option<&Ident> {
        match self {
            PathPart::Ident(ident) => Some(ident),
            PathPart::Int(_) => None,
        }
    }
}

#[derive(Clone)]
pub enum MapKey {
    Ident(Ident),
    Str(LitStr),
}

impl MapKey {
    pub fn text(&self) -> String {
        match self {
            MapKey::Ident(ident) => ident.to_string(),
            MapKey::Str(lit) => lit.value(),
        }
    }

    pub fn span(&self) -> Span {
        match self {
            MapKey::Ident(ident) => ident.span(),
            MapKey::Str(lit) => lit.span(),
        }
    }
}

/// An argument of a call: `name: value`, or values side by side (`GET "/hello"`).
#[derive(Clone)]
pub enum Arg {
    Named { name: Ident, value: Value },
    Positional(Vec<Value>),
}

/// `service:Action`, where the action may hold `*` and `?`.
#[derive(Clone)]
pub struct ActionLit {
    pub service: Ident,
    pub name: String,
    pub span: Range,
}

impl ActionLit {
    pub fn text(&self) -> String {
        format!("{}:{}", self.service, self.name)
    }
}

impl Value {
    /// The value of a `key: value` field (a list's elements may be IAM statements).
    pub(crate) fn parse_field_value(input: ParseStream, errors: &mut Vec<syn::Error>) -> syn::Result<Value> {
        Value::parse_value(input, errors)
    }

    fn parse_value(input: ParseStream, errors: &mut Vec<syn::Error>) -> syn::Result<Value> {
        let _depth = Depth::enter(input)?;
        if input.peek(LitStr) {
            return Ok(Value::Str(input.parse()?));
        }
        if input.peek(LitInt) {
            return Ok(Value::Int(input.parse()?));
        }
        if input.peek(LitBool) {
            return Ok(Value::Bool(input.parse()?));
        }
        if input.peek(token::Bracket) {
            let content;
            let bracket = bracketed!(content in input);
            let items = parse_separated(&content, errors, "list items", Value::parse_element);
            return Ok(Value::List { bracket, items });
        }
        if input.peek(token::Brace) {
            let content;
            let brace = syn::braced!(content in input);
            let entries = parse_separated(&content, errors, "entries", parse_map_entry);
            return Ok(Value::Map { brace, entries });
        }
        if input.peek(Ident) {
            let first: Ident = input.parse()?;
            if input.peek(Token![:]) && !input.peek(Token![::]) {
                return Ok(Value::Action(parse_action_after_service(first, input)?));
            }
            if first == "wildcard" && input.peek(token::Paren) {
                let content;
                parenthesized!(content in input);
                let mut actions = Vec::new();
                while !content.is_empty() {
                    let service: Ident = content.parse()?;
                    actions.push(parse_action_after_service(service, &content)?);
                    if content.is_empty() {
                        break;
                    }
                    content.parse::<Token![,]>()?;
                }
                return Ok(Value::Wildcard { keyword: first, actions });
            }
            let mut path = vec![PathPart::Ident(first)];
            while input.peek(Token![.]) && !input.peek(Token![..]) {
                input.parse::<Token![.]>()?;
                if input.peek(LitInt) {
                    path.push(PathPart::Int(input.parse()?));
                } else {
                    path.push(PathPart::Ident(input.parse()?));
                }
            }
            if input.peek(token::Paren) {
                let content;
                let paren = parenthesized!(content in input);
                let args = parse_args(&content, errors)?;
                return Ok(Value::Call { path, paren, args });
            }
            if input.peek(token::Brace) && path.len() == 1 {
                let Some(PathPart::Ident(name)) = path.pop() else { unreachable!() };
                let body = parse_body(input, errors)?;
                return Ok(Value::Block { name, body });
            }
            return Ok(Value::Path(path));
        }
        // `-1.5` in a JSON value (`numeric: [">", -1.5]`): kept as its tokens, read by `model::json`.
        if input.peek(Token![-]) && (input.peek2(LitInt) || input.peek2(syn::LitFloat)) {
            let minus: Token![-] = input.parse()?;
            let lit: syn::Lit = input.parse()?;
            let mut tokens = minus.into_token_stream();
            tokens.extend(lit.into_token_stream());
            return Ok(Value::Other(tokens));
        }
        if input.peek(syn::LitFloat) || input.peek(syn::Lit) {
            let lit: syn::Lit = input.parse()?;
            return Ok(Value::Other(lit.into_token_stream()));
        }
        Err(input.error("expected a value: a string, a number, a name, a list `[...]` or a map `{ ... }`"))
    }

    /// A list element: a value, optionally followed by `on RESOURCE` to make an IAM statement.
    fn parse_element(input: ParseStream, errors: &mut Vec<syn::Error>) -> syn::Result<Value> {
        let value = Value::parse_value(input, errors)?;
        if input.peek(Ident) {
            let fork = input.fork();
            let word: Ident = fork.parse()?;
            if word == "on" {
                input.parse::<Ident>()?;
                let resource = Value::parse_value(input, errors)?;
                return Ok(Value::Statement { actions: Box::new(value), resource: Box::new(resource) });
            }
            // `on` only continues IAM actions; elsewhere a comma is what is missing.
            let expected = match value {
                Value::Action(_) | Value::Wildcard { .. } | Value::List { .. } => "`,` or `on`",
                _ => "`,` between list items",
            };
            return Err(syn::Error::new(word.span(), format!("expected {expected}, found `{word}`")));
        }
        Ok(value)
    }

    /// From the value's first token to its last, for errors.
    pub fn span(&self) -> Range {
        match self {
            Value::Str(lit) => lit.span().into(),
            Value::Int(lit) => lit.span().into(),
            Value::Bool(lit) => lit.span.into(),
            Value::Path(parts) => join(parts.first().map(PathPart::span), parts.last().map(PathPart::span)),
            Value::Call { path, paren, .. } => join(path.first().map(PathPart::span), Some(paren.span.close())),
            Value::Block { name, body } => join(Some(name.span()), Some(body.brace.span.close())),
            Value::List { bracket, .. } => Range::new(bracket.span.open(), bracket.span.close()),
            Value::Map { brace, .. } => Range::new(brace.span.open(), brace.span.close()),
            Value::Action(action) => action.span,
            Value::Wildcard { keyword, actions } => {
                Range::new(keyword.span(), actions.last().map_or(keyword.span(), |a| a.span.end))
            }
            Value::Statement { actions, resource, .. } => Range::new(actions.span().start, resource.span().end),
            Value::Other(tokens) => tokens.span().into(),
        }
    }

    /// What kind of value this is, for "expected X, found Y" messages.
    pub fn describe(&self) -> &'static str {
        match self {
            Value::Str(_) => "a string",
            Value::Int(_) => "an integer",
            Value::Bool(_) => "a boolean",
            Value::Path(_) => "a name",
            Value::Call { .. } => "a call",
            Value::Block { .. } => "a block",
            Value::List { .. } => "a list",
            Value::Map { .. } => "a map",
            Value::Action(_) => "an IAM action",
            Value::Wildcard { .. } => "a `wildcard(...)`",
            Value::Statement { .. } => "an IAM statement",
            Value::Other(tokens) => match syn::parse2::<syn::Lit>(tokens.clone()) {
                Ok(syn::Lit::Float(_)) => "a decimal number",
                Ok(syn::Lit::Char(_)) => "a character",
                Ok(syn::Lit::Byte(_) | syn::Lit::ByteStr(_)) => "a byte literal",
                Ok(syn::Lit::CStr(_)) => "a C string",
                _ => "a literal of another kind",
            },
        }
    }
}

/// How deep values and blocks may nest. The parser recurses once per level, and rustc runs the
/// macro on its main thread's 8 MiB stack: about a thousand levels overflowed it, which kills
/// rustc with no message. Real stacks nest a handful of levels.
pub const MAX_DEPTH: usize = 64;

std::thread_local! {
    static DEPTH: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// One level of nesting, given back when dropped (also when a parse error unwinds with `?`).
pub(crate) struct Depth(());

impl Depth {
    /// Enters a level at the next token of `input`; past [`MAX_DEPTH`], an error there. The caller
    /// skips the over-deep group as one token, so no deeper level is ever entered.
    pub(crate) fn enter(input: ParseStream) -> syn::Result<Depth> {
        let depth = DEPTH.with(|depth| {
            depth.set(depth.get() + 1);
            depth.get()
        });
        let level = Depth(());
        if depth > MAX_DEPTH {
            return Err(input.error(format!(
                "values nest more than {MAX_DEPTH} levels deep here; lambda_stack! reads at most {MAX_DEPTH} \
                 levels of lists, maps, calls and blocks"
            )));
        }
        Ok(level)
    }
}

impl Drop for Depth {
    fn drop(&mut self) {
        DEPTH.with(|depth| depth.set(depth.get() - 1));
    }
}

fn join(first: Option<Span>, last: Option<Span>) -> Range {
    match (first, last) {
        (Some(first), Some(last)) => Range::new(first, last),
        (Some(one), None) | (None, Some(one)) => one.into(),
        (None, None) => Span::call_site().into(),
    }
}

/// Comma-separated items up to the end of `input`; a malformed item or a missing comma is recorded
/// and skipped to the next comma, so every mistake in a list or map is reported.
pub(super) fn parse_separated<T>(
    input: ParseStream,
    errors: &mut Vec<syn::Error>,
    what: &str,
    parse_item: fn(ParseStream, &mut Vec<syn::Error>) -> syn::Result<T>,
) -> Vec<T> {
    let mut items = Vec::new();
    while !input.is_empty() {
        match parse_item(input, errors) {
            Ok(item) => items.push(item),
            Err(error) => {
                errors.push(error);
                skip_to_comma(input);
                continue;
            }
        }
        if input.is_empty() {
            break;
        }
        if let Err(error) = input.parse::<Token![,]>() {
            errors.push(syn::Error::new(
                error.span(),
                format!("expected `,` between {what}, found {}", next_token(input)),
            ));
            skip_to_comma(input);
        }
    }
    items
}

fn parse_map_entry(input: ParseStream, errors: &mut Vec<syn::Error>) -> syn::Result<(MapKey, Value)> {
    let key =
        if input.peek(LitStr) { MapKey::Str(input.parse()?) } else { MapKey::Ident(input.call(Ident::parse_any)?) };
    input.parse::<Token![:]>().map_err(|e| syn::Error::new(e.span(), "expected `:` after the key"))?;
    let value = Value::parse_value(input, errors)?;
    Ok((key, value))
}

fn parse_args(input: ParseStream, errors: &mut Vec<syn::Error>) -> syn::Result<Vec<Arg>> {
    let mut args = Vec::new();
    while !input.is_empty() {
        // `_: value` too: `per_stage(dev: 1, _: 2)`, where `_` is every other stage.
        let named = input.peek(Ident) || input.peek(Token![_]);
        if named && input.peek2(Token![:]) && !input.peek2(Token![::]) {
            let name: Ident = input.call(Ident::parse_any)?;
            input.parse::<Token![:]>()?;
            let value = Value::parse_value(input, errors)?;
            args.push(Arg::Named { name, value });
        } else {
            let mut values = Vec::new();
            while !input.is_empty() && !input.peek(Token![,]) {
                values.push(Value::parse_value(input, errors)?);
            }
            args.push(Arg::Positional(values));
        }
        if input.is_empty() {
            break;
        }
        input.parse::<Token![,]>()?;
    }
    Ok(args)
}

/// After `service`, parses `:Name` where the name may hold `*` and `?` (`s3:Get*`, `s3:*`).
fn parse_action_after_service(service: Ident, input: ParseStream) -> syn::Result<ActionLit> {
    let colon: Token![:] = input.parse()?;
    let mut name = String::new();
    let mut last_span = colon.span;
    loop {
        if input.peek(Token![*]) {
            let star: Token![*] = input.parse()?;
            name.push('*');
            last_span = star.span;
        } else if input.peek(Token![?]) {
            let question: Token![?] = input.parse()?;
            name.push('?');
            last_span = question.span;
        } else if input.peek(Ident) && !name.is_empty() && !name.ends_with('*') && !name.ends_with('?') {
            break;
        } else if input.peek(Ident) {
            let fork = input.fork();
            let word: Ident = fork.parse()?;
            if word == "on" && !name.is_empty() {
                break;
            }
            let part: Ident = input.parse()?;
            name.push_str(&part.to_string());
            last_span = part.span();
        } else {
            break;
        }
    }
    if name.is_empty() {
        return Err(syn::Error::new(
            colon.span,
            format!("expected an action name after `{service}:`, such as `{service}:GetObject`"),
        ));
    }
    let span = Range::new(service.span(), last_span);
    Ok(ActionLit { service, name, span })
}

impl Parse for Value {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let mut errors = Vec::new();
        let value = Value::parse_value(input, &mut errors)?;
        match errors.into_iter().reduce(|mut a, b| {
            a.combine(b);
            a
        }) {
            Some(error) => Err(error),
            None => Ok(value),
        }
    }
}

use syn::ext::IdentExt as _; // Ident::parse_any: map keys may be keywords (`type`).
