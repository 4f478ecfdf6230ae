// Provisioned concurrency is taken from the reserved concurrency.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        function checkout {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
            alias: live,
            reserved_concurrency: 2,
            provisioned: 5,
        }
    }
}

fn main() {
    let _ = shop();
}
