//! EventBridge and event source mappings beyond the course's: a custom bus, `event(..)` rules with
//! patterns on it and on the default bus, SQS filters and maximum concurrency, a stream's failure
//! handling, a table stream's filter and tumbling window, and a bus as an `on_success`
//! destination; written, validated by the real Terraform CLI, and applied into the emulator,
//! whose EventBridge and Lambda report what they store.

use lambda_stack::prelude::*;
use serde_json::{json, Value};

mod support;

lambda_stack! {
    stack shop {
        region: "us-east-1",

        bus orders_bus {}
        queue jobs {}
        queue failed_clicks {}
        stream clicks {}
        table orders { hash_key: "id", stream: new_and_old_images }

        /// Audits placed orders and the objects S3 creates.
        function audit {
            runtime: python3.12,
            handler: "lambda_handler.handler",
            code: "../examples/hello/functions/hello",
            reserved_concurrency: 10,
            triggers: [
                event(orders_bus, pattern: { source: ["shop.orders"], "detail-type": ["OrderPlaced"],
                                             detail: { total: [{ numeric: [">", 100] }] } }),
                event(pattern: { source: ["aws.s3"], "detail-type": ["Object Created"] }),
                schedule("cron(0 8 * * ? *)", timezone: "Europe/Paris", input: { report: "daily" }),
                schedule("at(2027-01-01T00:00:00)", flexible_window: 15),
                schedule("rate(1 day)"),
                sqs(jobs, batch_size: 10, max_concurrency: 5, filter: [{ body: { kind: ["order"] } }]),
                kinesis(clicks, bisect: true, max_retries: 3, max_age: 3600, on_failure: failed_clicks, parallelization: 2),
                dynamodb(orders, filter: [{ eventName: ["INSERT"] }], tumbling_window: 60),
            ],
        }

        /// Puts its results on the bus.
        function notify {
            runtime: python3.12,
            handler: "lambda_handler.handler",
            code: "../examples/hello/functions/hello",
            on_success: orders_bus,
        }
    }
}

#[test]
fn buses_rules_filters_and_failure_handling_are_written_validated_and_applied() {
    let out = tempfile::tempdir().unwrap();
    lambda_stack::App::new().stack(shop()).synth(out.path()).unwrap();
    let dir = out.path().join("stacks/shop");
    let doc: Value = serde_json::from_slice(&std::fs::read(dir.join("cdk.tf.json")).unwrap()).unwrap();
    let resources = &doc["resource"];
    assert_eq!(resources["aws_cloudwatch_event_bus"]["orders_bus"]["name"], "shop-orders_bus");
    let rules = &resources["aws_cloudwatch_event_rule"];
    assert_eq!(rules["audit-event"]["event_bus_name"], "${aws_cloudwatch_event_bus.orders_bus.name}");
    let pattern: Value = serde_json::from_str(rules["audit-event"]["event_pattern"].as_str().unwrap()).unwrap();
    assert_eq!(pattern["detail"]["total"], json!([{ "numeric": [">", 100] }]));
    assert!(rules["audit-event-2"].get("event_bus_name").is_none(), "the default bus is not named");
    let schedules = &resources["aws_scheduler_schedule"];
    assert_eq!(schedules["audit-scheduler"]["schedule_expression_timezone"], "Europe/Paris");
    assert_eq!(schedules["audit-scheduler"]["target"]["input"], r#"{"report":"daily"}"#);
    assert_eq!(
        schedules["audit-scheduler-2"]["flexible_time_window"],
        json!({ "mode": "FLEXIBLE", "maximum_window_in_minutes": 15 })
    );
    assert_eq!(
        resources["aws_cloudwatch_event_rule"]["audit-schedule"]["schedule_expression"], "rate(1 day)",
        "a plain rate stays a rule"
    );
    assert_eq!(resources["aws_iam_role"]["audit-scheduler"]["name"], "shop-audit-scheduler");
    assert!(resources["aws_iam_role"]["audit-scheduler"]["assume_role_policy"]
        .as_str()
        .unwrap()
        .contains("scheduler.amazonaws.com"));
    let targets = &resources["aws_cloudwatch_event_target"];
    assert_eq!(targets["audit-event"]["event_bus_name"], "${aws_cloudwatch_event_bus.orders_bus.name}");
    let mappings = &resources["aws_lambda_event_source_mapping"];
    assert_eq!(mappings["audit-sqs-jobs"]["scaling_config"], json!({ "maximum_concurrency": 5 }));
    assert_eq!(
        mappings["audit-sqs-jobs"]["filter_criteria"],
        json!({ "filter": [{ "pattern": r#"{"body":{"kind":["order"]}}"# }] })
    );
    let kinesis = &mappings["audit-kinesis-clicks"];
    assert_eq!(kinesis["bisect_batch_on_function_error"], true);
    assert_eq!(kinesis["maximum_retry_attempts"], 3);
    assert_eq!(kinesis["maximum_record_age_in_seconds"], 3600);
    assert_eq!(kinesis["parallelization_factor"], 2);
    assert_eq!(
        kinesis["destination_config"],
        json!({ "on_failure": { "destination_arn": "${aws_sqs_queue.failed_clicks.arn}" } })
    );
    assert_eq!(mappings["audit-dynamodb-orders"]["tumbling_window_in_seconds"], 60);
    let policies = resources["aws_iam_role_policy"].to_string();
    assert!(policies.contains("events:PutEvents"), "on_success: a bus is granted: {policies}");
    assert!(policies.contains("sqs:SendMessage"), "a stream's on_failure queue is granted: {policies}");

    if support::shared_tool("tf-validate", &dir).is_none() {
        return;
    }
    let what = "EventBridge rules and event source mappings in the emulator";
    let Some(report) = support::emulator_driver(what, "apply_side_by_side.py", &[dir.as_os_str()]) else { return };
    let applied = &report["shop"];
    assert_eq!(applied["plan_exit_code"], 0, "{applied:#}");
    assert_eq!(applied["buses"], json!(["shop-orders_bus"]), "{applied:#}");
    let on_bus = &applied["event_rules"]["shop-audit-event"];
    assert_eq!(on_bus["bus"], "shop-orders_bus", "{applied:#}");
    assert_eq!(on_bus["pattern"], pattern);
    assert!(on_bus["targets"][0].as_str().unwrap().ends_with(":function:shop-audit"), "{on_bus}");
    assert_eq!(applied["event_rules"]["shop-audit-event-2"]["bus"], "default");
    let daily = &applied["schedules"]["shop-audit-schedule"];
    assert_eq!(daily["timezone"], "Europe/Paris", "{applied:#}");
    assert_eq!(daily["input"], json!({ "report": "daily" }), "{daily}");
    assert!(daily["target"].as_str().unwrap().ends_with(":function:shop-audit"), "{daily}");
    assert!(daily["role"].as_str().unwrap().ends_with(":role/shop-audit-scheduler"), "{daily}");
    assert_eq!(applied["schedules"]["shop-audit-schedule-2"]["expression"], "at(2027-01-01T00:00:00)");
    let mappings = applied["mappings"].as_object().unwrap();
    let by_source = |suffix: &str| {
        mappings.iter().find(|(arn, _)| arn.contains(suffix)).map(|(_, m)| m.clone()).unwrap_or_else(|| {
            panic!("no mapping of {suffix} in {applied:#}");
        })
    };
    let sqs = by_source(":shop-jobs");
    assert_eq!(sqs["filters"], json!([{ "body": { "kind": ["order"] } }]), "{sqs}");
    assert_eq!(sqs["max_concurrency"], 5, "{sqs}");
    let kinesis = by_source("stream/shop-clicks");
    assert_eq!(kinesis["bisect"], true, "{kinesis}");
    assert_eq!(kinesis["max_retries"], 3, "{kinesis}");
    assert!(kinesis["on_failure"].as_str().unwrap().ends_with(":shop-failed_clicks"), "{kinesis}");
    let notify = &applied["functions"]["shop-notify"]["invoke_config"];
    assert!(notify["on_success"].as_str().unwrap().ends_with(":event-bus/shop-orders_bus"), "{notify}");
}

lambda_stack! {
    stack logged {
        region: "us-east-1",

        /// Writes JSON logs, at `info` and above, into a group of the stack's.
        function api {
            runtime: python3.12,
            handler: "lambda_handler.handler",
            code: "../examples/hello/functions/hello",
            logs: { format: json, level: info, system_level: warn, group: "/shop/api" },
        }
    }
}

/// `logs:` is Lambda's `logging_config`, into the log group the stack creates. The emulator's
/// Lambda does not keep a logging config (it reports none, and a plan after the apply would put
/// it back), so the real Terraform CLI validates it and `aws-sandbox` applies the stack.
#[test]
fn a_logging_config_is_written_validated_and_applied() {
    let out = tempfile::tempdir().unwrap();
    lambda_stack::App::new().stack(logged()).synth(out.path()).unwrap();
    let dir = out.path().join("stacks/logged");
    let doc: Value = serde_json::from_slice(&std::fs::read(dir.join("cdk.tf.json")).unwrap()).unwrap();
    let resources = &doc["resource"];
    assert_eq!(resources["aws_cloudwatch_log_group"]["api"]["name"], "/shop/api");
    assert_eq!(
        resources["aws_lambda_function"]["api"]["logging_config"],
        json!({ "log_format": "JSON", "application_log_level": "INFO", "system_log_level": "WARN",
                "log_group": "${aws_cloudwatch_log_group.api.name}" })
    );
    if support::shared_tool("tf-validate", &dir).is_none() {
        return;
    }
    support::shared_tool("aws-sandbox", &dir);
}
