// A custom domain without its certificate.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        api { domain: { name: "api.shop.example.com" } }

        function items {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
            triggers: [http(GET "/items")],
        }

    }
}

fn main() {
    let _ = shop();
}
