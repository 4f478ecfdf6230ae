// `key` takes `rotation`, `deletion_window` and `existing`.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        key app_key { rotate: true }
    }
}

fn main() {
    let _ = shop();
}
