// A stack names its region.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
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
