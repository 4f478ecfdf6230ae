// `dynamodb:PutItem` applies to tables, and `jobs` is a queue.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        queue jobs {}

        function worker {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
            allow: [dynamodb:PutItem on jobs],
        }
    }
}

fn main() {
    let _ = shop();
}
