// The HTTP API's CORS: `*` with credentials, which browsers refuse.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        api { cors: { origins: ["*"], credentials: true } }

        function items {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
            triggers: [http(GET "/items")],
        }
    }
}

fn main() {
    let _ = shop();
}
