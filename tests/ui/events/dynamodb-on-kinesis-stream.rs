// `dynamodb(..)` reads a table's stream; `clicks` is a Kinesis stream.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        stream clicks {}

        function worker {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
            triggers: [dynamodb(clicks)],
        }
    }
}

fn main() {
    let _ = shop();
}
