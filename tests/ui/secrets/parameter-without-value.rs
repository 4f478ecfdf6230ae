// An SSM parameter the stack creates needs its value.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        parameter flags {}
    }
}

fn main() {
    let _ = shop();
}
