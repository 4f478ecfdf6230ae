// The state key is relative to the bucket.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",
        backend: s3 { bucket: "acme-terraform-state", key: "/shop.tfstate" },

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
