// An `existing` queue already has its name; `name:` is for queues the stack creates.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        queue jobs {
            existing: "arn:aws:sqs:eu-west-3:123456789012:jobs",
            name: "jobs",
        }
    }
}

fn main() {
    let _ = shop();
}
