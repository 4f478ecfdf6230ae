// An environment variable holds one string, not a list.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",
        param subnets { type: list }

        function api {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
            env: { SUBNETS: subnets },
        }
    }
}

fn main() {
    let _ = shop();
}
