// Tag keys allow letters, digits, spaces and `_.:/=+-@` only.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",
        tags: { "team#": "data" },

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
