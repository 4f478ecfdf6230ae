// Lambda calls a `#[function]` with one event type: it cannot be generic.
use lambda_stack::prelude::*;

#[function]
async fn hello<E: serde::de::DeserializeOwned>(event: LambdaEvent<E>) -> Result<(), Error> {
    let _ = event;
    Ok(())
}

fn main() {}
