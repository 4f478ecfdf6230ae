// `on:` takes S3's events; `create` is a near miss.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        bucket uploads {}

        function worker {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
            triggers: [s3(uploads, on: create)],
        }
    }
}

fn main() {
    let _ = shop();
}
