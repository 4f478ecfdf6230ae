// The attribute's keys follow the same limits as the stack's.
use lambda_stack::prelude::*;

#[function(memory = 64)]
async fn hello(event: LambdaEvent<serde_json::Value>) -> Result<serde_json::Value, Error> {
    Ok(event.payload)
}

fn main() {}
