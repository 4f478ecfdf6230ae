//! Turning a checked [`Stack`] into Terraform JSON and packaged code.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{json, Map, Value};

use crate::bucket::Bucket;
use crate::error::{Error, Origin, Problem, Result};
use crate::function::{Function, Tracing};
use crate::iam::{ManagedPolicy, Resource, Statement};
use crate::package::{package_dir, Package, PackageOptions};
use crate::reference::{EnvValue, Ref};
use crate::rules::{self, resources::Kind};
use crate::stack::{Backend, Stack};
use crate::terraform::{self, resources::*, Address, Document};
use crate::trigger::Trigger;

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

/// Checks the stack, packages its functions, and builds its Terraform document.
pub fn synthesize(stack: &Stack) -> Result<Synthesized> {
    let findings = stack.check();
    if !findings.problems.is_empty() {
        return Err(Error::Invalid { stack: stack.name.clone(), problems: findings.problems });
    }
    let assets = package_functions(stack)?;
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
fn package_functions(stack: &Stack) -> Result<Vec<Asset>> {
    let threads = std::thread::available_parallelism().map_or(1, usize::from).min(stack.functions.len().max(1));
    let chunk = stack.functions.len().div_ceil(threads).max(1);
    let results: Vec<Result<Asset>> = std::thread::scope(|scope| {
        let handles: Vec<_> = stack
            .functions
            .chunks(chunk)
            .map(|functions| {
                scope.spawn(move || functions.iter().map(|f| package_function(stack, f)).collect::<Vec<_>>())
            })
            .collect();
        handles.into_iter().flat_map(|h| h.join().expect("packaging threads do not panic")).collect()
    });
    results.into_iter().collect()
}

fn package_function(stack: &Stack, function: &Function) -> Result<Asset> {
    let code = function.code.as_ref().expect("checked: every function has code");
    let options = PackageOptions { exclude: function.exclude.clone() };
    let package = package_dir(code, &options).map_err(|source| Error::Package {
        stack: stack.name.clone(),
        function: function.name.clone(),
        source: Box::new(source),
    })?;
    Ok(Asset {
        function: function.name.clone(),
        path: format!("assets/{}/{}.zip", function.name, package.sha256_hex),
        package,
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
    /// Policies and statements each role ends up with, including what functions add to a role
    /// they share: one attachment per (role, policy).
    role_dependencies: BTreeMap<String, Vec<String>>,
}

impl<'a> Builder<'a> {
    fn new(stack: &'a Stack) -> Self {
        let region = stack.region.as_deref().unwrap_or_default();
        Builder {
            stack,
            kinds: stack.kinds(),
            doc: Document::new(),
            partition: rules::regions::partition(region).unwrap_or("aws"),
            role_dependencies: BTreeMap::new(),
        }
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
        self.roles()?;
        let http = self.stack.functions.iter().any(|f| f.triggers.iter().any(|t| matches!(t, Trigger::Http { .. })));
        if http {
            self.http_api()?;
        }
        for (function, asset) in self.stack.functions.iter().zip(assets) {
            self.function(function, asset)?;
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
        provider.insert("region".into(), json!(stack.region));
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
            "aws_s3_bucket_notification",
            name,
            &S3BucketNotification { note: what.clone(), bucket: id.clone(), eventbridge: true },
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
    fn reference(&self, reference: &Ref) -> String {
        let target = reference.target.as_str();
        match (self.kinds[target], reference.attribute.as_str()) {
            (Kind::Bucket, attribute) => match self.bucket_named(target).existing_name() {
                Some(name) if attribute == "name" => terraform::literal(name),
                Some(name) => format!("arn:{}:s3:::{}", self.partition, terraform::literal(name)),
                None if attribute == "name" => Address::new("aws_s3_bucket", target).attr("bucket"),
                None => Address::new("aws_s3_bucket", target).attr("arn"),
            },
            (Kind::Role, "name") => Address::new("aws_iam_role", target).attr("name"),
            (Kind::Role, _) => Address::new("aws_iam_role", target).attr("arn"),
            // A function's name is known now; writing it out keeps functions that name each other
            // free of dependency cycles.
            (Kind::Function, "name") => rules::names::function_name(&self.stack.name, target),
            (Kind::Function, _) => Address::new("aws_lambda_function", target).attr("arn"),
        }
    }

    fn bucket_named(&self, name: &str) -> &Bucket {
        self.stack.buckets.iter().find(|b| b.name == name).expect("checked: references resolve")
    }

    fn resource_arn(&self, resource: &Resource) -> String {
        match resource {
            Resource::Named(name) => self.reference(&Ref::new(name.clone(), "arn")),
            Resource::Sub { target, pattern, .. } => {
                let arn = self.reference(&Ref::new(target.clone(), "arn"));
                format!("{arn}/{}", terraform::literal(pattern.as_deref().unwrap_or("*")))
            }
            Resource::Arn(arn) => terraform::literal(arn),
        }
    }

    fn policy_document(&self, statements: &[&Statement]) -> String {
        let statements: Vec<Value> = statements
            .iter()
            .map(|statement| {
                let actions: Vec<&str> = statement.actions().collect();
                let action = match actions.as_slice() {
                    [one] => json!(one),
                    many => json!(many),
                };
                json!({ "Action": action, "Effect": "Allow", "Resource": self.resource_arn(&statement.resource) })
            })
            .collect();
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
        for function in self.stack.functions.iter().filter(|f| f.role.is_none()) {
            let what = note(&format!("role of function `{}`", function.name), &function.origin);
            self.role(&function.name, &what, &function.allow.iter().collect::<Vec<_>>())?;
        }
        // Statements a function adds to a role it shares: a policy of its own on that role.
        for function in &self.stack.functions {
            let Some(role) = &function.role else { continue };
            if function.allow.is_empty() {
                continue;
            }
            let what = note(&format!("statements of function `{}` on role `{role}`", function.name), &function.origin);
            let policy = self.policy_document(&function.allow.iter().collect::<Vec<_>>());
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
        self.doc.output("api_url", stage.attr("invoke_url"), format!("The URL of the HTTP API of stack `{stack}`"));
        Ok(())
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
        let variables: BTreeMap<String, String> = function
            .env
            .iter()
            .map(|(key, value)| {
                let value = match value {
                    EnvValue::Literal(text) => terraform::literal(text),
                    EnvValue::Ref(reference) => self.reference(reference),
                };
                (key.clone(), value)
            })
            .collect();
        let runtime = function.runtime.clone().expect("checked: every function has a runtime");
        let lambda = self.add(
            "aws_lambda_function",
            name,
            &LambdaFunction {
                note: note(&format!("function `{name}`"), origin),
                function_name: function_name.clone(),
                role: Address::new("aws_iam_role", role).attr("arn"),
                runtime,
                handler: function.handler.clone().expect("checked: every function has a handler"),
                filename: asset.path.clone(),
                source_code_hash: asset.package.sha256_base64.clone(),
                memory_size: function.memory_mb(),
                timeout: function.timeout_seconds(),
                architectures: vec![function.arch.as_str().into()],
                description: function.description.as_deref().map(terraform::literal),
                environment: (!variables.is_empty()).then_some(Environment { variables }),
                ephemeral_storage: function.ephemeral_storage.map(|size| EphemeralStorage { size }),
                reserved_concurrent_executions: function.reserved_concurrency,
                tracing_config: TracingConfig { mode: function.tracing.as_str().into() },
                layers: function.layers.clone(),
                tags: function.tags.iter().map(|(k, v)| (k.clone(), terraform::literal(v))).collect(),
                depends_on,
            },
        )?;
        self.doc.output(&format!("{name}_arn"), lambda.attr("arn"), format!("The ARN of function `{function_name}`"));
        self.http_routes(function, &lambda)?;
        Ok(())
    }

    fn http_routes(&mut self, function: &Function, lambda: &Address) -> Result<()> {
        let routes: Vec<(&String, &String, &Origin)> = function
            .triggers
            .iter()
            .map(|trigger| match trigger {
                Trigger::Http { method, path, origin } => (method, path, origin),
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
                    source_arn: format!(
                        "{}{}",
                        api.attr("execution_arn"),
                        rules::triggers::permission_source_suffix(method, path)
                    ),
                },
            )?;
        }
        Ok(())
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
