// Every leaf of an event pattern is a list of the values it matches.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        function audit {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
            triggers: [event(pattern: { source: "shop.orders" })],
        }
    }
}

fn main() {
    let _ = shop();
}
