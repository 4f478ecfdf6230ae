// `recursion:` is `allow` or `terminate`.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        function checkout {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
            recursion: alow,
        }
    }
}

fn main() {
    let _ = shop();
}
