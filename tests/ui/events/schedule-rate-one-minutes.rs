// `rate(1 minutes)`: a value of 1 takes the singular unit.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        function worker {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
            triggers: [schedule("rate(1 minutes)")],
        }
    }
}

fn main() {
    let _ = shop();
}
