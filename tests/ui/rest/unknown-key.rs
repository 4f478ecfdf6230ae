// `stages` is not a key of `rest_api`; `stage` is.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        rest_api { stages: "v1" }

        function items {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
            triggers: [rest(GET "/items")],
        }
    }
}

fn main() {
    let _ = shop();
}
