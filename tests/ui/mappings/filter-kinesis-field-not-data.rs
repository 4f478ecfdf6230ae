// Kinesis mappings filter on `data` only.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        stream clicks {}

        function audit {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
            triggers: [kinesis(clicks, filter: [{ partitionKey: ["1"] }])],
        }
    }
}

fn main() {
    let _ = shop();
}
