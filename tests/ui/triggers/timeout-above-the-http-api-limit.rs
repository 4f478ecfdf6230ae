// A 60 s function behind an HTTP API route: the API answers 503 after 30 s while it runs on.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        function report {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
            timeout: 60,
            triggers: [http(GET "/report")],
        }
    }
}

fn main() {
    let _ = shop();
}
