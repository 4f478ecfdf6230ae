// A REST API has no JWT authorizer (the HTTP API has): `jwt(..)` on a `rest(..)` route.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        function items {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
            triggers: [rest(GET "/items", auth: jwt(issuer: "https://issuer.example.com", audience: ["app"]))],
        }
    }
}

fn main() {
    let _ = shop();
}
