// A Kinesis batch holds 1 to 10,000 records.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        stream clicks {}

        function worker {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
            triggers: [kinesis(clicks, batch_size: 0)],
        }
    }
}

fn main() {
    let _ = shop();
}
