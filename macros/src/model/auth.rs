//! `auth: none | iam | jwt(issuer: .., audience: [..]) | lambda(FUNCTION) | cognito("arn:..")`,
//! read with its spans. Which form takes which argument is the checker's rule
//! (`rules::auth`); this reads what was written.

use lambda_stack_core::check::AuthPart;
use lambda_stack_core::decl::{self, AuthArg, AuthKind};
use lambda_stack_core::rules::suggest::expected_one_of;

use super::fields;
use crate::errors::Errors;
use crate::parse::{Arg, Value};
use crate::span::{Range, Sp};

pub struct Auth {
    pub span: Range,
    pub kind: Sp<String>,
    pub function: Option<Sp<String>>,
    pub issuer: Option<Sp<String>>,
    pub audience: Option<(Range, Vec<Sp<String>>)>,
    pub scopes: Vec<Sp<String>>,
    pub identity: Vec<Sp<String>>,
    pub cache: Option<Sp<u64>>,
    pub pools: Vec<Sp<String>>,
    /// Each argument written, with the span of its name (or of the positional value).
    pub written: Vec<(AuthArg, Range)>,
}

impl Auth {
    pub fn from_value(errors: &mut Errors, value: &Value) -> Option<Auth> {
        let (path, args): (_, &[Arg]) = match value {
            Value::Path(path) => (path, &[]),
            Value::Call { path, args, .. } => (path, args.as_slice()),
            other => {
                errors.at(
                    other.span(),
                    format!(
                        "expected `none`, `iam`, `jwt(..)`, `lambda(FUNCTION)` or `cognito(..)` for `auth`, found {}",
                        other.describe()
                    ),
                );
                return None;
            }
        };
        let [word] = path.as_slice() else {
            errors.at(value.span(), "expected a single word for `auth`, such as `iam` or `lambda(gate)`");
            return None;
        };
        let mut auth = Auth {
            span: value.span(),
            kind: Sp::new(word.text(), word.span()),
            function: None,
            issuer: None,
            audience: None,
            scopes: Vec::new(),
            identity: Vec::new(),
            cache: None,
            pools: Vec::new(),
            written: Vec::new(),
        };
        for arg in args {
            match arg {
                Arg::Positional(values) => auth.positional(errors, values),
                Arg::Named { name, value } => {
                    let written = name.to_string();
                    let Some(arg) = AuthArg::from_name(&written) else {
                        let names = AuthArg::NAMED.map(AuthArg::name);
                        errors.at(
                            name.span(),
                            format!(
                                "unknown `auth` argument `{written}:`{}",
                                expected_one_of(&written, names.iter().copied())
                            ),
                        );
                        continue;
                    };
                    if auth.written.iter().any(|(a, _)| *a == arg) {
                        errors.at(name.span(), format!("`{written}:` is given twice"));
                        continue;
                    }
                    auth.written.push((arg, name.span().into()));
                    match arg {
                        AuthArg::Issuer => auth.issuer = fields::string(errors, "issuer", value),
                        AuthArg::Audience => {
                            auth.audience = Some((value.span(), fields::strings(errors, "audience", value)))
                        }
                        AuthArg::Scopes => auth.scopes = fields::strings(errors, "scopes", value),
                        AuthArg::Identity => auth.identity = strings_or_one(errors, "identity", value),
                        AuthArg::Cache => auth.cache = fields::int(errors, "cache", "seconds", value),
                        AuthArg::Function | AuthArg::Pools => unreachable!("not named arguments"),
                    }
                }
            }
        }
        Some(auth)
    }

    /// `gate` in `lambda(gate)`, the ARNs in `cognito("arn:..", ..)`.
    fn positional(&mut self, errors: &mut Errors, values: &[Value]) {
        for value in values {
            match value {
                Value::Path(parts) if parts.len() == 1 && parts[0].ident().is_some() => {
                    if self.function.is_some() {
                        errors.at(value.span(), "`lambda(..)` names one function");
                        continue;
                    }
                    let name = syn::ext::IdentExt::unraw(parts[0].ident().expect("checked")).to_string();
                    self.function = Some(Sp::new(name, value.span()));
                    self.written.push((AuthArg::Function, value.span()));
                }
                Value::Str(lit) => {
                    if self.pools.is_empty() {
                        self.written.push((AuthArg::Pools, value.span()));
                    }
                    self.pools.push(Sp::new(lit.value(), lit.span()));
                }
                other => errors.at(
                    other.span(),
                    format!(
                        "expected a function's name (`lambda(gate)`) or a user pool ARN (`cognito(\"arn:..\")`), found {}",
                        other.describe()
                    ),
                ),
            }
        }
    }

    /// The form as the checker reads it.
    pub fn to_decl(&self) -> decl::Auth {
        let texts = |items: &[Sp<String>]| items.iter().map(|v| v.value.clone()).collect();
        decl::Auth {
            kind: decl::Word::new(self.kind.value.clone(), AuthKind::parse),
            function: self.function.as_ref().map(|f| f.value.clone()),
            issuer: self.issuer.as_ref().map(|i| i.value.clone()),
            audience: self.audience.as_ref().map(|(_, items)| texts(items)),
            scopes: texts(&self.scopes),
            identity: texts(&self.identity),
            cache: self.cache.as_ref().map(|c| c.value),
            pools: texts(&self.pools),
            written: self.written.iter().map(|(arg, _)| *arg).collect(),
        }
    }

    /// Where each part of it was written, for the checker's findings.
    pub fn spans(&self) -> Vec<(AuthPart, Range)> {
        let mut spans = vec![(AuthPart::Whole, self.span), (AuthPart::Kind, self.kind.span)];
        for (arg, span) in &self.written {
            spans.push((AuthPart::Arg(*arg), *span));
        }
        // A value's own span is more precise than its argument's name, where there is one.
        let values = [
            (AuthArg::Issuer, self.issuer.as_ref().map(|i| i.span)),
            (AuthArg::Audience, self.audience.as_ref().map(|(span, _)| *span)),
            (AuthArg::Cache, self.cache.as_ref().map(|c| c.span)),
            (AuthArg::Function, self.function.as_ref().map(|f| f.span)),
        ];
        for (arg, span) in values {
            if let Some(span) = span {
                spans.retain(|(part, _)| *part != AuthPart::Arg(arg));
                spans.push((AuthPart::Arg(arg), span));
            }
        }
        for (arg, items) in [(AuthArg::Identity, &self.identity), (AuthArg::Pools, &self.pools)] {
            for (i, item) in items.iter().enumerate() {
                spans.push((AuthPart::Item(arg, i), item.span));
            }
        }
        spans
    }
}

/// `identity: "$request.header.X"` or a list of them.
fn strings_or_one(errors: &mut Errors, key: &str, value: &Value) -> Vec<Sp<String>> {
    match value {
        Value::Str(lit) => vec![Sp::new(lit.value(), lit.span())],
        list => fields::strings(errors, key, list),
    }
}
