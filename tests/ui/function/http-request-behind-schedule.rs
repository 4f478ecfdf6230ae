// A schedule sends an EventBridge event, not an HTTP request.
use lambda_stack::events::apigw::{ApiGatewayV2httpRequest, ApiGatewayV2httpResponse};
use lambda_stack::prelude::*;

#[function]
async fn nightly(event: LambdaEvent<ApiGatewayV2httpRequest>) -> Result<ApiGatewayV2httpResponse, Error> {
    let _ = event;
    Ok(ApiGatewayV2httpResponse::default())
}

lambda_stack! {
    stack shop {
        function nightly { triggers: [schedule("rate(1 day)")] }
    }
}

fn main() {
    let _ = shop();
}
