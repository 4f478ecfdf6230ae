// A `#[function]` takes the event.
use lambda_stack::prelude::*;

#[function]
async fn hello() -> Result<String, Error> {
    Ok("hello".into())
}

fn main() {}
