// Lambda retries an asynchronous event at most twice.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        function worker {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
            retries: 3,
        }
    }
}

fn main() {
    let _ = shop();
}
