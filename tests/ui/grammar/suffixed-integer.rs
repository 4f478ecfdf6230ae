// `memory` is a plain number, without a Rust type suffix.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        function api {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
            memory: 256u32,
        }
    }
}

fn main() {
    let _ = shop();
}
