// `GREETING` is set twice.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        function api {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
            env: { GREETING: "hello", GREETING: "bonjour" },
        }
    }
}

fn main() {
    let _ = shop();
}
