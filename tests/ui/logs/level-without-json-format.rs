// Lambda filters logs by level only when they are JSON.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        function api {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
            logs: { format: text, level: info },
        }
    }
}

fn main() {
    let _ = shop();
}
