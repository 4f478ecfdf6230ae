// Seven role ARNs (up to 615 bytes each once deployed) exceed Lambda's 4 KB for all variables.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        role worker {}

        function api {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
            env: {
                ROLE_1: worker.arn,
                ROLE_2: worker.arn,
                ROLE_3: worker.arn,
                ROLE_4: worker.arn,
                ROLE_5: worker.arn,
                ROLE_6: worker.arn,
                ROLE_7: worker.arn,
            },
        }
    }
}

fn main() {
    let _ = shop();
}
