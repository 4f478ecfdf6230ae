// Scheduler starts a schedule at most a day late.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        function report {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
            triggers: [schedule("rate(1 hour)", flexible_window: 1441)],
        }
    }
}

fn main() {
    let _ = shop();
}
