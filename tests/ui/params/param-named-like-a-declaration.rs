// A param and a declaration cannot share a name.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",
        queue jobs {}
        param jobs {}
    }
}

fn main() {
    let _ = shop();
}
