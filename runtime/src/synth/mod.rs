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
mod keys;
mod references;
mod rest;
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
    /// The `include:` files, by their name in the stack's folder, with their bytes.
    pub included: Vec<(String, Vec<u8>)>,
    pub warnings: Vec<Problem>,
}

/// The files the stack's `include:` patterns name, read (the checker has read and parsed them
/// already; this is what gets copied).
fn included_files(stack: &Stack) -> Result<Vec<(String, Vec<u8>)>> {
    let mut files = Vec::new();
    for (base, pattern, _) in &stack.include {
        let paths = crate::scan::terraform::include_files(base, pattern)
            .map_err(|message| Error::Usage(format!("stack `{}`: {message}", stack.name)))?;
        for path in paths {
            let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            let bytes = std::fs::read(&path).map_err(crate::error::io_error(&path))?;
            files.push((name, bytes));
        }
    }
    Ok(files)
}

/// What goes beside `cdk.tf.json`: the `include:` files, and the `.auto.tfvars.json` of the params
/// whose defaults go there ([`crate::param::Param::in_tfvars`]).
fn generated_and_included_files(stack: &Stack) -> Result<Vec<(String, Vec<u8>)>> {
    let mut files = included_files(stack)?;
    let values: Map<String, Value> = stack
        .params
        .iter()
        .filter(|param| param.in_tfvars)
        .filter_map(|param| Some((param.name.clone(), param_value(param.default.as_ref()?))))
        .collect();
    if !values.is_empty() {
        let name = format!("{}.auto.tfvars.json", stack.stage_name().unwrap_or(&stack.name));
        let mut text = serde_json::to_string_pretty(&Value::Object(values)).expect("JSON values serialize");
        text.push('\n');
        files.push((name, text.into_bytes()));
    }
    Ok(files)
}

/// Checks the stack, packages its functions, and builds its Terraform document, with the cache
/// and installers the environment names ([`BuildOptions::from_env`]).
pub fn synthesize(stack: &Stack) -> Result<Synthesized> {
    synthesize_with(stack, &BuildOptions::from_env())
}

/// [`synthesize`] with the cache, installers and progress display of `options`.
pub fn synthesize_with(stack: &Stack, options: &BuildOptions) -> Result<Synthesized> {
    synthesize_from(stack, |stack| {
        #[cfg(feature = "rust")]
        let bootstraps = crate::rust::bootstrap::bootstraps(stack)?;
        #[cfg(not(feature = "rust"))]
        let bootstraps = BTreeMap::new();
        assets::package_functions(stack, &bootstraps, options)
    })
}

/// Checks the stack and builds its Terraform document with every function's code hashed, not
/// packaged: no zip is written or compressed, no dependency installed, no Rust binary built. The
/// `filename` and `source_code_hash` of each function name its code's digest instead of a zip's.
/// What [`crate::testing::Template::synth`] runs.
pub fn synthesize_document(stack: &Stack) -> Result<Synthesized> {
    synthesize_from(stack, assets::digest_functions)
}

/// Checks the stack, gets its functions' code from `assets` (packaged, or only hashed), and
/// builds its document.
fn synthesize_from(stack: &Stack, assets: impl FnOnce(&Stack) -> Result<Vec<Asset>>) -> Result<Synthesized> {
    if !stack.staged.is_empty() {
        return Err(Error::Usage(format!(
            "stack `{}` has stages ({}); synthesize one of them, such as `stack.stage(\"{}\")`, or add it to an `App`, \
             which synthesizes each",
            stack.name,
            stack.stage_names().join(", "),
            stack.stage_names()[0]
        )));
    }
    let findings = stack.check();
    if !findings.problems.is_empty() {
        return Err(Error::Invalid { stack: stack.name.clone(), problems: findings.problems });
    }
    let assets = assets(stack)?;
    let document = Builder::new(stack).build(&assets)?;
    Ok(Synthesized {
        stack: stack.name.clone(),
        region: stack.region.clone().unwrap_or_default(),
        document,
        assets,
        included: generated_and_included_files(stack)?,
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
    /// The HTTP API's authorizers, by [`lambda_stack_core::decl::Auth::authorizer_key`].
    authorizers: BTreeMap<String, Address>,
    /// By function, how many of those authorizers it is: each adds a statement to its policy.
    authorizer_uses: BTreeMap<String, usize>,
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
            authorizers: BTreeMap::new(),
            authorizer_uses: BTreeMap::new(),
        }
    }

    fn invalid(&self, message: String) -> Error {
        self.invalid_at(&self.stack.origin, message)
    }

    /// The AWS name of a declaration the stack owns ([`rules::adopt::owned_name`]).
    fn owned_name(&self, kind: Kind, name: &str, adopt: &lambda_stack_core::decl::Adoption, fifo: bool) -> String {
        rules::adopt::owned_name(kind, &self.stack.name, name, adopt, fifo, self.stack.stage_name())
    }

    fn output(&mut self, name: &str, value: String, description: String) -> Result<()> {
        self.doc.output(name, value, description).map_err(|duplicate| self.invalid(duplicate.to_string()))
    }

    fn add<R: Resource>(&mut self, name: &str, body: &R) -> Result<Address> {
        self.doc.add(R::TYPE, name, body).map_err(|duplicate| self.invalid(duplicate.to_string()))
    }

    fn build(mut self, assets: &[Asset]) -> Result<Document> {
        self.header();
        for key in &self.stack.keys {
            self.kms_key(key)?;
        }
        for secret in &self.stack.secrets {
            self.secret(secret)?;
        }
        for parameter in &self.stack.parameters {
            self.parameter(parameter)?;
        }
        for bus in &self.stack.buses {
            self.bus(bus)?;
        }
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
        self.rest_api()?;
        for bucket in &self.stack.buckets {
            self.bucket_notification(bucket)?;
        }
        self.adoption();
        self.hand_written()?;
        // `import` blocks arrived in Terraform 1.5 (`moved` in 1.1).
        if self.doc.has_imports() {
            self.doc.terraform.insert("required_version".into(), json!(">= 1.5.0"));
        }
        Ok(self.doc)
    }

    /// The stack's hand-written Terraform ([`Stack::terraform`]) and overrides
    /// ([`Stack::override_resource`]), after everything generated, so a clash is seen.
    fn hand_written(&mut self) -> Result<()> {
        let stack = self.stack;
        for (raw, origin) in &stack.raw {
            self.doc
                .merge_raw(raw)
                .map_err(|message| self.invalid_at(origin, format!("`Stack::terraform`: {message}")))?;
        }
        for o in &stack.overrides {
            self.doc
                .override_resource(&o.kind, &o.name, &o.value)
                .map_err(|message| self.invalid_at(&o.origin, format!("`Stack::override_resource`: {message}")))?;
        }
        Ok(())
    }

    fn invalid_at(&self, origin: &Origin, message: String) -> Error {
        Error::Invalid {
            stack: self.stack.name.clone(),
            problems: vec![Problem {
                subject: format!("stack `{}`", self.stack.name),
                origin: origin.clone(),
                message,
            }],
        }
    }

    /// `import` blocks for declarations with `import:`, on their main resource; `moved` blocks for
    /// those `renamed_from:` an old name, for every resource named after the declaration
    /// (`NAME`, or `NAME-...`: declaration names have no `-`, so the prefix is unambiguous).
    fn adoption(&mut self) {
        let owned = self.stack.owned_adoptions();
        for (kind, name, adopt) in &owned {
            if let Some(id) = &adopt.import {
                self.doc.import(Address::new(main_resource(*kind), name), id.clone());
            }
        }
        let renamed: BTreeMap<&str, &str> =
            owned.iter().filter_map(|(_, name, adopt)| Some((name.as_str(), adopt.renamed_from.as_deref()?))).collect();
        if renamed.is_empty() {
            return;
        }
        // Addresses are `OWNER` or `OWNER-SLUG`, where the slug spells other declarations' names
        // the way `unique_slug` does (`sqs(work_items)` → `sqs-work-items`): the old address has
        // the old names in both places.
        let slugs: Vec<(Vec<String>, Vec<String>)> =
            renamed.iter().map(|(new, old)| (slug_segments(new), slug_segments(old))).collect();
        let moves: Vec<(Address, Address)> = self
            .doc
            .addresses()
            .filter_map(|address| {
                let (owner, rest) = match address.name.split_once('-') {
                    Some((owner, rest)) => (owner, Some(rest)),
                    None => (address.name.as_str(), None),
                };
                let old_owner = renamed.get(owner).copied().unwrap_or(owner);
                let from = match rest {
                    Some(rest) => format!("{old_owner}-{}", renamed_segments(rest, &slugs)),
                    None => old_owner.to_owned(),
                };
                (from != address.name).then(|| (Address::new(&address.kind, &from), address))
            })
            .collect();
        for (from, to) in moves {
            self.doc.moved(from, to);
        }
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
                "key": match stack.stage_name() {
                    Some(stage) => rules::stages::state_key(key, stage),
                    None => key.clone(),
                },
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
        let mut tags: Map<String, Value> =
            stack.tags.iter().map(|(k, v)| (k.clone(), json!(terraform::literal(v)))).collect();
        if let Some(stage) = stack.stage_name() {
            // A `stage` tag of the stack's own wins: the user chose it.
            tags.entry(rules::stages::STAGE_TAG).or_insert_with(|| json!(terraform::literal(stage)));
        }
        if !tags.is_empty() {
            provider.insert("default_tags".into(), json!([{ "tags": tags }]));
        }
        self.doc.providers.insert("aws".into(), vec![Value::Object(provider)]);
        for param in &stack.params {
            self.doc.variable(&param.name, param_variable(param));
        }
    }
}

/// A param's `variable` block: its type, default, description and sensitivity.
/// A param's value as Terraform reads it, in a variable's default or a `.tfvars.json`: literal, not
/// a template, so nothing is escaped.
fn param_value(value: &lambda_stack_core::decl::ParamValue) -> Value {
    use lambda_stack_core::decl::ParamValue;
    match value {
        ParamValue::String(text) => json!(text),
        ParamValue::Number(digits) => serde_json::from_str::<Value>(digits).unwrap_or_else(|_| json!(digits)),
        ParamValue::List(items) => json!(items),
    }
}

fn param_variable(param: &crate::param::Param) -> Value {
    let decl = param.to_decl();
    let mut body = Map::new();
    body.insert("type".into(), json!(decl.param_type().terraform()));
    if let Some(default) = param.default.as_ref().filter(|_| !param.in_tfvars) {
        body.insert("default".into(), param_value(default));
    }
    if let Some(description) = &param.description {
        body.insert("description".into(), json!(description));
    }
    if param.sensitive {
        body.insert("sensitive".into(), json!(true));
    }
    Value::Object(body)
}

/// The Terraform type of the resource a declaration of `kind` is: what `import:` imports into.
fn main_resource(kind: Kind) -> &'static str {
    use crate::terraform::resources::{
        DynamodbTable, IamRole, KinesisStream, LambdaFunction, S3Bucket, SnsTopic, SqsQueue,
    };
    match kind {
        Kind::Function => LambdaFunction::TYPE,
        Kind::Role => IamRole::TYPE,
        Kind::Queue => SqsQueue::TYPE,
        Kind::Topic => SnsTopic::TYPE,
        Kind::Table => DynamodbTable::TYPE,
        Kind::Stream => KinesisStream::TYPE,
        Kind::Bucket => S3Bucket::TYPE,
        Kind::Key => crate::terraform::resources::KmsKey::TYPE,
        Kind::Secret => crate::terraform::resources::SecretsmanagerSecret::TYPE,
        Kind::Parameter => crate::terraform::resources::SsmParameter::TYPE,
        Kind::Bus => crate::terraform::resources::CloudwatchEventBus::TYPE,
    }
}

/// The `hashicorp/aws` range the stack's runtimes need (a Rust function runs as
/// `provided.al2023`).
fn provider_constraint(stack: &Stack) -> String {
    let runtimes = stack.functions.iter().map(|f| f.runtime.as_deref().unwrap_or(rules::rust::RUNTIME));
    rules::runtimes::provider_constraint(runtimes)
}

/// A name as [`unique_slug`] spells it, in `-`-separated segments.
fn slug_segments(name: &str) -> Vec<String> {
    name.split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|segment| !segment.is_empty())
        .map(str::to_ascii_lowercase)
        .collect()
}

/// `slug` with every run of segments that spells a new name (of `renames`, new → old) replaced by
/// the old name's segments.
fn renamed_segments(slug: &str, renames: &[(Vec<String>, Vec<String>)]) -> String {
    let segments: Vec<&str> = slug.split('-').collect();
    let mut out: Vec<&str> = Vec::with_capacity(segments.len());
    let mut i = 0;
    'next: while i < segments.len() {
        for (new, old) in renames {
            if !new.is_empty()
                && segments[i..].len() >= new.len()
                && segments[i..i + new.len()].iter().zip(new).all(|(a, b)| a == b)
            {
                out.extend(old.iter().map(String::as_str));
                i += new.len();
                continue 'next;
            }
        }
        out.push(segments[i]);
        i += 1;
    }
    out.join("-")
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
    fn renamed_names_are_replaced_segment_by_segment() {
        let renames =
            [(slug_segments("work_items"), slug_segments("jobs")), (slug_segments("b"), slug_segments("a_b"))];
        assert_eq!(renamed_segments("sqs-work-items", &renames), "sqs-jobs");
        assert_eq!(renamed_segments("sqs-work-items-2", &renames), "sqs-jobs-2");
        assert_eq!(renamed_segments("sqs-work", &renames), "sqs-work");
        assert_eq!(renamed_segments("sns-b", &renames), "sns-a-b");
        assert_eq!(renamed_segments("get-items", &renames), "get-items");
    }

    #[test]
    fn slugs_are_unique_and_readable() {
        let mut used = BTreeSet::new();
        assert_eq!(unique_slug(&mut used, "GET /orders/{id}"), "get-orders-id");
        assert_eq!(unique_slug(&mut used, "GET /orders/{id}"), "get-orders-id-2");
        assert_eq!(unique_slug(&mut used, "GET /"), "get-root");
    }
}
