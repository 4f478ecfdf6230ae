// S3 rejects two notifications whose prefixes overlap for the same event.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        bucket uploads {}

        function ingest {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
            triggers: [s3(uploads, prefix: "in/")],
        }

        function archive {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
            triggers: [s3(uploads, prefix: "in/csv/")],
        }
    }
}

fn main() {
    let _ = shop();
}
