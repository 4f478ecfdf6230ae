// A Rust function's runtime is implied.
use lambda_stack::prelude::*;

#[function(runtime = python3.12)]
async fn hello(event: LambdaEvent<serde_json::Value>) -> Result<serde_json::Value, Error> {
    Ok(event.payload)
}

fn main() {}
