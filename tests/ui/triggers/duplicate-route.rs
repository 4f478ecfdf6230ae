// Two functions declare `GET /orders`.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        function list_orders {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
            triggers: [http(GET "/orders")],
        }

        function export_orders {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
            triggers: [http(GET "/orders")],
        }
    }
}

fn main() {
    let _ = shop();
}
