//! Stack `hello_lambda`, migrated from CDK for Terraform (`cdktf.out/stacks/hello-lambda/cdk.tf.json`)
//! by `lambda-stack migrate-cdktf`. `cargo run` writes it into `cdktf.out/stacks/hello_lambda/`.
//!
//! Before its first `terraform plan`, copy the CDKTF state to `terraform.hello_lambda.tfstate` beside
//! `cdktf.out/`: `cdktf/moved.tf.json` moves each resource CDKTF created to the address lambda-stack
//! gives it, so the plan replaces and destroys nothing. Delete that file (and its `include:`) once
//! every state CDKTF wrote has been applied.

use lambda_stack::prelude::*;
use serde_json::json;

lambda_stack! {
    stack hello_lambda {
        region: "eu-west-1",
        include: ["cdktf/moved.tf.json", "cdktf/untranslated.tf.json"],

        role hello_role {
            name: "hello-lambda-role",
            managed: [AWSLambdaBasicExecutionRole],
            allow: [s3:GetObject on "arn:aws:s3:::my-course-data-bucket/*"],
        }

        // CDKTF kept these logs 14 days; lambda-stack keeps them 365 (checkov's CKV_AWS_338)
        function hello {
            name: "hello",
            runtime: python3.12,
            handler: "lambda_handler.handler",
            code: "functions/hello",
            memory: 256,
            timeout: 10,
            env: { BUCKET_NAME: "my-course-data-bucket", STAGE: "dev" },
            role: hello_role,
            triggers: [http(GET "/hello")],
        }
    }
}

/// `hello_lambda` with what CDKTF set that the declarations above do not say, kept as CDKTF
/// deployed it (`override_resource` deep-merges into a generated resource).
pub fn hello_lambda_as_deployed() -> lambda_stack::Stack {
    hello_lambda()
        // `name` stays CDKTF's (lambda-stack writes "hello_lambda")
        .override_resource("aws_apigatewayv2_api", "http-api", json!({ "name": "hello-api" }))
        // `name` stays CDKTF's: lambda-stack's "hello-lambda-role" would replace the inline policy
        .override_resource("aws_iam_role_policy", "hello_role", json!({ "name": "hello-s3-read" }))
        // `source_arn` stays CDKTF's: lambda-stack's
        // "${aws_apigatewayv2_api.http-api.execution_arn}/*/GET/hello" would replace the permission;
        // `statement_id` stays CDKTF's: lambda-stack's "http-get-hello" would replace the permission
        .override_resource(
            "aws_lambda_permission",
            "hello-get-hello",
            json!({
                "source_arn": "${aws_apigatewayv2_api.http-api.execution_arn}/*/*",
                "statement_id": "AllowAPIGatewayInvoke",
            }),
        )
}

fn main() -> lambda_stack::Result<()> {
    lambda_stack::App::new().stack(hello_lambda_as_deployed()).run()
}
