// `arch` is `x86_64` or `arm64`.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        function api {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
            arch: arm,
        }
    }
}

fn main() {
    let _ = shop();
}
