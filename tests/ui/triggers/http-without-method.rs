// An `http` trigger has a method before its path.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        function api {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
            triggers: [http("/orders")],
        }
    }
}

fn main() {
    let _ = shop();
}
