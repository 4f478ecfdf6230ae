// With stages, an exact name without `{stage}` would be one function for dev and prod.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",
        stages: [dev, prod],

        function api {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
            name: "legacy-shop-api",
        }
    }
}

fn main() {
    let _ = shop();
}
