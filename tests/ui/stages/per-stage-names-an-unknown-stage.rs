// `per_stage` names a stage the stack does not list (a typo of `prod`).
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",
        stages: [dev, prod],

        function api {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
            memory: per_stage(dev: 256, prd: 1024, _: 512),
        }
    }
}

fn main() {
    let _ = shop();
}
