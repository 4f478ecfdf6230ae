// A stream trigger's record age limit is at least 60 s.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        table orders { hash_key: "id", stream: new_image }

        function audit {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
            triggers: [dynamodb(orders, max_age: 30)],
        }
    }
}

fn main() {
    let _ = shop();
}
