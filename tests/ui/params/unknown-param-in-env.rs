// A bare name in `env` must be a param of the stack.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",
        param alert_email { default: "ops@example.com" }

        function api {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
            env: { ALERTS_TO: alert_emial },
        }
    }
}

fn main() {
    let _ = shop();
}
