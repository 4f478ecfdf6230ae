// `memory` is given twice.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        function api {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
            memory: 256,
            memory: 512,
        }
    }
}

fn main() {
    let _ = shop();
}
