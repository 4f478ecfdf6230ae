// `golang` is not a build; the word is `go`.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        function api {
            runtime: provided.al2023,
            handler: "bootstrap",
            code: "functions/api",
            build: golang,
        }
    }
}

fn main() {
    let _ = shop();
}
