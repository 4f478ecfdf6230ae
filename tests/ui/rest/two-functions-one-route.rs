// The REST API sends a route to one function; two claim `GET /items`.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        function items {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
            triggers: [rest(GET "/items")],
        }

        function listing {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
            triggers: [rest(GET "/items")],
        }
    }
}

fn main() {
    let _ = shop();
}
