//! Turning a checked [`Stack`] into Terraform JSON and packaged code.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{json, Map, Value};

use crate::bucket::Bucket;
use crate::error::{Error, Result};
use crate::origin::{Origin, Problem};
use crate::function::{Function, Tracing};
use crate::iam::{ManagedPolicy, Resource, Statement};
use crate::package::build::{self, BuildOptions, FunctionCode};
use crate::package::progress::Progress;
use crate::package::{Package, PackageError};
use crate::queue::Queue;
use crate::reference::{EnvValue, Ref};
use crate::rules::events::{self, StreamSource};
use crate::rules::{self, resources::Kind};
use crate::stack::{Backend, Stack};
use crate::stream::Stream;
use crate::table::Table;
use crate::terraform::{self, resources::*, Address, Document};
use crate::topic::Topic;
use crate::trigger::{S3Trigger, Trigger};

/// The provider versions the JSON is written for: the resources and arguments used exist in both.
pub const AWS_PROVIDER_VERSION: &str = ">= 5.0, < 7.0";
/// The version written into every output, so a diff shows when the generator changed.
pub const TOOL_VERSION: &str = concat!("lambda-stack ", env!("CARGO_PKG_VERSION"));

const LAMBDA_TRUST_POLICY: &str = r#"{"Statement":[{"Action":"sts:AssumeRole","Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"}}],"Version":"2012-10-17"}"#;
const BASIC_EXECUTION_POLICY: &str = "AWSLambdaBasicExecutionRole";
const XRAY_POLICY: &str = "AWSXRayDaemonWriteAccess";
const HTTP_API: &str = "http-api";
const HTTP_API_LOGS: &str = "http-api-access-logs";
const ACCESS_LOG_FORMAT: &str = r#"{"requestId":"$context.requestId","ip":"$context.identity.sourceIp","requestTime":"$context.requestTime","httpMethod":"$context.httpMethod","routeKey":"$context.routeKey","status":"$context.status","protocol":"$context.protocol","responseLength":"$context.responseLength","integrationError":"$context.integrationErrorMessage"}"#;

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
    let assets = package_functions(stack, &bootstraps, options)?;
    let document = Builder::new(stack).build(&assets)?;
    Ok(Synthesized {
        stack: stack.name.clone(),
        region: stack.region.clone().unwrap_or_default(),
        document,
        assets,
        warnings: findings.warnings,
    })
}

/// Packages every function, two at a time on a two-core machine and more on larger ones; the
/// order of the result follows the declarations, so output does not depend on scheduling.
fn package_functions(
    stack: &Stack,
    bootstraps: &BTreeMap<String, Package>,
    options: &BuildOptions,
) -> Result<Vec<Asset>> {
    let threads = std::thread::available_parallelism().map_or(1, usize::from).min(stack.functions.len().max(1));
    let chunk = stack.functions.len().div_ceil(threads).max(1);
    let progress = Progress::new(stack.functions.len(), options.progress);
    let progress = &progress;
    let results: Vec<Result<Asset>> = std::thread::scope(|scope| {
        let handles: Vec<_> = stack
            .functions
            .chunks(chunk)
            .map(|functions| {
                scope.spawn(move || {
                    functions
                        .iter()
                        .map(|f| package_function(stack, f, bootstraps, options, progress))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles.into_iter().flat_map(|h| h.join().expect("packaging threads do not panic")).collect()
    });
    progress.finish();
    results.into_iter().collect()
}

/// Packages a function's code and dependencies (a Rust function's is its `bootstrap`, built
/// already); a package too big for a direct upload goes through the stack's `assets` bucket when
/// it has one.
fn package_function(
    stack: &Stack,
    function: &Function,
    bootstraps: &BTreeMap<String, Package>,
    options: &BuildOptions,
    progress: &Progress,
) -> Result<Asset> {
    if let Some(package) = bootstraps.get(&function.name) {
        let path = format!("assets/{}/{}.zip", function.name, package.sha256_hex);
        return Ok(Asset { function: function.name.clone(), path, package: package.clone(), s3_bucket: None });
    }
    let code = FunctionCode {
        name: &function.name,
        code: function.code.as_ref().expect("checked: every function has code"),
        runtime: function.runtime.as_deref().and_then(rules::runtimes::lookup),
        arch: function.arch,
        exclude: &function.exclude,
    };
    let (package, s3_bucket) = match build::package_function(&code, options, progress) {
        Ok(package) => (package, None),
        Err(PackageError::ZipTooLarge { package }) if stack.assets.is_some() => (*package, stack.assets.clone()),
        Err(source) => {
            return Err(Error::Package {
                stack: stack.name.clone(),
                function: function.name.clone(),
                source: Box::new(source),
            })
        }
    };
    Ok(Asset {
        function: function.name.clone(),
        path: format!("assets/{}/{}.zip", function.name, package.sha256_hex),
        package,
        s3_bucket,
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

    fn add<T: serde::Serialize>(&mut self, kind: &str, name: &str, body: &T) -> Result<Address> {
        self.doc.add(kind, name, body).map_err(|duplicate| Error::Invalid {
            stack: self.stack.name.clone(),
            problems: vec![Problem {
                subject: format!("stack `{}`", self.stack.name),
                origin: self.stack.origin.clone(),
                message: duplicate.to_string(),
            }],
        })
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
            json!({ "aws": { "source": "hashicorp/aws", "version": AWS_PROVIDER_VERSION } }),
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

    /// An owned bucket is private, encrypted, versioned, cleans up incomplete uploads and old
    /// versions, and publishes its events to EventBridge (free for AWS service events, and what
    /// audit rules listen to).
    fn bucket(&mut self, bucket: &Bucket) -> Result<()> {
        if bucket.existing.is_some() {
            return Ok(());
        }
        let name = &bucket.name;
        let what = note(&format!("bucket `{name}`"), &bucket.origin);
        let address = self.add(
            "aws_s3_bucket",
            name,
            &S3Bucket {
                note: what.clone(),
                bucket_prefix: rules::names::bucket_prefix(&self.stack.name, name),
                force_destroy: false,
                tags: BTreeMap::new(),
            },
        )?;
        let id = address.attr("id");
        self.add(
            "aws_s3_bucket_public_access_block",
            name,
            &S3BucketPublicAccessBlock {
                note: what.clone(),
                bucket: id.clone(),
                block_public_acls: true,
                block_public_policy: true,
                ignore_public_acls: true,
                restrict_public_buckets: true,
            },
        )?;
        self.add(
            "aws_s3_bucket_server_side_encryption_configuration",
            name,
            &S3BucketEncryption {
                note: what.clone(),
                bucket: id.clone(),
                rule: vec![S3EncryptionRule {
                    apply_server_side_encryption_by_default: vec![S3EncryptionDefault {
                        sse_algorithm: "AES256".into(),
                    }],
                }],
            },
        )?;
        let versioning = self.add(
            "aws_s3_bucket_versioning",
            name,
            &S3BucketVersioning {
                note: what.clone(),
                bucket: id.clone(),
                versioning_configuration: vec![S3VersioningConfiguration { status: "Enabled".into() }],
            },
        )?;
        self.add(
            "aws_s3_bucket_lifecycle_configuration",
            name,
            &S3BucketLifecycle {
                note: what,
                bucket: id,
                rule: vec![S3LifecycleRule {
                    id: "lambda-stack-defaults".into(),
                    status: "Enabled".into(),
                    filter: vec![BTreeMap::new()],
                    abort_incomplete_multipart_upload: vec![S3AbortIncompleteUpload { days_after_initiation: 7 }],
                    noncurrent_version_expiration: vec![S3NoncurrentExpiration { noncurrent_days: 90 }],
                }],
                // S3 rejects a noncurrent-version rule racing the versioning change.
                depends_on: vec![versioning.to_string()],
            },
        )?;
        Ok(())
    }

    /// The value of `target.attribute`: an interpolation, or a literal when it is known now.
    fn reference(&mut self, reference: &Ref) -> String {
        let target = reference.target.as_str();
        let attribute = reference.attribute.as_str();
        match self.kinds[target] {
            Kind::Bucket => match self.bucket_named(target).existing_name() {
                Some(name) if attribute == "name" => terraform::literal(name),
                Some(name) => format!("arn:{}:s3:::{}", self.partition, terraform::literal(name)),
                None if attribute == "name" => Address::new("aws_s3_bucket", target).attr("bucket"),
                None => Address::new("aws_s3_bucket", target).attr("arn"),
            },
            Kind::Queue => {
                let queue = self.stack.queue_named(target).expect("checked: references resolve");
                match &queue.existing {
                    None => Address::new("aws_sqs_queue", target).attr(attribute),
                    Some(existing) => self.existing_reference(Kind::Queue, existing, attribute),
                }
            }
            Kind::Table => {
                let table = self.stack.table_named(target).expect("checked: references resolve");
                match &table.existing {
                    None => Address::new("aws_dynamodb_table", target).attr(attribute),
                    // A stream's ARN carries the time it was enabled: only DynamoDB knows it.
                    Some(existing) if attribute == "stream_arn" => {
                        let name = events::existing_name(Kind::Table, existing).to_owned();
                        let body = serde_json::json!({ "name": terraform::literal(&name) });
                        self.doc.data("aws_dynamodb_table", target, &body).attr("stream_arn")
                    }
                    Some(existing) => self.existing_reference(Kind::Table, existing, attribute),
                }
            }
            Kind::Topic => {
                let topic = self.stack.topic_named(target).expect("checked: references resolve");
                match &topic.existing {
                    None => Address::new("aws_sns_topic", target).attr(attribute),
                    Some(existing) => self.existing_reference(Kind::Topic, existing, attribute),
                }
            }
            Kind::Stream => {
                let stream = self.stack.streams.iter().find(|s| s.name == target).expect("checked: references resolve");
                match &stream.existing {
                    None => Address::new("aws_kinesis_stream", target).attr(attribute),
                    Some(existing) => self.existing_reference(Kind::Stream, existing, attribute),
                }
            }
            Kind::Role if attribute == "name" => Address::new("aws_iam_role", target).attr("name"),
            Kind::Role => Address::new("aws_iam_role", target).attr("arn"),
            // A function's name is known now; writing it out keeps functions that name each other
            // free of dependency cycles.
            Kind::Function if attribute == "name" => rules::names::function_name(&self.stack.name, target),
            Kind::Function => Address::new("aws_lambda_function", target).attr("arn"),
        }
    }

    /// An attribute of an existing queue, table, topic or stream: from its ARN when given one,
    /// otherwise built from its name, the stack's region and the deploying account.
    fn existing_reference(&mut self, kind: Kind, existing: &str, attribute: &str) -> String {
        let name = terraform::literal(events::existing_name(kind, existing));
        let (region, account) = match existing.strip_prefix("arn:") {
            Some(arn) => {
                let parts: Vec<&str> = arn.splitn(5, ':').collect();
                (
                    parts.get(2).copied().unwrap_or(self.region).to_owned(),
                    parts.get(3).copied().unwrap_or("").to_owned(),
                )
            }
            None => {
                let identity = self.doc.data("aws_caller_identity", "current", &serde_json::json!({}));
                (self.region_of_provider(), identity.attr("account_id"))
            }
        };
        let (service, path) = match kind {
            Kind::Queue => ("sqs", ""),
            Kind::Table => ("dynamodb", "table/"),
            Kind::Topic => ("sns", ""),
            _ => ("kinesis", "stream/"),
        };
        match attribute {
            "name" => name,
            "url" => {
                let suffix = if self.partition == "aws-cn" { "amazonaws.com.cn" } else { "amazonaws.com" };
                format!("https://sqs.{region}.{suffix}/{account}/{name}")
            }
            _ if existing.starts_with("arn:") => terraform::literal(existing),
            _ => format!("arn:{}:{service}:{region}:{account}:{path}{name}", self.partition),
        }
    }

    /// The stack's region, or the provider's when the stack names none.
    fn region_of_provider(&mut self) -> String {
        if self.region.is_empty() {
            self.doc.data("aws_region", "current", &serde_json::json!({})).attr("name")
        } else {
            self.region.to_owned()
        }
    }

    fn bucket_named(&self, name: &str) -> &Bucket {
        self.stack.buckets.iter().find(|b| b.name == name).expect("checked: references resolve")
    }

    fn resource_arn(&mut self, resource: &Resource) -> String {
        match resource {
            Resource::Named(name) => self.reference(&Ref::new(name.clone(), "arn")),
            Resource::Sub { target, sub, pattern } => {
                let arn = self.reference(&Ref::new(target.clone(), "arn"));
                let kind = self.kinds[target.as_str()];
                let sub = kind.sub_resources().iter().find(|s| s.name == sub).expect("checked: sub-resources exist");
                format!("{arn}{}", terraform::literal(&sub.arn_suffix(pattern.as_deref())))
            }
            Resource::Arn(arn) => terraform::literal(arn),
        }
    }

    fn policy_document(&mut self, statements: &[&Statement]) -> String {
        let mut written = Vec::new();
        for statement in statements {
            let actions: Vec<&str> = statement.actions().collect();
            let action = match actions.as_slice() {
                [one] => json!(one),
                many => json!(many),
            };
            let resource = self.resource_arn(&statement.resource);
            written.push(json!({ "Action": action, "Effect": "Allow", "Resource": resource }));
        }
        let statements = written;
        json!({ "Statement": statements, "Version": "2012-10-17" }).to_string()
    }

    /// Declared roles, and a generated role for each function without one. Managed policies a
    /// function needs (tracing) are attached once per role.
    fn roles(&mut self) -> Result<()> {
        let mut managed: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
        for role in &self.stack.roles {
            let policies = managed.entry(&role.name).or_default();
            for policy in &role.managed {
                policies.insert(match policy {
                    ManagedPolicy::Aws(name) => name.clone(),
                    ManagedPolicy::Arn(arn) => aws_managed_name(arn).unwrap_or_else(|| arn.clone()),
                });
            }
        }
        for function in &self.stack.functions {
            let role = function.role.as_deref().unwrap_or(&function.name);
            let policies = managed.entry(role).or_default();
            if function.role.is_none() {
                policies.insert(BASIC_EXECUTION_POLICY.into());
            }
            if function.tracing == Tracing::Active {
                policies.insert(XRAY_POLICY.into());
            }
        }
        for role in &self.stack.roles {
            self.role(
                &role.name,
                &note(&format!("role `{}`", role.name), &role.origin),
                &role.allow.iter().collect::<Vec<_>>(),
            )?;
        }
        // A function's statements: its `allow`, then what its triggers and dead-letter target need.
        let derived: Vec<Vec<Statement>> =
            self.stack.functions.iter().map(|f| self.stack.derived_statements(&self.kinds, f)).collect();
        for (function, derived) in self.stack.functions.iter().zip(&derived).filter(|(f, _)| f.role.is_none()) {
            let what = note(&format!("role of function `{}`", function.name), &function.origin);
            self.role(&function.name, &what, &function.allow.iter().chain(derived).collect::<Vec<_>>())?;
        }
        // Statements a function adds to a role it shares: a policy of its own on that role.
        for (function, derived) in self.stack.functions.iter().zip(&derived) {
            let Some(role) = &function.role else { continue };
            if function.allow.is_empty() && derived.is_empty() {
                continue;
            }
            let what = note(&format!("statements of function `{}` on role `{role}`", function.name), &function.origin);
            let policy = self.policy_document(&function.allow.iter().chain(derived).collect::<Vec<_>>());
            let address = self.add(
                "aws_iam_role_policy",
                &function.name,
                &IamRolePolicy {
                    note: what,
                    name: rules::names::role_name(&self.stack.name, &function.name),
                    role: Address::new("aws_iam_role", role).attr("id"),
                    policy,
                },
            )?;
            self.role_dependencies.entry(role.clone()).or_default().push(address.to_string());
        }
        for (role, policies) in managed {
            for policy in policies {
                let (arn, short) = match rules::iam::managed_policy(&policy) {
                    Some(aws) => {
                        (aws.arn.replacen("arn:aws:", &format!("arn:{}:", self.partition), 1), aws.name.to_owned())
                    }
                    // A customer policy: named by its account and path too, since two accounts
                    // may both have a policy `foo`.
                    None => (policy.clone(), attachment_suffix(&policy)),
                };
                let address = self.add(
                    "aws_iam_role_policy_attachment",
                    &format!("{role}-{short}"),
                    &IamRolePolicyAttachment {
                        note: format!("managed policy `{short}` on role `{role}`"),
                        role: Address::new("aws_iam_role", role).attr("name"),
                        policy_arn: arn,
                    },
                )?;
                self.role_dependencies.entry(role.to_owned()).or_default().push(address.to_string());
            }
        }
        Ok(())
    }

    fn role(&mut self, name: &str, what: &str, statements: &[&Statement]) -> Result<()> {
        let address = self.add(
            "aws_iam_role",
            name,
            &IamRole {
                note: what.to_owned(),
                name: rules::names::role_name(&self.stack.name, name),
                assume_role_policy: LAMBDA_TRUST_POLICY.to_owned(),
                tags: BTreeMap::new(),
            },
        )?;
        if !statements.is_empty() {
            let policy = self.policy_document(statements);
            let inline = self.add(
                "aws_iam_role_policy",
                name,
                &IamRolePolicy {
                    note: what.to_owned(),
                    name: rules::names::role_name(&self.stack.name, name),
                    role: address.attr("id"),
                    policy,
                },
            )?;
            self.role_dependencies.entry(name.to_owned()).or_default().push(inline.to_string());
        }
        Ok(())
    }

    /// The stack's one HTTP API, its `$default` stage with access logs.
    fn http_api(&mut self) -> Result<()> {
        let stack = &self.stack.name;
        let origin = self.stack.origin.clone();
        let logs = self.add(
            "aws_cloudwatch_log_group",
            HTTP_API_LOGS,
            &CloudwatchLogGroup {
                note: note(&format!("access logs of the HTTP API of stack `{stack}`"), &origin),
                name: format!("/aws/apigateway/{stack}-http-api"),
                retention_in_days: rules::limits::DEFAULT_LOG_RETENTION_DAYS,
            },
        )?;
        let api = self.add(
            "aws_apigatewayv2_api",
            HTTP_API,
            &Apigatewayv2Api {
                note: note(&format!("the HTTP API of stack `{stack}`"), &origin),
                name: stack.clone(),
                protocol_type: "HTTP".into(),
            },
        )?;
        let stage = self.add(
            "aws_apigatewayv2_stage",
            HTTP_API,
            &Apigatewayv2Stage {
                note: note(&format!("the `$default` stage of the HTTP API of stack `{stack}`"), &origin),
                api_id: api.attr("id"),
                name: "$default".into(),
                auto_deploy: true,
                access_log_settings: vec![AccessLogSettings {
                    destination_arn: logs.attr("arn"),
                    format: ACCESS_LOG_FORMAT.into(),
                }],
            },
        )?;
        self.output("api_url", stage.attr("invoke_url"), format!("The URL of the HTTP API of stack `{stack}`"))
    }

    fn function(&mut self, function: &Function, asset: &Asset) -> Result<()> {
        let name = &function.name;
        let origin = &function.origin;
        let function_name = rules::names::function_name(&self.stack.name, name);
        let logs = self.add(
            "aws_cloudwatch_log_group",
            name,
            &CloudwatchLogGroup {
                note: note(&format!("logs of function `{name}`"), origin),
                name: rules::names::log_group_name(&function_name),
                retention_in_days: function.log_retention.unwrap_or(rules::limits::DEFAULT_LOG_RETENTION_DAYS),
            },
        )?;
        let role = function.role.as_deref().unwrap_or(name);
        let mut depends_on = vec![logs.to_string()];
        depends_on.extend(self.role_dependencies.get(role).cloned().unwrap_or_default());
        let mut variables: BTreeMap<String, String> = BTreeMap::new();
        for (key, value) in &function.env {
            let value = match value {
                EnvValue::Literal(text) => terraform::literal(text),
                EnvValue::Ref(reference) => self.reference(reference),
            };
            variables.insert(key.clone(), value);
        }
        let dead_letter_config = function
            .dead_letter
            .as_ref()
            .map(|target| DeadLetterConfig { target_arn: self.reference(&Ref::new(target.clone(), "arn")) });
        let runtime = function.runtime.clone().expect("checked: every function has a runtime");
        let (filename, s3_bucket, s3_key) = match &asset.s3_bucket {
            None => (Some(asset.path.clone()), None, None),
            Some(bucket) => {
                let object = self.code_object(function, asset, bucket)?;
                (None, Some(object.attr("bucket")), Some(object.attr("key")))
            }
        };
        let lambda = self.add(
            "aws_lambda_function",
            name,
            &LambdaFunction {
                note: note(&format!("function `{name}`"), origin),
                function_name: function_name.clone(),
                role: Address::new("aws_iam_role", role).attr("arn"),
                runtime,
                handler: function.handler.clone().expect("checked: every function has a handler"),
                filename,
                s3_bucket,
                s3_key,
                source_code_hash: asset.package.sha256_base64.clone(),
                memory_size: function.memory_mb(),
                timeout: function.timeout_seconds(),
                architectures: vec![function.arch.as_str().into()],
                description: function.description.as_deref().map(terraform::literal),
                environment: (!variables.is_empty()).then_some(Environment { variables }),
                ephemeral_storage: function.ephemeral_storage.map(|size| EphemeralStorage { size }),
                reserved_concurrent_executions: function.reserved_concurrency,
                tracing_config: TracingConfig { mode: function.tracing.as_str().into() },
                dead_letter_config,
                layers: function.layers.clone(),
                tags: function.tags.iter().map(|(k, v)| (k.clone(), terraform::literal(v))).collect(),
                depends_on,
            },
        )?;
        self.output(&format!("{name}_arn"), lambda.attr("arn"), format!("The ARN of function `{function_name}`"))?;
        self.http_routes(function, &lambda)?;
        self.event_triggers(function, &lambda)
    }

    /// A package too big for a direct upload, as an object of the stack's `assets` bucket, named
    /// by its hash so a changed package is a new key (and a new deployment).
    fn code_object(&mut self, function: &Function, asset: &Asset, bucket: &str) -> Result<Address> {
        let name = &function.name;
        let bucket_name = self.reference(&Ref::new(bucket.to_owned(), "name"));
        self.add(
            "aws_s3_object",
            name,
            &S3Object {
                note: note(&format!("code of function `{name}`, too big for a direct upload"), &function.origin),
                bucket: bucket_name,
                key: format!("lambda-stack/{}/{name}/{}.zip", self.stack.name, asset.package.sha256_hex),
                source: asset.path.clone(),
                source_hash: asset.package.sha256_base64.clone(),
                content_type: "application/zip".into(),
            },
        )
    }

    fn http_routes(&mut self, function: &Function, lambda: &Address) -> Result<()> {
        let routes: Vec<(&String, &String, &Origin)> = function
            .triggers
            .iter()
            .filter_map(|trigger| match trigger {
                Trigger::Http { method, path, origin } => Some((method, path, origin)),
                _ => None,
            })
            .collect();
        if routes.is_empty() {
            return Ok(());
        }
        let name = &function.name;
        let api = Address::new("aws_apigatewayv2_api", HTTP_API);
        let integration = self.add(
            "aws_apigatewayv2_integration",
            name,
            &Apigatewayv2Integration {
                note: note(&format!("HTTP API integration of function `{name}`"), &function.origin),
                api_id: api.attr("id"),
                integration_type: "AWS_PROXY".into(),
                integration_method: "POST".into(),
                integration_uri: lambda.attr("invoke_arn"),
                payload_format_version: "2.0".into(),
            },
        )?;
        let mut used = BTreeSet::new();
        for (method, path, origin) in routes {
            let key = rules::triggers::route_key(method, path);
            let slug = unique_slug(&mut used, &key);
            let what = note(&format!("route `{key}` of function `{name}`"), origin);
            self.add(
                "aws_apigatewayv2_route",
                &format!("{name}-{slug}"),
                &Apigatewayv2Route {
                    note: what.clone(),
                    api_id: api.attr("id"),
                    route_key: key.clone(),
                    target: format!("integrations/{}", integration.attr("id")),
                },
            )?;
            self.add(
                "aws_lambda_permission",
                &format!("{name}-{slug}"),
                &LambdaPermission {
                    note: what,
                    statement_id: format!("http-{slug}"),
                    action: "lambda:InvokeFunction".into(),
                    function_name: lambda.attr("function_name"),
                    principal: "apigateway.amazonaws.com".into(),
                    source_arn: Some(format!(
                        "{}{}",
                        api.attr("execution_arn"),
                        rules::triggers::permission_source_suffix(method, path)
                    )),
                    function_url_auth_type: None,
                },
            )?;
        }
        Ok(())
    }

    /// An owned queue: encrypted with SQS-managed keys, its redrive policy pointing at its
    /// dead-letter queue. Every queue's URL is an output.
    fn queue(&mut self, queue: &Queue) -> Result<()> {
        let name = &queue.name;
        if queue.existing.is_none() {
            let redrive_policy = match &queue.dead_letter {
                Some(dead_letter) => {
                    let arn = self.reference(&Ref::new(dead_letter.clone(), "arn"));
                    let max_receive = queue.max_receive.unwrap_or(events::DEFAULT_MAX_RECEIVE);
                    Some(format!(r#"{{"deadLetterTargetArn":"{arn}","maxReceiveCount":{max_receive}}}"#))
                }
                None => None,
            };
            self.add(
                "aws_sqs_queue",
                name,
                &SqsQueue {
                    note: note(&format!("queue `{name}`"), &queue.origin),
                    name: events::queue_name(&self.stack.name, name, queue.fifo),
                    fifo_queue: queue.fifo,
                    visibility_timeout_seconds: queue
                        .visibility_seconds()
                        .unwrap_or(events::DEFAULT_VISIBILITY_TIMEOUT),
                    message_retention_seconds: queue.retention_seconds().unwrap_or(events::DEFAULT_RETENTION),
                    sqs_managed_sse_enabled: true,
                    redrive_policy,
                },
            )?;
        }
        let url = self.reference(&Ref::new(name.clone(), "url"));
        self.output(&format!("{name}_queue_url"), url, format!("The URL of queue `{name}`"))
    }

    /// An owned table: on-demand, string keys, point-in-time recovery, encrypted, with its stream.
    fn table(&mut self, table: &Table) -> Result<()> {
        if table.existing.is_some() {
            return Ok(());
        }
        let name = &table.name;
        let hash_key = table.hash_key.clone().expect("checked: owned tables have a hash key");
        let mut attribute = vec![DynamodbAttribute { name: hash_key.clone(), kind: "S".into() }];
        if let Some(range_key) = &table.range_key {
            attribute.push(DynamodbAttribute { name: range_key.clone(), kind: "S".into() });
        }
        let view = table.stream.as_deref().map(|view| events::check_stream_view(view).expect("checked: stream views"));
        self.add(
            "aws_dynamodb_table",
            name,
            &DynamodbTable {
                note: note(&format!("table `{name}`"), &table.origin),
                name: events::table_name(&self.stack.name, name),
                billing_mode: "PAY_PER_REQUEST".into(),
                hash_key,
                range_key: table.range_key.clone(),
                attribute,
                stream_enabled: view.is_some(),
                stream_view_type: view.map(str::to_owned),
                point_in_time_recovery: vec![Enabled { enabled: true }],
                server_side_encryption: vec![Enabled { enabled: true }],
            },
        )?;
        Ok(())
    }

    /// An owned topic, encrypted with the AWS managed SNS key. Every topic's ARN is an output.
    fn topic(&mut self, topic: &Topic) -> Result<()> {
        let name = &topic.name;
        if topic.existing.is_none() {
            self.add(
                "aws_sns_topic",
                name,
                &SnsTopic {
                    note: note(&format!("topic `{name}`"), &topic.origin),
                    name: events::topic_name(&self.stack.name, name, topic.fifo),
                    fifo_topic: topic.fifo,
                    kms_master_key_id: "alias/aws/sns".into(),
                },
            )?;
        }
        let arn = self.reference(&Ref::new(name.clone(), "arn"));
        self.output(&format!("{name}_topic_arn"), arn, format!("The ARN of topic `{name}`"))
    }

    /// An owned Kinesis stream: on-demand unless it has `shards`, encrypted with the AWS managed key.
    fn kinesis_stream(&mut self, stream: &Stream) -> Result<()> {
        if stream.existing.is_some() {
            return Ok(());
        }
        let name = &stream.name;
        let mode = if stream.shards.is_some() { "PROVISIONED" } else { "ON_DEMAND" };
        self.add(
            "aws_kinesis_stream",
            name,
            &KinesisStream {
                note: note(&format!("stream `{name}`"), &stream.origin),
                name: events::stream_name(&self.stack.name, name),
                shard_count: stream.shards,
                stream_mode_details: vec![StreamModeDetails { stream_mode: mode.into() }],
                retention_period: 24,
                encryption_type: "KMS".into(),
                kms_key_id: "alias/aws/kinesis".into(),
            },
        )?;
        Ok(())
    }

    /// A bucket's one notification configuration: EventBridge for owned buckets, and every `s3`
    /// trigger on it, created after the permissions that let S3 invoke the functions.
    fn bucket_notification(&mut self, bucket: &Bucket) -> Result<()> {
        let (lambda_function, depends_on) = self.notifications.remove(&bucket.name).unwrap_or_default();
        let owned = bucket.existing.is_none();
        if !owned && lambda_function.is_empty() {
            return Ok(());
        }
        let name = &bucket.name;
        let what = if owned {
            note(&format!("bucket `{name}`"), &bucket.origin)
        } else {
            note(
                &format!("notifications of existing bucket `{name}`: this replaces the bucket's whole notification configuration"),
                &bucket.origin,
            )
        };
        let target = match bucket.existing_name() {
            Some(existing) => terraform::literal(existing),
            None => Address::new("aws_s3_bucket", name).attr("id"),
        };
        self.add(
            "aws_s3_bucket_notification",
            name,
            &S3BucketNotification { note: what, bucket: target, eventbridge: owned, lambda_function, depends_on },
        )?;
        Ok(())
    }

    /// The resources behind a function's event triggers: permissions for push sources, event
    /// source mappings for poll sources, subscriptions, schedules and the function URL.
    fn event_triggers(&mut self, function: &Function, lambda: &Address) -> Result<()> {
        let name = &function.name;
        let mut used = BTreeSet::new();
        let mut schedules = 0;
        for trigger in &function.triggers {
            let origin = trigger.origin().clone();
            match trigger {
                Trigger::Http { .. } => {}
                Trigger::S3(s3) => self.s3_trigger(function, lambda, s3, &mut used)?,
                Trigger::Sqs(sqs) => {
                    let slug = unique_slug(&mut used, &format!("sqs {}", sqs.queue));
                    let arn = self.reference(&Ref::new(sqs.queue.clone(), "arn"));
                    let batch_size = sqs.batch_size.unwrap_or(events::DEFAULT_SQS_BATCH_SIZE);
                    self.add(
                        "aws_lambda_event_source_mapping",
                        &format!("{name}-{slug}"),
                        &LambdaEventSourceMapping {
                            note: note(&format!("{trigger} of function `{name}`"), &origin),
                            event_source_arn: arn,
                            function_name: lambda.attr("arn"),
                            batch_size,
                            maximum_batching_window_in_seconds: sqs.window,
                            starting_position: None,
                            function_response_types: report_failures(sqs.report_failures),
                        },
                    )?;
                }
                Trigger::Stream(stream) => {
                    let slug = unique_slug(&mut used, &format!("{} {}", stream.source.keyword(), stream.target));
                    let arn = match stream.source {
                        StreamSource::DynamoDb => self.reference(&Ref::new(stream.target.clone(), "stream_arn")),
                        StreamSource::Kinesis => self.reference(&Ref::new(stream.target.clone(), "arn")),
                    };
                    let start = stream.start.as_deref().unwrap_or(events::DEFAULT_START);
                    let start = events::check_start_position(stream.source, start).expect("checked: start positions");
                    self.add(
                        "aws_lambda_event_source_mapping",
                        &format!("{name}-{slug}"),
                        &LambdaEventSourceMapping {
                            note: note(&format!("{trigger} of function `{name}`"), &origin),
                            event_source_arn: arn,
                            function_name: lambda.attr("arn"),
                            batch_size: stream.batch_size.unwrap_or(events::DEFAULT_STREAM_BATCH_SIZE),
                            maximum_batching_window_in_seconds: stream.window,
                            starting_position: Some(start.to_owned()),
                            function_response_types: report_failures(stream.report_failures),
                        },
                    )?;
                }
                Trigger::Sns { topic, .. } => {
                    let slug = unique_slug(&mut used, &format!("sns {topic}"));
                    let arn = self.reference(&Ref::new(topic.clone(), "arn"));
                    let what = note(&format!("{trigger} of function `{name}`"), &origin);
                    let permission =
                        self.permission(name, &slug, &what, lambda, "sns.amazonaws.com", Some(arn.clone()), None)?;
                    self.add(
                        "aws_sns_topic_subscription",
                        &format!("{name}-{slug}"),
                        &SnsTopicSubscription {
                            note: what,
                            topic_arn: arn,
                            protocol: "lambda".into(),
                            endpoint: lambda.attr("arn"),
                            depends_on: vec![permission.to_string()],
                        },
                    )?;
                }
                Trigger::Schedule { expression, .. } => {
                    schedules += 1;
                    let slug = unique_slug(&mut used, "schedule");
                    let what = note(&format!("{trigger} of function `{name}`"), &origin);
                    let rule = self.add(
                        "aws_cloudwatch_event_rule",
                        &format!("{name}-{slug}"),
                        &CloudwatchEventRule {
                            note: what.clone(),
                            name: events::schedule_rule_name(&self.stack.name, name, schedules),
                            description: format!("Invokes function `{name}` on `{expression}`"),
                            schedule_expression: terraform::literal(expression),
                        },
                    )?;
                    let permission = self.permission(
                        name,
                        &slug,
                        &what,
                        lambda,
                        "events.amazonaws.com",
                        Some(rule.attr("arn")),
                        None,
                    )?;
                    self.add(
                        "aws_cloudwatch_event_target",
                        &format!("{name}-{slug}"),
                        &CloudwatchEventTarget {
                            note: what,
                            rule: rule.attr("name"),
                            target_id: "lambda".into(),
                            arn: lambda.attr("arn"),
                            depends_on: vec![permission.to_string()],
                        },
                    )?;
                }
                Trigger::Url { auth, .. } => {
                    let auth_type = events::check_url_auth(auth).expect("checked: url auth");
                    let what = note(&format!("{trigger} of function `{name}`"), &origin);
                    let url = self.add(
                        "aws_lambda_function_url",
                        name,
                        &LambdaFunctionUrl {
                            note: what.clone(),
                            function_name: lambda.attr("function_name"),
                            authorization_type: auth_type.into(),
                        },
                    )?;
                    if auth_type == "NONE" {
                        // A public URL needs a resource policy letting anyone call it through the URL.
                        // Since October 2025 a new URL also needs `lambda:InvokeFunction` for the same
                        // principal, or every request gets 403. Provider 5.x cannot scope that one to
                        // URL calls (`invoked_via_function_url` is 6.x only), and a public URL makes
                        // the function callable by anyone anyway.
                        for (slug, statement_id, action, auth_type) in [
                            ("url", "url-public", "lambda:InvokeFunctionUrl", Some("NONE".to_owned())),
                            ("url-invoke", "url-public-invoke", "lambda:InvokeFunction", None),
                        ] {
                            self.add(
                                "aws_lambda_permission",
                                &format!("{name}-{slug}"),
                                &LambdaPermission {
                                    note: what.clone(),
                                    statement_id: statement_id.into(),
                                    action: action.into(),
                                    function_name: lambda.attr("function_name"),
                                    principal: "*".into(),
                                    source_arn: None,
                                    function_url_auth_type: auth_type,
                                },
                            )?;
                        }
                    }
                    self.output(
                        &format!("{name}_function_url"),
                        url.attr("function_url"),
                        format!("The URL of function `{name}`"),
                    )?;
                }
            }
        }
        Ok(())
    }

    /// An `s3` trigger: S3 may invoke the function for this bucket, and the bucket's notification
    /// configuration gets the rule.
    fn s3_trigger(
        &mut self,
        function: &Function,
        lambda: &Address,
        s3: &S3Trigger,
        used: &mut BTreeSet<String>,
    ) -> Result<()> {
        let name = &function.name;
        let slug = unique_slug(used, &format!("s3 {}", s3.bucket));
        let arn = self.reference(&Ref::new(s3.bucket.clone(), "arn"));
        let what = note(&format!("{} of function `{name}`", Trigger::S3(s3.clone())), &s3.origin);
        let permission = self.permission(name, &slug, &what, lambda, "s3.amazonaws.com", Some(arn), None)?;
        let mut events_written: Vec<String> = Vec::new();
        for on in s3.events() {
            for event in events::s3_events_for(on).expect("checked: s3 events") {
                if !events_written.iter().any(|e| e == event) {
                    events_written.push((*event).to_owned());
                }
            }
        }
        let (rules, depends_on) = self.notifications.entry(s3.bucket.clone()).or_default();
        rules.push(S3LambdaNotification {
            id: format!("{name}-{slug}"),
            lambda_function_arn: lambda.attr("arn"),
            events: events_written,
            filter_prefix: s3.prefix.as_deref().map(terraform::literal),
            filter_suffix: s3.suffix.as_deref().map(terraform::literal),
        });
        depends_on.push(permission.to_string());
        Ok(())
    }

    /// Lets `principal` invoke the function, from `source_arn` only.
    #[allow(clippy::too_many_arguments)]
    fn permission(
        &mut self,
        function: &str,
        slug: &str,
        what: &str,
        lambda: &Address,
        principal: &str,
        source_arn: Option<String>,
        function_url_auth_type: Option<String>,
    ) -> Result<Address> {
        self.add(
            "aws_lambda_permission",
            &format!("{function}-{slug}"),
            &LambdaPermission {
                note: what.to_owned(),
                statement_id: slug.to_owned(),
                action: "lambda:InvokeFunction".into(),
                function_name: lambda.attr("function_name"),
                principal: principal.into(),
                source_arn,
                function_url_auth_type,
            },
        )
    }
}

/// `report_failures: true` → Lambda reads `batchItemFailures` from the function's response.
fn report_failures(report: bool) -> Vec<String> {
    if report {
        vec!["ReportBatchItemFailures".into()]
    } else {
        Vec::new()
    }
}

/// An AWS managed policy given by ARN (`arn:aws:iam::aws:policy/service-role/X`) is the same
/// policy as its name, so a role gets it attached once.
fn aws_managed_name(arn: &str) -> Option<String> {
    let (_, rest) = arn.split_once(":iam::aws:policy/")?;
    let name = rest.rsplit('/').next()?;
    rules::iam::managed_policy(name).filter(|p| p.arn.ends_with(rest)).map(|p| p.name.to_owned())
}

/// `arn:aws:iam::111122223333:policy/team/foo` → `111122223333-team-foo`.
fn attachment_suffix(arn: &str) -> String {
    let rest = arn.split_once(":iam::").map_or(arn, |(_, rest)| rest);
    let mut suffix = String::new();
    for c in rest.replacen(":policy/", "-", 1).chars() {
        suffix.push(if c.is_ascii_alphanumeric() || c == '_' || c == '-' { c } else { '-' });
    }
    suffix
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
    fn managed_policy_arns_and_names_are_one_policy() {
        let xray = "arn:aws:iam::aws:policy/AWSXRayDaemonWriteAccess";
        assert_eq!(aws_managed_name(xray).as_deref(), Some("AWSXRayDaemonWriteAccess"));
        assert_eq!(aws_managed_name("arn:aws:iam::111122223333:policy/AWSXRayDaemonWriteAccess"), None);
        assert_ne!(attachment_suffix("arn:aws:iam::111:policy/foo"), attachment_suffix("arn:aws:iam::222:policy/foo"));
    }

    #[test]
    fn slugs_are_unique_and_readable() {
        let mut used = BTreeSet::new();
        assert_eq!(unique_slug(&mut used, "GET /orders/{id}"), "get-orders-id");
        assert_eq!(unique_slug(&mut used, "GET /orders/{id}"), "get-orders-id-2");
        assert_eq!(unique_slug(&mut used, "GET /"), "get-root");
    }
}
