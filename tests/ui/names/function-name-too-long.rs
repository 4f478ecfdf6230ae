// `{stack}-{function}` is above Lambda's 64 characters.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop_analytics {
        region: "eu-west-3",

        function summarize_every_order_of_the_previous_business_day {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
        }
    }
}

fn main() {
    let _ = shop_analytics();
}
