// `index.js` exports `main`, not `handler`.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        function api {
            runtime: nodejs22.x,
            handler: "index.handler",
            code: "functions/node",
        }
    }
}

fn main() {
    let _ = shop();
}
