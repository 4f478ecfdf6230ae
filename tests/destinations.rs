//! Asynchronous invocations: `on_success` and `on_failure` (Lambda destinations: a queue, a topic
//! or another function, with the grant to send there), `retries` and `max_event_age`; validated by
//! the real Terraform CLI and applied into the emulator, whose Lambda reports the config it stores.

use lambda_stack::prelude::*;
use serde_json::{json, Value};

mod support;

lambda_stack! {
    stack jobs {
        region: "us-east-1",

        topic done {}
        queue failed {}

        /// Runs a job sent to it asynchronously.
        function worker {
            runtime: python3.12,
            handler: "lambda_handler.handler",
            code: "../examples/hello/functions/hello",
            on_success: done,
            on_failure: failed,
            retries: 1,
            max_event_age: 3600,
        }

        /// Hands what the auditor could not do to another function.
        function notify {
            runtime: python3.12,
            handler: "lambda_handler.handler",
            code: "../examples/hello/functions/hello",
            on_failure: auditor,
            retries: 0,
        }

        function auditor {
            runtime: python3.12,
            handler: "lambda_handler.handler",
            code: "../examples/hello/functions/hello",
        }
    }
}

#[test]
fn destinations_retries_and_event_age_are_written_granted_and_applied() {
    let out = tempfile::tempdir().unwrap();
    lambda_stack::App::new().stack(jobs()).synth(out.path()).unwrap();
    let dir = out.path().join("stacks/jobs");
    let doc: Value = serde_json::from_slice(&std::fs::read(dir.join("cdk.tf.json")).unwrap()).unwrap();
    let configs = &doc["resource"]["aws_lambda_function_event_invoke_config"];
    assert_eq!(
        configs["worker"],
        json!({
            "//": configs["worker"]["//"],
            "function_name": "${aws_lambda_function.worker.function_name}",
            "maximum_retry_attempts": 1,
            "maximum_event_age_in_seconds": 3600,
            "destination_config": {
                "on_success": [{ "destination": "${aws_sns_topic.done.arn}" }],
                "on_failure": [{ "destination": "${aws_sqs_queue.failed.arn}" }],
            },
        })
    );
    assert_eq!(
        configs["notify"]["destination_config"]["on_failure"][0]["destination"],
        "${aws_lambda_function.auditor.arn}"
    );
    assert!(configs.get("auditor").is_none(), "Lambda's defaults are not written");
    let policies = doc["resource"]["aws_iam_role_policy"].to_string();
    for grant in ["sns:Publish", "sqs:SendMessage", "lambda:InvokeFunction"] {
        assert!(policies.contains(grant), "{grant} in {policies}");
    }

    if support::shared_tool("tf-validate", &dir).is_none() {
        return;
    }
    let what = "asynchronous invocation configs in the emulator";
    let Some(report) = support::emulator_driver(what, "apply_side_by_side.py", &[dir.as_os_str()]) else { return };
    let applied = &report["jobs"];
    assert_eq!(applied["plan_exit_code"], 0, "{applied:#}");
    let worker = &applied["functions"]["jobs-worker"]["invoke_config"];
    assert_eq!(worker["retries"], 1, "{applied:#}");
    assert_eq!(worker["max_event_age"], 3600);
    assert!(worker["on_success"].as_str().unwrap().ends_with(":jobs-done"), "{worker}");
    assert!(worker["on_failure"].as_str().unwrap().ends_with(":jobs-failed"), "{worker}");
    let notify = &applied["functions"]["jobs-notify"]["invoke_config"];
    assert!(notify["on_failure"].as_str().unwrap().ends_with(":function:jobs-auditor"), "{notify}");
    assert_eq!(applied["functions"]["jobs-auditor"]["invoke_config"], Value::Null);
}

#[test]
fn the_builders_check_destinations_as_the_macro_does() {
    use lambda_stack::{Bucket, Function, Queue, Stack};
    let python = |name: &str| {
        Function::new(name)
            .runtime("python3.12")
            .handler("lambda_handler.handler")
            .code(concat!(env!("CARGO_MANIFEST_DIR"), "/examples/hello/functions/hello"))
    };
    let stack = Stack::new("jobs")
        .bucket(Bucket::new("reports"))
        .queue(Queue::new("dead"))
        .queue(Queue::new("failed"))
        .function(python("a").on_failure("reports").retries(3))
        .function(python("b").on_success("b").max_event_age(30))
        .function(python("c").dead_letter("dead").on_failure("failed"));
    let findings = stack.check();
    let messages: Vec<&str> = findings.problems.iter().map(|p| p.message.as_str()).collect();
    let warnings: Vec<&str> = findings.warnings.iter().map(|p| p.message.as_str()).collect();
    assert!(
        messages
            .iter()
            .any(|m| m.contains("`on_failure` takes a queue, a topic, a bus or a function, but `reports` is a bucket")),
        "{messages:#?}"
    );
    assert!(messages.iter().any(|m| m.contains("`retries` is 3")), "{messages:#?}");
    assert!(messages.iter().any(|m| m.contains("sends its own asynchronous results to itself")), "{messages:#?}");
    assert!(messages.iter().any(|m| m.contains("`max_event_age` is 30 s")), "{messages:#?}");
    assert!(
        warnings.iter().any(|m| m.contains("Lambda sends each failed asynchronous event to both")),
        "{warnings:#?}"
    );
    assert_eq!(messages.len(), 4, "{messages:#?}");
}
