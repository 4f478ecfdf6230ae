// Queues have no indexes.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        queue jobs {}

        function worker {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
            allow: [sqs:SendMessage on jobs.indexes],
        }
    }
}

fn main() {
    let _ = shop();
}
