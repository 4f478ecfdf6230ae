// An operator EventBridge does not have, with a did-you-mean.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        bus orders {}

        function audit {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
            triggers: [event(orders, pattern: { detail: { total: [{ numerc: [">", 100] }] } })],
        }
    }
}

fn main() {
    let _ = shop();
}
