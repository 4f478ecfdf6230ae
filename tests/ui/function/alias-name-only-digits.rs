// An alias of digits only would read as a version number.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        function checkout {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
            alias: "12",
        }
    }
}

fn main() {
    let _ = shop();
}
