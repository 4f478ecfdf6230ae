// `bootstrap` exists but is not executable.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        function api {
            runtime: provided.al2023,
            handler: "main",
            code: "functions/provided_not_executable",
        }
    }
}

fn main() {
    let _ = shop();
}
