// A CORS origin is scheme and host: no trailing `/`.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        function api {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
            triggers: [url(auth: none, cors: { origins: ["https://shop.example.com/"] })],
        }
    }
}

fn main() {
    let _ = shop();
}
