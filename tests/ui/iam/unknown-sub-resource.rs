// A bucket's sub-resource is `objects`, not `files`.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        bucket reports {}

        function api {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
            allow: [s3:GetObject on reports.files],
        }
    }
}

fn main() {
    let _ = shop();
}
