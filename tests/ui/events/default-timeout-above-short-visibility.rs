// The queue hides a message for 2 s, less than the function's default 3 s timeout.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        queue jobs { visibility_timeout: 2 }

        function worker {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
            triggers: [sqs(jobs)],
        }
    }
}

fn main() {
    let _ = shop();
}
