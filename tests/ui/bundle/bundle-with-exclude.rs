// The package is the bundle alone: `exclude` leaves nothing out.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        function api {
            runtime: nodejs22.x,
            handler: "src/index.handler",
            code: "functions/ts",
            bundle: esbuild,
            exclude: ["**/*.test.ts"],
        }
    }
}

fn main() {
    let _ = shop();
}
