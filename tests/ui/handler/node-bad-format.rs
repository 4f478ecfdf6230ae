// A Node.js handler is `file.export`.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        function api {
            runtime: nodejs22.x,
            handler: "index",
            code: "functions/node",
        }
    }
}

fn main() {
    let _ = shop();
}
