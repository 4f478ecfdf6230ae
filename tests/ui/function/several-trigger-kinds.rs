// A function with triggers of several kinds takes a type they all send, such as `serde_json::Value`.
use lambda_stack::events::apigw::{ApiGatewayV2httpRequest, ApiGatewayV2httpResponse};
use lambda_stack::prelude::*;

#[function]
async fn api(event: LambdaEvent<ApiGatewayV2httpRequest>) -> Result<ApiGatewayV2httpResponse, Error> {
    let _ = event;
    Ok(ApiGatewayV2httpResponse::default())
}

lambda_stack! {
    stack shop {
        queue jobs {}
        function api { triggers: [http(GET "/jobs"), sqs(jobs)] }
    }
}

fn main() {
    let _ = shop();
}
