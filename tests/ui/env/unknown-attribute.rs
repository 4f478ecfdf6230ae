// A bucket has `name` and `arn`, not `nmae`.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        bucket reports {}

        function api {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
            env: { REPORTS_BUCKET: reports.nmae },
        }
    }
}

fn main() {
    let _ = shop();
}
