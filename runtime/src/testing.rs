//! Assertions on a stack's Terraform, for the stack's own tests: synthesize in memory (nothing
//! written, nothing zipped) and ask what it declares, like CDK's `assertions.Template`.
//!
//! ```
//! use lambda_stack_runtime::testing::Template;
//! use lambda_stack_runtime::{Queue, Stack};
//! use serde_json::json;
//!
//! let stack = Stack::new("shop").region("eu-west-3").queue(Queue::new("jobs").visibility_timeout(60));
//! let template = Template::synth(&stack).unwrap();
//! assert_eq!(template.resource_count("aws_sqs_queue"), 1);
//! assert!(template.has_resource("aws_sqs_queue", json!({ "name": "shop-jobs", "visibility_timeout_seconds": 60 })));
//! assert_eq!(template.resource("aws_sqs_queue", "jobs").unwrap()["sqs_managed_sse_enabled"], true);
//! assert!(template.outputs().contains_key("jobs_queue_url"));
//! ```

use serde_json::{Map, Value};

use crate::error::Result;
use crate::stack::Stack;
use crate::synth;

/// A stack's Terraform document, synthesized in memory.
#[derive(Debug, Clone)]
pub struct Template {
    json: Value,
}

impl Template {
    /// Checks and synthesizes `stack` without packaging: every function's code is read and
    /// hashed (its `source_code_hash` changes when a file does) but nothing is zipped, no
    /// dependency installed, no Rust binary built. A stack that breaks a rule is an `Err` with
    /// every problem, as at synth.
    pub fn synth(stack: &Stack) -> Result<Template> {
        let synthesized = synth::synthesize_document(stack)?;
        Ok(Template { json: synthesized.document.to_value() })
    }

    /// The whole document, as `cdk.tf.json` holds it.
    pub fn json(&self) -> &Value {
        &self.json
    }

    /// The resources of Terraform type `kind`, by name.
    pub fn resources(&self, kind: &str) -> Map<String, Value> {
        self.json["resource"][kind].as_object().cloned().unwrap_or_default()
    }

    /// How many resources of type `kind` there are.
    pub fn resource_count(&self, kind: &str) -> usize {
        self.json["resource"][kind].as_object().map_or(0, Map::len)
    }

    /// The resource `kind.name`.
    pub fn resource(&self, kind: &str, name: &str) -> Option<&Value> {
        self.json["resource"][kind].get(name)
    }

    /// Whether some resource of type `kind` contains `expected`: every key of an object is
    /// there with a matching value (recursively), every item of an array matches an item of the
    /// array there, anything else is equal.
    pub fn has_resource(&self, kind: &str, expected: Value) -> bool {
        !self.find_resources(kind, &expected).is_empty()
    }

    /// The names of the resources of type `kind` that contain `expected` (see
    /// [`has_resource`](Template::has_resource)).
    pub fn find_resources(&self, kind: &str, expected: &Value) -> Vec<String> {
        let Some(of_kind) = self.json["resource"][kind].as_object() else { return Vec::new() };
        of_kind.iter().filter(|(_, body)| contains(body, expected)).map(|(name, _)| name.clone()).collect()
    }

    /// The outputs, by name (`{ "description": .., "value": .. }` each).
    pub fn outputs(&self) -> Map<String, Value> {
        self.json["output"].as_object().cloned().unwrap_or_default()
    }
}

/// `actual` contains `expected`: objects by subset, arrays by each expected item matching some
/// actual item, other values by equality.
fn contains(actual: &Value, expected: &Value) -> bool {
    match (actual, expected) {
        (Value::Object(actual), Value::Object(expected)) => {
            expected.iter().all(|(key, value)| actual.get(key).is_some_and(|found| contains(found, value)))
        }
        (Value::Array(actual), Value::Array(expected)) => {
            expected.iter().all(|value| actual.iter().any(|found| contains(found, value)))
        }
        (actual, expected) => actual == expected,
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::contains;

    #[test]
    fn subset_matching() {
        let actual = json!({ "a": 1, "b": { "c": [1, 2, { "d": 3, "e": 4 }] }, "f": "x" });
        assert!(contains(&actual, &json!({})));
        assert!(contains(&actual, &json!({ "b": { "c": [{ "d": 3 }, 2] } })));
        assert!(!contains(&actual, &json!({ "b": { "c": [5] } })));
        assert!(!contains(&actual, &json!({ "a": "1" })));
        assert!(!contains(&actual, &json!({ "g": null })));
    }
}
