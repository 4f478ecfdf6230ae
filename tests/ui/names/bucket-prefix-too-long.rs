// An owned bucket's `{stack}-{bucket}-` prefix is above Terraform's 37 characters.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop_analytics {
        region: "eu-west-3",

        bucket monthly_customer_reports {}

        function api {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
        }
    }
}

fn main() {
    let _ = shop_analytics();
}
