// An environment variable takes an attribute of a declaration, not the declaration.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        bucket reports {}

        function api {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
            env: { REPORTS_BUCKET: reports },
        }
    }
}

fn main() {
    let _ = shop();
}
