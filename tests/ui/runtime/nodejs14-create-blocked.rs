// AWS blocked creating `nodejs14.x` functions on 2024-01-09.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        function api {
            runtime: nodejs14.x,
            handler: "index.handler",
            code: "functions/app",
        }
    }
}

fn main() {
    let _ = shop();
}
