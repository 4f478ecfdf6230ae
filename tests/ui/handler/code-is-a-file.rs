// `code` names a directory, not the handler's file.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        function api {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/python/app.py",
        }
    }
}

fn main() {
    let _ = shop();
}
