// There is no bundler `esbiuld`.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        function api {
            runtime: nodejs22.x,
            handler: "src/index.handler",
            code: "functions/ts",
            bundle: esbiuld,
        }
    }
}

fn main() {
    let _ = shop();
}
