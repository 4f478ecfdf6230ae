// The attribute's trigger reads a queue the binding stack must declare.
use lambda_stack::events::sqs::SqsEvent;
use lambda_stack::prelude::*;

#[function(triggers = [sqs(jobs)])]
async fn worker(event: LambdaEvent<SqsEvent>) -> Result<(), Error> {
    let _ = event;
    Ok(())
}

lambda_stack! {
    stack shop {
        queue work {}
        function worker {}
    }
}

fn main() {
    let _ = shop();
}
