// `kinesis:PutRecord` applies to Kinesis streams, and `alerts` is a topic.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        topic alerts {}

        function worker {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
            allow: [kinesis:PutRecord on alerts],
        }
    }
}

fn main() {
    let _ = shop();
}
