// `app.py` reads `ORDER_TABLE`; `env:` sets `ORDERS_TABLE`.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        table orders { hash_key: "id" }

        function api {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/reads-orders",
            env: { ORDERS_TABLE: orders.name },
        }
    }
}

fn main() {
    let _ = shop();
}
