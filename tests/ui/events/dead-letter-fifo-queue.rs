// Lambda sends failed asynchronous events to standard queues only.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        queue failures { fifo: true }

        function worker {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
            dead_letter: failures,
        }
    }
}

fn main() {
    let _ = shop();
}
