// `stream` is one of DynamoDB's view types (`new_image`, not `new_images`).
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        table orders { hash_key: "id", stream: new_images }

        function worker {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
        }
    }
}

fn main() {
    let _ = shop();
}
