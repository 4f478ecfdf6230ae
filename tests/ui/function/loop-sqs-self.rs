// A function that sends to the queue it reads starts itself for ever.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        queue jobs {}

        function worker {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
            allow: [sqs:SendMessage on jobs],
            triggers: [sqs(jobs)],
        }
    }
}

fn main() {
    let _ = shop();
}
