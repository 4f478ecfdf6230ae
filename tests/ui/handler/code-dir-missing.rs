// The code directory does not exist.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        function api {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/pyhton",
        }
    }
}

fn main() {
    let _ = shop();
}
