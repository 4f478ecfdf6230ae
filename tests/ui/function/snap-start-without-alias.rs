// SnapStart applies to published versions, which only `alias:` publishes.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        function quote {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
            snap_start: true,
        }
    }
}

fn main() {
    let _ = shop();
}
