// `http` takes a method and a path, and only `auth:` and `outlives_request:` by name; a timeout
// belongs to the function.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        function api {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
            triggers: [http(GET "/orders", timeout: 60)],
        }
    }
}

fn main() {
    let _ = shop();
}
