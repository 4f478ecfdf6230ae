// `orders.stream_arn` needs the table to declare `stream:`.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        table orders { hash_key: "id" }

        function worker {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
            env: { ORDERS_STREAM: orders.stream_arn },
        }
    }
}

fn main() {
    let _ = shop();
}
