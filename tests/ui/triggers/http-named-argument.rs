// `http` takes a method and a path, not named arguments.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        function api {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
            triggers: [http(GET "/orders", auth: iam)],
        }
    }
}

fn main() {
    let _ = shop();
}
