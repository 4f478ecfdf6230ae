// A deprecated runtime is a warning (here denied, to show it): `python3.10` was deprecated on
// 2026-10-31 (`tests/ui.rs` pins the date to 2026-11-25).
#![deny(deprecated)]
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        function api {
            runtime: python3.10,
            handler: "app.handler",
            code: "functions/app",
        }
    }
}

fn main() {
    let _ = shop();
}
