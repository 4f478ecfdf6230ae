//! Turning a checked [`Stack`] into Terraform JSON and packaged code.
//!
//! [`synthesize`] checks the stack, packages its functions (`assets`), then a `Builder` walks the
//! declarations and adds their resources to one [`Document`], a file per concern: `storage`
//! (buckets, queues, tables, topics, streams), `iam` (roles and policies), `function`, `http` (the
//! stack's HTTP API and its routes) and `triggers` (the other event sources); `references` turns a
//! declaration's name into the value of one of its attributes. Resources are added by their
//! struct ([`terraform::resources`]), whose [`Resource::TYPE`] is the Terraform type.

mod assets;
mod function;
mod http;
mod iam;
mod references;
mod storage;
mod triggers;

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{json, Map, Value};

use crate::error::{Error, Result};
use crate::origin::{Origin, Problem};
use crate::package::{BuildOptions, Package};
use crate::rules::{self, resources::Kind};
use crate::stack::{Backend, Stack};
use crate::terraform::resources::{Resource, S3LambdaNotification};
use crate::terraform::{self, Address, Document};
use crate::trigger::Trigger;

/// The provider versions the JSON is written for: the resources and arguments used exist in both.
/// A stack whose runtimes older releases reject gets a higher floor
/// ([`rules::runtimes::provider_constraint`]).
pub const AWS_PROVIDER_VERSION: &str = rules::runtimes::DEFAULT_PROVIDER_CONSTRAINT;
/// The version written into every output, so a diff shows when the generator changed.
pub const TOOL_VERSION: &str = concat!("lambda-stack ", env!("CARGO_PKG_VERSION"));

/// A function's packaged code and where it goes in the stack folder.
#[derive(Debug, Clone)]
pub struct Asset {
    pub function: String,
    /// Relative to the stack folder: `assets/<function>/<sha256>.zip`.
    pub path: String,
    pub package: Package,
    /// The stack's `assets` bucket when the zip is too big for a direct upload and goes through S3.
    pub s3_bucket: Option<String>,
}

/// One synthesized stack: its Terraform document, its packages, and its warnings.
#[derive(Debug, Clone)]
pub struct Synthesized {
    pub stack: String,
    pub region: String,
    pub document: Document,
    pub assets: Vec<Asset>,
    pub warnings: Vec<Problem>,
}

/// Checks the stack, packages its functions, and builds its Terraform document, with the cache
/// and installers the environment names ([`BuildOptions::from_env`]).
pub fn synthesize(stack: &Stack) -> Result<Synthesized> {
    synthesize_with(stack, &BuildOptions::from_env())
}

/// [`synthesize`] with the cache, installers and progress display of `options`.
pub fn synthesize_with(stack: &Stack, options: &BuildOptions) -> Result<Synthesized> {
    let findings = stack.check();
    if !findings.problems.is_empty() {
        return Err(Error::Invalid { stack: stack.name.clone(), problems: findings.problems });
    }
    #[cfg(feature = "rust")]
    let bootstraps = crate::rust::bootstrap::bootstraps(stack)?;
    #[cfg(not(feature = "rust"))]
    let bootstraps = BTreeMap::new();
    let assets = assets::package_functions(stack, &bootstraps, options)?;
    let document = Builder::new(stack).build(&assets)?;
    Ok(Synthesized {
        stack: stack.name.clone(),
        region: stack.region.clone().unwrap_or_default(),
        document,
        assets,
        warnings: findings.warnings,
    })
}

fn note(what: &str, origin: &Origin) -> String {
    if origin.file.is_empty() {
        what.to_owned()
    } else {
        format!("{what}, declared at {origin}")
    }
}

struct Builder<'a> {
    stack: &'a Stack,
    kinds: BTreeMap<&'a str, Kind>,
    doc: Document,
    partition: &'static str,
    region: &'a str,
    /// Policies and statements each role ends up with, including what functions add to a role
    /// they share: one attachment per (role, policy).
    role_dependencies: BTreeMap<String, Vec<String>>,
    /// Each bucket's notifications to functions, and the permissions they need first.
    notifications: BTreeMap<String, (Vec<S3LambdaNotification>, Vec<String>)>,
}

impl<'a> Builder<'a> {
    fn new(stack: &'a Stack) -> Self {
        let region = stack.region.as_deref().unwrap_or_default();
        Builder {
            stack,
            kinds: stack.kinds(),
            doc: Document::new(),
            partition: rules::regions::partition(region).unwrap_or("aws"),
            region,
            role_dependencies: BTreeMap::new(),
            notifications: BTreeMap::new(),
        }
    }

    fn invalid(&self, message: String) -> Error {
        Error::Invalid {
            stack: self.stack.name.clone(),
            problems: vec![Problem {
                subject: format!("stack `{}`", self.stack.name),
                origin: self.stack.origin.clone(),
                message,
            }],
        }
    }

    fn output(&mut self, name: &str, value: String, description: String) -> Result<()> {
        self.doc.output(name, value, description).map_err(|duplicate| self.invalid(duplicate.to_string()))
    }

    fn add<R: Resource>(&mut self, name: &str, body: &R) -> Result<Address> {
        self.doc.add(R::TYPE, name, body).map_err(|duplicate| self.invalid(duplicate.to_string()))
    }

    fn build(mut self, assets: &[Asset]) -> Result<Document> {
        self.header();
        for bucket in &self.stack.buckets {
            self.bucket(bucket)?;
        }
        for queue in &self.stack.queues {
            self.queue(queue)?;
        }
        for table in &self.stack.tables {
            self.table(table)?;
        }
        for topic in &self.stack.topics {
            self.topic(topic)?;
        }
        for stream in &self.stack.streams {
            self.kinesis_stream(stream)?;
        }
        self.roles()?;
        let http = self.stack.functions.iter().any(|f| f.triggers.iter().any(|t| matches!(t, Trigger::Http { .. })));
        if http {
            self.http_api()?;
        }
        for (function, asset) in self.stack.functions.iter().zip(assets) {
            self.function(function, asset)?;
        }
        for bucket in &self.stack.buckets {
            self.bucket_notification(bucket)?;
        }
        Ok(self.doc)
    }

    fn header(&mut self) {
        let stack = self.stack;
        let mut metadata = Map::new();
        metadata.insert("stackName".into(), json!(stack.name));
        metadata.insert("version".into(), json!(TOOL_VERSION));
        metadata.insert("declaredAt".into(), json!(stack.origin.to_string()));
        self.doc.comment.insert("metadata".into(), Value::Object(metadata));

        let backend = match &stack.backend {
            // Beside the output folder, so that a new synth (which replaces the folder) never
            // touches the state: `cdktf.out/stacks/<stack>` → `terraform.<stack>.tfstate`.
            Backend::Local => json!({ "local": { "path": format!("../../../terraform.{}.tfstate", stack.name) } }),
            Backend::S3 { bucket, key, region, encrypt } => json!({ "s3": {
                "bucket": bucket,
                "key": key,
                "region": region.clone().or_else(|| stack.region.clone()),
                "encrypt": encrypt,
                "use_lockfile": true,
            }}),
        };
        self.doc.terraform.insert("backend".into(), backend);
        self.doc.terraform.insert(
            "required_providers".into(),
            json!({ "aws": { "source": "hashicorp/aws", "version": provider_constraint(stack) } }),
        );

        let mut provider = Map::new();
        if let Some(region) = &stack.region {
            provider.insert("region".into(), json!(region));
        }
        if !stack.tags.is_empty() {
            let tags: Map<String, Value> =
                stack.tags.iter().map(|(k, v)| (k.clone(), json!(terraform::literal(v)))).collect();
            provider.insert("default_tags".into(), json!([{ "tags": tags }]));
        }
        self.doc.providers.insert("aws".into(), vec![Value::Object(provider)]);
    }
}

/// The `hashicorp/aws` range the stack's runtimes need (a Rust function runs as
/// `provided.al2023`).
fn provider_constraint(stack: &Stack) -> String {
    let runtimes = stack.functions.iter().map(|f| f.runtime.as_deref().unwrap_or(rules::rust::RUNTIME));
    rules::runtimes::provider_constraint(runtimes)
}

/// `GET /orders/{id}` → `get-orders-id`, made unique among `used`.
fn unique_slug(used: &mut BTreeSet<String>, text: &str) -> String {
    let mut slug = String::new();
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.ends_with('-') {
            slug.push('-');
        }
    }
    let slug = slug.trim_end_matches('-').to_owned();
    // `GET /` would otherwise be just `get`.
    let slug = if text.ends_with(" /") { format!("{slug}-root") } else { slug };
    let mut candidate = slug.clone();
    let mut n = 2;
    while !used.insert(candidate.clone()) {
        candidate = format!("{slug}-{n}");
        n += 1;
    }
    candidate
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_unique_and_readable() {
        let mut used = BTreeSet::new();
        assert_eq!(unique_slug(&mut used, "GET /orders/{id}"), "get-orders-id");
        assert_eq!(unique_slug(&mut used, "GET /orders/{id}"), "get-orders-id-2");
        assert_eq!(unique_slug(&mut used, "GET /"), "get-root");
    }
}
