// A `#[function]` returns a `Result`, not the response alone.
use lambda_stack::prelude::*;

#[function]
async fn hello(event: LambdaEvent<serde_json::Value>) -> serde_json::Value {
    event.payload
}

fn main() {}
