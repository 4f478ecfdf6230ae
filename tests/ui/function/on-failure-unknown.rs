// A destination that names no declaration (a typo of `failed`).
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        queue failed {}
        function worker {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
            on_failure: faild,
        }
    }
}

fn main() {
    let _ = shop();
}
