//! A JSON value as a stack writes it: an EventBridge event pattern, an event source mapping's
//! filter, a schedule's constant input. Kept in the order written (EventBridge and Lambda store
//! patterns as text, so the order is what the user sees in the console), written out compactly.
//!
//! Findings inside a value are located by node: nodes are numbered in pre-order, the value itself
//! `0`, then each map entry's value or list item depth-first. A front-end that kept a span per node
//! in the same order ([`Json::nodes`] counts them) can point at any one.
//!
//! ```
//! use lambda_stack_core::json::Json;
//! let pattern = Json::Map(vec![("source".into(), Json::List(vec![Json::Str("shop".into())]))]);
//! assert_eq!(pattern.to_text(), r#"{"source":["shop"]}"#);
//! assert_eq!(pattern.nodes(), 3);
//! ```

use std::fmt::Write;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Json {
    Null,
    Bool(bool),
    /// A number as written (`100`, `-1.5`, `1e3`): JSON's numbers are text.
    Number(String),
    Str(String),
    List(Vec<Json>),
    /// Entries in the order written; a key written twice is kept twice (the checker reports it).
    Map(Vec<(String, Json)>),
}

impl Json {
    /// The value as compact JSON text.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        self.write(&mut out);
        out
    }

    fn write(&self, out: &mut String) {
        match self {
            Json::Null => out.push_str("null"),
            Json::Bool(value) => out.push_str(if *value { "true" } else { "false" }),
            Json::Number(number) => out.push_str(number),
            Json::Str(text) => write_string(text, out),
            Json::List(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    item.write(out);
                }
                out.push(']');
            }
            Json::Map(entries) => {
                out.push('{');
                for (i, (key, value)) in entries.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    write_string(key, out);
                    out.push(':');
                    value.write(out);
                }
                out.push('}');
            }
        }
    }

    /// How many nodes it has, itself included: one past its last node's number.
    pub fn nodes(&self) -> usize {
        1 + match self {
            Json::List(items) => items.iter().map(Json::nodes).sum(),
            Json::Map(entries) => entries.iter().map(|(_, value)| value.nodes()).sum(),
            _ => 0,
        }
    }

    /// Its children with their node numbers, given its own number `node`: map entries with their
    /// keys, list items with `None`.
    pub fn children(&self, node: usize) -> Vec<(usize, Option<&str>, &Json)> {
        let mut next = node + 1;
        let mut children = Vec::new();
        match self {
            Json::List(items) => {
                for item in items {
                    children.push((next, None, item));
                    next += item.nodes();
                }
            }
            Json::Map(entries) => {
                for (key, value) in entries {
                    children.push((next, Some(key.as_str()), value));
                    next += value.nodes();
                }
            }
            _ => {}
        }
        children
    }

    /// What kind of value it is, for "expected X, found Y".
    pub fn describe(&self) -> &'static str {
        match self {
            Json::Null => "`null`",
            Json::Bool(_) => "a boolean",
            Json::Number(_) => "a number",
            Json::Str(_) => "a string",
            Json::List(_) => "a list",
            Json::Map(_) => "a map",
        }
    }
}

fn write_string(text: &str, out: &mut String) {
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(text: &str) -> Json {
        Json::Str(text.into())
    }

    #[test]
    fn nodes_are_numbered_in_pre_order() {
        // {"a": ["x", "y"], "b": {"c": [1]}}
        let value = Json::Map(vec![
            ("a".into(), Json::List(vec![s("x"), s("y")])),
            ("b".into(), Json::Map(vec![("c".into(), Json::List(vec![Json::Number("1".into())]))])),
        ]);
        assert_eq!(value.nodes(), 7);
        let children = value.children(0);
        assert_eq!(children.iter().map(|(n, k, _)| (*n, *k)).collect::<Vec<_>>(), [(1, Some("a")), (4, Some("b"))]);
        let b = children[1].2;
        assert_eq!(b.children(4)[0].0, 5);
        assert_eq!(b.children(4)[0].2.children(5)[0].0, 6);
    }

    #[test]
    fn text_escapes_what_json_must() {
        let value = Json::List(vec![s("a\"b\\c\n\u{1}"), Json::Null, Json::Bool(true), Json::Number("-1.5".into())]);
        assert_eq!(value.to_text(), r#"["a\"b\\c\n\u0001",null,true,-1.5]"#);
    }
}
