// Tag keys starting with `aws:` are AWS's own.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        function api {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
            tags: { "aws:team": "data" },
        }
    }
}

fn main() {
    let _ = shop();
}
