// Lambda calls a Python handler with `(event, context)`.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        function api {
            runtime: python3.12,
            handler: "one_param.handler",
            code: "functions/python",
        }
    }
}

fn main() {
    let _ = shop();
}
