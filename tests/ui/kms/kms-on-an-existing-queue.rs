// An existing queue is encrypted however its owner set it up.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        key app_key {}
        queue jobs { existing: "arn:aws:sqs:eu-west-3:123456789012:jobs", kms: app_key }
    }
}

fn main() {
    let _ = shop();
}
