// A prebuilt zip that does not exist (`app.zip` does).
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        function api {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/zips/ap.zip",
        }
    }
}

fn main() {
    let _ = shop();
}
