// KMS waits 7 to 30 days before deleting a key.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        key app_key { rotation: true, deletion_window: 3 }
    }
}

fn main() {
    let _ = shop();
}
