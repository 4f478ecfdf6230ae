// `handler` is a string, not a number.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        function api {
            runtime: python3.12,
            handler: 42,
            code: "functions/app",
        }
    }
}

fn main() {
    let _ = shop();
}
