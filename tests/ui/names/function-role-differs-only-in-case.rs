// A function without `role` gets the IAM role `{stack}-{function}`, which IAM compares without case.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        role Worker {}

        function api {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
            role: Worker,
        }

        function worker {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
        }
    }
}

fn main() {
    let _ = shop();
}
