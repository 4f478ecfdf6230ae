// `Handler` has `handleRequest`, not `handle`.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        function orders {
            runtime: java17,
            handler: "example.Handler::handle",
            code: "functions/java",
            build: maven,
        }
    }
}

fn main() {
    let _ = shop();
}
