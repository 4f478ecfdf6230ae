//! Function URLs with CORS and response streaming, and the HTTP API's `api { cors, throttle }`,
//! validated by the real Terraform CLI and applied into the shared tools' AWS emulator.

use lambda_stack::prelude::*;
use serde_json::{json, Value};

mod support;

lambda_stack! {
    stack urls {
        region: "us-east-1",

        api {
            cors: { origins: ["https://shop.example.com"], methods: [GET, POST], headers: ["content-type"], max_age: 300 },
            throttle: { rate: 100, burst: 200 },
        }

        function items {
            runtime: python3.12,
            handler: "lambda_handler.handler",
            code: "../examples/hello/functions/hello",
            triggers: [http(GET "/items")],
        }

        /// Streams its answer to browsers of the shop.
        function feed {
            runtime: nodejs22.x,
            handler: "index.handler",
            code: "pass/functions/node_cjs",
            triggers: [url(
                auth: none,
                cors: {
                    origins: ["https://shop.example.com"],
                    methods: [GET, POST],
                    headers: ["content-type"],
                    expose: ["x-request-id"],
                    max_age: 300,
                    credentials: true,
                },
                stream: true,
            )],
        }
    }
}

#[test]
fn an_api_with_cors_and_throttling_and_a_streaming_url_validate_and_apply() {
    let out = tempfile::tempdir().unwrap();
    lambda_stack::App::new().stack(urls()).synth(out.path()).unwrap();
    let dir = out.path().join("stacks/urls");
    let doc: Value = serde_json::from_slice(&std::fs::read(dir.join("cdk.tf.json")).unwrap()).unwrap();
    let url = &doc["resource"]["aws_lambda_function_url"]["feed"];
    assert_eq!(url["invoke_mode"], "RESPONSE_STREAM");
    assert_eq!(
        url["cors"],
        json!({
            "allow_origins": ["https://shop.example.com"],
            "allow_methods": ["GET", "POST"],
            "allow_headers": ["content-type"],
            "expose_headers": ["x-request-id"],
            "max_age": 300,
            "allow_credentials": true,
        })
    );

    let api = &doc["resource"]["aws_apigatewayv2_api"]["http-api"];
    assert_eq!(
        api["cors_configuration"],
        json!({
            "allow_origins": ["https://shop.example.com"],
            "allow_methods": ["GET", "POST"],
            "allow_headers": ["content-type"],
            "max_age": 300,
        })
    );
    let stage = &doc["resource"]["aws_apigatewayv2_stage"]["http-api"];
    assert_eq!(stage["default_route_settings"], json!({ "throttling_rate_limit": 100, "throttling_burst_limit": 200 }));

    if support::shared_tool("tf-validate", &dir).is_none() {
        return;
    }
    let Some(report) = support::shared_tool("aws-sandbox", &dir) else { return };
    assert!(report.contains("destroyed cleanly"), "{report}");
}
