// Rates count minutes, hours or days.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        function worker {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
            triggers: [schedule("rate(5 mins)")],
        }
    }
}

fn main() {
    let _ = shop();
}
