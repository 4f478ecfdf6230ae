// EventBridge cron has six fields (with a year), not Unix's five.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        function worker {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
            triggers: [schedule("cron(0 12 * * ?)")],
        }
    }
}

fn main() {
    let _ = shop();
}
