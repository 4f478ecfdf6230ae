// `per_stage` must give every stage a value, or `_` for the others: prod has none.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",
        stages: [dev, prod],

        function api {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
            memory: per_stage(dev: 256),
        }
    }
}

fn main() {
    let _ = shop();
}
