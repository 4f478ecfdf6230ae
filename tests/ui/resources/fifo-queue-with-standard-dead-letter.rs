// A FIFO queue's dead-letter queue must be FIFO too.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        queue failed_jobs {}
        queue jobs { fifo: true, dead_letter: failed_jobs }

        function worker {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
        }
    }
}

fn main() {
    let _ = shop();
}
