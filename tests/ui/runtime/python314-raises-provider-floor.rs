// A runtime older `hashicorp/aws` releases reject is a note (here denied, to show it): every 5.x
// provider fails `terraform validate` on `python3.14`, so the output requires 6.20.0 or later.
#![deny(deprecated)]
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        function api {
            runtime: python3.14,
            handler: "app.handler",
            code: "functions/app",
        }
    }
}

fn main() {
    let _ = shop();
}
