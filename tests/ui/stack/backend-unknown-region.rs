// The state bucket's region is checked too.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",
        backend: s3 { bucket: "acme-terraform-state", key: "shop.tfstate", region: "us-east-3" },

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
