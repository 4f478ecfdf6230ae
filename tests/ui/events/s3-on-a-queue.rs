// `s3(..)` watches a bucket, and `jobs` is a queue.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        queue jobs {}

        function worker {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
            triggers: [s3(jobs)],
        }
    }
}

fn main() {
    let _ = shop();
}
