// A function allowed to invoke itself: its role's policy names its ARN, and the function waits for the policy.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        function api {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
            allow: [lambda:InvokeFunction on api],
        }
    }
}

fn main() {
    let _ = shop();
}
