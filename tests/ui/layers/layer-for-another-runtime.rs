// A function uses a layer built for other runtimes than its own.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        layer common { code: "layers/common", runtimes: [python3.13] }
        function api {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
            layers: [common],
        }
    }
}

fn main() {
    let _ = shop();
}
