// A layer is a layer *version* ARN; this one has no version.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        function api {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
            layers: ["arn:aws:lambda:eu-west-3:123456789012:layer:pandas"],
        }
    }
}

fn main() {
    let _ = shop();
}
