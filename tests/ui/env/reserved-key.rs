// Lambda sets `AWS_REGION` itself.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        function api {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
            env: { AWS_REGION: "eu-west-3" },
        }
    }
}

fn main() {
    let _ = shop();
}
