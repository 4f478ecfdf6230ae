// A function's asynchronous results go to a queue whose consumer invokes it again.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        queue done {}

        function worker {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
            on_success: done,
        }

        function collector {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
            triggers: [sqs(done)],
            on_failure: worker,
        }
    }
}

fn main() {
    let _ = shop();
}
