// The imported queue is `jobs`, but `name:` names the queue `work`: the first apply would replace it.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-1",

        queue jobs { name: "work", import: "https://sqs.eu-west-1.amazonaws.com/123456789012/jobs" }
    }
}

fn main() {
    let _ = shop();
}
