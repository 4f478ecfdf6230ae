// A Lambda authorizer that names a queue, not a function.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        function items {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
            triggers: [http(GET "/items", auth: lambda(jobs))],
        }

        queue jobs {}
    }
}

fn main() {
    let _ = shop();
}
