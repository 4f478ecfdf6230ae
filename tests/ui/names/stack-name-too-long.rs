// A stack name leaves room for the names built from it.
use lambda_stack::prelude::*;

lambda_stack! {
    stack online_shop_order_processing_backend {
        region: "eu-west-3",

        function api {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
        }
    }
}

fn main() {
    let _ = online_shop_order_processing_backend();
}
