// `iam` takes no arguments: `cache:` belongs to a Lambda authorizer.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        function items {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
            triggers: [http(GET "/items", auth: iam(cache: 60))],
        }

    }
}

fn main() {
    let _ = shop();
}
