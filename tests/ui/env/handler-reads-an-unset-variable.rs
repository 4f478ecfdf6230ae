// `app.py` reads `ORDER_TABLE` with no default, and the function has no `env:`.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        function api {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/reads-orders",
        }
    }
}

fn main() {
    let _ = shop();
}
