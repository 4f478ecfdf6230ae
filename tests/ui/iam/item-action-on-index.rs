// `dynamodb:PutItem` writes the table, not one of its indexes.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        table orders { hash_key: "id" }

        function worker {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
            allow: [dynamodb:PutItem on orders.index("by_date")],
        }
    }
}

fn main() {
    let _ = shop();
}
