// The same schedule twice on one function.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        function nightly {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
            triggers: [schedule("rate(1 day)"), schedule("rate(1 day)")],
        }
    }
}

fn main() {
    let _ = shop();
}
