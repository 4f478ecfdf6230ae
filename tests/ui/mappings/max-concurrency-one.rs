// SQS maximum concurrency is at least 2.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        queue jobs {}

        function audit {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
            triggers: [sqs(jobs, max_concurrency: 1)],
        }
    }
}

fn main() {
    let _ = shop();
}
