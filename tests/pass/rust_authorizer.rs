// A Rust Lambda authorizer: `auth: lambda(gate)` on a route, `gate` reading the authorizer's event
// (payload 2.0) and answering a simple response.
use lambda_stack::events::apigw::{
    ApiGatewayV2CustomAuthorizerSimpleResponse, ApiGatewayV2CustomAuthorizerV2Request, ApiGatewayV2httpRequest,
    ApiGatewayV2httpResponse,
};
use lambda_stack::prelude::*;

#[function]
async fn gate(
    event: LambdaEvent<ApiGatewayV2CustomAuthorizerV2Request>,
) -> Result<ApiGatewayV2CustomAuthorizerSimpleResponse, Error> {
    let key = event.payload.headers.get("x-partner-key").is_some();
    let mut answer = ApiGatewayV2CustomAuthorizerSimpleResponse::default();
    answer.is_authorized = key;
    Ok(answer)
}

#[function]
async fn items(event: LambdaEvent<ApiGatewayV2httpRequest>) -> Result<ApiGatewayV2httpResponse, Error> {
    let _ = event;
    Ok(ApiGatewayV2httpResponse::default())
}

lambda_stack! {
    stack shop {
        function items { triggers: [http(GET "/items", auth: lambda(gate))] }
        function gate {}
    }
}

fn main() {
    let stack = shop();
    assert_eq!(stack.check().problems, Vec::new());
    assert!(stack.functions().iter().all(|f| f.is_rust()));
}
