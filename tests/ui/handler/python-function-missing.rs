// `app.py` defines `handler`, not `handlr`.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        function api {
            runtime: python3.12,
            handler: "app.handlr",
            code: "functions/python",
        }
    }
}

fn main() {
    let _ = shop();
}
