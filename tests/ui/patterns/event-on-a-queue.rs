// `event(..)` reads a bus, not a queue.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        queue jobs {}

        function audit {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
            triggers: [event(jobs, pattern: { source: ["shop"] })],
        }
    }
}

fn main() {
    let _ = shop();
}
