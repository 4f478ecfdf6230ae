// A prebuilt zip whose `bootstrap` has mode 0644: Lambda deploys the zip's own modes (see scripts/make-prebuilt-zips.py).
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        function api {
            runtime: provided.al2023,
            handler: "bootstrap",
            code: "functions/zips/bootstrap_not_executable.zip",
        }
    }
}

fn main() {
    let _ = shop();
}
