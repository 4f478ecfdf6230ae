// Environment variable names have at least two characters.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        function api {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
            env: { A: "1" },
        }
    }
}

fn main() {
    let _ = shop();
}
