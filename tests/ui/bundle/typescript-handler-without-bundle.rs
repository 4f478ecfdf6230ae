// A `.ts` handler with no `bundle:`: Node.js does not load TypeScript.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        function api {
            runtime: nodejs22.x,
            handler: "src/index.handler",
            code: "functions/ts",
        }
    }
}

fn main() {
    let _ = shop();
}
