// A number too big for any type is out of `memory`'s range, not "not a whole number".
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        function api {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
            memory: 99999999999999999999999,
        }
    }
}

fn main() {
    let _ = shop();
}
