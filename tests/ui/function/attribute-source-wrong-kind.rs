// `sqs(..)` in the attribute reads a queue; the stack declares `jobs` as a bucket.
use lambda_stack::events::sqs::SqsEvent;
use lambda_stack::prelude::*;

#[function(triggers = [sqs(jobs)])]
async fn worker(event: LambdaEvent<SqsEvent>) -> Result<(), Error> {
    let _ = event;
    Ok(())
}

lambda_stack! {
    stack shop {
        bucket jobs {}
        function worker {}
    }
}

fn main() {
    let _ = shop();
}
