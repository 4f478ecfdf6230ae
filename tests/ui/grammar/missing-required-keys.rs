// A function without `handler` and `code`.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        function api {
            runtime: python3.12,
        }
    }
}

fn main() {
    let _ = shop();
}
