// A function's `dead_letter` names a declaration of the stack.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        queue failures {}

        function worker {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
            dead_letter: failure,
        }
    }
}

fn main() {
    let _ = shop();
}
