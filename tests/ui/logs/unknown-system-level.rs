// Lambda's own records go down to `debug` and up to `warn`.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        function api {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
            logs: { format: json, system_level: error },
        }
    }
}

fn main() {
    let _ = shop();
}
