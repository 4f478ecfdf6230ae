// `region` is a string; the wrong kind is not also reported as a missing region.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: eu_west_3,

        function api {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
        }
    }
}

fn main() {
    let _ = shop();
}
