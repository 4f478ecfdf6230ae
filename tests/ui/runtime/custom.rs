// `custom` is not a Lambda runtime (OS-only runtimes are `provided.*`).
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        function api {
            runtime: custom,
            handler: "bootstrap",
            code: "functions/app",
        }
    }
}

fn main() {
    let _ = shop();
}
