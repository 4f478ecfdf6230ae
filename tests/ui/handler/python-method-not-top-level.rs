// A method of a class is not a top-level function.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        function api {
            runtime: python3.12,
            handler: "nested.handler",
            code: "functions/python",
        }
    }
}

fn main() {
    let _ = shop();
}
