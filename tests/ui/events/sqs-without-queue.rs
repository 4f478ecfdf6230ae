// `sqs(..)` needs the queue it reads.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        queue jobs {}

        function worker {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
            triggers: [sqs(batch_size: 10)],
        }
    }
}

fn main() {
    let _ = shop();
}
