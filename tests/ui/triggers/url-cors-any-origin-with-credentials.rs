// CORS: `*` as the origin with credentials, which browsers refuse.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        function api {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
            triggers: [url(auth: none, cors: { origins: ["*"], credentials: true })],
        }
    }
}

fn main() {
    let _ = shop();
}
