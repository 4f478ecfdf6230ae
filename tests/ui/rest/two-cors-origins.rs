// The REST API answers a preflight with one static origin; two are listed.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        rest_api { cors: { origins: ["https://a.example.com", "https://b.example.com"] } }

        function items {
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
