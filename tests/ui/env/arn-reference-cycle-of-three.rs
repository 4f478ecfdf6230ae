// A longer cycle of ARN references is found too, with its whole path.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        function a {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
            env: { NEXT: b.arn },
        }

        function b {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
            env: { NEXT: c.arn },
        }

        function c {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
            env: { NEXT: a.arn },
        }
    }
}

fn main() {
    let _ = shop();
}
