// `functions/no-go-mod` has a `main.go` but no `go.mod`.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        function api {
            runtime: provided.al2023,
            handler: "bootstrap",
            code: "functions/no-go-mod",
            build: go,
        }
    }
}

fn main() {
    let _ = shop();
}
