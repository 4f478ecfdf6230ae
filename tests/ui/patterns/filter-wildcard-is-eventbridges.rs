// Lambda's filters do not take EventBridge's `wildcard`.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        queue jobs {}

        function audit {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
            triggers: [sqs(jobs, filter: [{ body: { key: [{ wildcard: "in/*.csv" }] } }])],
        }
    }
}

fn main() {
    let _ = shop();
}
