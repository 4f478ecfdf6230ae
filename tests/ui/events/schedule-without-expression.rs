// `schedule(..)` needs its expression.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        function worker {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
            triggers: [schedule()],
        }
    }
}

fn main() {
    let _ = shop();
}
