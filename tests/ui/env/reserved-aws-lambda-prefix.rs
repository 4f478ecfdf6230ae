// Every `AWS_LAMBDA_*` key is Lambda's.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        function api {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
            env: { AWS_LAMBDA_EXEC_WRAPPER: "/opt/wrapper" },
        }
    }
}

fn main() {
    let _ = shop();
}
