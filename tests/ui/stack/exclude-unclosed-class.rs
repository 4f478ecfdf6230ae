// An `exclude:` pattern globset cannot compile: an unclosed `[`.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        function api {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
            exclude: ["*.py[cd"],
        }
    }
}

fn main() {
    let _ = shop();
}
