// A function that authorizes its own route.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        function items {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
            triggers: [http(GET "/items", auth: lambda(items))],
        }

    }
}

fn main() {
    let _ = shop();
}
