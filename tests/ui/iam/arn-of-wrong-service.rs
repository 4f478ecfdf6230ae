// An SQS queue's ARN for an S3 object action.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        bucket reports {}

        function api {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
            allow: [s3:GetObject on "arn:aws:sqs:eu-west-3:123456789012:jobs"],
        }
    }
}

fn main() {
    let _ = shop();
}
