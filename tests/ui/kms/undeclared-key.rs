// The stack's `kms:` names a key the stack does not declare.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",
        kms: app_kye,

        key app_key { rotation: true }
    }
}

fn main() {
    let _ = shop();
}
