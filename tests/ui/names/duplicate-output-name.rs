// Function `alerts_topic` and topic `alerts` would both write the Terraform output `alerts_topic_arn`.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        topic alerts {}

        function alerts_topic {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
        }
    }
}

fn main() {
    let _ = shop();
}
