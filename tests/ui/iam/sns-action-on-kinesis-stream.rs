// `sns:Publish` applies to topics, and `clicks` is a Kinesis stream.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        stream clicks {}

        function worker {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
            allow: [sns:Publish on clicks],
        }
    }
}

fn main() {
    let _ = shop();
}
