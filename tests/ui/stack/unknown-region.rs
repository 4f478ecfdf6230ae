// There is no `eu-west-9`.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-9",

        function api {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
        }
    }
}

fn main() {
    let _ = shop();
}
