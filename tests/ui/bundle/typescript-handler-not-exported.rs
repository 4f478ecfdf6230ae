// The `.ts` module exports `handler`, not `hanlder`.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        function api {
            runtime: nodejs22.x,
            handler: "src/index.hanlder",
            code: "functions/ts",
            bundle: esbuild,
        }
    }
}

fn main() {
    let _ = shop();
}
