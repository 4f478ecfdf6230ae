// Lambda streams responses from Node.js and OS-only runtimes, not Python.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        function api {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
            triggers: [url(auth: iam, stream: true)],
        }
    }
}

fn main() {
    let _ = shop();
}
