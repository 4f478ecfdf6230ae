// A bucket and a function both named `reports`.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        bucket reports {}

        function reports {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
        }
    }
}

fn main() {
    let _ = shop();
}
