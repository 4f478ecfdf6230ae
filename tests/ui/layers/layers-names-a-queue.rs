// `layers:` names a declaration of the stack that is not a layer.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        queue jobs {}
        function api {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
            layers: [jobs],
        }
    }
}

fn main() {
    let _ = shop();
}
