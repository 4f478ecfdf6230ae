// A prebuilt zip whose `app.py` defines `main`, not `handler` (see scripts/make-prebuilt-zips.py).
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        function api {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/zips/no_function.zip",
        }
    }
}

fn main() {
    let _ = shop();
}
