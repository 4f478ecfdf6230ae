// `{stage}` in an exact name of a stack that has no `stages`.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        function api {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
            name: "legacy-shop-api-{stage}",
        }
    }
}

fn main() {
    let _ = shop();
}
