// DESIGN §2's Rust function as written there (the body filled in): no `region`, a `#[function]`
// bound by name, its event type sent by its trigger.
use lambda_stack::prelude::*;
use lambda_stack::events::apigw::{ApiGatewayV2httpRequest, ApiGatewayV2httpResponse};

#[function(memory = 128, timeout = 5)]
async fn get_order(event: LambdaEvent<ApiGatewayV2httpRequest>) -> Result<ApiGatewayV2httpResponse, Error> {
    let _ = event;
    Ok(ApiGatewayV2httpResponse::default())
}

lambda_stack! {
    stack orders {
        function get_order { triggers: [http(GET "/orders/{id}")] }
    }
}

fn main() {
    let stack = orders();
    assert_eq!(stack.check().problems, Vec::new());
    let function = &stack.functions()[0];
    assert!(function.is_rust());
    assert_eq!(function.runtime_id(), Some("provided.al2023"));
    assert_eq!(stack.region_name(), None);
}
