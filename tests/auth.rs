//! Who may call the HTTP API's routes: `auth:` on the `api` (every route's default) and on a
//! route (`none`, `iam`, `jwt(..)`, `lambda(FUNCTION)`), and the API's custom `domain`; validated
//! by the real Terraform CLI and applied into the shared tools' AWS emulator, whose API Gateway
//! reports each route's authorization as stored.

use lambda_stack::prelude::*;
use serde_json::{json, Value};

mod support;

lambda_stack! {
    stack guarded {
        region: "us-east-1",

        api {
            auth: jwt(issuer: "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_AbC", audience: ["app-client"], scopes: ["orders/read"]),
        }

        function orders {
            runtime: python3.12,
            handler: "lambda_handler.handler",
            code: "../examples/hello/functions/hello",
            triggers: [
                http(GET "/orders"),
                http(POST "/admin", auth: iam),
                http(GET "/health", auth: none),
                http(GET "/partners/{id}", auth: lambda(gate, identity: ["$request.header.X-Partner-Key"], cache: 60)),
            ],
        }

        /// Decides whether a partner's key may pass.
        function gate {
            runtime: python3.12,
            handler: "lambda_handler.handler",
            code: "../examples/hello/functions/hello",
        }
    }
}

// The emulator's API Gateway never reports a custom domain AVAILABLE, so the domain has a stack
// of its own: Terraform validates it, the emulator applies the other.
lambda_stack! {
    stack named {
        region: "us-east-1",
        api {
            domain: { name: "api.shop.example.com", certificate: "arn:aws:acm:us-east-1:123456789012:certificate/abc" },
        }
        function items {
            runtime: python3.12,
            handler: "lambda_handler.handler",
            code: "../examples/hello/functions/hello",
            triggers: [http(GET "/items", auth: iam)],
        }
    }
}

fn synth(out: &std::path::Path) -> (std::path::PathBuf, Value) {
    synth_stack(guarded(), out)
}

fn synth_stack(stack: lambda_stack::Stack, out: &std::path::Path) -> (std::path::PathBuf, Value) {
    let name = stack.name().to_owned();
    lambda_stack::App::new().stack(stack).synth(out).unwrap();
    let dir = out.join("stacks").join(name);
    let doc = serde_json::from_slice(&std::fs::read(dir.join("cdk.tf.json")).unwrap()).unwrap();
    (dir, doc)
}

#[test]
fn routes_take_the_api_default_or_their_own_auth() {
    let out = tempfile::tempdir().unwrap();
    let (_, doc) = synth(out.path());
    let routes = &doc["resource"]["aws_apigatewayv2_route"];
    let auth = |route: &str| (routes[route]["authorization_type"].clone(), routes[route]["authorizer_id"].clone());
    assert_eq!(auth("orders-get-orders"), (json!("JWT"), json!("${aws_apigatewayv2_authorizer.http-api-jwt.id}")));
    assert_eq!(routes["orders-get-orders"]["authorization_scopes"], json!(["orders/read"]));
    assert_eq!(auth("orders-post-admin"), (json!("AWS_IAM"), Value::Null));
    assert_eq!(auth("orders-get-health"), (json!("NONE"), Value::Null));
    assert_eq!(
        auth("orders-get-partners-id"),
        (json!("CUSTOM"), json!("${aws_apigatewayv2_authorizer.http-api-lambda-gate.id}"))
    );

    let authorizers = &doc["resource"]["aws_apigatewayv2_authorizer"];
    assert_eq!(authorizers.as_object().unwrap().len(), 2, "{authorizers:#}");
    let jwt = &authorizers["http-api-jwt"];
    assert_eq!(jwt["authorizer_type"], "JWT");
    assert_eq!(jwt["identity_sources"], json!(["$request.header.Authorization"]));
    assert_eq!(
        jwt["jwt_configuration"],
        json!({ "issuer": "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_AbC", "audience": ["app-client"] })
    );
    let lambda = &authorizers["http-api-lambda-gate"];
    assert_eq!(lambda["authorizer_type"], "REQUEST");
    assert_eq!(lambda["authorizer_uri"], "${aws_lambda_function.gate.invoke_arn}");
    assert_eq!(lambda["identity_sources"], json!(["$request.header.X-Partner-Key"]));
    assert_eq!(lambda["authorizer_result_ttl_in_seconds"], 60);
    assert_eq!(lambda["authorizer_payload_format_version"], "2.0");
    assert_eq!(lambda["enable_simple_responses"], true);

    // The API may call the authorizer, from that authorizer only.
    let permission = &doc["resource"]["aws_lambda_permission"]["http-api-lambda-gate"];
    assert_eq!(permission["function_name"], "${aws_lambda_function.gate.function_name}");
    assert_eq!(
        permission["source_arn"],
        "${aws_apigatewayv2_api.http-api.execution_arn}/authorizers/${aws_apigatewayv2_authorizer.http-api-lambda-gate.id}"
    );
}

#[test]
fn a_custom_domain_maps_the_default_stage_and_names_its_dns_target() {
    let out = tempfile::tempdir().unwrap();
    let (dir, doc) = synth_stack(named(), out.path());
    let domain = &doc["resource"]["aws_apigatewayv2_domain_name"]["http-api"];
    assert_eq!(domain["domain_name"], "api.shop.example.com");
    assert_eq!(
        domain["domain_name_configuration"],
        json!({
            "certificate_arn": "arn:aws:acm:us-east-1:123456789012:certificate/abc",
            "endpoint_type": "REGIONAL",
            "security_policy": "TLS_1_2",
        })
    );
    let mapping = &doc["resource"]["aws_apigatewayv2_api_mapping"]["http-api"];
    assert_eq!(mapping["domain_name"], "${aws_apigatewayv2_domain_name.http-api.id}");
    assert_eq!(mapping["stage"], "${aws_apigatewayv2_stage.http-api.id}");
    assert_eq!(
        doc["output"]["api_domain_target"]["value"],
        "${aws_apigatewayv2_domain_name.http-api.domain_name_configuration[0].target_domain_name}"
    );
    if let Some(report) = support::shared_tool("tf-validate", &dir) {
        assert!(report.contains("valid"), "{report}");
    }
}

#[test]
fn the_builders_check_auth_as_the_macro_does() {
    use lambda_stack::{Auth, Function, Queue, Stack, Trigger};
    let stack = Stack::new("guarded").queue(Queue::new("jobs")).function(
        Function::new("orders")
            .runtime("python3.12")
            .handler("lambda_handler.handler")
            .code("../examples/hello/functions/hello")
            .trigger(Trigger::http("GET", "/a").auth(Auth::lambda("jobs")))
            .trigger(Trigger::http("GET", "/b").auth(Auth::jwt("http://issuer.example.com", ["app"])))
            .trigger(Trigger::http("GET", "/c").auth(Auth::iam().cache(5))),
    );
    let messages: Vec<String> = stack.check().problems.into_iter().map(|p| p.message).collect();
    assert!(messages.iter().any(|m| m.contains("`lambda(jobs)` names a queue")), "{messages:#?}");
    assert!(messages.iter().any(|m| m.contains("must be an `https://` URL")), "{messages:#?}");
    assert!(messages.iter().any(|m| m.contains("`iam` takes no arguments")), "{messages:#?}");
}

#[test]
fn routes_with_authorizers_validate_and_apply() {
    let out = tempfile::tempdir().unwrap();
    let (dir, _) = synth(out.path());
    if support::shared_tool("tf-validate", &dir).is_none() {
        return;
    }
    let what = "routes with authorizers in the emulator";
    let Some(report) = support::emulator_driver(what, "apply_side_by_side.py", &[dir.as_os_str()]) else { return };
    let applied = &report["guarded"];
    assert_eq!(applied["plan_exit_code"], 0, "{applied:#}");
    let api = &applied["http_apis"]["guarded"];
    let routes = &api["routes"];
    assert_eq!(routes["GET /orders"]["authorization_type"], "JWT", "{api:#}");
    assert_eq!(routes["GET /orders"]["authorizer"], "guarded-jwt");
    assert_eq!(routes["GET /orders"]["scopes"], json!(["orders/read"]));
    assert_eq!(routes["POST /admin"]["authorization_type"], "AWS_IAM");
    assert_eq!(routes["GET /health"]["authorization_type"], "NONE");
    assert_eq!(routes["GET /partners/{id}"]["authorization_type"], "CUSTOM");
    assert_eq!(routes["GET /partners/{id}"]["authorizer"], "guarded-lambda-gate");
    let lambda = api["authorizers"].as_array().unwrap().iter().find(|a| a["name"] == "guarded-lambda-gate").unwrap();
    assert_eq!((&lambda["type"], &lambda["ttl"]), (&json!("REQUEST"), &json!(60)), "{api:#}");
    assert_eq!(lambda["identity"], json!(["$request.header.X-Partner-Key"]));
    let gate = &applied["functions"]["guarded-gate"]["policy"]["statements"];
    assert_eq!(gate, &json!(["http-authorizer-lambda-gate"]), "{applied:#}");
}

/// A function with 80 routes: one permission each would pass Lambda's 20 KB resource policy, so
/// they share one scoped to the API; Lambda, in the emulator, holds exactly that one.
#[test]
fn many_routes_share_one_permission_within_the_20_kb_policy() {
    use lambda_stack::{Function, Stack, Trigger};
    let mut api = Function::new("catalog")
        .runtime("python3.12")
        .handler("lambda_handler.handler")
        .code(concat!(env!("CARGO_MANIFEST_DIR"), "/examples/hello/functions/hello"));
    for i in 0..80 {
        api = api.trigger(Trigger::http("GET", format!("/catalog/section-{i}/{{item}}")));
    }
    let few = Function::new("few")
        .runtime("python3.12")
        .handler("lambda_handler.handler")
        .code(concat!(env!("CARGO_MANIFEST_DIR"), "/examples/hello/functions/hello"))
        .trigger(Trigger::http("GET", "/few"));
    let stack = Stack::new("wide").region("us-east-1").function(api).function(few);
    let out = tempfile::tempdir().unwrap();
    let (dir, doc) = synth_stack(stack, out.path());
    let permissions = doc["resource"]["aws_lambda_permission"].as_object().unwrap();
    let of = |function: &str| {
        permissions
            .iter()
            .filter(|(_, p)| p["function_name"] == format!("${{aws_lambda_function.{function}.function_name}}"))
            .count()
    };
    assert_eq!(of("catalog"), 1, "{permissions:#?}");
    assert_eq!(permissions["catalog-http-api"]["source_arn"], "${aws_apigatewayv2_api.http-api.execution_arn}/*/*");
    assert_eq!(of("few"), 1);
    assert_eq!(permissions["few-get-few"]["source_arn"], "${aws_apigatewayv2_api.http-api.execution_arn}/*/GET/few");
    assert_eq!(doc["resource"]["aws_apigatewayv2_route"].as_object().unwrap().len(), 81);

    if support::shared_tool("tf-validate", &dir).is_none() {
        return;
    }
    let what = "a function with 80 routes in the emulator";
    let Some(report) = support::emulator_driver(what, "apply_side_by_side.py", &[dir.as_os_str()]) else { return };
    let applied = &report["wide"];
    assert_eq!(applied["functions"]["wide-catalog"]["policy"]["statements"], json!(["http-api"]), "{applied:#}");
    assert_eq!(applied["http_apis"]["wide"]["routes"].as_object().unwrap().len(), 81);
}
