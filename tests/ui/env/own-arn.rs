// A function cannot read its own ARN: it would depend on itself.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        function api {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
            env: { SELF_ARN: api.arn },
        }
    }
}

fn main() {
    let _ = shop();
}
