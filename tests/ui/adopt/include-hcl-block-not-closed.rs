// The resource block is never closed.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",
        include: ["infra/unclosed.tf"],

        queue jobs {}
        topic alerts {}
    }
}

fn main() {
    let _ = shop();
}
