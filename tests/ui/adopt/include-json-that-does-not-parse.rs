// A trailing comma: the file is not JSON.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",
        include: ["infra/broken.tf.json"],

        queue jobs {}
        topic alerts {}
    }
}

fn main() {
    let _ = shop();
}
