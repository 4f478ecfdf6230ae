// `kms:` names the key a resource is encrypted with; a bucket is not one.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        bucket reports {}
        queue jobs { kms: reports }
    }
}

fn main() {
    let _ = shop();
}
