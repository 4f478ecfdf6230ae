// `Bootstrap` is not `bootstrap` on Lambda's file system.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        function api {
            runtime: provided.al2023,
            handler: "main",
            code: "functions/provided_wrong_case",
        }
    }
}

fn main() {
    let _ = shop();
}
