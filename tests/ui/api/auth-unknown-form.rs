// An auth form API Gateway does not have (a typo of `jwt`).
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        function items {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
            triggers: [http(GET "/items", auth: jtw(issuer: "https://issuer.example.com/", audience: ["app"]))],
        }

    }
}

fn main() {
    let _ = shop();
}
