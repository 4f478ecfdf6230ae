// `sqs(..)` triggers are in the design but not in this version.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        function api {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
            triggers: [sqs(jobs, batch_size: 10)],
        }
    }
}

fn main() {
    let _ = shop();
}
