// `role:` names a role, and `reports` is a bucket.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        bucket reports {}

        function api {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
            role: reports,
        }
    }
}

fn main() {
    let _ = shop();
}
