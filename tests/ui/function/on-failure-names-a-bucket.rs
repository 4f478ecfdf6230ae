// Lambda destinations are queues, topics and functions; a bucket is none of them.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        bucket reports {}
        function worker {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
            on_failure: reports,
        }
    }
}

fn main() {
    let _ = shop();
}
