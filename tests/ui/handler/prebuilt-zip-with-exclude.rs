// `exclude` beside a prebuilt zip, which is deployed as it is (see scripts/make-prebuilt-zips.py).
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        function api {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/zips/app.zip",
            exclude: ["tests"],
        }
    }
}

fn main() {
    let _ = shop();
}
