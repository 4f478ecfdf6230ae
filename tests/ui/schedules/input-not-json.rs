// A schedule's input is a JSON value.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        function report {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
            triggers: [schedule("rate(1 hour)", input: { report: s3:GetObject })],
        }
    }
}

fn main() {
    let _ = shop();
}
