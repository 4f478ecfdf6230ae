// `renamed_from` must name a declaration that no longer exists.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        queue jobs {}
        topic alerts { renamed_from: jobs }
    }
}

fn main() {
    let _ = shop();
}
