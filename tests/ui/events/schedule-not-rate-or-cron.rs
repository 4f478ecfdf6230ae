// A schedule is `rate(..)` or `cron(..)`.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        function worker {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
            triggers: [schedule("every 5 minutes")],
        }
    }
}

fn main() {
    let _ = shop();
}
