// `cognito(..)` on the HTTP API, which checks Cognito tokens as JWTs.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        function items {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
            triggers: [http(GET "/items", auth: cognito("arn:aws:cognito-idp:eu-west-3:123456789012:userpool/eu-west-3_AbC"))],
        }

    }
}

fn main() {
    let _ = shop();
}
