// A param is a string, a number or a list.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",
        param subnets { type: lists }
    }
}

fn main() {
    let _ = shop();
}
