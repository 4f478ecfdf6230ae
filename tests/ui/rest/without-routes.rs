// `rest_api` configures the REST API that `rest(..)` routes create; this stack has none.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        rest_api { stage: "v1" }

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
