// A function that puts events on the bus whose rule triggers it invokes itself for ever.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        bus orders {}

        function relay {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
            allow: [events:PutEvents on orders],
            triggers: [event(orders, pattern: { source: ["shop.orders"] })],
        }

        /// Reads only what S3 sends: its own events cannot come back.
        function watcher {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
            allow: [events:PutEvents on orders],
            triggers: [event(orders, pattern: { source: ["aws.s3"] })],
        }
    }
}

fn main() {
    let _ = shop();
}
