// A timeout is at least 1 second.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        function api {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
            timeout: 0,
        }
    }
}

fn main() {
    let _ = shop();
}
