// A regional API domain whose certificate is in another region than the stack.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        api { domain: { name: "api.shop.example.com", certificate: "arn:aws:acm:us-east-1:123456789012:certificate/abc" } }

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
