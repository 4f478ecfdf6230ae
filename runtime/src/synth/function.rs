//! A function: its log group, the function itself (environment, dead letters, code uploaded
//! directly or through the `assets` bucket) and its ARN as an output; its triggers follow
//! ([`super::http`], [`super::triggers`]).

use crate::rules::resources::Kind;
use std::collections::BTreeMap;

use super::{note, Asset, Builder};
use crate::error::Result;
use crate::function::Function;
use crate::reference::{EnvValue, Ref};
use crate::rules;
use crate::terraform::resources::{
    CloudwatchLogGroup, DeadLetterConfig, Destination, DestinationConfig, Environment, EphemeralStorage, LambdaAlias,
    LambdaFunction, LambdaFunctionEventInvokeConfig, LambdaFunctionRecursionConfig, LambdaProvisionedConcurrencyConfig,
    LoggingConfig, Resource as _, S3Object, SnapStart, TracingConfig, VpcConfig,
};
use crate::terraform::{self, Address};

impl Builder<'_> {
    pub(super) fn function(&mut self, function: &Function, asset: &Asset) -> Result<()> {
        let name = &function.name;
        let origin = &function.origin;
        let function_name = self.owned_name(Kind::Function, name, &function.adopt, false);
        let logs_key = self.kms_arn(None);
        let logs = self.add(
            name,
            &CloudwatchLogGroup {
                note: note(&format!("logs of function `{name}`"), origin),
                name: match function.logs.as_ref().and_then(|logs| logs.0.group.as_deref()) {
                    Some(group) => terraform::literal(group),
                    None => rules::names::log_group_name(&function_name),
                },
                retention_in_days: function.log_retention.unwrap_or(rules::limits::DEFAULT_LOG_RETENTION_DAYS),
                kms_key_id: logs_key,
            },
        )?;
        let logs_group = logs.attr("name");
        let role = function.role.as_deref().unwrap_or(name);
        let mut depends_on = vec![logs.to_string()];
        depends_on.extend(self.role_dependencies.get(role).cloned().unwrap_or_default());
        let mut variables: BTreeMap<String, String> = BTreeMap::new();
        for (key, value) in &function.env {
            let value = match value {
                EnvValue::Literal(text) => terraform::literal(text),
                EnvValue::Ref(reference) => self.reference(reference),
                EnvValue::Param(name) => format!("${{var.{name}}}"),
            };
            variables.insert(key.clone(), value);
        }
        // Node.js reads a bundle's source map only when asked; a `NODE_OPTIONS` of the user's wins.
        if function.bundle.is_some() && function.source_map {
            variables.entry("NODE_OPTIONS".into()).or_insert_with(|| "--enable-source-maps".into());
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
        let layers = self.function_layers(function, self.layers);
        let kms_key_arn = self.kms_arn(function.kms.as_deref());
        let lambda = self.add(
            name,
            &LambdaFunction {
                note: note(&format!("function `{name}`"), origin),
                function_name: function_name.clone(),
                role: self.role_attr(role, "arn"),
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
                publish: function.alias.is_some(),
                snap_start: function.snap_start.then(|| SnapStart { apply_on: "PublishedVersions".into() }),
                tracing_config: TracingConfig { mode: function.tracing.as_str().into() },
                dead_letter_config,
                layers,
                vpc_config: self.stack.vpc_of(function).map(|vpc| vpc_config(&vpc.0)),
                kms_key_arn,
                logging_config: function.logs.as_ref().map(|logs| logging_config(&logs.0, &logs_group)),
                tags: function.tags.iter().map(|(k, v)| (k.clone(), terraform::literal(v))).collect(),
                depends_on,
            },
        )?;
        self.output(
            &rules::names::function_arn_output(name),
            lambda.attr("arn"),
            format!("The ARN of function `{function_name}`"),
        )?;
        let target = self.versions(function, &lambda)?;
        self.event_invoke_config(function, &target)?;
        self.http_routes(function, &target)?;
        self.event_triggers(function, &target)
    }

    /// What invokes function `function` targets: its alias (`aws_lambda_alias.<function>`) when
    /// it has one, so triggers, URLs, integrations and permissions reach the published version,
    /// else the function itself. Both have `arn`, `invoke_arn` and `function_name`; a permission,
    /// URL or invoke config on the alias also needs [`Builder::qualifier`].
    pub(super) fn invoked(&self, function: &str) -> Address {
        match self.stack.functions.iter().find(|f| f.name == function).and_then(|f| f.alias.as_ref()) {
            Some(_) => Address::of::<LambdaAlias>(function),
            None => Address::of::<LambdaFunction>(function),
        }
    }

    /// The qualifier of an [`Builder::invoked`] target: the alias's name; `None` for the function.
    pub(super) fn qualifier(target: &Address) -> Option<String> {
        (target.kind == LambdaAlias::TYPE).then(|| target.attr("name"))
    }

    /// `alias:` (an alias on the version each deploy publishes, with `provisioned` concurrency)
    /// and `recursion: allow`; returns what invokes it target ([`Builder::invoked`]).
    fn versions(&mut self, function: &Function, lambda: &Address) -> Result<Address> {
        let name = &function.name;
        if function.recursion == Some(lambda_stack_core::decl::Recursion::Allow) {
            self.add(
                name,
                &LambdaFunctionRecursionConfig {
                    note: note(&format!("a recursive loop through function `{name}` is intended"), &function.origin),
                    function_name: lambda.attr("function_name"),
                    recursive_loop: lambda_stack_core::decl::Recursion::Allow.api().into(),
                },
            )?;
        }
        let Some(alias_name) = &function.alias else { return Ok(lambda.clone()) };
        let alias = self.add(
            name,
            &LambdaAlias {
                note: note(
                    &format!("alias `{alias_name}` of function `{name}`, on its latest published version"),
                    &function.origin,
                ),
                name: alias_name.clone(),
                function_name: lambda.attr("function_name"),
                function_version: lambda.attr("version"),
            },
        )?;
        if let Some(provisioned) = function.provisioned {
            self.add(
                name,
                &LambdaProvisionedConcurrencyConfig {
                    note: note(
                        &format!("provisioned concurrency of alias `{alias_name}` of function `{name}`"),
                        &function.origin,
                    ),
                    function_name: alias.attr("function_name"),
                    qualifier: alias.attr("name"),
                    provisioned_concurrent_executions: provisioned,
                },
            )?;
        }
        self.output(
            &rules::names::function_alias_arn_output(name),
            alias.attr("arn"),
            format!("The ARN of alias `{alias_name}` of function `{name}`, which its triggers invoke"),
        )?;
        Ok(alias)
    }

    /// The ARN asynchronous results sent to `target` go to: a function's alias when it has one.
    fn destination_arn(&mut self, target: &str) -> String {
        match self.kinds.get(target) {
            Some(Kind::Function) => self.invoked(target).attr("arn"),
            _ => self.reference(&Ref::new(target.to_owned(), "arn")),
        }
    }

    /// `on_success`, `on_failure`, `retries`, `max_event_age`: the function's asynchronous
    /// invocation config, written only when one is given (Lambda's defaults otherwise).
    fn event_invoke_config(&mut self, function: &Function, lambda: &Address) -> Result<()> {
        let given = function.on_success.is_some()
            || function.on_failure.is_some()
            || function.retries.is_some()
            || function.max_event_age.is_some();
        if !given {
            return Ok(());
        }
        let mut destination = |target: &Option<String>| -> Vec<Destination> {
            target.iter().map(|t| Destination { destination: self.destination_arn(t) }).collect()
        };
        let (on_success, on_failure) = (destination(&function.on_success), destination(&function.on_failure));
        let destination_config =
            (!on_success.is_empty() || !on_failure.is_empty()).then_some(DestinationConfig { on_success, on_failure });
        let name = &function.name;
        self.add(
            name,
            &LambdaFunctionEventInvokeConfig {
                note: note(&format!("asynchronous invocations of function `{name}`"), &function.origin),
                function_name: lambda.attr("function_name"),
                qualifier: Self::qualifier(lambda),
                maximum_retry_attempts: function.retries,
                maximum_event_age_in_seconds: function.max_event_age,
                destination_config,
            },
        )?;
        Ok(())
    }

    /// A package too big for a direct upload, as an object of the stack's `assets` bucket, named
    /// by its hash so a changed package is a new key (and a new deployment).
    fn code_object(&mut self, function: &Function, asset: &Asset, bucket: &str) -> Result<Address> {
        let name = &function.name;
        let bucket_name = self.reference(&Ref::new(bucket.to_owned(), "name"));
        self.add(
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
}

/// A `logs:` as Terraform's `logging_config`: the API's words, upper-cased levels, and the group
/// the stack creates (Lambda's own `/aws/lambda/<function>` is not written: it is the default).
fn logging_config(logs: &lambda_stack_core::decl::Logs, group: &str) -> LoggingConfig {
    let format = logs.format.as_deref().and_then(rules::logs::api_format).unwrap_or("Text");
    LoggingConfig {
        log_format: format.to_owned(),
        application_log_level: logs.level.as_deref().map(str::to_ascii_uppercase),
        system_log_level: logs.system_level.as_deref().map(str::to_ascii_uppercase),
        log_group: logs.group.as_ref().map(|_| group.to_owned()),
    }
}

/// A `vpc:` as Terraform's `vpc_config`: each list as written, or its `list` param's reference.
fn vpc_config(vpc: &lambda_stack_core::decl::Vpc) -> VpcConfig {
    use lambda_stack_core::decl::Ids;
    let ids = |ids: &Ids| match ids {
        Ids::Listed(ids) => serde_json::json!(ids),
        Ids::Param(name) => serde_json::json!(format!("${{var.{name}}}")),
    };
    VpcConfig {
        subnet_ids: ids(&vpc.subnets),
        security_group_ids: ids(&vpc.security_groups),
        ipv6_allowed_for_dual_stack: vpc.ipv6,
    }
}
