// A top-level field EventBridge events do not have never matches.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        function audit {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
            triggers: [event(pattern: { sources: ["shop.orders"] })],
        }
    }
}

fn main() {
    let _ = shop();
}
