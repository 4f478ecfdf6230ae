// The batching window is at most 300 seconds.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        queue jobs {}

        function worker {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
            triggers: [sqs(jobs, batch_size: 100, window: 301)],
        }
    }
}

fn main() {
    let _ = shop();
}
