// An existing key is given by its ARN.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        key shared { existing: "shared-key" }
        function api {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
            kms: shared,
        }
    }
}

fn main() {
    let _ = shop();
}
