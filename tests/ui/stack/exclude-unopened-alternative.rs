// An `exclude:` pattern globset cannot compile: a `}` that closes nothing.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        function api {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
            exclude: ["tests}"],
        }
    }
}

fn main() {
    let _ = shop();
}
