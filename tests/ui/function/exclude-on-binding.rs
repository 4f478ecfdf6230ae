// A Rust function's package is its `bootstrap`: nothing to exclude.
use lambda_stack::prelude::*;

#[function]
async fn hello(event: LambdaEvent<serde_json::Value>) -> Result<serde_json::Value, Error> {
    Ok(event.payload)
}

lambda_stack! {
    stack shop {
        function hello { exclude: ["tests/**"] }
    }
}

fn main() {
    let _ = shop();
}
