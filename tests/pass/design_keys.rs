// DESIGN §8.2's key, secret and parameter lines as written there: a customer-managed key, `kms:`
// on a function (its environment) and on the stack (log groups and everything else), an existing
// key by ARN, a secret and a parameter read through `.arn` and `allow`.
use lambda_stack::prelude::*;

lambda_stack! {
    stack vault {
        region: "eu-west-3",
        kms: app_key,

        key app_key { rotation: true }                     // customer-managed KMS key (or existing: "arn")
        key shared { existing: "arn:aws:kms:eu-west-3:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab" }
        secret db_password {}                              // Secrets Manager (value set outside), or existing
        parameter flags { value: "on" }                    // SSM String parameter, or existing
        queue jobs {}
        function worker {
            runtime: python3.12, handler: "lambda_handler.handler", code: "functions/hello",
            kms: app_key,                                  // env encryption; on queues/topics/tables/buckets/streams too
            env: { DB_SECRET: db_password.arn },
            allow: [secretsmanager:GetSecretValue on db_password, ssm:GetParameter on flags],
            triggers: [sqs(jobs)],
        }
        function auditor { runtime: python3.12, handler: "lambda_handler.handler", code: "functions/hello", kms: shared }
    }
}

fn main() {
    let stack = vault();
    assert_eq!(stack.check().problems, Vec::new());
    let template = lambda_stack::testing::Template::synth(&stack).expect("the stack synthesizes");
    let worker = template.resource("aws_lambda_function", "worker").expect("the function");
    assert_eq!(worker["kms_key_arn"], "${aws_kms_key.app_key.arn}");
    assert_eq!(template.resource("aws_sqs_queue", "jobs").unwrap()["kms_master_key_id"], "${aws_kms_key.app_key.arn}");
    assert_eq!(template.resource("aws_kms_alias", "app_key").unwrap()["name"], "alias/vault-app_key");
}
