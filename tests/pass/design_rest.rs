// DESIGN §8.2's REST API lines as written there: a `rest_api` block and a `rest(..)` route.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-1",
        rest_api { stage: "v1", api_key: true, cors: { origins: ["*"] } }   // API Gateway REST (v1)
        function legacy { runtime: python3.12, handler: "lambda_handler.handler", code: "functions/hello", triggers: [rest(GET "/items/{id}")] }
    }
}

fn main() {
    let stack = shop();
    assert_eq!(stack.check().problems, Vec::new());
    let template = lambda_stack::testing::Template::synth(&stack).expect("the stack synthesizes");
    let method = template.resource("aws_api_gateway_method", "legacy-get-items-id").expect("the route's method");
    assert_eq!(method["api_key_required"], true);
    assert_eq!(template.resource("aws_api_gateway_stage", "rest-api").unwrap()["stage_name"], "v1");
    assert!(template.outputs().contains_key("rest_api_key_id"));
}
