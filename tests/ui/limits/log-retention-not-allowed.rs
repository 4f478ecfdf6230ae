// CloudWatch Logs has no 10-day retention.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        function api {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
            log_retention: 10,
        }
    }
}

fn main() {
    let _ = shop();
}
