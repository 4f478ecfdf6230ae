// `*.py` leaves out `app.py`, the handler's own module.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        function api {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
            exclude: ["tests/", "*.py"],
        }
    }
}

fn main() {
    let _ = shop();
}
