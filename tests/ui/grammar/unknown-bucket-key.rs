// A misspelt bucket key: `exsting`.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        bucket reports {
            exsting: "acme-reports",
        }

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
