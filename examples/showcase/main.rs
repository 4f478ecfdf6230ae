//! Everything the first release of the language offers, in one stack: Python, Node and a custom
//! runtime; a shared role and generated ones; sub-resources, key patterns, opted-in wildcards and
//! ARN literals in IAM statements; an existing bucket; tags; arm64; tracing; several routes.

use lambda_stack::prelude::*;

lambda_stack! {
    stack showcase {
        region: "eu-west-3",
        tags: { team: "data", "cost-center": "42" },

        bucket uploads {}
        bucket archive { existing: "acme-shared-archive" }

        role readers {
            managed: [AWSLambdaBasicExecutionRole],
            allow: [
                [s3:GetObject, s3:GetObjectTagging] on uploads.objects("in/*"),
                s3:ListBucket on uploads,
                wildcard(s3:Get*) on archive.objects,
            ],
        }

        /// Reads uploaded files and writes summaries.
        function ingest {
            runtime: python3.13,
            handler: "app.handler",
            code: "functions/ingest",
            memory: 512,
            timeout: 60,
            ephemeral_storage: 1024,
            log_retention: 731,
            role: readers,
            allow: [s3:PutObject on uploads.objects("out/*")],
            env: { UPLOADS: uploads.name, ARCHIVE: archive.name, GREETER: greeter.name, BATCH: 25 },
            triggers: [http(POST "/ingest", outlives_request: true), http(GET "/ingest/{id}", outlives_request: true)], // a minute's work: the request ends at 30 s, the work goes on
            exclude: ["tests/**"],
        }

        function greeter {
            runtime: nodejs22.x,
            handler: "index.handler",
            code: "functions/greeter",
            arch: arm64,
            tracing: active,
            description: "Says hello in the language asked for.",
            tags: { tier: "edge" },
            allow: [
                lambda:InvokeFunction on ingest,
                ssm:GetParameter on "arn:aws:ssm:eu-west-3:123456789012:parameter/showcase/*",
            ],
            triggers: [http(ANY "/greet/{proxy+}")],
        }

        function custom {
            runtime: provided.al2023,
            handler: "bootstrap",
            code: "functions/custom",
            memory: 128,
            timeout: 3,
        }
    }
}

fn main() -> lambda_stack::Result<()> {
    lambda_stack::App::new().stack(showcase()).run()
}
