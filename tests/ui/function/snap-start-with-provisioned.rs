// SnapStart and provisioned concurrency exclude each other.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        function quote {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
            alias: live,
            provisioned: 2,
            snap_start: true,
        }
    }
}

fn main() {
    let _ = shop();
}
