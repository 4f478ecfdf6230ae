// `exclude` has nothing to leave out of a built `bootstrap`.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        function api {
            runtime: provided.al2023,
            handler: "bootstrap",
            code: "functions/api",
            build: go,
            exclude: ["*_test.go"],
        }
    }
}

fn main() {
    let _ = shop();
}
