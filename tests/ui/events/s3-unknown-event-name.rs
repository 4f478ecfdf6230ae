// S3 event names are AWS's own (`s3:ObjectCreated:Put`).
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        bucket uploads {}

        function worker {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
            triggers: [s3(uploads, on: "s3:ObjectCreated:Putt")],
        }
    }
}

fn main() {
    let _ = shop();
}
