// A string resource must be an ARN.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        bucket reports {}

        function api {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
            allow: [s3:GetObject on "reports/in/*"],
        }
    }
}

fn main() {
    let _ = shop();
}
