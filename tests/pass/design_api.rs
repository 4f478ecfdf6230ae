// DESIGN §8.2's HTTP API lines as written there (each `...` filled in): the `api` block with CORS,
// a JWT default, a custom domain and throttling; routes with their own `auth:`; a Lambda
// authorizer; a streaming URL.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-1",
        api {                                              // the stack's HTTP API (optional block)
            cors: { origins: ["https://shop.example.com"], methods: [GET, POST], headers: ["content-type"], max_age: 300 },
            auth: jwt(issuer: "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC", audience: ["app-client"]),
            domain: { name: "api.shop.example.com", certificate: "arn:aws:acm:eu-west-1:123456789012:certificate/abc" },
            throttle: { rate: 100, burst: 200 },
        }
        function admin { runtime: python3.12, handler: "lambda_handler.handler", code: "functions/hello", triggers: [http(POST "/admin", auth: iam), http(GET "/health", auth: none)] }
        function gate  { runtime: python3.12, handler: "lambda_handler.handler", code: "functions/hello", triggers: [] }               // a Lambda authorizer: auth: lambda(gate)
        function partners { runtime: python3.12, handler: "lambda_handler.handler", code: "functions/hello", triggers: [http(GET "/partners", auth: lambda(gate)), http(GET "/orders")] }
        function stream { runtime: nodejs22.x, handler: "index.handler", code: "functions/node_cjs", triggers: [url(auth: iam, cors: { origins: ["*"] }, stream: true)] }
    }
}

fn main() {
    let stack = shop();
    assert_eq!(stack.check().problems, Vec::new());
    let template = lambda_stack::testing::Template::synth(&stack).expect("the stack synthesizes");
    let route = |name: &str| template.resource("aws_apigatewayv2_route", name).expect("the route");
    assert_eq!(route("admin-post-admin")["authorization_type"], "AWS_IAM");
    assert_eq!(route("admin-get-health")["authorization_type"], "NONE");
    assert_eq!(route("partners-get-partners")["authorization_type"], "CUSTOM");
    assert_eq!(route("partners-get-orders")["authorization_type"], "JWT");
    assert!(template.resource("aws_apigatewayv2_authorizer", "http-api-jwt").is_some());
    assert!(template.resource("aws_apigatewayv2_domain_name", "http-api").is_some());
    assert_eq!(template.resource("aws_lambda_function_url", "stream").unwrap()["invoke_mode"], "RESPONSE_STREAM");
}
