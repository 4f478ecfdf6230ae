//! `diff`: what a synth would change in each stack's Terraform JSON, against the last synth's
//! output, without Terraform and without writing anything.
//!
//! Resources (and data sources and outputs) are matched by address; a changed one lists the
//! arguments that differ, as dotted paths. The `"//"` notes are left out: they say where a
//! declaration was written, which Terraform ignores.

use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;

use serde_json::Value;

use crate::synth::Synthesized;

/// The changes of one stack.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StackDiff {
    pub stack: String,
    /// False when there was no previous output for the stack: everything is added.
    pub had_previous: bool,
    pub added: Vec<String>,
    /// Each changed resource's address and its changed arguments.
    pub changed: Vec<(String, Vec<Change>)>,
    pub removed: Vec<String>,
}

/// One changed argument: its dotted path (`environment.0.variables.A`), and its values before and
/// after as JSON text (`(none)` when absent).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub path: String,
    pub before: String,
    pub after: String,
}

impl StackDiff {
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.changed.is_empty() && self.removed.is_empty()
    }
}

impl fmt::Display for StackDiff {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "stack `{}`: ", self.stack)?;
        if !self.had_previous {
            write!(f, "no previous synth; ")?;
        }
        if self.is_empty() {
            return writeln!(f, "no changes");
        }
        writeln!(f, "{} to add, {} to change, {} to remove", self.added.len(), self.changed.len(), self.removed.len())?;
        for address in &self.added {
            writeln!(f, "  + {address}")?;
        }
        for (address, fields) in &self.changed {
            writeln!(f, "  ~ {address}")?;
            for Change { path, before, after } in fields {
                writeln!(f, "      {path}: {before} -> {after}")?;
            }
        }
        for address in &self.removed {
            writeln!(f, "  - {address}")?;
        }
        Ok(())
    }
}

/// Compares each stack with its `cdk.tf.json` under `out`.
pub(crate) fn diff(out: &Path, stacks: &[Synthesized]) -> Vec<StackDiff> {
    stacks
        .iter()
        .map(|stack| {
            let path = out.join("stacks").join(&stack.stack).join("cdk.tf.json");
            let previous: Option<Value> =
                std::fs::read(&path).ok().and_then(|bytes| serde_json::from_slice(&bytes).ok());
            compare(&stack.stack, previous.as_ref(), &stack.document.to_value())
        })
        .collect()
}

/// The differences between two Terraform JSON documents.
///
/// ```
/// use lambda_stack_runtime::cli::compare;
/// let before = serde_json::json!({ "resource": { "aws_sqs_queue": { "jobs": { "name": "a" } } } });
/// let after = serde_json::json!({ "resource": { "aws_sqs_queue": { "jobs": { "name": "b" } } } });
/// let diff = compare("shop", Some(&before), &after);
/// assert_eq!(diff.to_string(), "stack `shop`: 0 to add, 1 to change, 0 to remove\n  ~ aws_sqs_queue.jobs\n      name: \"a\" -> \"b\"\n");
/// ```
pub fn compare(stack: &str, before: Option<&Value>, after: &Value) -> StackDiff {
    let old = blocks(before.unwrap_or(&Value::Null));
    let new = blocks(after);
    let mut diff = StackDiff { stack: stack.to_owned(), had_previous: before.is_some(), ..StackDiff::default() };
    for (address, body) in &new {
        match old.get(address) {
            None => diff.added.push(address.clone()),
            Some(previous) => {
                let mut fields = Vec::new();
                changes("", previous, body, &mut fields);
                if !fields.is_empty() {
                    diff.changed.push((address.clone(), fields));
                }
            }
        }
    }
    diff.removed = old.keys().filter(|address| !new.contains_key(*address)).cloned().collect();
    diff
}

/// Every resource, data source and output of a document by address: `aws_s3_bucket.reports`,
/// `data.aws_caller_identity.current`, `output.api_url`.
fn blocks(document: &Value) -> BTreeMap<String, &Value> {
    let mut found = BTreeMap::new();
    for (block, prefix) in [("resource", ""), ("data", "data.")] {
        if let Some(kinds) = document.get(block).and_then(Value::as_object) {
            for (kind, named) in kinds {
                for (name, body) in named.as_object().into_iter().flatten() {
                    found.insert(format!("{prefix}{kind}.{name}"), body);
                }
            }
        }
    }
    if let Some(outputs) = document.get("output").and_then(Value::as_object) {
        for (name, body) in outputs {
            found.insert(format!("output.{name}"), body);
        }
    }
    found
}

/// Collects a [`Change`] for every leaf that differs, `"//"` notes left out.
fn changes(path: &str, before: &Value, after: &Value, out: &mut Vec<Change>) {
    let join = |key: &str| if path.is_empty() { key.to_owned() } else { format!("{path}.{key}") };
    match (before, after) {
        (Value::Object(a), Value::Object(b)) => {
            let mut keys: Vec<&String> = a.keys().chain(b.keys()).filter(|k| k.as_str() != "//").collect();
            keys.sort();
            keys.dedup();
            for key in keys {
                let null = Value::Null;
                changes(&join(key), a.get(key).unwrap_or(&null), b.get(key).unwrap_or(&null), out);
            }
        }
        (Value::Array(a), Value::Array(b)) if a.len() == b.len() => {
            for (index, (x, y)) in a.iter().zip(b).enumerate() {
                changes(&join(&index.to_string()), x, y, out);
            }
        }
        _ if without_notes(before) != without_notes(after) => {
            out.push(Change { path: path.to_owned(), before: shown(before), after: shown(after) });
        }
        _ => {}
    }
}

fn without_notes(value: &Value) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.iter().filter(|(k, _)| k.as_str() != "//").map(|(k, v)| (k.clone(), without_notes(v))).collect(),
        ),
        Value::Array(items) => Value::Array(items.iter().map(without_notes).collect()),
        other => other.clone(),
    }
}

/// A value on one line, long ones shortened.
fn shown(value: &Value) -> String {
    let text = match value {
        Value::Null => "(none)".to_owned(),
        other => without_notes(other).to_string(),
    };
    if text.chars().count() > 80 {
        format!("{}...", text.chars().take(77).collect::<String>())
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn added_changed_removed() {
        let before = json!({
            "resource": {
                "aws_lambda_function": { "hello": { "//": "at main.rs:3", "memory_size": 128, "environment": [{"variables": {"A": "1"}}] } },
                "aws_sqs_queue": { "old": { "name": "x" } }
            },
            "output": { "hello_arn": { "value": "${aws_lambda_function.hello.arn}" } }
        });
        let after = json!({
            "resource": {
                "aws_lambda_function": { "hello": { "//": "at main.rs:9", "memory_size": 256, "environment": [{"variables": {"A": "2"}}] } },
                "aws_s3_bucket": { "new": {} }
            },
            "output": { "hello_arn": { "value": "${aws_lambda_function.hello.arn}" } }
        });
        let diff = compare("s", Some(&before), &after);
        assert_eq!(diff.added, ["aws_s3_bucket.new"]);
        assert_eq!(diff.removed, ["aws_sqs_queue.old"]);
        assert_eq!(
            diff.changed,
            [(
                "aws_lambda_function.hello".to_owned(),
                vec![
                    Change { path: "environment.0.variables.A".into(), before: "\"1\"".into(), after: "\"2\"".into() },
                    Change { path: "memory_size".into(), before: "128".into(), after: "256".into() }
                ]
            )]
        );
        let text = diff.to_string();
        assert!(text.starts_with("stack `s`: 1 to add, 1 to change, 1 to remove\n"), "{text}");
        assert!(text.contains("  ~ aws_lambda_function.hello\n      environment.0.variables.A: \"1\" -> \"2\"\n"));
        assert!(compare("s", Some(&after), &after).is_empty(), "notes alone are no change");
    }

    #[test]
    fn without_a_previous_synth_everything_is_added() {
        let after = json!({ "resource": { "aws_s3_bucket": { "a": {} } } });
        let diff = compare("s", None, &after);
        assert!(!diff.had_previous);
        assert_eq!(
            diff.to_string(),
            "stack `s`: no previous synth; 1 to add, 0 to change, 0 to remove\n  + aws_s3_bucket.a\n"
        );
    }
}
