// `role:` names a role of the stack.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        role worker {}

        function api {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
            role: wroker,
        }
    }
}

fn main() {
    let _ = shop();
}
