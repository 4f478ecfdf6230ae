// A `#[function]` takes one argument: the context is inside `LambdaEvent`.
use lambda_stack::prelude::*;

#[function]
async fn hello(event: LambdaEvent<serde_json::Value>, context: Context) -> Result<serde_json::Value, Error> {
    let _ = context;
    Ok(event.payload)
}

fn main() {}
