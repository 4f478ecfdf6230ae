// The imported queue is `jobs`, but the stack would name it `shop-jobs` and replace it.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-1",

        queue jobs { import: "https://sqs.eu-west-1.amazonaws.com/123456789012/jobs" }
    }
}

fn main() {
    let _ = shop();
}
