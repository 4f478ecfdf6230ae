// Lambda's smallest memory size is 128 MB.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        function api {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
            memory: 64,
        }
    }
}

fn main() {
    let _ = shop();
}
