//! The stack's REST API (API Gateway v1): resources per path segment (a greedy `{proxy+}`
//! included), Lambda proxy integrations, invoke permissions scoped to each method, CORS
//! preflights, authorizers, an API key with its usage plan, and a deployment replaced when the
//! routes change; validated by the real Terraform CLI and applied into the shared tools' AWS
//! emulator.

use lambda_stack::prelude::*;
use lambda_stack::testing::Template;
use lambda_stack::{Auth, Function, RestApi, Stack, Trigger};
use serde_json::{json, Value};

mod support;

lambda_stack! {
    stack shop {
        region: "us-east-1",

        rest_api { stage: "v1", api_key: true, cors: { origins: ["*"] }, throttle: { rate: 50, burst: 100 } }

        function legacy {
            runtime: python3.12,
            handler: "lambda_handler.handler",
            code: "../examples/hello/functions/hello",
            triggers: [rest(GET "/items/{id}"), rest(POST "/items", auth: iam)],
        }

        function files {
            runtime: python3.12,
            handler: "lambda_handler.handler",
            code: "../examples/hello/functions/hello",
            triggers: [rest(ANY "/files/{proxy+}", auth: lambda(gate))],
        }

        /// Decides who may reach `/files`.
        function gate {
            runtime: python3.12,
            handler: "lambda_handler.handler",
            code: "../examples/hello/functions/hello",
        }
    }
}

fn resources(doc: &Value, kind: &str) -> serde_json::Map<String, Value> {
    doc["resource"][kind].as_object().cloned().unwrap_or_default()
}

#[test]
fn a_rest_api_with_a_key_cors_and_an_authorizer_validates_and_applies() {
    let out = tempfile::tempdir().unwrap();
    lambda_stack::App::new().stack(shop()).synth(out.path()).unwrap();
    let dir = out.path().join("stacks/shop");
    let doc: Value = serde_json::from_slice(&std::fs::read(dir.join("cdk.tf.json")).unwrap()).unwrap();

    // One resource per path segment, each under its parent; `/` is the API's root.
    let parts: Vec<(String, String)> = resources(&doc, "aws_api_gateway_resource")
        .values()
        .map(|r| (r["path_part"].as_str().unwrap().to_owned(), r["parent_id"].as_str().unwrap().to_owned()))
        .collect();
    let root = "${aws_api_gateway_rest_api.rest-api.root_resource_id}";
    assert!(parts.contains(&("items".into(), root.into())), "{parts:?}");
    assert!(parts.contains(&("files".into(), root.into())), "{parts:?}");
    assert!(parts.contains(&("{id}".into(), "${aws_api_gateway_resource.rest-items.id}".into())), "{parts:?}");
    assert!(parts.contains(&("{proxy+}".into(), "${aws_api_gateway_resource.rest-files.id}".into())), "{parts:?}");
    assert_eq!(parts.len(), 4);

    // Methods: the key on every route, the route's auth, and OPTIONS for CORS on each path.
    let methods = resources(&doc, "aws_api_gateway_method");
    let get = &methods["legacy-get-items-id"];
    assert_eq!(get["http_method"], "GET");
    assert_eq!(get["authorization"], "NONE");
    assert_eq!(get["api_key_required"], true);
    assert_eq!(methods["legacy-post-items"]["authorization"], "AWS_IAM");
    let any = &methods["files-any-files-proxy"];
    assert_eq!(any["authorization"], "CUSTOM");
    assert_eq!(any["authorizer_id"], "${aws_api_gateway_authorizer.rest-api-lambda-gate.id}");
    let options: Vec<&Value> = methods.values().filter(|m| m["http_method"] == "OPTIONS").collect();
    assert_eq!(options.len(), 3, "one preflight per routed path");
    assert!(options.iter().all(|m| m["authorization"] == "NONE" && m["api_key_required"] == false));

    // Lambda proxy integrations; mocks answering the preflights with the CORS headers.
    let integrations = resources(&doc, "aws_api_gateway_integration");
    let proxy = &integrations["legacy-get-items-id"];
    assert_eq!(proxy["type"], "AWS_PROXY");
    assert_eq!(proxy["integration_http_method"], "POST");
    assert_eq!(proxy["uri"], "${aws_lambda_function.legacy.invoke_arn}");
    assert_eq!(integrations.values().filter(|i| i["type"] == "MOCK").count(), 3);
    let answer = &resources(&doc, "aws_api_gateway_integration_response")["rest-options-items-id"];
    assert_eq!(answer["response_parameters"]["method.response.header.Access-Control-Allow-Origin"], "'*'");
    assert_eq!(answer["response_parameters"]["method.response.header.Access-Control-Allow-Methods"], "'GET,OPTIONS'");

    // The invoke permission is scoped to the method and path.
    let permissions = resources(&doc, "aws_lambda_permission");
    assert_eq!(
        permissions["legacy-rest-get-items-id"]["source_arn"],
        "${aws_api_gateway_rest_api.rest-api.execution_arn}/*/GET/items/*"
    );
    assert_eq!(
        permissions["files-rest-any-files-proxy"]["source_arn"],
        "${aws_api_gateway_rest_api.rest-api.execution_arn}/*/*/files/*"
    );
    let authorizer = &resources(&doc, "aws_api_gateway_authorizer")["rest-api-lambda-gate"];
    assert_eq!(authorizer["type"], "REQUEST");
    assert_eq!(authorizer["identity_source"], "method.request.header.Authorization");
    assert_eq!(
        permissions["rest-api-lambda-gate"]["source_arn"],
        "${aws_api_gateway_rest_api.rest-api.execution_arn}/authorizers/${aws_api_gateway_authorizer.rest-api-lambda-gate.id}"
    );

    // The stage: access logs (with the account's logging role), X-Ray, throttled methods.
    let stage = &doc["resource"]["aws_api_gateway_stage"]["rest-api"];
    assert_eq!(stage["stage_name"], "v1");
    assert_eq!(stage["xray_tracing_enabled"], true);
    assert_eq!(
        stage["access_log_settings"][0]["destination_arn"],
        "${aws_cloudwatch_log_group.rest-api-access-logs.arn}"
    );
    assert_eq!(stage["depends_on"], json!(["aws_api_gateway_account.rest-api"]));
    let settings = &doc["resource"]["aws_api_gateway_method_settings"]["rest-api"]["settings"];
    assert_eq!(settings["throttling_rate_limit"], 50);
    let deployment = &doc["resource"]["aws_api_gateway_deployment"]["rest-api"];
    assert_eq!(deployment["lifecycle"]["create_before_destroy"], true);
    assert!(deployment["depends_on"]
        .as_array()
        .unwrap()
        .contains(&json!("aws_api_gateway_method.legacy-get-items-id")));

    // The key, its usage plan on the stage, and its id as an output.
    let plan = &doc["resource"]["aws_api_gateway_usage_plan"]["rest-api"];
    assert_eq!(plan["api_stages"][0]["stage"], "${aws_api_gateway_stage.rest-api.stage_name}");
    let key = &doc["resource"]["aws_api_gateway_usage_plan_key"]["rest-api"];
    assert_eq!(key["key_id"], "${aws_api_gateway_api_key.rest-api.id}");
    assert_eq!(doc["output"]["rest_api_key_id"]["value"], "${aws_api_gateway_api_key.rest-api.id}");
    assert_eq!(doc["output"]["rest_api_url"]["value"], "${aws_api_gateway_stage.rest-api.invoke_url}");

    if support::shared_tool("tf-validate", &dir).is_none() {
        return;
    }
    let Some(report) = support::shared_tool("aws-sandbox", &dir) else { return };
    assert!(report.contains("destroyed cleanly"), "{report}");
}

fn routed(routes: &[(&str, &str)], auth: Option<Auth>) -> Stack {
    let code = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/hello/functions/hello");
    let mut function = Function::new("items").runtime("python3.12").handler("lambda_handler.handler").code(code);
    for (method, path) in routes {
        let route = Trigger::rest(*method, *path);
        function = function.trigger(match &auth {
            Some(auth) => route.auth(auth.clone()),
            None => route,
        });
    }
    Stack::new("catalog").region("eu-west-1").function(function)
}

fn redeployment(stack: &Stack) -> Value {
    let template = Template::synth(stack).unwrap();
    template.resource("aws_api_gateway_deployment", "rest-api").unwrap()["triggers"]["redeployment"].clone()
}

#[test]
fn the_deployment_is_replaced_exactly_when_the_routes_change() {
    let first = redeployment(&routed(&[("GET", "/items/{id}")], None));
    assert_eq!(first, redeployment(&routed(&[("GET", "/items/{id}")], None)), "the same routes hash alike");
    assert_ne!(first, redeployment(&routed(&[("GET", "/items/{id}"), ("DELETE", "/items/{id}")], None)));
    assert_ne!(first, redeployment(&routed(&[("PUT", "/items/{id}")], None)));
    // An in-place change of a method (its authorization) must be deployed too.
    assert_ne!(first, redeployment(&routed(&[("GET", "/items/{id}")], Some(Auth::iam()))));
}

#[test]
fn one_function_on_both_apis_gets_a_permission_from_each() {
    let stack = routed(&[("GET", "/items/{id}")], None);
    let code = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/hello/functions/hello");
    let both = stack.function(
        Function::new("both")
            .runtime("python3.12")
            .handler("lambda_handler.handler")
            .code(code)
            .trigger(Trigger::http("GET", "/items"))
            .trigger(Trigger::rest("GET", "/items")),
    );
    let template = Template::synth(&both).unwrap();
    let permissions = template.resources("aws_lambda_permission");
    assert_eq!(permissions["both-get-items"]["statement_id"], "http-get-items");
    assert_eq!(permissions["both-rest-get-items"]["statement_id"], "rest-get-items");
}

#[test]
fn a_stack_without_rest_routes_has_no_rest_api() {
    let stack = Stack::new("plain").region("eu-west-1").function(
        Function::new("items")
            .runtime("python3.12")
            .handler("lambda_handler.handler")
            .code(concat!(env!("CARGO_MANIFEST_DIR"), "/examples/hello/functions/hello"))
            .trigger(Trigger::http("GET", "/items")),
    );
    let template = Template::synth(&stack).unwrap();
    assert!(template.resources("aws_api_gateway_rest_api").is_empty());
    assert!(template.resources("aws_api_gateway_account").is_empty());
    assert!(!template.outputs().contains_key("rest_api_url"));
}

#[test]
fn a_cognito_authorizer_guards_the_routes_by_default() {
    let pool = "arn:aws:cognito-idp:eu-west-1:123456789012:userpool/eu-west-1_AbC";
    let stack =
        routed(&[("GET", "/me")], None).rest_api(RestApi::new().auth(Auth::cognito([pool]).scopes(["profile"])));
    let template = Template::synth(&stack).unwrap();
    let authorizer = template.resource("aws_api_gateway_authorizer", "rest-api-cognito").unwrap();
    assert_eq!(authorizer["type"], "COGNITO_USER_POOLS");
    assert_eq!(authorizer["provider_arns"], json!([pool]));
    let method = template.resource("aws_api_gateway_method", "items-get-me").unwrap();
    assert_eq!(method["authorization"], "COGNITO_USER_POOLS");
    assert_eq!(method["authorization_scopes"], json!(["profile"]));
    assert_eq!(method["api_key_required"], false);
    assert!(template.resources("aws_api_gateway_api_key").is_empty());
}

/// A Rust function behind `rest(..)` reads API Gateway's v1 proxy event: the build checks the
/// event type against the trigger (`sent_by::rest`), as it does for `http(..)`'s v2 event.
#[cfg(feature = "rust")]
mod rust_function {
    use lambda_stack::events::apigw::{ApiGatewayProxyRequest, ApiGatewayProxyResponse};
    use lambda_stack::prelude::*;

    #[function(memory = 128, timeout = 5)]
    async fn get_item(event: LambdaEvent<ApiGatewayProxyRequest>) -> Result<ApiGatewayProxyResponse, Error> {
        let id = event.payload.path_parameters.get("id").cloned().unwrap_or_default();
        let mut response = ApiGatewayProxyResponse::default();
        response.status_code = if id.is_empty() { 404 } else { 200 };
        Ok(response)
    }

    lambda_stack! {
        stack items {
            region: "eu-west-1",
            function get_item { triggers: [rest(GET "/items/{id}")] }
        }
    }

    #[test]
    fn a_rust_function_reads_the_rest_apis_proxy_event() {
        let stack = items();
        assert_eq!(stack.check().problems, Vec::new());
        let template = lambda_stack::testing::Template::synth(&stack).unwrap();
        let integration = template.resource("aws_api_gateway_integration", "get_item-get-items-id").unwrap();
        assert_eq!(integration["uri"], "${aws_lambda_function.get_item.invoke_arn}");
    }
}
