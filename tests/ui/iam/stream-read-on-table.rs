// `dynamodb:GetRecords` reads a table's stream: write `orders.stream`.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        table orders { hash_key: "id", stream: new_image }

        function worker {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
            allow: [dynamodb:GetRecords on orders],
        }
    }
}

fn main() {
    let _ = shop();
}
