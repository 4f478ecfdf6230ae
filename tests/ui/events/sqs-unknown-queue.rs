// A trigger's source must be declared in the stack (typo).
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        queue jobs {}

        function worker {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
            triggers: [sqs(job)],
        }
    }
}

fn main() {
    let _ = shop();
}
