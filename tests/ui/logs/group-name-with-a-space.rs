// CloudWatch log group names take no spaces.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        function api {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
            logs: { group: "shop app" },
        }
    }
}

fn main() {
    let _ = shop();
}
