// An environment variable name with a non-ASCII letter: the message names it.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        function api {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
            env: { "CAFÉ": "open" },
        }
    }
}

fn main() {
    let _ = shop();
}
