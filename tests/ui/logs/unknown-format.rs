// A log format Lambda does not have, with a did-you-mean.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        function api {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
            logs: { format: jsno },
        }
    }
}

fn main() {
    let _ = shop();
}
