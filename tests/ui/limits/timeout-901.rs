// A timeout is at most 900 seconds.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        function api {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
            timeout: 901,
        }
    }
}

fn main() {
    let _ = shop();
}
