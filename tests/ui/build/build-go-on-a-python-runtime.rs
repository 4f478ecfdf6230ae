// `build: go` makes a `bootstrap`, which Python does not run.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        function api {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/api",
            build: go,
        }
    }
}

fn main() {
    let _ = shop();
}
