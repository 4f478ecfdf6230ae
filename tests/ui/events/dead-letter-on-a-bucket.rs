// A function's `dead_letter` is a queue or a topic.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        bucket reports {}

        function worker {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
            dead_letter: reports,
        }
    }
}

fn main() {
    let _ = shop();
}
