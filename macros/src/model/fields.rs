//! Reading a block's `key: value` fields: unknown and duplicate keys, and values of the wrong kind.

use std::collections::{btree_map, BTreeMap, BTreeSet};

use lambda_stack_core::keys::Key;
use lambda_stack_core::rules::suggest::expected_one_of;
use syn::Ident;

use crate::errors::Errors;
use crate::parse::{Body, Entry, Field, MapKey, Value};
use crate::span::Sp;

/// The fields of one block, each key checked against the keys the block takes.
pub struct Fields<'a> {
    fields: BTreeMap<Key, &'a Field>,
}

impl<'a> Fields<'a> {
    /// Reads the fields of `body`. `what` names the block in messages ("function `hello`");
    /// nested blocks are refused unless `blocks_allowed`.
    pub fn read(what: &str, body: &'a Body, keys: &[Key], blocks_allowed: bool, errors: &mut Errors) -> Fields<'a> {
        let mut fields = BTreeMap::new();
        for entry in &body.entries {
            match entry {
                Entry::Field(field) => {
                    let written = field.key.to_string();
                    let Some(key) = Key::find(keys, &written) else {
                        let names = keys.iter().map(|key| key.name());
                        let hint = expected_one_of(&written, names);
                        errors.at(field.key.span(), format!("unknown key `{written}` in {what}{hint}"));
                        continue;
                    };
                    if let btree_map::Entry::Vacant(slot) = fields.entry(key) {
                        slot.insert(field);
                    } else {
                        errors.at(field.key.span(), format!("duplicate key `{key}` in {what}"));
                    }
                }
                Entry::Block(block) if !blocks_allowed => errors.at(
                    block.kind.span(),
                    format!(
                        "`{} {} {{ ... }}` cannot be declared inside {what}; declarations go directly inside `stack`",
                        block.kind, block.name
                    ),
                ),
                Entry::Block(_) => {}
            }
        }
        Fields { fields }
    }

    pub fn get(&self, key: Key) -> Option<&'a Value> {
        self.fields.get(&key).map(|field| &field.value)
    }

    /// Each key written, and where.
    pub fn key_spans(&self) -> Vec<(Key, proc_macro2::Span)> {
        self.fields.iter().map(|(key, field)| (*key, field.key.span())).collect()
    }

    /// The known keys the block wrote, whether or not their values were of the right kind: a
    /// key with a wrong value has been reported already, and is not also "missing".
    pub fn written(&self) -> BTreeSet<Key> {
        self.fields.keys().copied().collect()
    }
}

fn wrong_kind(errors: &mut Errors, key: &str, expected: &str, value: &Value) {
    errors.at(value.span(), format!("expected {expected} for `{key}`, found {}", value.describe()));
}

/// `key: 256` → 256. A number too big for a `u64` is every key's range error, so it becomes
/// [`TOO_BIG`] and gets the checker's range message, which [`written_number`] shows as written.
pub fn int(errors: &mut Errors, key: &str, unit: &str, value: &Value) -> Option<Sp<u64>> {
    match value {
        Value::Int(lit) if !lit.suffix().is_empty() => {
            errors.at(lit.span(), format!("write `{key}` as a plain number of {unit}, without a suffix"));
            None
        }
        Value::Int(lit) => match lit.base10_parse::<u64>() {
            Ok(number) => Some(Sp::new(number, lit.span())),
            // An integer literal's digits always parse, so only its size can fail.
            Err(_) => Some(Sp::new(TOO_BIG, lit.span())),
        },
        other => {
            wrong_kind(errors, key, &format!("an integer ({unit})"), other);
            None
        }
    }
}

/// What a number above `u64::MAX` is read as: no limit reaches it, so every range check fails.
pub const TOO_BIG: u64 = u64::MAX;

/// `message` about the number at `span`, saying the number as written when it was too big for a
/// `u64` (which the checker only saw as [`TOO_BIG`]).
pub fn written_number(message: &str, span: proc_macro2::Span) -> Option<String> {
    let found = TOO_BIG.to_string();
    if !message.contains(&found) {
        return None;
    }
    let written = span.source_text()?;
    let lit: syn::LitInt = syn::parse_str(&written).ok()?;
    if lit.base10_parse::<u64>().is_ok() {
        return None;
    }
    Some(message.replace(&found, lit.base10_digits()))
}

/// `key: "text"` → text.
pub fn string(errors: &mut Errors, key: &str, value: &Value) -> Option<Sp<String>> {
    match value {
        Value::Str(lit) => Some(Sp::new(lit.value(), lit.span())),
        other => {
            wrong_kind(errors, key, "a string", other);
            None
        }
    }
}

/// `key: "text"`, or `key: PARAM` (a bare name: a param of the stack, whose value Terraform gets at
/// deploy time), held as the reference it is written as ([`placeholders::param_value`]).
pub fn string_or_param(errors: &mut Errors, key: &str, value: &Value) -> Option<Sp<String>> {
    match value {
        Value::Path(parts) if parts.len() == 1 && parts[0].ident().is_some() => {
            let name = syn::ext::IdentExt::unraw(parts[0].ident()?).to_string();
            Some(Sp::new(lambda_stack_core::rules::placeholders::param_value(&name), parts[0].span()))
        }
        Value::Str(_) => string(errors, key, value),
        other => {
            wrong_kind(errors, key, "a string or a param", other);
            None
        }
    }
}

/// [`strings`], where each item may be a param ([`string_or_param`]).
pub fn strings_or_params(errors: &mut Errors, key: &str, value: &Value) -> Vec<Sp<String>> {
    list(errors, key, value).unwrap_or_default().iter().filter_map(|item| string_or_param(errors, key, item)).collect()
}

/// `key: true`.
pub fn boolean(errors: &mut Errors, key: &str, value: &Value) -> Option<Sp<bool>> {
    match value {
        Value::Bool(lit) => Some(Sp::new(lit.value, lit.span)),
        other => {
            wrong_kind(errors, key, "`true` or `false`", other);
            None
        }
    }
}

/// `key: python3.12` or `key: "python3.12"` → the dotted text.
pub fn word(errors: &mut Errors, key: &str, value: &Value) -> Option<Sp<String>> {
    match value {
        Value::Str(lit) => Some(Sp::new(lit.value(), lit.span())),
        Value::Path(parts) => {
            let text = parts.iter().map(|p| p.text()).collect::<Vec<_>>().join(".");
            Some(Sp::new(text, value.span()))
        }
        other => {
            wrong_kind(errors, key, "a name", other);
            None
        }
    }
}

/// `key: name` → the identifier.
pub fn ident<'a>(errors: &mut Errors, key: &str, value: &'a Value) -> Option<&'a Ident> {
    match value {
        Value::Path(parts) if parts.len() == 1 && parts[0].ident().is_some() => parts[0].ident(),
        other => {
            wrong_kind(errors, key, "a name", other);
            None
        }
    }
}

/// `key: [..]` → the items.
pub fn list<'a>(errors: &mut Errors, key: &str, value: &'a Value) -> Option<&'a [Value]> {
    match value {
        Value::List { items, .. } => Some(items),
        other => {
            wrong_kind(errors, key, "a list `[...]`", other);
            None
        }
    }
}

/// `key: { K: v }` → the entries.
pub fn map<'a>(errors: &mut Errors, key: &str, value: &'a Value) -> Option<&'a [(MapKey, Value)]> {
    match value {
        Value::Map { entries, .. } => Some(entries),
        other => {
            wrong_kind(errors, key, "a map `{ KEY: value, ... }`", other);
            None
        }
    }
}

/// `key: { K: v, .. }` where each `K` is one of `keys`: the entries by key, unknown keys (with a
/// did-you-mean) and duplicates reported, `what` naming the map in messages (`vpc`, `cors`).
pub fn keyed_map<'a>(errors: &mut Errors, what: &str, value: &'a Value, keys: &[Key]) -> Option<Vec<(Key, &'a Value)>> {
    let mut found: Vec<(Key, &'a Value)> = Vec::new();
    for (map_key, item) in map(errors, what, value)? {
        let name = map_key.text();
        match Key::find(keys, &name) {
            Some(key) if found.iter().any(|(k, _)| *k == key) => {
                errors.at(map_key.span(), format!("duplicate key `{name}` in `{what}`"));
            }
            Some(key) => found.push((key, item)),
            None => errors.at(
                map_key.span(),
                format!("unknown key `{name}` in `{what}`{}", expected_one_of(&name, keys.iter().map(|k| k.name()))),
            ),
        }
    }
    Some(found)
}

/// `{ team: "data", "cost-center": "42" }`: tags are text; duplicate keys are errors.
pub fn string_map(errors: &mut Errors, key: &str, value: &Value) -> Vec<(Sp<String>, Sp<String>)> {
    let mut out: Vec<(Sp<String>, Sp<String>)> = Vec::new();
    for (map_key, item) in map(errors, key, value).unwrap_or_default() {
        let name = map_key.text();
        if out.iter().any(|(k, _)| k.value == name) {
            errors.at(map_key.span(), format!("duplicate key `{name}` in `{key}`"));
            continue;
        }
        let text = match item {
            Value::Str(lit) => Some(Sp::new(lit.value(), lit.span())),
            Value::Int(lit) => Some(Sp::new(lit.base10_digits().to_owned(), lit.span())),
            Value::Bool(lit) => Some(Sp::new(lit.value.to_string(), lit.span)),
            other => {
                wrong_kind(errors, &name, "a string", other);
                None
            }
        };
        if let Some(text) = text {
            out.push((Sp::new(name, map_key.span()), text));
        }
    }
    out
}

/// A list of strings.
pub fn strings(errors: &mut Errors, key: &str, value: &Value) -> Vec<Sp<String>> {
    list(errors, key, value).unwrap_or_default().iter().filter_map(|item| string(errors, key, item)).collect()
}
