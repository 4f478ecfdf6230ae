// `tracing` is `active` or `pass_through`.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        function api {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
            tracing: enabled,
        }
    }
}

fn main() {
    let _ = shop();
}
