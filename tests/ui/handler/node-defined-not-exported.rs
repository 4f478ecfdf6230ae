// `handler` is defined in `private.mjs` but only `main` is exported.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        function api {
            runtime: nodejs22.x,
            handler: "private.handler",
            code: "functions/node",
        }
    }
}

fn main() {
    let _ = shop();
}
