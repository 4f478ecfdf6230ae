// There is no `inedx.js` (there is `index.js`).
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        function api {
            runtime: nodejs22.x,
            handler: "inedx.main",
            code: "functions/node",
        }
    }
}

fn main() {
    let _ = shop();
}
