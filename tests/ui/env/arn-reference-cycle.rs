// Two functions that read each other's ARN: neither can be created first.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        function orders {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
            env: { BILLING: billing.arn },
        }

        function billing {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
            env: { ORDERS: orders.arn },
        }
    }
}

fn main() {
    let _ = shop();
}
