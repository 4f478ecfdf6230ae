// `timeout` is a whole number of seconds.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        function api {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
            timeout: 2.5,
        }
    }
}

fn main() {
    let _ = shop();
}
