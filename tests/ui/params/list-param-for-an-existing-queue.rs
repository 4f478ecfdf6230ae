// An existing queue is one ARN: a `list` param cannot name it.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",
        param queue_arns { type: list, default: ["arn:aws:sqs:eu-west-3:123456789012:jobs"] }

        queue jobs { existing: queue_arns }
    }
}

fn main() {
    let _ = shop();
}
