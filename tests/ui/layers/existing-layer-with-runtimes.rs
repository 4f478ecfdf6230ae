// An existing layer version is used as it is: it takes no key that configures one the stack builds.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        layer shared { existing: "arn:aws:lambda:eu-west-3:123456789012:layer:shared:3", runtimes: [python3.12] }
    }
}

fn main() {
    let _ = shop();
}
