// A JWT authorizer without the client IDs its tokens are for.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        function items {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
            triggers: [http(GET "/items", auth: jwt(issuer: "https://issuer.example.com/"))],
        }

    }
}

fn main() {
    let _ = shop();
}
