// A source map maps a bundle; there is none.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        function api {
            runtime: nodejs22.x,
            handler: "index.handler",
            code: "functions/js",
            source_map: true,
        }
    }
}

fn main() {
    let _ = shop();
}
