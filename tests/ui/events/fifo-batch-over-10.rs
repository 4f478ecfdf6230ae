// A FIFO queue delivers at most 10 messages per batch.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        queue jobs { fifo: true }

        function worker {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
            triggers: [sqs(jobs, batch_size: 20, window: 5)],
        }
    }
}

fn main() {
    let _ = shop();
}
