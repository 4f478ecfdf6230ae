// Each stage's value is checked as if written alone: prod's memory is above Lambda's limit.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",
        stages: [dev, prod],

        function api {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
            memory: per_stage(dev: 256, prod: 20480),
        }
    }
}

fn main() {
    let _ = shop();
}
