// `layers:` names a layer the stack does not declare (a typo).
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        layer common { code: "layers/common", runtimes: [python3.12] }
        function api {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
            layers: [comon],
        }
    }
}

fn main() {
    let _ = shop();
}
