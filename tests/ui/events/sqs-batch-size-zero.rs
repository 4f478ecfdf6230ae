// An SQS batch holds 1 to 10,000 messages.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        queue jobs {}

        function worker {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
            triggers: [sqs(jobs, batch_size: 0)],
        }
    }
}

fn main() {
    let _ = shop();
}
