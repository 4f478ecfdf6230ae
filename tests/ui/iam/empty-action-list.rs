// A statement needs at least one action.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        bucket reports {}

        function api {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
            allow: [[] on reports.objects],
        }
    }
}

fn main() {
    let _ = shop();
}
