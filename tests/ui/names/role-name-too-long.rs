// `{stack}-{role}` is above IAM's 64 characters.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop_analytics {
        region: "eu-west-3",

        role role_for_functions_that_read_and_write_customer_reports {}

        function api {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
            role: role_for_functions_that_read_and_write_customer_reports,
        }
    }
}

fn main() {
    let _ = shop_analytics();
}
