// `report_failures` is `true` or `false`.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        queue jobs {}

        function worker {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
            triggers: [sqs(jobs, report_failures: 1)],
        }
    }
}

fn main() {
    let _ = shop();
}
