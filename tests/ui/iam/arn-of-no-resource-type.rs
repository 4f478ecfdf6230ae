// An ARN that fits no AWS resource type.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        bucket reports {}

        function api {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
            allow: [s3:GetObject on "arn:aws:s3:eu-west-3:123456789012:reports"],
        }
    }
}

fn main() {
    let _ = shop();
}
