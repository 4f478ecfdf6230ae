// A function has one function URL.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        function worker {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
            triggers: [url(auth: iam), url(auth: none)],
        }
    }
}

fn main() {
    let _ = shop();
}
