// A function URL's `auth` is `none` or `iam`.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        function worker {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
            triggers: [url(auth: public)],
        }
    }
}

fn main() {
    let _ = shop();
}
