// The class is `example.Handler`, not `example.Handlr`.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        function orders {
            runtime: java17,
            handler: "example.Handlr::handleRequest",
            code: "functions/java",
            build: maven,
        }
    }
}

fn main() {
    let _ = shop();
}
