// A layer lists runtimes of two languages: its code cannot go in both folders.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        layer common { code: "layers/common", runtimes: [python3.12, nodejs22.x] }
    }
}

fn main() {
    let _ = shop();
}
