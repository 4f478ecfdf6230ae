// A rate is a positive number.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        function worker {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
            triggers: [schedule("rate(0 hours)")],
        }
    }
}

fn main() {
    let _ = shop();
}
