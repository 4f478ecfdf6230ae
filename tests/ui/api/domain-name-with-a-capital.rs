// A custom domain name written with capitals.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        api { domain: { name: "Api.shop.example.com", certificate: "arn:aws:acm:eu-west-3:123456789012:certificate/abc" } }

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
