// No comma between two function keys.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        function api {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
            memory: 256
            timeout: 10,
        }
    }
}

fn main() {
    let _ = shop();
}
