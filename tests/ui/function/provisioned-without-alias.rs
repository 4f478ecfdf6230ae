// Provisioned concurrency applies to a published version, which only `alias:` publishes.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        function checkout {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
            provisioned: 5,
        }
    }
}

fn main() {
    let _ = shop();
}
