// Triggers declared in the attribute are checked against the event type too.
use lambda_stack::events::s3::S3Event;
use lambda_stack::prelude::*;

#[function(triggers = [sqs(jobs)])]
async fn worker(event: LambdaEvent<S3Event>) -> Result<(), Error> {
    let _ = event;
    Ok(())
}

fn main() {}
