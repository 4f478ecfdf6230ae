// `assets` names the bucket big packages are uploaded to, but `jobs` is a queue.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",
        assets: jobs,

        queue jobs {}

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
