// With `cors`, the REST API answers `OPTIONS` itself; a route of its own would replace it.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        rest_api { cors: { origins: ["*"] } }

        function items {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
            triggers: [rest(GET "/items"), rest(OPTIONS "/items")],
        }
    }
}

fn main() {
    let _ = shop();
}
