// Policies under `/aws-service-role/` are only for service-linked roles.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        role worker {
            managed: [AWSLambdaReplicator],
        }

        function api {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
            role: worker,
        }
    }
}

fn main() {
    let _ = shop();
}
