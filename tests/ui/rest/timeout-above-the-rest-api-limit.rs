// A REST API answers 504 after 29 s: a 60 s function behind it outlives every request.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        function items {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
            timeout: 60,
            triggers: [rest(GET "/report")],
        }
    }
}

fn main() {
    let _ = shop();
}
