// A policy ARN has `policy/` before the name.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        role worker {
            managed: ["arn:aws:iam::aws:AWSLambdaBasicExecutionRole"],
        }

        function api {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
            role: worker,
        }
    }
}

fn main() {
    let _ = shop();
}
