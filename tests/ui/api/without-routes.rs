// `api` configures the HTTP API that `http(..)` routes create; this stack has none.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        api { throttle: { rate: 100 } }

    }
}

fn main() {
    let _ = shop();
}
