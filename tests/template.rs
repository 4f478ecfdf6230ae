//! `lambda_stack::testing::Template` on the examples: what a stack declares, asserted without
//! writing or zipping anything (and without building the Rust functions' binary).

use lambda_stack::testing::Template;
use lambda_stack::{Function, Stack};
use serde_json::json;

#[path = "../examples/hello/main.rs"]
#[allow(dead_code)]
mod hello;

#[path = "../examples/pipeline/main.rs"]
#[allow(dead_code)]
mod pipeline;

#[path = "../examples/orders/main.rs"]
#[allow(dead_code)]
mod orders;

#[test]
fn the_course_stack_declares_its_function_route_and_role() {
    let template = Template::synth(&hello::hello()).unwrap();
    assert_eq!(template.resource_count("aws_lambda_function"), 1);
    assert!(template.has_resource(
        "aws_lambda_function",
        json!({
            "function_name": "hello-hello",
            "runtime": "python3.12",
            "handler": "lambda_handler.handler",
            "memory_size": 256,
            "timeout": 10,
            "environment": { "variables": { "GREETING": "bonjour" } },
        })
    ));
    assert!(template.has_resource("aws_apigatewayv2_route", json!({ "route_key": "GET /hello" })));
    assert_eq!(template.find_resources("aws_iam_role", &json!({ "name": "hello-hello_role" })), ["hello_role"]);
    assert!(template.outputs().contains_key("api_url"));
    assert!(!template.has_resource("aws_lambda_function", json!({ "runtime": "python3.11" })));
}

#[test]
fn the_pipeline_wires_every_trigger() {
    let template = Template::synth(&pipeline::pipeline()).unwrap();
    assert!(template.resource_count("aws_lambda_function") >= 5);
    assert!(template.has_resource(
        "aws_lambda_event_source_mapping",
        json!({ "batch_size": 50, "starting_position": "TRIM_HORIZON" })
    ));
    assert!(template.resource_count("aws_s3_bucket_notification") >= 1);
    assert!(template.resource_count("aws_cloudwatch_event_rule") >= 1);
}

#[test]
fn rust_functions_are_described_without_building_them() {
    let started = std::time::Instant::now();
    let template = Template::synth(&orders::orders()).unwrap();
    assert!(template
        .has_resource("aws_lambda_function", json!({ "runtime": "provided.al2023", "architectures": ["arm64"] })));
    assert!(started.elapsed() < std::time::Duration::from_secs(10), "no cargo build ran: {:?}", started.elapsed());
}

#[test]
fn the_code_hash_follows_the_files() {
    let code = tempfile::tempdir().unwrap();
    std::fs::write(code.path().join("app.py"), "def handler(event, context):\n    return 1\n").unwrap();
    let stack = || {
        Stack::new("t")
            .region("eu-west-3")
            .function(Function::new("f").runtime("python3.12").handler("app.handler").code(code.path()))
    };
    let hash = |template: &Template| template.resource("aws_lambda_function", "f").unwrap()["source_code_hash"].clone();
    let before = Template::synth(&stack()).unwrap();
    assert_eq!(hash(&before), hash(&Template::synth(&stack()).unwrap()), "the same files give the same hash");
    std::fs::write(code.path().join("app.py"), "def handler(event, context):\n    return 2\n").unwrap();
    assert_ne!(hash(&before), hash(&Template::synth(&stack()).unwrap()));
}

#[test]
fn a_stack_that_breaks_a_rule_is_an_error() {
    let stack = Stack::new("t")
        .region("eu-west-3")
        .function(Function::new("f").runtime("python3.12").handler("app.handler").memory(64));
    let error = Template::synth(&stack).unwrap_err().to_string();
    assert!(error.contains("memory must be between 128 and 10240 MB, found 64"), "{error}");
}
