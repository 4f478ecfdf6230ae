// A key is set in the attribute or in the stack, not in both.
use lambda_stack::prelude::*;

#[function(memory = 256)]
async fn hello(event: LambdaEvent<serde_json::Value>) -> Result<serde_json::Value, Error> {
    Ok(event.payload)
}

lambda_stack! {
    stack shop {
        function hello { memory: 512 }
    }
}

fn main() {
    let _ = shop();
}
