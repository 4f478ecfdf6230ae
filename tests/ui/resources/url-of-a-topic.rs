// `.url` is an attribute of queues only.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        topic alerts {}

        function worker {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
            env: { ALERTS: alerts.url },
        }
    }
}

fn main() {
    let _ = shop();
}
