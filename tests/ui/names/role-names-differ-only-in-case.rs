// IAM compares role names without case: `shop-Shared` and `shop-shared` are one role.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        role Shared {}

        role shared {}

        function api {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
            role: shared,
        }
    }
}

fn main() {
    let _ = shop();
}
