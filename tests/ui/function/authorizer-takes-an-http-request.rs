// A Rust Lambda authorizer that takes the route's request instead of the authorizer's event.
use lambda_stack::events::apigw::{ApiGatewayV2httpRequest, ApiGatewayV2httpResponse};
use lambda_stack::prelude::*;

#[function]
async fn gate(event: LambdaEvent<ApiGatewayV2httpRequest>) -> Result<ApiGatewayV2httpResponse, Error> {
    let _ = event;
    Ok(ApiGatewayV2httpResponse::default())
}

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        function items {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
            triggers: [http(GET "/items", auth: lambda(gate))],
        }
        function gate {}
    }
}

fn main() {
    let _ = shop();
}
