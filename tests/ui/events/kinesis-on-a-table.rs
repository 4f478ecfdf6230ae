// `kinesis(..)` reads a Kinesis stream; `orders` is a table.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        table orders { hash_key: "id", stream: new_image }

        function worker {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
            triggers: [kinesis(orders)],
        }
    }
}

fn main() {
    let _ = shop();
}
