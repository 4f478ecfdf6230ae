// Every key of the language at once, and every number at a limit of its range: two functions
// share a role, a third gets its own generated role.
use lambda_stack::prelude::*;

lambda_stack! {
    /// A stack that uses every key.
    stack everything {
        region: "eu-west-3",
        account_concurrency: 1000000,
        tags: { team: "data", "cost-center": "42" },
        backend: s3 {
            bucket: "acme-terraform-state",
            key: "stacks/everything.tfstate",
            region: "eu-west-1",
            encrypt: true,
        },

        bucket reports {}

        bucket archive {
            existing: "acme-archive",
        }

        role shared {
            managed: [AWSLambdaBasicExecutionRole, "arn:aws:iam::123456789012:policy/acme-read-config"],
            allow: [
                [s3:GetObject, s3:PutObject] on reports.objects("in/*"),
                s3:ListBucket on reports,
                wildcard(s3:Get*) on reports.objects,
                s3:GetObject on archive.objects,
                sqs:SendMessage on "arn:aws:sqs:eu-west-3:123456789012:jobs",
            ],
        }

        /// The lower end of every range.
        function smallest {
            runtime: python3.13,
            handler: "lambda_handler.handler",
            code: "functions/hello",
            memory: 128,
            timeout: 1,
            ephemeral_storage: 512,
            log_retention: 1,
            // 0 is legal: it keeps the function from running at all.
            reserved_concurrency: 0,
            role: shared,
            arch: arm64,
            tracing: active,
            triggers: [http(GET "/small"), http(ANY "/small/{proxy+}")],
        }

        function largest {
            runtime: python3.12,
            handler: "lambda_handler.handler",
            code: "functions/hello",
            memory: 10240,
            timeout: 900,
            ephemeral_storage: 10240,
            log_retention: 3653,
            reserved_concurrency: 999900,
            role: shared,
            arch: x86_64,
            tracing: pass_through,
            layers: [
                "arn:aws:lambda:eu-west-3:123456789012:layer:layer1:1",
                "arn:aws:lambda:eu-west-3:123456789012:layer:layer2:2",
                "arn:aws:lambda:eu-west-3:123456789012:layer:layer3:3",
                "arn:aws:lambda:eu-west-3:123456789012:layer:layer4:4",
                "arn:aws:lambda:eu-west-3:123456789012:layer:layer5:5",
            ],
            description: "Summarizes the orders of the day into reports: xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
            env: { REPORTS_BUCKET: reports.name, ARCHIVE_ARN: archive.arn, PEER: smallest.name, MODE: "batch" },
            tags: { tier: "batch" },
            exclude: ["*.pyc", "tests/**"],
        }

        /// Without `role:`, this function gets its own role.
        function own_role {
            runtime: python3.12,
            handler: "lambda_handler.handler",
            code: "functions/hello",
            allow: [
                s3:PutObject on reports.objects("out/*"),
                lambda:InvokeFunction on largest,
            ],
            triggers: [http(DELETE "/reports/{id}")],
        }
    }
}

fn main() {
    let out = lambda_stack::synth::synthesize(&everything()).expect("the stack synthesizes");
    for function in ["smallest", "largest", "own_role"] {
        assert!(out.document.resource("aws_lambda_function", function).is_some(), "{function}");
    }
    assert!(out.document.resource("aws_iam_role", "shared").is_some());
    assert!(out.document.resource("aws_iam_role", "own_role").is_some());
}
