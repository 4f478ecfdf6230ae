// `s3:GetObject` acts on objects, and `reports` is the bucket itself.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        bucket reports {}

        function api {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
            allow: [s3:GetObject on reports],
        }
    }
}

fn main() {
    let _ = shop();
}
