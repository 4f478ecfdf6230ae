// A bundle is JavaScript; Python does not run it.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        function api {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/py",
            bundle: esbuild,
        }
    }
}

fn main() {
    let _ = shop();
}
