// FIFO topics deliver to SQS queues only, not to functions.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        topic alerts { fifo: true }

        function worker {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
            triggers: [sns(alerts)],
        }
    }
}

fn main() {
    let _ = shop();
}
