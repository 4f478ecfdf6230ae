// A layer lists a runtime Lambda does not have.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        layer common { code: "layers/common", runtimes: [python3.21] }
    }
}

fn main() {
    let _ = shop();
}
