// The argument is `LambdaEvent<E>`, not the event alone.
use lambda_stack::events::sqs::SqsEvent;
use lambda_stack::prelude::*;

#[function]
async fn worker(event: SqsEvent) -> Result<(), Error> {
    let _ = event;
    Ok(())
}

fn main() {}
