// A misspelt function key: `memroy`.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        function api {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
            memroy: 256,
        }
    }
}

fn main() {
    let _ = shop();
}
