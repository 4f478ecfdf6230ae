// The exact name of a FIFO queue must end with `.fifo`.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        queue orders { fifo: true, name: "orders" }
    }
}

fn main() {
    let _ = shop();
}
