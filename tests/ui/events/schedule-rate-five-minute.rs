// `rate(5 minute)`: values above 1 take the plural unit.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        function worker {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
            triggers: [schedule("rate(5 minute)")],
        }
    }
}

fn main() {
    let _ = shop();
}
