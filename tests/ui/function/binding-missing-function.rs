// A function with no `runtime`, `handler` and `code` binds the `#[function]` of its name.
use lambda_stack::prelude::*;

#[function]
async fn get_order(event: LambdaEvent<serde_json::Value>) -> Result<serde_json::Value, Error> {
    Ok(event.payload)
}

lambda_stack! {
    stack shop {
        function get_ordr { triggers: [http(GET "/orders/{id}")] }
    }
}

fn main() {
    let _ = shop();
}
