// A REST API path part holds letters, digits, `.`, `_`, `-` and `:` only; `@` is not one.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        function items {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
            triggers: [rest(GET "/users/@me")],
        }
    }
}

fn main() {
    let _ = shop();
}
