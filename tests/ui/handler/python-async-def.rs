// Lambda's Python runtime does not await an `async def` handler.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        function api {
            runtime: python3.12,
            handler: "async_app.handler",
            code: "functions/python",
        }
    }
}

fn main() {
    let _ = shop();
}
