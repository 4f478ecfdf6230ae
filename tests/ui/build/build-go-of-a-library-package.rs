// The module root is `package pricing`, not a program.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        function api {
            runtime: provided.al2023,
            handler: "bootstrap",
            code: "functions/library",
            build: go,
        }
    }
}

fn main() {
    let _ = shop();
}
