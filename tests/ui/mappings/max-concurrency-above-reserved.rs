// SQS pollers above the function's reserved concurrency would be throttled.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        queue jobs {}

        function audit {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
            reserved_concurrency: 10,
            triggers: [sqs(jobs, max_concurrency: 50)],
        }
    }
}

fn main() {
    let _ = shop();
}
