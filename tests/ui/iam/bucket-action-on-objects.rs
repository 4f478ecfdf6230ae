// `s3:ListBucket` acts on the bucket, not on its objects.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        bucket reports {}

        function api {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
            allow: [s3:ListBucket on reports.objects],
        }
    }
}

fn main() {
    let _ = shop();
}
