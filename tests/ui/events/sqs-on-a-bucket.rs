// `sqs(..)` reads a queue, and `reports` is a bucket.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        bucket reports {}

        function worker {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
            triggers: [sqs(reports)],
        }
    }
}

fn main() {
    let _ = shop();
}
