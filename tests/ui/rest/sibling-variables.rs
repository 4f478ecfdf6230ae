// A REST API resource has one variable child: `{id}` and `{name}` under `/items`.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        function items {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
            triggers: [rest(GET "/items/{id}"), rest(DELETE "/items/{name}")],
        }
    }
}

fn main() {
    let _ = shop();
}
