// A route path has no empty segment.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        function api {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
            triggers: [http(GET "/orders//items")],
        }
    }
}

fn main() {
    let _ = shop();
}
