// Attribute arguments are `key = value`.
use lambda_stack::prelude::*;

#[function(timeout: 30)]
async fn hello(event: LambdaEvent<serde_json::Value>) -> Result<serde_json::Value, Error> {
    Ok(event.payload)
}

fn main() {}
