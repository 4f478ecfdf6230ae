// An arm64 function uses a layer built only for x86_64.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        layer common { code: "layers/common", runtimes: [python3.12], arch: [x86_64] }
        function api {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
            arch: arm64,
            layers: [common],
        }
    }
}

fn main() {
    let _ = shop();
}
