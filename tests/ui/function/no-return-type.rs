// A `#[function]` returns a `Result`: Lambda reports the error.
use lambda_stack::prelude::*;

#[function]
async fn hello(event: LambdaEvent<serde_json::Value>) {
    let _ = event;
}

fn main() {}
