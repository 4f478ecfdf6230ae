// `name:` must be a name Lambda accepts: no spaces.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        function api {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
            name: "legacy shop api",
        }
    }
}

fn main() {
    let _ = shop();
}
