// A function maps a queue once.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        queue jobs {}

        function worker {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
            triggers: [sqs(jobs), sqs(jobs, batch_size: 5)],
        }
    }
}

fn main() {
    let _ = shop();
}
