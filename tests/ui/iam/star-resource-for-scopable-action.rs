// `s3:GetObject` can be scoped, so `"*"` is too broad without the opt-in.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        bucket reports {}

        function api {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
            allow: [s3:GetObject on "*"],
        }
    }
}

fn main() {
    let _ = shop();
}
