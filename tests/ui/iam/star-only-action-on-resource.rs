// `xray:PutTraceSegments` has no resource type: it only works on `"*"`.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        bucket reports {}

        function api {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
            allow: [xray:PutTraceSegments on reports],
        }
    }
}

fn main() {
    let _ = shop();
}
