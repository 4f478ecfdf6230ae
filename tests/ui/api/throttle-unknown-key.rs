// `burst_limit` is not a key of `throttle`: `burst` is.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        api { throttle: { rate: 100, burst_limit: 200 } }

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
