// A one-time schedule's date must exist.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        function report {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
            triggers: [schedule("at(2027-02-30T09:00:00)")],
        }
    }
}

fn main() {
    let _ = shop();
}
