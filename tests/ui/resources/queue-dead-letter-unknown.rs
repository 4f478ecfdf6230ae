// A queue's `dead_letter` names no declaration of the stack (typo).
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        queue failed_jobs {}
        queue jobs { dead_letter: failed_job }

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
