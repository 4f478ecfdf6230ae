// A stream trigger sends failed batches to a queue or a topic.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        stream clicks {}
        bucket failed {}

        function audit {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
            triggers: [kinesis(clicks, on_failure: failed)],
        }
    }
}

fn main() {
    let _ = shop();
}
