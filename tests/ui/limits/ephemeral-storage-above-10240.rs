// `/tmp` is at most 10240 MB.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        function api {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
            ephemeral_storage: 20480,
        }
    }
}

fn main() {
    let _ = shop();
}
