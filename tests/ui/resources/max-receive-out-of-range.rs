// SQS redrives after 1 to 1,000 receives.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        queue failed_jobs {}
        queue jobs { dead_letter: failed_jobs, max_receive: 1001 }

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
