// `sqs:SendMessage` applies to queues, and `orders` is a table.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        table orders { hash_key: "id" }

        function worker {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
            allow: [sqs:SendMessage on orders],
        }
    }
}

fn main() {
    let _ = shop();
}
