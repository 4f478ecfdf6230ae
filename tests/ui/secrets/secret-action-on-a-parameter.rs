// `secretsmanager:GetSecretValue` acts on secrets; `flags` is an SSM parameter.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        parameter flags { value: "on" }
        function api {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
            allow: [secretsmanager:GetSecretValue on flags],
        }
    }
}

fn main() {
    let _ = shop();
}
