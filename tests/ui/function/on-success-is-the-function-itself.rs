// A function that sends its own results to itself would invoke itself for ever.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        function worker {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
            on_success: worker,
        }
    }
}

fn main() {
    let _ = shop();
}
