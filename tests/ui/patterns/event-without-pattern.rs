// `event(..)` needs a pattern.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        bus orders {}

        function audit {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
            triggers: [event(orders)],
        }
    }
}

fn main() {
    let _ = shop();
}
