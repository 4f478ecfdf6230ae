// `per_stage` in a stack that has no `stages`.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        function api {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
            memory: per_stage(dev: 256, prod: 1024),
        }
    }
}

fn main() {
    let _ = shop();
}
