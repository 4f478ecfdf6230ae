// A shard's batches are processed at most 10 at once.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        stream clicks {}

        function audit {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
            triggers: [kinesis(clicks, parallelization: 11)],
        }
    }
}

fn main() {
    let _ = shop();
}
