//! Stack `event_pipeline`, migrated from CDK for Terraform
//! (`cdktf.out/stacks/event-pipeline/cdk.tf.json`) by `lambda-stack migrate-cdktf`. `cargo run` writes
//! it into `cdktf.out/stacks/event_pipeline/`.
//!
//! Before its first `terraform plan`, copy the CDKTF state to `terraform.event_pipeline.tfstate` beside
//! `cdktf.out/`: `cdktf/moved.tf.json` moves each resource CDKTF created to the address lambda-stack
//! gives it, so the plan replaces and destroys nothing. Delete that file (and its `include:`) once
//! every state CDKTF wrote has been applied.

use lambda_stack::prelude::*;
use serde_json::json;

lambda_stack! {
    stack event_pipeline {
        region: "eu-west-1",
        include: ["cdktf/moved.tf.json", "cdktf/untranslated.tf.json"],

        bucket uploads { name: "event-pipeline-uploads" }

        queue jobs { name: "jobs", visibility_timeout: 180, dead_letter: jobs_dlq, max_receive: 5 }
        queue jobs_dlq { name: "jobs-dlq", retention: 1209600 }

        table orders {
            name: "orders",
            hash_key: "id",
            range_key: "created_at",
            stream: new_and_old_images,
        }

        role auditor_role {
            name: "auditor-lambda-role",
            managed: [AWSLambdaBasicExecutionRole],
        }
        role ingest_role {
            name: "ingest-lambda-role",
            managed: [AWSLambdaBasicExecutionRole],
            allow: [s3:GetObject on uploads.objects, sqs:SendMessage on jobs],
        }
        role nightly_role {
            name: "nightly-lambda-role",
            managed: [AWSLambdaBasicExecutionRole],
            allow: [sqs:SendMessage on jobs],
        }
        role worker_role {
            name: "worker-lambda-role",
            managed: [AWSLambdaBasicExecutionRole],
            allow: [dynamodb:PutItem on orders],
        }

        // CDKTF kept these logs 14 days; lambda-stack keeps them 365 (checkov's CKV_AWS_338)
        function auditor {
            name: "auditor",
            runtime: python3.12,
            handler: "lambda_handler.handler",
            code: "functions/auditor",
            memory: 128,
            timeout: 30,
            env: { STAGE: "dev", TABLE_NAME: orders.name },
            role: auditor_role,
            triggers: [dynamodb(orders, start: trim_horizon, batch_size: 50)],
        }
        // CDKTF kept these logs 14 days; lambda-stack keeps them 365 (checkov's CKV_AWS_338)
        function ingest {
            name: "ingest",
            runtime: python3.12,
            handler: "lambda_handler.handler",
            code: "functions/ingest",
            memory: 256,
            timeout: 30,
            env: { QUEUE_URL: jobs.url, STAGE: "dev" },
            role: ingest_role,
            triggers: [s3(uploads, prefix: "incoming/", suffix: ".csv")],
        }
        // CDKTF kept these logs 14 days; lambda-stack keeps them 365 (checkov's CKV_AWS_338)
        function nightly {
            name: "nightly",
            runtime: python3.12,
            handler: "lambda_handler.handler",
            code: "functions/nightly",
            memory: 128,
            timeout: 60,
            env: { QUEUE_URL: jobs.url, STAGE: "dev" },
            role: nightly_role,
            triggers: [schedule("cron(0 3 * * ? *)")],
        }
        // CDKTF kept these logs 14 days; lambda-stack keeps them 365 (checkov's CKV_AWS_338)
        function worker {
            name: "worker",
            runtime: python3.12,
            handler: "lambda_handler.handler",
            code: "functions/worker",
            memory: 256,
            timeout: 30,
            env: { STAGE: "dev", TABLE_NAME: orders.name },
            role: worker_role,
            triggers: [sqs(jobs, batch_size: 10, window: 5, report_failures: true)],
        }
    }
}

/// `event_pipeline` with what CDKTF set that the declarations above do not say, kept as CDKTF
/// deployed it (`override_resource` deep-merges into a generated resource).
pub fn event_pipeline_as_deployed() -> lambda_stack::Stack {
    event_pipeline()
        // `name` stays CDKTF's: lambda-stack's "event_pipeline-nightly-schedule" would replace the rule
        .override_resource("aws_cloudwatch_event_rule", "nightly-schedule", json!({ "name": "nightly" }))
        // `target_id` stays CDKTF's: lambda-stack's "lambda" would replace the target
        .override_resource("aws_cloudwatch_event_target", "nightly-schedule", json!({ "target_id": "nightly" }))
        // `name` stays CDKTF's: lambda-stack's "event_pipeline-auditor" would replace the inline policy
        .override_resource("aws_iam_role_policy", "auditor", json!({ "name": "auditor-inline" }))
        // `name` stays CDKTF's: lambda-stack's "ingest-lambda-role" would replace the inline policy
        .override_resource("aws_iam_role_policy", "ingest_role", json!({ "name": "ingest-inline" }))
        // `name` stays CDKTF's: lambda-stack's "nightly-lambda-role" would replace the inline policy
        .override_resource("aws_iam_role_policy", "nightly_role", json!({ "name": "nightly-inline" }))
        // `name` stays CDKTF's: lambda-stack's "worker-lambda-role" would replace the inline policy
        .override_resource("aws_iam_role_policy", "worker_role", json!({ "name": "worker-inline" }))
        // `statement_id` stays CDKTF's: lambda-stack's "s3-uploads" would replace the permission
        .override_resource("aws_lambda_permission", "ingest-s3-uploads", json!({ "statement_id": "AllowS3Invoke" }))
        // `statement_id` stays CDKTF's: lambda-stack's "schedule" would replace the permission
        .override_resource(
            "aws_lambda_permission",
            "nightly-schedule",
            json!({ "statement_id": "AllowEventBridgeInvoke" }),
        )
}

fn main() -> lambda_stack::Result<()> {
    lambda_stack::App::new().stack(event_pipeline_as_deployed()).run()
}
