// A `#[function]` is an `async fn`.
use lambda_stack::prelude::*;

#[function]
fn hello(event: LambdaEvent<serde_json::Value>) -> Result<serde_json::Value, Error> {
    Ok(event.payload)
}

fn main() {}
