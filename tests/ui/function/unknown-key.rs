// A misspelt key, with a did-you-mean.
use lambda_stack::prelude::*;

#[function(memroy = 256)]
async fn hello(event: LambdaEvent<serde_json::Value>) -> Result<serde_json::Value, Error> {
    Ok(event.payload)
}

fn main() {}
