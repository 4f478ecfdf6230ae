// Maven builds a jar, which Node.js does not run.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        function orders {
            runtime: nodejs22.x,
            handler: "index.handler",
            code: "functions/java",
            build: maven,
        }
    }
}

fn main() {
    let _ = shop();
}
