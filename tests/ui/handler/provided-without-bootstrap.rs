// An OS-only runtime starts the executable `bootstrap`.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        function api {
            runtime: provided.al2023,
            handler: "main",
            code: "functions/provided",
        }
    }
}

fn main() {
    let _ = shop();
}
