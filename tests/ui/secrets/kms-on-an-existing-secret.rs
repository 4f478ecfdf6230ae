// An existing secret is encrypted however its owner set it up.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        key app_key {}
        secret db_password { existing: "prod/db_password", kms: app_key }
    }
}

fn main() {
    let _ = shop();
}
