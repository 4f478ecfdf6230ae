// A stage name holds letters, digits, `-` and `_`; `v.1` has a dot.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        rest_api { stage: "v.1" }

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
