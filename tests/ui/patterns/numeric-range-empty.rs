// A numeric range with no number in it never matches.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        function audit {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
            triggers: [event(pattern: { detail: { total: [{ numeric: [">", 100, "<", 10] }] } })],
        }
    }
}

fn main() {
    let _ = shop();
}
