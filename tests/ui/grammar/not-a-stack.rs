// The macro's input starts with `stack`.
use lambda_stack::prelude::*;

lambda_stack! {
    stak shop {
        region: "eu-west-3",
    }
}

fn main() {}
