//! A JSON value written in the DSL (`pattern: { source: ["shop"], detail: { total: [{ numeric:
//! [">", 100] }] } }`, `input: { report: "daily" }`), with a span per node in the pre-order
//! numbering of [`lambda_stack_core::json`], so the checker's findings inside it land on a token.
//!
//! Keys are names or strings; leaves are strings, numbers (`-1.5` too), `true`, `false` and `null`.

use lambda_stack_core::json::Json;
use proc_macro2::Span;

use crate::errors::Errors;
use crate::parse::Value;
use crate::span::Range;

/// A value and where each of its nodes was written.
#[derive(Clone)]
pub struct SpannedJson {
    pub json: Json,
    /// By node number: the node's value, and its key when it is a map entry's value.
    pub spans: Vec<NodeSpan>,
}

#[derive(Clone, Copy)]
pub struct NodeSpan {
    pub value: Range,
    pub key: Option<Span>,
}

/// `value` read as JSON; what JSON cannot hold is an error there (and `None`).
pub fn json(errors: &mut Errors, what: &str, value: &Value) -> Option<SpannedJson> {
    let mut spans = Vec::new();
    let before = errors.len();
    let json = node(errors, what, value, None, &mut spans)?;
    (errors.len() == before).then_some(SpannedJson { json, spans })
}

fn node(errors: &mut Errors, what: &str, value: &Value, key: Option<Span>, spans: &mut Vec<NodeSpan>) -> Option<Json> {
    let number = spans.len();
    spans.push(NodeSpan { value: value.span(), key });
    let json = match value {
        Value::Str(lit) => Json::Str(lit.value()),
        Value::Int(lit) if lit.suffix().is_empty() => Json::Number(lit.base10_digits().to_owned()),
        Value::Bool(lit) => Json::Bool(lit.value),
        Value::Path(parts) if parts.len() == 1 && parts[0].text() == "null" => Json::Null,
        Value::Other(tokens) if is_json_number(&tokens.to_string().replace(' ', "")) => {
            Json::Number(tokens.to_string().replace(' ', ""))
        }
        Value::List { items, .. } => {
            let mut list = Vec::new();
            for item in items {
                list.push(node(errors, what, item, None, spans)?);
            }
            Json::List(list)
        }
        Value::Map { entries, .. } => {
            let mut map = Vec::new();
            for (key, value) in entries {
                map.push((key.text(), node(errors, what, value, Some(key.span()), spans)?));
            }
            Json::Map(map)
        }
        other => {
            let found = other.describe();
            errors.at(
                other.span(),
                format!(
                    "expected a JSON value in `{what}`: a string, a number, `true`, `false`, `null`, a list `[..]` or a map `{{ .. }}`, found {found}"
                ),
            );
            return None;
        }
    };
    debug_assert_eq!(spans.len() - number, json.nodes());
    Some(json)
}

/// Whether `text` is a number as JSON writes it (`-1.5e3`; no `+`, no leading zeros, no suffix).
fn is_json_number(text: &str) -> bool {
    let rest = text.strip_prefix('-').unwrap_or(text);
    let (int, rest) = rest.split_at(rest.find(|c: char| !c.is_ascii_digit()).unwrap_or(rest.len()));
    if int.is_empty() || (int.len() > 1 && int.starts_with('0')) {
        return false;
    }
    let rest = match rest.strip_prefix('.') {
        Some(fraction) => {
            let digits = fraction.find(|c: char| !c.is_ascii_digit()).unwrap_or(fraction.len());
            if digits == 0 {
                return false;
            }
            &fraction[digits..]
        }
        None => rest,
    };
    match rest.strip_prefix(['e', 'E']) {
        Some(exponent) => {
            let exponent = exponent.strip_prefix(['+', '-']).unwrap_or(exponent);
            !exponent.is_empty() && exponent.chars().all(|c| c.is_ascii_digit())
        }
        None => rest.is_empty(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(tokens: proc_macro2::TokenStream) -> (Option<SpannedJson>, usize) {
        let value: Value = syn::parse::Parser::parse2(
            |input: syn::parse::ParseStream| Value::parse_field_value(input, &mut Vec::new()),
            tokens,
        )
        .expect("parses");
        let mut errors = Errors::new();
        let json = json(&mut errors, "pattern", &value);
        (json, errors.len())
    }

    #[test]
    fn reads_maps_lists_and_leaves_with_a_span_per_node() {
        let (json, errors) = read(quote::quote!({ source: ["shop"], "detail-type": [null, true, -1.5, 100] }));
        let json = json.expect("a JSON value");
        assert_eq!(errors, 0);
        assert_eq!(json.json.to_text(), r#"{"source":["shop"],"detail-type":[null,true,-1.5,100]}"#);
        assert_eq!(json.spans.len(), json.json.nodes());
    }

    #[test]
    fn what_json_cannot_hold_is_an_error() {
        assert_eq!(read(quote::quote!({ source: [s3:GetObject] })).1, 1);
        assert_eq!(read(quote::quote!({ n: [5u8] })).1, 1);
    }

    #[test]
    fn json_numbers() {
        for good in ["0", "-1", "1.5", "1e3", "-0.5E-2"] {
            assert!(is_json_number(good), "{good}");
        }
        for bad in ["01", "1.", ".5", "1e", "+1", "1_000", "1f32"] {
            assert!(!is_json_number(bad), "{bad}");
        }
    }
}
