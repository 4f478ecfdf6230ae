// HTTP methods are written in capitals.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        function api {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
            triggers: [http(get "/orders")],
        }
    }
}

fn main() {
    let _ = shop();
}
