// Reserved concurrency beyond any account's limit.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        function api {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
            reserved_concurrency: 5000000,
        }
    }
}

fn main() {
    let _ = shop();
}
