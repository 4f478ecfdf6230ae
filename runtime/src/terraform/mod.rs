//! A typed model of the Terraform JSON lambda-stack writes.
//!
//! Every block is a `BTreeMap` (serde_json's map without `preserve_order` is one too), so the same
//! stack always serializes to the same bytes. Resources are typed structs in [`resources`]; a
//! duplicate address is an error, never a silent overwrite.
//!
//! ```
//! use lambda_stack_runtime::terraform::{Document, resources::{CloudwatchLogGroup, Resource as _}};
//! let mut doc = Document::new();
//! let logs = doc
//!     .add(CloudwatchLogGroup::TYPE, "hello", &CloudwatchLogGroup {
//!         note: "function `hello`".into(),
//!         name: "/aws/lambda/shop-hello".into(),
//!         retention_in_days: 365,
//!         kms_key_id: None,
//!     })
//!     .unwrap();
//! assert_eq!(logs.attr("arn"), "${aws_cloudwatch_log_group.hello.arn}");
//! assert!(doc.to_json().contains("\"retention_in_days\": 365"));
//! ```

pub mod resources;

use std::collections::BTreeMap;
use std::fmt;

use serde::Serialize;
use serde_json::{Map, Value};

/// The address of a resource, `TYPE.NAME`, and the expressions that refer to it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Address {
    pub kind: String,
    pub name: String,
}

impl Address {
    pub fn new(kind: &str, name: &str) -> Self {
        Address { kind: kind.to_owned(), name: name.to_owned() }
    }

    /// The address of the resource `NAME` of type `R`: `Address::of::<S3Bucket>("uploads")` is
    /// `aws_s3_bucket.uploads`.
    pub fn of<R: resources::Resource>(name: &str) -> Self {
        Address::new(R::TYPE, name)
    }

    /// An interpolation of one of the resource's attributes: `${TYPE.NAME.ATTR}`.
    pub fn attr(&self, attribute: &str) -> String {
        format!("${{{}.{}.{}}}", self.kind, self.name, attribute)
    }
}

impl fmt::Display for Address {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}", self.kind, self.name)
    }
}

/// A Terraform JSON document: `terraform`, `provider`, `resource` and `output` blocks.
#[derive(Debug, Default, Clone)]
pub struct Document {
    pub comment: Map<String, Value>,
    pub terraform: Map<String, Value>,
    pub providers: BTreeMap<String, Vec<Value>>,
    resources: BTreeMap<String, BTreeMap<String, Value>>,
    data: BTreeMap<String, BTreeMap<String, Value>>,
    outputs: BTreeMap<String, Value>,
    /// `import` blocks: the address, and the ID Terraform imports it from.
    imports: BTreeMap<Address, String>,
    /// `moved` blocks: the new address, and the old one it moves from.
    moved: BTreeMap<Address, Address>,
    /// Other top-level blocks of hand-written JSON (`variable`, `locals`, `module`, `check`):
    /// block type → name → body.
    extra: BTreeMap<String, Map<String, Value>>,
}

/// Two declarations produced the same Terraform address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DuplicateAddress(pub Address);

impl fmt::Display for DuplicateAddress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "two declarations produce the Terraform resource `{}`", self.0)
    }
}

impl std::error::Error for DuplicateAddress {}

impl Document {
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds `resource.KIND.NAME`, serialized from `body`.
    pub fn add<T: Serialize>(&mut self, kind: &str, name: &str, body: &T) -> Result<Address, DuplicateAddress> {
        let address = Address::new(kind, name);
        let value = serde_json::to_value(body).expect("resource structs serialize to JSON");
        let of_kind = self.resources.entry(kind.to_owned()).or_default();
        if of_kind.contains_key(name) {
            return Err(DuplicateAddress(address));
        }
        of_kind.insert(name.to_owned(), value);
        Ok(address)
    }

    /// Adds `data.KIND.NAME` once; adding the same data source again returns its address. Its
    /// attributes are `${data.KIND.NAME.ATTR}`.
    pub fn data<T: Serialize>(&mut self, kind: &str, name: &str, body: &T) -> Address {
        let value = serde_json::to_value(body).expect("data source structs serialize to JSON");
        self.data.entry(kind.to_owned()).or_default().entry(name.to_owned()).or_insert(value);
        Address::new(&format!("data.{kind}"), name)
    }

    /// Adds `output.NAME`; a second output of the same name is an error.
    pub fn output(&mut self, name: &str, value: String, description: String) -> Result<(), DuplicateAddress> {
        if self.outputs.contains_key(name) {
            return Err(DuplicateAddress(Address::new("output", name)));
        }
        let mut body = Map::new();
        body.insert("description".into(), Value::String(description));
        body.insert("value".into(), Value::String(value));
        self.outputs.insert(name.to_owned(), Value::Object(body));
        Ok(())
    }

    /// An `import` block: Terraform takes over the object `id` as `to` (Terraform 1.5 or later).
    pub fn import(&mut self, to: Address, id: String) {
        self.imports.insert(to, id);
    }

    /// A `moved` block: the state of `from` becomes the state of `to`, so nothing is replaced.
    pub fn moved(&mut self, from: Address, to: Address) {
        self.moved.insert(to, from);
    }

    /// Merges hand-written Terraform JSON (`moved` and `import` blocks included); the error names
    /// the first block whose address the document already has, or what is not Terraform JSON.
    pub fn merge_raw(&mut self, raw: &Value) -> Result<(), String> {
        let Value::Object(root) = raw else { return Err("expected a JSON object of Terraform blocks".into()) };
        for (block, body) in root {
            let named = |body: &Value| -> Result<Map<String, Value>, String> {
                body.as_object().cloned().ok_or_else(|| format!("`{block}` must be an object"))
            };
            match block.as_str() {
                "resource" | "data" => {
                    for (kind, of_kind) in named(body)? {
                        let Value::Object(of_kind) = of_kind else {
                            return Err(format!("`{block}.{kind}` must be an object of named blocks"));
                        };
                        let target = if block == "resource" { &mut self.resources } else { &mut self.data };
                        let existing = target.entry(kind.clone()).or_default();
                        for (name, value) in of_kind {
                            if existing.contains_key(&name) {
                                let address = if block == "resource" {
                                    format!("{kind}.{name}")
                                } else {
                                    format!("data.{kind}.{name}")
                                };
                                return Err(format!(
                                    "`{address}` is generated by the stack; change it with `override_resource` instead"
                                ));
                            }
                            existing.insert(name, value);
                        }
                    }
                }
                "output" => {
                    for (name, value) in named(body)? {
                        if self.outputs.contains_key(&name) {
                            return Err(format!("`output.{name}` is generated by the stack"));
                        }
                        self.outputs.insert(name, value);
                    }
                }
                "provider" => {
                    for (name, blocks) in named(body)? {
                        let blocks = match blocks {
                            Value::Array(blocks) => blocks,
                            single => vec![single],
                        };
                        if name == "aws" && blocks.iter().any(|b| b.get("alias").is_none()) {
                            return Err(
                                "the default `aws` provider is generated by the stack; give yours an `alias`".into()
                            );
                        }
                        self.providers.entry(name).or_default().extend(blocks);
                    }
                }
                "variable" | "locals" | "module" | "check" => {
                    let extra = self.extra.entry(block.clone()).or_default();
                    for (name, value) in named(body)? {
                        if extra.contains_key(&name) {
                            return Err(format!("`{block}.{name}` is given twice"));
                        }
                        extra.insert(name, value);
                    }
                }
                "terraform" => {
                    return Err("the `terraform` block is generated by the stack (backend, providers)".into())
                }
                other => return Err(format!("`{other}` is not a Terraform block lambda-stack can merge")),
            }
        }
        Ok(())
    }

    /// Deep-merges `value` into the resource `kind.name`; `Err` when there is none.
    pub fn override_resource(&mut self, kind: &str, name: &str, value: &Value) -> Result<(), String> {
        let Some(target) = self.resources.get_mut(kind).and_then(|of_kind| of_kind.get_mut(name)) else {
            let names: Vec<String> = self.addresses().map(|a| a.to_string()).collect();
            let suggestion = lambda_stack_core::rules::suggest::did_you_mean(
                &format!("{kind}.{name}"),
                names.iter().map(String::as_str),
            );
            return Err(format!("the stack generates no resource `{kind}.{name}`{suggestion}"));
        };
        deep_merge(target, value);
        Ok(())
    }

    /// A `variable` block.
    pub fn variable(&mut self, name: &str, body: Value) {
        self.extra.entry("variable".to_owned()).or_default().insert(name.to_owned(), body);
    }

    /// Whether the document has `import` blocks (which need Terraform 1.5).
    pub fn has_imports(&self) -> bool {
        !self.imports.is_empty()
    }

    /// How many resources the document declares.
    pub fn resource_count(&self) -> usize {
        self.resources.values().map(BTreeMap::len).sum()
    }

    /// The addresses of every resource, sorted.
    pub fn addresses(&self) -> impl Iterator<Item = Address> + '_ {
        self.resources.iter().flat_map(|(kind, named)| named.keys().map(move |name| Address::new(kind, name)))
    }

    /// A resource's body, for tests and `list`.
    pub fn resource(&self, kind: &str, name: &str) -> Option<&Value> {
        self.resources.get(kind)?.get(name)
    }

    /// The document as a JSON value, empty blocks left out.
    pub fn to_value(&self) -> Value {
        let mut root = Map::new();
        if !self.comment.is_empty() {
            root.insert("//".into(), Value::Object(self.comment.clone()));
        }
        if !self.terraform.is_empty() {
            root.insert("terraform".into(), Value::Object(self.terraform.clone()));
        }
        if !self.providers.is_empty() {
            let providers =
                self.providers.iter().map(|(name, blocks)| (name.clone(), Value::Array(blocks.clone()))).collect();
            root.insert("provider".into(), Value::Object(providers));
        }
        if !self.data.is_empty() {
            let data = self
                .data
                .iter()
                .map(|(kind, named)| {
                    let named = named.iter().map(|(n, v)| (n.clone(), v.clone())).collect();
                    (kind.clone(), Value::Object(named))
                })
                .collect();
            root.insert("data".into(), Value::Object(data));
        }
        if !self.resources.is_empty() {
            let resources = self
                .resources
                .iter()
                .map(|(kind, named)| {
                    let named = named.iter().map(|(n, v)| (n.clone(), v.clone())).collect();
                    (kind.clone(), Value::Object(named))
                })
                .collect();
            root.insert("resource".into(), Value::Object(resources));
        }
        if !self.outputs.is_empty() {
            let outputs = self.outputs.iter().map(|(n, v)| (n.clone(), v.clone())).collect();
            root.insert("output".into(), Value::Object(outputs));
        }
        for (block, named) in &self.extra {
            root.insert(block.clone(), Value::Object(named.clone()));
        }
        if !self.imports.is_empty() {
            let imports =
                self.imports.iter().map(|(to, id)| serde_json::json!({ "to": to.to_string(), "id": id })).collect();
            root.insert("import".into(), Value::Array(imports));
        }
        if !self.moved.is_empty() {
            let moved = self
                .moved
                .iter()
                .map(|(to, from)| serde_json::json!({ "from": from.to_string(), "to": to.to_string() }))
                .collect();
            root.insert("moved".into(), Value::Array(moved));
        }
        Value::Object(root)
    }

    /// Pretty JSON with a trailing newline: the bytes of `cdk.tf.json`.
    pub fn to_json(&self) -> String {
        let mut bytes = Vec::new();
        self.write_json(&mut bytes).expect("writing to memory cannot fail");
        String::from_utf8(bytes).expect("serde_json writes UTF-8")
    }

    /// Writes [`Document::to_json`]'s bytes to `out`, serialized from the document itself: no
    /// copy of it as one JSON value (on a 10,000-function stack that copy was as big as the
    /// document, ~100 MB) and no string of the whole text.
    pub fn write_json(&self, mut out: impl std::io::Write) -> std::io::Result<()> {
        use serde::Serialize as _;
        let mut serializer = serde_json::Serializer::pretty(&mut out);
        Blocks(self).serialize(&mut serializer).map_err(std::io::Error::from)?;
        out.write_all(b"\n")
    }
}

/// The top-level blocks of a [`Document`], serialized as [`Document::to_value`] would be, from
/// borrowed parts.
struct Blocks<'a>(&'a Document);

/// One top-level block, borrowed from the document (the `import` and `moved` lists, which are
/// small, are built).
enum Block<'a> {
    Object(&'a Map<String, Value>),
    Providers(&'a BTreeMap<String, Vec<Value>>),
    Named(&'a BTreeMap<String, BTreeMap<String, Value>>),
    Outputs(&'a BTreeMap<String, Value>),
    Built(Value),
}

impl Serialize for Block<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Block::Object(map) => map.serialize(serializer),
            Block::Providers(providers) => providers.serialize(serializer),
            Block::Named(named) => named.serialize(serializer),
            Block::Outputs(outputs) => outputs.serialize(serializer),
            Block::Built(value) => value.serialize(serializer),
        }
    }
}

impl Serialize for Blocks<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap as _;
        let doc = self.0;
        let mut blocks: Vec<(&str, Block<'_>)> = Vec::new();
        if !doc.comment.is_empty() {
            blocks.push(("//", Block::Object(&doc.comment)));
        }
        if !doc.terraform.is_empty() {
            blocks.push(("terraform", Block::Object(&doc.terraform)));
        }
        if !doc.providers.is_empty() {
            blocks.push(("provider", Block::Providers(&doc.providers)));
        }
        if !doc.data.is_empty() {
            blocks.push(("data", Block::Named(&doc.data)));
        }
        if !doc.resources.is_empty() {
            blocks.push(("resource", Block::Named(&doc.resources)));
        }
        if !doc.outputs.is_empty() {
            blocks.push(("output", Block::Outputs(&doc.outputs)));
        }
        for (block, named) in &doc.extra {
            blocks.push((block, Block::Object(named)));
        }
        if !doc.imports.is_empty() {
            let imports =
                doc.imports.iter().map(|(to, id)| serde_json::json!({ "to": to.to_string(), "id": id })).collect();
            blocks.push(("import", Block::Built(Value::Array(imports))));
        }
        if !doc.moved.is_empty() {
            let moved = doc
                .moved
                .iter()
                .map(|(to, from)| serde_json::json!({ "from": from.to_string(), "to": to.to_string() }))
                .collect();
            blocks.push(("moved", Block::Built(Value::Array(moved))));
        }
        // The blocks in the order a `serde_json::Map` holds them, as `to_value` builds the root:
        // sorted, or in insertion order where a dependency turns on `preserve_order`.
        let order: Map<String, Value> = blocks.iter().map(|(name, _)| ((*name).to_owned(), Value::Null)).collect();
        let mut map = serializer.serialize_map(Some(order.len()))?;
        for name in order.keys() {
            // The last block of a name wins, as an insert into the root would.
            let (_, block) = blocks.iter().rev().find(|(block, _)| block == name).expect("every key is a block");
            map.serialize_entry(name, block)?;
        }
        map.end()
    }
}

/// Objects merge key by key; `null` removes a key; anything else replaces.
fn deep_merge(target: &mut Value, patch: &Value) {
    match (target, patch) {
        (Value::Object(target), Value::Object(patch)) => {
            for (key, value) in patch {
                if value.is_null() {
                    target.remove(key);
                } else {
                    deep_merge(target.entry(key.clone()).or_insert(Value::Null), value);
                }
            }
        }
        (target, patch) => *target = patch.clone(),
    }
}

/// A user's text as a Terraform string literal: `${` and `%{` would start an interpolation or a
/// directive, so they are escaped as `$${` and `%%{`.
pub fn literal(text: &str) -> String {
    text.replace("${", "$${").replace("%{", "%%{")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literals_escape_interpolations() {
        assert_eq!(literal("a ${b} %{c} $d"), "a $${b} %%{c} $d");
    }

    #[test]
    fn duplicates_are_errors() {
        let mut doc = Document::new();
        doc.add("t", "n", &serde_json::json!({})).unwrap();
        let err = doc.add("t", "n", &serde_json::json!({})).unwrap_err();
        assert_eq!(err.to_string(), "two declarations produce the Terraform resource `t.n`");
    }

    #[test]
    fn streamed_json_is_the_json_of_the_value() {
        let mut doc = Document::new();
        doc.comment.insert("metadata".into(), serde_json::json!({ "stackName": "s" }));
        doc.terraform.insert("required_version".into(), serde_json::json!(">= 1.5.0"));
        doc.providers.insert("aws".into(), vec![serde_json::json!({ "region": "eu-west-3" })]);
        doc.add("aws_s3_bucket", "b", &serde_json::json!({ "bucket": "x", "tags": {} })).unwrap();
        doc.add("aws_sqs_queue", "q", &serde_json::json!({ "name": "q", "list": [] })).unwrap();
        doc.data("aws_caller_identity", "current", &serde_json::json!({}));
        doc.output("b_arn", "${aws_s3_bucket.b.arn}".into(), "the bucket".into()).unwrap();
        doc.variable("stage", serde_json::json!({ "type": "string" }));
        doc.import(Address::new("aws_s3_bucket", "b"), "x".into());
        doc.moved(Address::new("aws_sqs_queue", "old"), Address::new("aws_sqs_queue", "q"));
        let mut expected = serde_json::to_string_pretty(&doc.to_value()).unwrap();
        expected.push('\n');
        assert_eq!(doc.to_json(), expected);
    }

    #[test]
    fn empty_blocks_are_left_out() {
        assert_eq!(Document::new().to_json(), "{}\n");
    }
}
