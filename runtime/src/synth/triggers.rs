//! The resources behind a function's event triggers other than HTTP routes: permissions for push
//! sources (S3, SNS, schedules), event source mappings for poll sources (SQS, DynamoDB and Kinesis
//! streams), subscriptions, schedule rules and the function URL.

use std::collections::{BTreeMap, BTreeSet};

use super::{note, unique_slug, Builder};
use crate::error::Result;
use crate::function::Function;
use crate::reference::Ref;
use lambda_stack_core::decl::{StreamSource, Word};

use crate::rules;
use crate::terraform::resources::{
    CloudwatchEventPatternRule, CloudwatchEventRule, CloudwatchEventTarget, FilterCriteria, FilterPattern,
    FlexibleTimeWindow, IamRole, IamRolePolicy, LambdaEventSourceMapping, LambdaFunctionUrl, LambdaPermission,
    MappingDestination, MappingFailureDestination, MappingOptions, Resource as _, S3LambdaNotification, ScalingConfig,
    SchedulerSchedule, SchedulerTarget, SnsTopicSubscription, UrlCors,
};
use crate::terraform::{self, Address};
use crate::trigger::{S3Trigger, Trigger};

impl Builder<'_> {
    /// The resources behind a function's event triggers: permissions for push sources, event
    /// source mappings for poll sources, subscriptions, schedules and the function URL.
    pub(super) fn event_triggers(&mut self, function: &Function, lambda: &Address) -> Result<()> {
        let name = &function.name;
        let mut used = BTreeSet::new();
        let mut schedules = 0;
        let mut scheduler_schedules = 0;
        let mut events = 0;
        for trigger in &function.triggers {
            let origin = trigger.origin().clone();
            match trigger {
                // Their APIs call them: `http_routes`, `rest_api`.
                Trigger::Http { .. } | Trigger::Rest { .. } => {}
                Trigger::S3(s3) => self.s3_trigger(function, lambda, s3, &mut used)?,
                Trigger::Sqs(sqs) => {
                    let slug = unique_slug(&mut used, &format!("sqs {}", sqs.queue));
                    let arn = self.reference(&Ref::new(sqs.queue.clone(), "arn"));
                    let batch_size = sqs.batch_size.unwrap_or(rules::sqs::DEFAULT_SQS_BATCH_SIZE);
                    self.add(
                        &format!("{name}-{slug}"),
                        &LambdaEventSourceMapping {
                            note: note(&format!("{trigger} of function `{name}`"), &origin),
                            event_source_arn: arn,
                            function_name: lambda.attr("arn"),
                            batch_size,
                            maximum_batching_window_in_seconds: sqs.window,
                            starting_position: None,
                            function_response_types: report_failures(sqs.report_failures),
                            options: MappingOptions {
                                filter_criteria: filter_criteria(&sqs.filters),
                                scaling_config: sqs
                                    .max_concurrency
                                    .map(|max| ScalingConfig { maximum_concurrency: max }),
                                enabled: sqs.enabled,
                                ..MappingOptions::default()
                            },
                        },
                    )?;
                }
                Trigger::Stream(stream) => {
                    let slug = unique_slug(&mut used, &format!("{} {}", stream.source.keyword(), stream.target));
                    let arn = match stream.source {
                        StreamSource::DynamoDb => self.reference(&Ref::new(stream.target.clone(), "stream_arn")),
                        StreamSource::Kinesis => self.reference(&Ref::new(stream.target.clone(), "arn")),
                    };
                    let start = stream.start.as_ref().and_then(Word::value).copied().unwrap_or_default().api();
                    let destination_config = stream.on_failure.as_ref().map(|target| MappingDestination {
                        on_failure: MappingFailureDestination {
                            destination_arn: self.reference(&Ref::new(target.clone(), "arn")),
                        },
                    });
                    self.add(
                        &format!("{name}-{slug}"),
                        &LambdaEventSourceMapping {
                            note: note(&format!("{trigger} of function `{name}`"), &origin),
                            event_source_arn: arn,
                            function_name: lambda.attr("arn"),
                            batch_size: stream.batch_size.unwrap_or(rules::streams::DEFAULT_STREAM_BATCH_SIZE),
                            maximum_batching_window_in_seconds: stream.window,
                            starting_position: Some(start.to_owned()),
                            function_response_types: report_failures(stream.report_failures),
                            options: MappingOptions {
                                filter_criteria: filter_criteria(&stream.filters),
                                bisect_batch_on_function_error: stream.bisect.then_some(true),
                                maximum_retry_attempts: stream.max_retries,
                                maximum_record_age_in_seconds: stream.max_age,
                                parallelization_factor: stream.parallelization,
                                tumbling_window_in_seconds: stream.tumbling_window,
                                destination_config,
                                enabled: stream.enabled,
                                scaling_config: None,
                            },
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
                Trigger::Schedule { expression, timezone, input, flexible_window, .. }
                    if trigger.to_decl().uses_scheduler() =>
                {
                    scheduler_schedules += 1;
                    let slug = unique_slug(&mut used, "scheduler");
                    let role = self.scheduler_role(function, lambda)?;
                    self.add(
                        &format!("{name}-{slug}"),
                        &SchedulerSchedule {
                            note: note(&format!("{trigger} of function `{name}`"), &origin),
                            name: rules::scheduler::schedule_name(
                                &self.stack.name,
                                function.adopt.naming_base(name),
                                scheduler_schedules,
                            ),
                            description: format!("Invokes function `{name}` on `{expression}`"),
                            schedule_expression: terraform::literal(expression),
                            schedule_expression_timezone: timezone.clone(),
                            flexible_time_window: FlexibleTimeWindow {
                                mode: if flexible_window.is_some() { "FLEXIBLE" } else { "OFF" }.into(),
                                maximum_window_in_minutes: *flexible_window,
                            },
                            target: SchedulerTarget {
                                arn: lambda.attr("arn"),
                                role_arn: role.attr("arn"),
                                input: input.as_ref().map(|input| terraform::literal(&input.to_string())),
                            },
                        },
                    )?;
                }
                Trigger::Schedule { expression, .. } => {
                    schedules += 1;
                    let slug = unique_slug(&mut used, "schedule");
                    let what = note(&format!("{trigger} of function `{name}`"), &origin);
                    let rule = self.add(
                        &format!("{name}-{slug}"),
                        &CloudwatchEventRule {
                            note: what.clone(),
                            name: rules::names::schedule_rule_name(
                                &self.stack.name,
                                function.adopt.naming_base(name),
                                schedules,
                            ),
                            description: format!("Invokes function `{name}` on `{expression}`"),
                            schedule_expression: terraform::literal(expression),
                        },
                    )?;
                    self.rule_target(name, &slug, what, lambda, &rule, None)?;
                }
                Trigger::Event(event) => {
                    events += 1;
                    let slug = unique_slug(&mut used, "event");
                    let what = note(&format!("{trigger} of function `{name}`"), &origin);
                    let bus = event.bus.as_ref().map(|bus| self.reference(&Ref::new(bus.clone(), "name")));
                    let rule = self.add(
                        &format!("{name}-{slug}"),
                        &CloudwatchEventPatternRule {
                            note: what.clone(),
                            name: rules::names::event_rule_name(
                                &self.stack.name,
                                function.adopt.naming_base(name),
                                events,
                            ),
                            description: match &event.bus {
                                Some(bus) => {
                                    format!("Sends function `{name}` the events of bus `{bus}` its pattern matches")
                                }
                                None => {
                                    format!("Sends function `{name}` the events of the default bus its pattern matches")
                                }
                            },
                            event_bus_name: bus.clone(),
                            event_pattern: event.pattern.to_string(),
                        },
                    )?;
                    self.rule_target(name, &slug, what, lambda, &rule, bus)?;
                }
                Trigger::Url { auth, cors, stream, .. } => {
                    let auth_type = auth.as_ref().and_then(Word::value).copied().unwrap_or_default().api();
                    let what = note(&format!("{trigger} of function `{name}`"), &origin);
                    let url = self.add(
                        name,
                        &LambdaFunctionUrl {
                            note: what.clone(),
                            function_name: lambda.attr("function_name"),
                            qualifier: Self::qualifier(lambda),
                            authorization_type: auth_type.into(),
                            invoke_mode: stream.then(|| "RESPONSE_STREAM".to_owned()),
                            cors: cors.as_ref().map(|cors| UrlCors::of(&cors.0)),
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
                                &format!("{name}-{slug}"),
                                &LambdaPermission {
                                    note: what.clone(),
                                    statement_id: statement_id.into(),
                                    action: action.into(),
                                    function_name: lambda.attr("function_name"),
                                    principal: "*".into(),
                                    source_arn: None,
                                    function_url_auth_type: auth_type,
                                    qualifier: Self::qualifier(lambda),
                                },
                            )?;
                        }
                    }
                    self.output(
                        &rules::names::function_url_output(name),
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
        for event in s3.to_decl().events().unwrap_or_default() {
            if !events_written.iter().any(|e| e == event) {
                events_written.push(event.to_owned());
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
            &format!("{function}-{slug}"),
            &LambdaPermission {
                note: what.to_owned(),
                statement_id: slug.to_owned(),
                action: "lambda:InvokeFunction".into(),
                function_name: lambda.attr("function_name"),
                principal: principal.into(),
                source_arn,
                function_url_auth_type,
                qualifier: Self::qualifier(lambda),
            },
        )
    }
}

impl Builder<'_> {
    /// An EventBridge rule's target, the function, after the permission that lets the rule (on
    /// `bus`, the default bus when `None`) invoke it.
    fn rule_target(
        &mut self,
        function: &str,
        slug: &str,
        what: String,
        lambda: &Address,
        rule: &Address,
        bus: Option<String>,
    ) -> Result<()> {
        let source = Some(rule.attr("arn"));
        let permission = self.permission(function, slug, &what, lambda, "events.amazonaws.com", source, None)?;
        self.add(
            &format!("{function}-{slug}"),
            &CloudwatchEventTarget {
                note: what,
                rule: rule.attr("name"),
                event_bus_name: bus,
                target_id: "lambda".into(),
                arn: lambda.attr("arn"),
                depends_on: vec![permission.to_string()],
            },
        )?;
        Ok(())
    }

    /// The role EventBridge Scheduler assumes to invoke `function` (`{stack}-{function}-scheduler`),
    /// once per function: only Scheduler in this account may assume it, and it may only invoke
    /// the function (its alias, when it has one).
    fn scheduler_role(&mut self, function: &Function, lambda: &Address) -> Result<Address> {
        let name = &function.name;
        let address = Address::new(IamRole::TYPE, &format!("{name}-scheduler"));
        if self.doc.resource(IamRole::TYPE, &format!("{name}-scheduler")).is_some() {
            return Ok(address);
        }
        let account = self.arn("{account}");
        let trust = serde_json::json!({
            "Version": "2012-10-17",
            "Statement": [{
                "Effect": "Allow",
                "Principal": { "Service": "scheduler.amazonaws.com" },
                "Action": "sts:AssumeRole",
                "Condition": { "StringEquals": { "aws:SourceAccount": account } },
            }],
        });
        let permissions_boundary = self.stack.boundary.clone().map(|arn| self.arn(&arn));
        let role_name = rules::scheduler::role_name(&self.stack.name, function.adopt.naming_base(name));
        let role = self.add(
            &format!("{name}-scheduler"),
            &IamRole {
                note: format!("the role EventBridge Scheduler invokes function `{name}` with"),
                name: role_name.clone(),
                assume_role_policy: trust.to_string(),
                permissions_boundary,
                tags: BTreeMap::new(),
            },
        )?;
        let policy = serde_json::json!({
            "Version": "2012-10-17",
            "Statement": [{ "Effect": "Allow", "Action": "lambda:InvokeFunction", "Resource": lambda.attr("arn") }],
        });
        self.add(
            &format!("{name}-scheduler"),
            &IamRolePolicy {
                note: format!("function `{name}` may be invoked by its schedules"),
                name: role_name,
                role: role.attr("id"),
                policy: policy.to_string(),
            },
        )?;
        Ok(role)
    }
}

/// A mapping's `filter: [..]`, each pattern as JSON text; none when it has no filter.
fn filter_criteria(filters: &[serde_json::Value]) -> Option<FilterCriteria> {
    if filters.is_empty() {
        return None;
    }
    let filter = filters.iter().map(|pattern| FilterPattern { pattern: pattern.to_string() }).collect();
    Some(FilterCriteria { filter })
}

/// `report_failures: true` → Lambda reads `batchItemFailures` from the function's response.
fn report_failures(report: bool) -> Vec<String> {
    if report {
        vec!["ReportBatchItemFailures".into()]
    } else {
        Vec::new()
    }
}
