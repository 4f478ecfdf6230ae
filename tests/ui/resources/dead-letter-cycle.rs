// Two queues that are each other's dead-letter queue: Terraform reports a Cycle.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        queue jobs { dead_letter: retries }

        queue retries { dead_letter: jobs }

        function api {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
        }
    }
}

fn main() {
    let _ = shop();
}
