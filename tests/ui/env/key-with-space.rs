// An environment variable name with a space: the message names it.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        function api {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
            env: { "LOG LEVEL": "debug" },
        }
    }
}

fn main() {
    let _ = shop();
}
