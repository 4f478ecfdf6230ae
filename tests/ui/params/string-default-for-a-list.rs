// A list param takes a list of strings.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",
        param subnets { type: list, default: "subnet-1" }
    }
}

fn main() {
    let _ = shop();
}
