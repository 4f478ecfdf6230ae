// The attribute's timeout is longer than the visibility timeout of the queue the stack triggers it from.
use lambda_stack::events::sqs::SqsEvent;
use lambda_stack::prelude::*;

#[function(timeout = 120)]
async fn worker(event: LambdaEvent<SqsEvent>) -> Result<(), Error> {
    let _ = event;
    Ok(())
}

lambda_stack! {
    stack shop {
        queue jobs { visibility_timeout: 60 }
        function worker { triggers: [sqs(jobs)] }
    }
}

fn main() {
    let _ = shop();
}
