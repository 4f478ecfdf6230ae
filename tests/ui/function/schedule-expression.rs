// Trigger settings in the attribute follow the same rules as in the stack.
use lambda_stack::prelude::*;

#[function(triggers = [schedule("rate(5 minute)")])]
async fn nightly(event: LambdaEvent<serde_json::Value>) -> Result<(), Error> {
    let _ = event;
    Ok(())
}

fn main() {}
