// An absolute path would not build on another machine.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        function api {
            runtime: python3.12,
            handler: "app.handler",
            code: "/srv/shop/functions/python",
        }
    }
}

fn main() {
    let _ = shop();
}
