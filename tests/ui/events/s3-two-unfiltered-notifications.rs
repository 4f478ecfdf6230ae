// Two functions on every created object of one bucket overlap.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        bucket uploads {}

        function ingest {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
            triggers: [s3(uploads)],
        }

        function archive {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
            triggers: [s3(uploads, on: created)],
        }
    }
}

fn main() {
    let _ = shop();
}
