// An authorizer cache longer than API Gateway keeps answers.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        function items {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
            triggers: [http(GET "/items", auth: lambda(gate, cache: 7200))],
        }

        function gate { runtime: python3.12, handler: "app.handler", code: "functions/app" }
    }
}

fn main() {
    let _ = shop();
}
