// `assets` names a bucket the stack does not declare: `artifact` for `artifacts`.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",
        assets: artifact,

        bucket artifacts {}

        function api {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
        }
    }
}

fn main() {
    let _ = shop();
}
