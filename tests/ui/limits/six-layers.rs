// A function uses at most 5 layers.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        function api {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
            layers: [
                "arn:aws:lambda:eu-west-3:123456789012:layer:one:1",
                "arn:aws:lambda:eu-west-3:123456789012:layer:two:1",
                "arn:aws:lambda:eu-west-3:123456789012:layer:three:1",
                "arn:aws:lambda:eu-west-3:123456789012:layer:four:1",
                "arn:aws:lambda:eu-west-3:123456789012:layer:five:1",
                "arn:aws:lambda:eu-west-3:123456789012:layer:six:1",
            ],
        }
    }
}

fn main() {
    let _ = shop();
}
