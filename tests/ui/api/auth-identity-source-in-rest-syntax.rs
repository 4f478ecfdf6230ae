// An identity source in the REST API's syntax on the HTTP API.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        function items {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
            triggers: [http(GET "/items", auth: lambda(gate, identity: ["method.request.header.Authorization"]))],
        }

        function gate { runtime: python3.12, handler: "app.handler", code: "functions/app" }
    }
}

fn main() {
    let _ = shop();
}
