// `jobs-extra` is named like what the stack generates for queue `jobs`.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",
        include: ["infra/clash.tf.json"],

        queue jobs {}
        topic alerts {}
    }
}

fn main() {
    let _ = shop();
}
