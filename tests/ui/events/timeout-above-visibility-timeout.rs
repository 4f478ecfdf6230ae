// The function may run longer than the queue hides a message.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        queue jobs { visibility_timeout: 60 }

        function worker {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
            timeout: 120,
            triggers: [sqs(jobs)],
        }
    }
}

fn main() {
    let _ = shop();
}
