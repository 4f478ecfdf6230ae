// A mapping takes at most five filters.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        queue jobs {}

        function audit {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
            triggers: [sqs(jobs, filter: [{ body: { k: ["1"] } }, { body: { k: ["2"] } }, { body: { k: ["3"] } }, { body: { k: ["4"] } }, { body: { k: ["5"] } }, { body: { k: ["6"] } }])],
        }
    }
}

fn main() {
    let _ = shop();
}
