// No file matches the pattern.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",
        include: ["infra/*.tf.yaml"],

        queue jobs {}
        topic alerts {}
    }
}

fn main() {
    let _ = shop();
}
