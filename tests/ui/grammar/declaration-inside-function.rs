// Declarations go directly inside `stack`, not inside a function.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        function api {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
            bucket reports {}
        }
    }
}

fn main() {
    let _ = shop();
}
