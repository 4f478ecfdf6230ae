//! CDKTF resources → `lambda_stack!` declarations.
//!
//! Storage first (buckets, queues, tables, topics), then roles with their managed policies, then
//! functions (their code, environment and log group), then what invokes them (event source
//! mappings, S3 notifications, schedules, the HTTP API, SNS subscriptions, function URLs) with
//! the permissions those need, and last the roles' inline policies, less what the triggers grant
//! by themselves. A resource is taken over only when everything it needs was: a function whose
//! role is kept as written is kept as written too. What is not taken over stays Terraform, in
//! `untranslated.tf.json`, with the reason.
//!
//! Attributes a declaration cannot say are not lost: [`super::pair`] compares each resource with
//! what lambda-stack generates for it and keeps CDKTF's value with `override_resource`.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use serde_json::{Map, Value};

use super::cdktf::{leading_reference, literal, whole_reference, Cdktf, Reference};
use super::model::*;
use crate::rules;
use crate::rules::resources::Kind;
use crate::terraform::Address;
use lambda_stack_core::keys::TriggerKind as Keyword;

/// What a translation produced: the model, and the CDKTF asset each code folder unpacks.
#[derive(Debug, Clone)]
pub struct Translation {
    pub model: Model,
    /// `functions/<name>` → the asset it comes from (a zip or a folder).
    pub code: BTreeMap<String, PathBuf>,
}

/// Translates `cdktf`, keeping as written the resources of `refused` (the checker turned down
/// what they became in an earlier attempt; the value is its message).
pub fn translate(cdktf: &Cdktf, refused: &BTreeMap<Address, String>) -> Translation {
    let mut t = Translator {
        cdktf,
        refused,
        model: Model::default(),
        code: BTreeMap::new(),
        declarations: BTreeMap::new(),
        kinds: BTreeMap::new(),
    };
    t.model.stack = identifier(&cdktf.stack_name);
    t.provider();
    t.buckets();
    t.queues();
    t.tables();
    t.topics();
    t.roles();
    t.attachments();
    t.functions();
    t.log_groups();
    t.event_source_mappings();
    t.s3_notifications();
    t.schedules();
    t.http_api();
    t.subscriptions();
    t.function_urls();
    t.permissions();
    t.policies();
    t.leftovers();
    Translation { model: t.model, code: t.code }
}

struct Translator<'a> {
    cdktf: &'a Cdktf,
    refused: &'a BTreeMap<Address, String>,
    model: Model,
    code: BTreeMap<String, PathBuf>,
    /// The CDKTF address of each declaration's main resource → the declaration's name.
    declarations: BTreeMap<Address, String>,
    kinds: BTreeMap<String, Kind>,
}

/// The owner of the stack's HTTP API in claims: lambda-stack names it `http-api`, after no
/// declaration.
pub const HTTP_API: &str = "http-api";

/// A Rust keyword cannot name a declaration.
const KEYWORDS: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum", "extern", "false", "fn",
    "for", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub", "ref", "return", "self", "static",
    "struct", "super", "trait", "true", "type", "unsafe", "use", "where", "while", "abstract", "become", "box", "do",
    "final", "gen", "macro", "override", "priv", "try", "typeof", "unsized", "virtual", "yield",
];

/// A name as a `lambda_stack!` identifier: lowercase ASCII letters, digits and `_`, not starting
/// with a digit, not a keyword (`event-pipeline` → `event_pipeline`, `ingest/role` → `ingest_role`).
pub fn identifier(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('_') {
            out.push('_');
        }
    }
    let out = out.trim_matches('_').to_owned();
    match out.chars().next() {
        None => "resource".to_owned(),
        Some(c) if c.is_ascii_digit() => format!("n_{out}"),
        _ if KEYWORDS.contains(&out.as_str()) => format!("{out}_"),
        _ => out,
    }
}

impl<'a> Translator<'a> {
    fn source(&self, address: &Address) -> Source {
        Source { address: address.clone(), line: self.cdktf.line_of(address) }
    }

    /// Keeps `address` as written, with why.
    fn keep(&mut self, address: &Address, why: impl Into<String>) {
        let why = why.into();
        self.model.claims.remove(address);
        self.model.untranslated.entry(address.clone()).or_insert(why);
    }

    fn claim(&mut self, address: &Address, owner: &str, what: String) {
        self.model.claims.insert(address.clone(), Claim { owner: owner.to_owned(), what });
    }

    fn is_handled(&self, address: &Address) -> bool {
        self.model.claims.contains_key(address) || self.model.untranslated.contains_key(address)
    }

    /// The resources of `kind` not yet claimed or kept, and not refused (those are kept now).
    fn open(&mut self, kind: &str) -> Vec<(Address, Map<String, Value>)> {
        let mut open = Vec::new();
        let found: Vec<(Address, Map<String, Value>)> =
            self.cdktf.of_type(kind).map(|(address, resource)| (address.clone(), resource.body.clone())).collect();
        for (address, body) in found {
            if self.is_handled(&address) {
                continue;
            }
            if let Some(why) = self.refused.get(&address) {
                let why = format!("lambda-stack refused what it became: {why}");
                self.keep(&address, why);
                continue;
            }
            if let Some(meta) = ["count", "for_each", "provider"].iter().find(|key| body.contains_key(**key)) {
                self.keep(&address, format!("it has `{meta}`, which lambda-stack declarations do not take"));
                continue;
            }
            open.push((address, body));
        }
        open
    }

    /// A unique declaration name, from `preferred` (an AWS name) or else the construct path.
    fn declaration_name(&self, address: &Address, preferred: Option<&str>) -> String {
        let path = self.cdktf.resource(address).and_then(|r| r.construct_path.clone());
        let base = identifier(preferred.or(path.as_deref()).unwrap_or(&address.name));
        let taken = |name: &str| self.kinds.contains_key(name) || name == self.model.stack;
        let mut name = base.clone();
        let mut n = 2;
        while taken(&name) {
            name = format!("{base}_{n}");
            n += 1;
        }
        name
    }

    fn declare(&mut self, address: &Address, name: &str, kind: Kind) {
        self.declarations.insert(address.clone(), name.to_owned());
        self.kinds.insert(name.to_owned(), kind);
        self.claim(address, name, format!("{kind} `{name}`"));
    }

    /// The declaration a reference names, when it is one of `kind`.
    fn declaration(&self, reference: &Reference, kind: Kind) -> Option<String> {
        let name = self.declarations.get(&reference.address)?;
        (self.kinds.get(name) == Some(&kind)).then(|| name.clone())
    }

    /// The declaration of `kind` a string refers to as a whole (`${aws_sqs_queue.jobs.arn}`),
    /// with one of `attributes`.
    fn referenced(&self, value: Option<&Value>, kind: Kind, attributes: &[&str]) -> Option<String> {
        let reference = whole_reference(value?.as_str()?)?;
        attributes.contains(&reference.attribute.as_str()).then_some(())?;
        self.declaration(&reference, kind)
    }

    /// A function named by a reference to it (`.function_name`, `.arn`) or by its AWS name.
    fn function_named(&self, value: Option<&Value>) -> Option<String> {
        let text = value?.as_str()?;
        if let Some(found) = self.referenced(value, Kind::Function, &["function_name", "arn", "id"]) {
            return Some(found);
        }
        let name = literal(text)?;
        self.model.functions.iter().find(|f| f.aws_name.as_deref() == Some(&name)).map(|f| f.name.clone())
    }

    fn function_mut(&mut self, name: &str) -> &mut FunctionDecl {
        self.model.functions.iter_mut().find(|f| f.name == name).expect("a declared function")
    }

    fn provider(&mut self) {
        let Some(blocks) = self.cdktf.providers.get("aws") else { return };
        for block in blocks {
            let Some(block) = block.as_object() else { continue };
            if block.contains_key("alias") {
                continue;
            }
            for (key, value) in block {
                match (key.as_str(), value) {
                    ("region", Value::String(region)) => self.model.region = Some(region.clone()),
                    ("default_tags", Value::Array(tags)) => {
                        for (k, v) in tags.iter().filter_map(|t| t["tags"].as_object()).flatten() {
                            if let Some(v) = v.as_str() {
                                self.model.tags.insert(k.clone(), v.to_owned());
                            }
                        }
                    }
                    _ => self.model.notes.push(format!(
                        "provider `aws`: `{key}` is not carried over (lambda-stack writes the provider); \
                         set it in your Terraform CLI configuration or environment"
                    )),
                }
            }
        }
    }

    fn buckets(&mut self) {
        for (address, body) in self.open("aws_s3_bucket") {
            // lambda-stack writes the one notification configuration of every bucket it owns: one
            // kept as written beside it would overwrite it, and the other way round.
            let kept_notification = self.cdktf.of_type("aws_s3_bucket_notification").any(|(notification, resource)| {
                self.refused.contains_key(notification)
                    && resource.body.get("bucket").and_then(Value::as_str).and_then(whole_reference).map(|r| r.address)
                        == Some(address.clone())
            });
            if kept_notification {
                self.keep(&address, "its notification configuration is kept as written, and lambda-stack writes one for each bucket it owns");
                continue;
            }
            let aws_name = body.get("bucket").and_then(Value::as_str).and_then(literal);
            let name = self.declaration_name(&address, None);
            self.declare(&address, &name, Kind::Bucket);
            let source = self.source(&address);
            self.model.buckets.push(BucketDecl { name, aws_name, source });
        }
    }

    fn queues(&mut self) {
        let open = self.open("aws_sqs_queue");
        for (address, body) in &open {
            let name = self.declaration_name(address, None);
            self.declare(address, &name, Kind::Queue);
            self.model.queues.push(QueueDecl {
                name,
                aws_name: body.get("name").and_then(Value::as_str).and_then(literal),
                fifo: body.get("fifo_queue").and_then(Value::as_bool).unwrap_or(false),
                visibility_timeout: number(body, "visibility_timeout_seconds"),
                retention: number(body, "message_retention_seconds"),
                dead_letter: None,
                max_receive: None,
                source: self.source(address),
            });
        }
        // Dead letters once every queue has its name: a queue may name one declared after it.
        for (address, body) in &open {
            let Some(redrive) = body.get("redrive_policy").and_then(Value::as_str) else { continue };
            let Ok(Value::Object(redrive)) = serde_json::from_str::<Value>(redrive) else { continue };
            let target = self.referenced(redrive.get("deadLetterTargetArn"), Kind::Queue, &["arn"]);
            let max_receive = redrive
                .get("maxReceiveCount")
                .and_then(|v| v.as_u64().or_else(|| v.as_str().and_then(|text| text.parse().ok())));
            if let (Some(target), 2) = (target, redrive.len()) {
                let name = self.declarations[address].clone();
                let queue = self.model.queues.iter_mut().find(|q| q.name == name).expect("declared above");
                queue.dead_letter = Some(target);
                queue.max_receive = max_receive;
            }
        }
    }

    fn tables(&mut self) {
        for (address, body) in self.open("aws_dynamodb_table") {
            let Some(hash_key) = body.get("hash_key").and_then(Value::as_str).and_then(literal) else {
                self.keep(&address, "it has no literal `hash_key`");
                continue;
            };
            let stream = match (body.get("stream_enabled"), body.get("stream_view_type").and_then(Value::as_str)) {
                (Some(Value::Bool(true)), Some(view)) => Some(view.to_ascii_lowercase()),
                _ => None,
            };
            let name = self.declaration_name(&address, None);
            self.declare(&address, &name, Kind::Table);
            let source = self.source(&address);
            self.model.tables.push(TableDecl {
                name,
                aws_name: body.get("name").and_then(Value::as_str).and_then(literal),
                hash_key,
                range_key: body.get("range_key").and_then(Value::as_str).and_then(literal),
                stream,
                source,
            });
        }
    }

    fn topics(&mut self) {
        for (address, body) in self.open("aws_sns_topic") {
            let name = self.declaration_name(&address, None);
            self.declare(&address, &name, Kind::Topic);
            let source = self.source(&address);
            self.model.topics.push(TopicDecl {
                name,
                aws_name: body.get("name").and_then(Value::as_str).and_then(literal),
                fifo: body.get("fifo_topic").and_then(Value::as_bool).unwrap_or(false),
                source,
            });
        }
    }

    /// Roles Lambda assumes; any other trust policy stays as written.
    fn roles(&mut self) {
        for (address, body) in self.open("aws_iam_role") {
            let trusts_lambda = body
                .get("assume_role_policy")
                .and_then(Value::as_str)
                .and_then(|text| serde_json::from_str::<Value>(text).ok())
                .is_some_and(|policy| trusts_only_lambda(&policy));
            if !trusts_lambda {
                self.keep(
                    &address,
                    "its trust policy is not Lambda's alone (`sts:AssumeRole` by `lambda.amazonaws.com`)",
                );
                continue;
            }
            let name = self.declaration_name(&address, None);
            self.declare(&address, &name, Kind::Role);
            let source = self.source(&address);
            self.model.roles.push(RoleDecl {
                name,
                aws_name: body.get("name").and_then(Value::as_str).and_then(literal),
                managed: Vec::new(),
                allow: Vec::new(),
                source,
            });
        }
    }

    /// Managed policies attached to a declared role, by literal ARN.
    fn attachments(&mut self) {
        for (address, body) in self.open("aws_iam_role_policy_attachment") {
            let role = self.referenced(body.get("role"), Kind::Role, &["name", "id"]);
            let arn = body.get("policy_arn").and_then(Value::as_str).and_then(literal);
            let (Some(role), Some(arn)) = (role, arn) else {
                self.keep(&address, "its role is not a declaration, or its policy ARN is not literal");
                continue;
            };
            let policy = aws_managed_name(&arn).unwrap_or(arn);
            let decl = self.model.roles.iter_mut().find(|r| r.name == role).expect("a declared role");
            if decl.managed.contains(&policy) {
                self.keep(&address, format!("role `{role}` has `{policy}` attached already"));
                continue;
            }
            decl.managed.push(policy.clone());
            self.claim(&address, &role, format!("`managed: [{policy}]` of role `{role}`"));
        }
    }

    fn functions(&mut self) {
        for (address, body) in self.open("aws_lambda_function") {
            match self.function(&address, &body) {
                Ok(function) => {
                    self.declare(&address, &function.name, Kind::Function);
                    self.model.functions.push(function);
                }
                Err(why) => self.keep(&address, why),
            }
        }
    }

    fn function(&mut self, address: &Address, body: &Map<String, Value>) -> Result<FunctionDecl, String> {
        let text = |key: &str| body.get(key).and_then(Value::as_str).and_then(literal);
        if body.get("package_type").and_then(Value::as_str) == Some("Image") {
            return Err("it is a container image function; lambda-stack packages zips".into());
        }
        let aws_name = text("function_name").ok_or("its `function_name` is not literal")?;
        let role = self
            .referenced(body.get("role"), Kind::Role, &["arn"])
            .ok_or("its role is not a role of the stack that Lambda assumes (it is kept as written)")?;
        let runtime = text("runtime").ok_or("it has no literal `runtime`")?;
        let handler = text("handler").ok_or("it has no literal `handler`")?;
        let filename = text("filename").ok_or("its code is not a local asset (`filename`): S3 code is not migrated")?;
        let asset = self.cdktf.asset(&filename)?;
        let name = self.declaration_name(address, Some(&aws_name));
        let code = format!("functions/{name}");
        self.code.insert(code.clone(), asset);

        let mut env = Vec::new();
        if let Some(variables) = body.get("environment").and_then(|e| e["variables"].as_object()) {
            for (key, value) in variables {
                match self.env_value(value) {
                    Some(value) => env.push((key.clone(), value)),
                    None => self.model.notes.push(format!(
                        "function `{name}`: `{key}` is kept with `override_resource` (its value `{value}` names \
                         no declaration attribute)"
                    )),
                }
            }
        }
        let arch = body
            .get("architectures")
            .and_then(|a| a.get(0))
            .and_then(Value::as_str)
            .filter(|arch| *arch != "x86_64")
            .map(str::to_owned);
        let tracing = body
            .get("tracing_config")
            .and_then(|t| t.get("mode").or(t.get(0).and_then(|t| t.get("mode"))))
            .and_then(Value::as_str)
            .filter(|mode| *mode == "Active")
            .map(|_| "active".to_owned());
        let dead_letter =
            body.get("dead_letter_config").and_then(|d| d.get("target_arn").or(d.get(0)?.get("target_arn")));
        let dead_letter = self
            .referenced(dead_letter, Kind::Queue, &["arn"])
            .or_else(|| self.referenced(dead_letter, Kind::Topic, &["arn", "id"]));
        let tags = body
            .get("tags")
            .and_then(Value::as_object)
            .map(|tags| tags.iter().filter_map(|(k, v)| Some((k.clone(), literal(v.as_str()?)?))).collect())
            .unwrap_or_default();
        let storage = body.get("ephemeral_storage").and_then(|s| s.get("size").or(s.get(0)?.get("size")));
        Ok(FunctionDecl {
            name,
            aws_name: Some(aws_name),
            runtime,
            handler,
            code,
            memory: number(body, "memory_size"),
            timeout: number(body, "timeout"),
            env,
            role: Some(role),
            arch,
            description: text("description"),
            reserved_concurrency: number(body, "reserved_concurrent_executions"),
            tracing,
            layers: body
                .get("layers")
                .and_then(Value::as_array)
                .map(|layers| layers.iter().filter_map(|l| literal(l.as_str()?)).collect())
                .unwrap_or_default(),
            ephemeral_storage: storage.and_then(Value::as_u64),
            log_retention: None,
            tags,
            dead_letter,
            triggers: Vec::new(),
            comments: Vec::new(),
            source: self.source(address),
        })
    }

    /// An environment value: text, or an attribute of a declaration lambda-stack can refer to.
    fn env_value(&self, value: &Value) -> Option<EnvDecl> {
        let text = match value {
            Value::String(text) => text.as_str(),
            Value::Number(n) => return Some(EnvDecl::Literal(n.to_string())),
            Value::Bool(b) => return Some(EnvDecl::Literal(b.to_string())),
            _ => return None,
        };
        if let Some(text) = literal(text) {
            return Some(EnvDecl::Literal(text));
        }
        let reference = whole_reference(text)?;
        let target = self.declarations.get(&reference.address)?;
        let attribute = match (self.kinds[target], reference.attribute.as_str()) {
            (Kind::Bucket, "bucket" | "id") | (Kind::Table, "name" | "id") => "name",
            (Kind::Queue, "url" | "id") => "url",
            (Kind::Topic, "arn" | "id") => "arn",
            (Kind::Role, "name" | "id") | (Kind::Function, "function_name") => "name",
            (Kind::Table, "stream_arn") => "stream_arn",
            (Kind::Queue | Kind::Topic, "name") => "name",
            (_, "arn") => "arn",
            _ => return None,
        };
        Some(EnvDecl::Ref { target: target.clone(), attribute: attribute.to_owned() })
    }

    /// A function's log group (`/aws/lambda/<function name>`): lambda-stack writes it with the
    /// function, retention 365 days unless the function says longer.
    fn log_groups(&mut self) {
        for (address, body) in self.open("aws_cloudwatch_log_group") {
            let name = body.get("name").and_then(Value::as_str).and_then(literal).unwrap_or_default();
            let Some(function) = name
                .strip_prefix("/aws/lambda/")
                .and_then(|fname| self.model.functions.iter().find(|f| f.aws_name.as_deref() == Some(fname)))
                .map(|f| f.name.clone())
            else {
                self.keep(&address, "it is not the log group of a migrated function");
                continue;
            };
            let default = rules::limits::DEFAULT_LOG_RETENTION_DAYS;
            let days = number(&body, "retention_in_days");
            let comment = match days {
                Some(days) if days > default => {
                    self.function_mut(&function).log_retention = Some(days);
                    None
                }
                Some(days) if days == default => None,
                Some(days) => Some(format!(
                    "CDKTF kept these logs {days} days; lambda-stack keeps them {default} (checkov's CKV_AWS_338)"
                )),
                None => Some(format!("CDKTF kept these logs forever; lambda-stack keeps them {default} days")),
            };
            if let Some(comment) = comment {
                self.model.notes.push(format!("function `{function}`: {comment}"));
                self.function_mut(&function).comments.push(comment);
            }
            self.claim(&address, &function, format!("the log group of function `{function}`"));
        }
    }

    fn add_trigger(&mut self, function: &str, kind: TriggerKind, from: &Address) {
        let source = self.source(from);
        self.function_mut(function).triggers.push(TriggerDecl { kind, source });
    }

    fn event_source_mappings(&mut self) {
        for (address, body) in self.open("aws_lambda_event_source_mapping") {
            let Some(function) = self.function_named(body.get("function_name")) else {
                self.keep(&address, "its function is not migrated");
                continue;
            };
            let batch_size = number(&body, "batch_size");
            let window = number(&body, "maximum_batching_window_in_seconds");
            let report_failures = body
                .get("function_response_types")
                .and_then(Value::as_array)
                .is_some_and(|types| types.iter().any(|t| t == "ReportBatchItemFailures"));
            let start = match body.get("starting_position").and_then(Value::as_str) {
                Some("LATEST") => Some("latest".to_owned()),
                Some("TRIM_HORIZON") => Some("trim_horizon".to_owned()),
                _ => None,
            };
            let source = body.get("event_source_arn");
            let (kind, source_name, keyword) = if let Some(queue) = self.referenced(source, Kind::Queue, &["arn"]) {
                (TriggerKind::Sqs { queue: queue.clone(), batch_size, window, report_failures }, queue, "sqs")
            } else if let Some(table) = self.referenced(source, Kind::Table, &["stream_arn"]) {
                let kind = TriggerKind::Stream {
                    dynamodb: true,
                    target: table.clone(),
                    start,
                    batch_size,
                    window,
                    report_failures,
                };
                (kind, table, "dynamodb")
            } else {
                self.keep(&address, "its source is not a migrated queue or table stream");
                continue;
            };
            let already =
                self.function_mut(&function).triggers.iter().any(|t| trigger_source(&t.kind) == Some(&source_name));
            if already {
                self.keep(&address, format!("function `{function}` maps `{source_name}` already"));
                continue;
            }
            self.add_trigger(&function, kind, &address);
            self.claim(&address, &function, format!("trigger `{keyword}({source_name})` of function `{function}`"));
        }
    }

    /// A bucket's notification becomes `s3(..)` triggers: all its Lambda rules or none (a bucket
    /// has one notification configuration, and lambda-stack writes it for every owned bucket).
    fn s3_notifications(&mut self) {
        for (address, body) in self.open("aws_s3_bucket_notification") {
            let Some(bucket) = self.referenced(body.get("bucket"), Kind::Bucket, &["id", "bucket"]) else {
                self.keep(&address, "its bucket is not migrated");
                continue;
            };
            let rules = body.get("lambda_function").and_then(Value::as_array).cloned().unwrap_or_default();
            let mut triggers = Vec::new();
            for rule in &rules {
                let function = self.referenced(rule.get("lambda_function_arn"), Kind::Function, &["arn"]);
                let events: Option<Vec<String>> = rule
                    .get("events")
                    .and_then(Value::as_array)
                    .map(|e| e.iter().filter_map(Value::as_str).map(str::to_owned).collect());
                let filter =
                    |key: &str| rule.get(key).and_then(Value::as_str).and_then(literal).filter(|f| !f.is_empty());
                match (function, events) {
                    (Some(function), Some(events)) => triggers.push((
                        function,
                        TriggerKind::S3 {
                            bucket: bucket.clone(),
                            on: s3_on(&events),
                            prefix: filter("filter_prefix"),
                            suffix: filter("filter_suffix"),
                        },
                    )),
                    _ => {
                        triggers.clear();
                        break;
                    }
                }
            }
            let what = if triggers.is_empty() && !rules.is_empty() {
                "the notifications of bucket `{bucket}` (its Lambda rules are kept with `override_resource`)"
                    .replace("{bucket}", &bucket)
            } else {
                format!("the `s3({bucket})` triggers and notifications of bucket `{bucket}`")
            };
            for (function, kind) in triggers {
                self.add_trigger(&function, kind, &address);
            }
            self.claim(&address, &bucket, what);
        }
    }

    /// An EventBridge rule on a schedule with one target, a migrated function: `schedule(..)`.
    fn schedules(&mut self) {
        let targets = self.open("aws_cloudwatch_event_target");
        for (address, body) in self.open("aws_cloudwatch_event_rule") {
            let expression = body.get("schedule_expression").and_then(Value::as_str).and_then(literal);
            let of_rule: Vec<&(Address, Map<String, Value>)> = targets
                .iter()
                .filter(|(_, target)| {
                    target
                        .get("rule")
                        .and_then(Value::as_str)
                        .and_then(whole_reference)
                        .is_some_and(|r| r.address == address)
                })
                .collect();
            let function = match of_rule.as_slice() {
                [(_, target)] => self.referenced(target.get("arn"), Kind::Function, &["arn"]),
                _ => None,
            };
            let (Some(expression), Some(function), false) = (expression, function, body.contains_key("event_pattern"))
            else {
                self.keep(&address, "it is not a schedule with one migrated function as its target");
                continue;
            };
            let target = of_rule[0].0.clone();
            self.add_trigger(&function, TriggerKind::Schedule { expression: expression.clone() }, &address);
            let what = format!("trigger `schedule({expression:?})` of function `{function}`");
            self.claim(&address, &function, what.clone());
            self.claim(&target, &function, what);
        }
    }

    /// The stack's HTTP API: one `HTTP` API with a `$default` stage; each route to a migrated
    /// function's `AWS_PROXY` integration becomes an `http(..)` trigger.
    fn http_api(&mut self) {
        let apis = self.open("aws_apigatewayv2_api");
        let http: Vec<&(Address, Map<String, Value>)> =
            apis.iter().filter(|(_, api)| api.get("protocol_type").and_then(Value::as_str) == Some("HTTP")).collect();
        let [(api, _)] = http.as_slice() else { return };
        let refers_to_api = |body: &Map<String, Value>| {
            body.get("api_id").and_then(Value::as_str).and_then(whole_reference).is_some_and(|r| &r.address == api)
        };
        let stages: Vec<(Address, Map<String, Value>)> =
            self.open("aws_apigatewayv2_stage").into_iter().filter(|(_, s)| refers_to_api(s)).collect();
        let [(stage, stage_body)] = stages.as_slice() else { return };
        if stage_body.get("name").and_then(Value::as_str) != Some("$default") {
            return;
        }
        let mut integrations = BTreeMap::new();
        for (address, body) in self.open("aws_apigatewayv2_integration") {
            let function = self.referenced(body.get("integration_uri"), Kind::Function, &["invoke_arn"]);
            let proxy = body.get("integration_type").and_then(Value::as_str) == Some("AWS_PROXY");
            match function {
                Some(function) if proxy && refers_to_api(&body) && !integrations.values().any(|f| f == &function) => {
                    integrations.insert(address, function);
                }
                _ => {}
            }
        }
        let mut routed = BTreeSet::new();
        for (address, body) in self.open("aws_apigatewayv2_route") {
            let target = body
                .get("target")
                .and_then(Value::as_str)
                .and_then(|t| leading_reference(t.strip_prefix("integrations/")?));
            let function =
                target.and_then(|(r, rest)| integrations.get(&r.address).filter(|_| rest.is_empty()).cloned());
            let key = body.get("route_key").and_then(Value::as_str).and_then(literal).unwrap_or_default();
            let Some((method, path)) = key.split_once(' ').filter(|(_, path)| path.starts_with('/')) else { continue };
            let (Some(function), true) = (function, refers_to_api(&body)) else { continue };
            let kind = TriggerKind::Http { method: method.to_owned(), path: path.to_owned() };
            self.add_trigger(&function, kind, &address);
            self.claim(&address, &function, format!("trigger `http({method} {path:?})` of function `{function}`"));
            routed.insert(function);
        }
        if routed.is_empty() {
            return;
        }
        for (address, function) in integrations.iter().filter(|(_, f)| routed.contains(*f)) {
            self.claim(address, function, format!("the HTTP API integration of function `{function}`"));
        }
        self.claim(api, HTTP_API, "the stack's HTTP API".into());
        self.claim(stage, HTTP_API, "the `$default` stage of the stack's HTTP API".into());
    }

    fn subscriptions(&mut self) {
        for (address, body) in self.open("aws_sns_topic_subscription") {
            let topic = self.referenced(body.get("topic_arn"), Kind::Topic, &["arn", "id"]);
            let function = self.referenced(body.get("endpoint"), Kind::Function, &["arn"]);
            let lambda = body.get("protocol").and_then(Value::as_str) == Some("lambda");
            let (Some(topic), Some(function), true) = (topic, function, lambda) else {
                self.keep(&address, "it is not a migrated function's subscription to a migrated topic");
                continue;
            };
            self.add_trigger(&function, TriggerKind::Sns { topic: topic.clone() }, &address);
            self.claim(&address, &function, format!("trigger `sns({topic})` of function `{function}`"));
        }
    }

    fn function_urls(&mut self) {
        for (address, body) in self.open("aws_lambda_function_url") {
            let Some(function) = self.function_named(body.get("function_name")) else {
                self.keep(&address, "its function is not migrated");
                continue;
            };
            let auth = match body.get("authorization_type").and_then(Value::as_str) {
                Some("NONE") => "none",
                _ => "iam",
            };
            self.add_trigger(&function, TriggerKind::Url { auth: Some(auth.to_owned()) }, &address);
            self.claim(&address, &function, format!("trigger `url(auth: {auth})` of function `{function}`"));
        }
    }

    /// Permissions are what a push trigger brings: each one that a migrated trigger needs is
    /// taken over by it; the others stay as written.
    fn permissions(&mut self) {
        for (address, body) in self.open("aws_lambda_permission") {
            let Some(function) = self.function_named(body.get("function_name")) else {
                self.keep(&address, "its function is not migrated");
                continue;
            };
            let source = body.get("source_arn").and_then(Value::as_str).and_then(leading_reference).map(|(r, _)| r);
            let principal = body.get("principal").and_then(Value::as_str).unwrap_or_default().to_owned();
            let declared = |kind: Kind| source.as_ref().and_then(|r| self.declaration(r, kind));
            let source_address = source.as_ref().map(|r| r.address.clone());
            let triggers = &self.model.functions.iter().find(|f| f.name == function).expect("declared").triggers;
            let served = triggers.iter().find(|t| match (&t.kind, principal.as_str()) {
                (TriggerKind::S3 { bucket, .. }, "s3.amazonaws.com") => declared(Kind::Bucket).as_ref() == Some(bucket),
                (TriggerKind::Sns { topic }, "sns.amazonaws.com") => declared(Kind::Topic).as_ref() == Some(topic),
                (TriggerKind::Schedule { .. }, "events.amazonaws.com") => {
                    source_address.as_ref() == Some(&t.source.address)
                }
                (TriggerKind::Http { .. }, "apigateway.amazonaws.com") => source_address
                    .as_ref()
                    .is_some_and(|api| self.model.claims.get(api).is_some_and(|c| c.owner == HTTP_API)),
                (TriggerKind::Url { .. }, "*") => true,
                _ => false,
            });
            match served.map(|trigger| keyword(&trigger.kind)) {
                Some(trigger) => {
                    let what = format!("a permission of trigger `{trigger}` of function `{function}`");
                    self.claim(&address, &function, what);
                }
                None => self.keep(&address, "no migrated trigger of its function needs it"),
            }
        }
    }

    /// Inline policies of declared roles, as `allow:` statements; what the role's functions'
    /// triggers grant by themselves is left out (lambda-stack adds it).
    fn policies(&mut self) {
        let mut taken: BTreeMap<String, Address> = BTreeMap::new();
        for (address, body) in self.open("aws_iam_role_policy") {
            let Some(role) = self.referenced(body.get("role"), Kind::Role, &["id", "name"]) else {
                self.keep(&address, "its role is not migrated");
                continue;
            };
            if let Some(first) = taken.get(&role) {
                let why = format!(
                    "role `{role}` takes the statements of `{first}`; lambda-stack writes one inline policy per role"
                );
                self.keep(&address, why);
                continue;
            }
            let source = self.source(&address);
            let statements = match body.get("policy").and_then(Value::as_str).map(|p| self.statements(p, &source)) {
                Some(Ok(statements)) => statements,
                Some(Err(why)) => {
                    self.keep(&address, why);
                    continue;
                }
                None => {
                    self.keep(&address, "its policy is not a JSON document");
                    continue;
                }
            };
            let (kept, granted_by) = self.without_derived(&role, statements);
            let owner = match (kept.is_empty(), granted_by) {
                (false, _) => role.clone(),
                (true, Some(function)) => function,
                (true, None) => role.clone(),
            };
            let what = if kept.is_empty() {
                format!("the statements the triggers of function `{owner}` grant (on role `{role}`)")
            } else {
                format!("`allow:` of role `{role}`")
            };
            let decl = self.model.roles.iter_mut().find(|r| r.name == role).expect("a declared role");
            decl.allow = kept;
            taken.insert(role, address.clone());
            self.claim(&address, &owner, what);
        }
    }

    /// A policy's statements: each `Allow` of actions on resources the grammar can name.
    fn statements(&self, policy: &str, source: &Source) -> Result<Vec<StatementDecl>, String> {
        let document: Value =
            serde_json::from_str(policy).map_err(|_| "its policy is not a JSON document".to_owned())?;
        let statements = match &document["Statement"] {
            Value::Array(statements) => statements.clone(),
            Value::Object(_) => vec![document["Statement"].clone()],
            _ => return Err("its policy has no `Statement`".into()),
        };
        let strings = |value: &Value| -> Option<Vec<String>> {
            match value {
                Value::String(one) => Some(vec![one.clone()]),
                Value::Array(many) => many.iter().map(|v| v.as_str().map(str::to_owned)).collect(),
                _ => None,
            }
        };
        let mut out = Vec::new();
        for statement in &statements {
            let Some(statement) = statement.as_object() else { return Err("a statement is not an object".into()) };
            if let Some(key) = statement.keys().find(|k| !["Effect", "Action", "Resource", "Sid"].contains(&k.as_str()))
            {
                return Err(format!("a statement has `{key}`, which `allow:` cannot say"));
            }
            if statement.get("Effect").and_then(Value::as_str) != Some("Allow") {
                return Err("a statement does not `Allow`".into());
            }
            let actions = statement.get("Action").and_then(strings).ok_or("a statement has no `Action` list")?;
            let resources = statement.get("Resource").and_then(strings).ok_or("a statement has no `Resource` list")?;
            for resource in resources {
                let resource = self.iam_resource(&resource).ok_or_else(|| {
                    format!("the resource `{resource}` is neither an ARN nor a migrated declaration's")
                })?;
                let actions = actions.iter().map(|a| (a.clone(), a.contains(['*', '?']))).collect();
                out.push(StatementDecl { actions, resource, source: source.clone() });
            }
        }
        Ok(out)
    }

    /// A statement's resource: `*`, an ARN, or (part of) a declaration.
    fn iam_resource(&self, text: &str) -> Option<ResourceDecl> {
        if let Some(arn) = literal(text) {
            return (arn == "*" || arn.starts_with("arn:")).then_some(ResourceDecl::Arn(arn));
        }
        let (reference, suffix) = leading_reference(text)?;
        let name = self.declarations.get(&reference.address)?.clone();
        let kind = self.kinds[&name];
        let sub = |sub: &str, pattern: Option<&str>| ResourceDecl::Sub {
            target: name.clone(),
            sub: sub.to_owned(),
            pattern: pattern.map(str::to_owned),
        };
        match (kind, reference.attribute.as_str(), suffix.as_str()) {
            (Kind::Table, "stream_arn", "") => Some(sub("stream", None)),
            (_, "arn", "") => Some(ResourceDecl::Named(name.clone())),
            (Kind::Bucket, "arn", "/*") => Some(sub("objects", None)),
            (Kind::Bucket, "arn", pattern) => pattern.strip_prefix('/').map(|p| sub("objects", Some(p))),
            (Kind::Table, "arn", "/index/*") => Some(sub("indexes", None)),
            (Kind::Table, "arn", "/stream/*") => Some(sub("stream", None)),
            (Kind::Table, "arn", index) => index.strip_prefix("/index/").map(|i| sub("index", Some(i))),
            _ => None,
        }
    }

    /// `statements` less the actions the triggers and dead-letter targets of `role`'s functions
    /// grant, and the function whose grants covered some.
    fn without_derived(&self, role: &str, statements: Vec<StatementDecl>) -> (Vec<StatementDecl>, Option<String>) {
        let kind_of = |name: &str| self.kinds.get(name).copied();
        let mut grants = Vec::new();
        for function in self.model.functions.iter().filter(|f| f.role.as_deref() == Some(role)) {
            let sources =
                function.triggers.iter().map(|t| (keyword_of(&t.kind), trigger_source(&t.kind).map(String::as_str)));
            for derived in lambda_stack_core::decl::derived_grants(sources, function.dead_letter.as_deref(), kind_of) {
                grants.push((function.name.clone(), derived.source.to_owned(), derived.grant));
            }
        }
        let mut covering = None;
        let mut kept = Vec::new();
        for mut statement in statements {
            statement.actions.retain(|(action, _)| {
                let grant = grants.iter().find(|(_, source, grant)| {
                    let on = match grant.on {
                        rules::grants::GrantOn::Everything => true,
                        rules::grants::GrantOn::Itself => statement.resource == ResourceDecl::Named(source.clone()),
                        rules::grants::GrantOn::Sub(sub) => {
                            statement.resource
                                == ResourceDecl::Sub { target: source.clone(), sub: sub.to_owned(), pattern: None }
                        }
                    };
                    on && grant.actions.contains(&action.as_str())
                });
                if let Some((function, _, _)) = grant {
                    covering.get_or_insert_with(|| function.clone());
                }
                grant.is_none()
            });
            if !statement.actions.is_empty() {
                kept.push(statement);
            }
        }
        (kept, covering)
    }

    /// Everything no step took over stays as written.
    fn leftovers(&mut self) {
        let all: Vec<Address> = self.cdktf.resources.keys().cloned().collect();
        for address in all {
            if !self.is_handled(&address) {
                let why = match address.kind.as_str() {
                    "aws_lambda_permission"
                    | "aws_cloudwatch_event_target"
                    | "aws_apigatewayv2_integration"
                    | "aws_apigatewayv2_route"
                    | "aws_apigatewayv2_stage"
                    | "aws_apigatewayv2_api" => "it is not part of a trigger lambda-stack declares".to_owned(),
                    kind => format!("lambda-stack has no declaration for `{kind}`"),
                };
                self.keep(&address, why);
            }
        }
    }
}

/// `{"Statement": [{"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}]}`.
fn trusts_only_lambda(policy: &Value) -> bool {
    let statements = match &policy["Statement"] {
        Value::Array(statements) => statements.clone(),
        one @ Value::Object(_) => vec![one.clone()],
        _ => return false,
    };
    let one_of = |value: &Value, want: &str| match value {
        Value::String(text) => text == want,
        Value::Array(items) => items.len() == 1 && items[0] == want,
        _ => false,
    };
    matches!(statements.as_slice(), [statement]
        if statement["Effect"] == "Allow"
            && one_of(&statement["Action"], "sts:AssumeRole")
            && one_of(&statement["Principal"]["Service"], "lambda.amazonaws.com")
            && statement.as_object().is_some_and(|s| s.keys().all(|k| ["Effect", "Action", "Principal", "Sid"].contains(&k.as_str()))))
}

/// `arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole` → `AWSLambdaBasicExecutionRole`.
fn aws_managed_name(arn: &str) -> Option<String> {
    let name = arn.strip_prefix("arn:aws:iam::aws:policy/")?.rsplit('/').next()?;
    rules::iam::managed_policy(name).filter(|policy| policy.arn == arn).map(|policy| policy.name.to_owned())
}

/// S3 event names as `on:` words when one word means exactly them (`s3:ObjectCreated:*` → `created`).
fn s3_on(events: &[String]) -> Vec<String> {
    for (word, means) in rules::s3::S3_ON {
        if events.len() == means.len() && events.iter().all(|e| means.contains(&e.as_str())) {
            return if *word == "created" { Vec::new() } else { vec![(*word).to_owned()] };
        }
    }
    events.to_vec()
}

fn trigger_source(kind: &TriggerKind) -> Option<&String> {
    match kind {
        TriggerKind::S3 { bucket, .. } => Some(bucket),
        TriggerKind::Sqs { queue, .. } => Some(queue),
        TriggerKind::Stream { target, .. } => Some(target),
        TriggerKind::Sns { topic } => Some(topic),
        TriggerKind::Http { .. } | TriggerKind::Schedule { .. } | TriggerKind::Url { .. } => None,
    }
}

fn keyword_of(kind: &TriggerKind) -> Keyword {
    match kind {
        TriggerKind::Http { .. } => Keyword::Http,
        TriggerKind::S3 { .. } => Keyword::S3,
        TriggerKind::Sqs { .. } => Keyword::Sqs,
        TriggerKind::Stream { dynamodb: true, .. } => Keyword::Dynamodb,
        TriggerKind::Stream { dynamodb: false, .. } => Keyword::Kinesis,
        TriggerKind::Sns { .. } => Keyword::Sns,
        TriggerKind::Schedule { .. } => Keyword::Schedule,
        TriggerKind::Url { .. } => Keyword::Url,
    }
}

/// A trigger as the report names it: `sqs(jobs)`.
fn keyword(kind: &TriggerKind) -> String {
    match kind {
        TriggerKind::Http { method, path } => format!("http({method} {path:?})"),
        TriggerKind::S3 { bucket, .. } => format!("s3({bucket})"),
        TriggerKind::Sqs { queue, .. } => format!("sqs({queue})"),
        TriggerKind::Stream { dynamodb: true, target, .. } => format!("dynamodb({target})"),
        TriggerKind::Stream { target, .. } => format!("kinesis({target})"),
        TriggerKind::Sns { topic } => format!("sns({topic})"),
        TriggerKind::Schedule { expression } => format!("schedule({expression:?})"),
        TriggerKind::Url { auth } => format!("url(auth: {})", auth.as_deref().unwrap_or("iam")),
    }
}
