// A stack name starts with a letter.
use lambda_stack::prelude::*;

lambda_stack! {
    stack _shop {
        region: "eu-west-3",

        function api {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
        }
    }
}

fn main() {
    let _ = _shop();
}
