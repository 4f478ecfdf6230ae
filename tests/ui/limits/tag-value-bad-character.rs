// A tag value with a character AWS refuses: the error is on the value.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        function api {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
            tags: { "team": "data#1" },
        }
    }
}

fn main() {
    let _ = shop();
}
