//! KMS keys: `key NAME { rotation, deletion_window }` and `kms:` on the stack (its log groups and
//! everything it owns) and on functions, queues, topics, tables, buckets and streams; the key's
//! policy lets CloudWatch Logs encrypt the stack's log groups, and each function's role gets
//! `kms:Decrypt` (and `kms:GenerateDataKey` where it may write) on the keys of what it touches.
//! Validated by the real Terraform CLI and applied into the emulator.

use lambda_stack::prelude::*;
use serde_json::{json, Value};

mod support;

lambda_stack! {
    stack vault {
        region: "us-east-1",
        kms: app_key,

        key app_key { rotation: true }
        key archive_key { rotation: true, deletion_window: 7 }
        key shared { existing: "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab" }

        queue jobs {}
        topic alerts {}
        table orders { hash_key: "id", stream: new_image }
        bucket archive { kms: archive_key }
        stream clicks { kms: archive_key }
        secret db_password {}
        parameter flags { value: "on" }

        function worker {
            runtime: python3.12,
            handler: "lambda_handler.handler",
            code: "../examples/hello/functions/hello",
            env: { ALERTS: alerts.arn, DB_SECRET: db_password.arn, FLAGS: flags.name },
            triggers: [sqs(jobs)],
            allow: [
                s3:PutObject on archive.objects,
                secretsmanager:GetSecretValue on db_password,
                ssm:GetParameter on flags,
            ],
        }

        function auditor {
            runtime: python3.12,
            handler: "lambda_handler.handler",
            code: "../examples/hello/functions/hello",
            kms: shared,
            env: { MODE: "audit" },
        }
    }
}

fn synthesized() -> (tempfile::TempDir, std::path::PathBuf, Value) {
    let out = tempfile::tempdir().unwrap();
    lambda_stack::App::new().stack(vault()).synth(out.path()).unwrap();
    let dir = out.path().join("stacks/vault");
    let doc: Value = serde_json::from_slice(&std::fs::read(dir.join("cdk.tf.json")).unwrap()).unwrap();
    (out, dir, doc)
}

#[test]
fn keys_encrypt_what_names_them_and_the_stack_key_everything_else() {
    let (_out, dir, doc) = synthesized();
    let resources = &doc["resource"];
    let app_key = "${aws_kms_key.app_key.arn}";
    let archive_key = "${aws_kms_key.archive_key.arn}";

    let key = &resources["aws_kms_key"]["app_key"];
    assert_eq!(key["enable_key_rotation"], true);
    assert_eq!(key["deletion_window_in_days"], 30, "KMS's default window unless one is written");
    assert_eq!(resources["aws_kms_key"]["archive_key"]["deletion_window_in_days"], 7);
    assert!(resources["aws_kms_key"].get("shared").is_none(), "an existing key is not created");
    assert_eq!(resources["aws_kms_alias"]["app_key"]["name"], "alias/vault-app_key");
    assert_eq!(resources["aws_kms_alias"]["app_key"]["target_key_id"], "${aws_kms_key.app_key.key_id}");

    // The stack key's policy: the account administers it, CloudWatch Logs encrypts its log groups.
    let policy: Value = serde_json::from_str(key["policy"].as_str().unwrap()).unwrap();
    let statements = policy["Statement"].as_array().unwrap();
    assert_eq!(statements[0]["Principal"]["AWS"], "arn:aws:iam::${data.aws_caller_identity.current.account_id}:root");
    assert_eq!(statements[1]["Principal"]["Service"], "logs.us-east-1.amazonaws.com");
    assert_eq!(
        statements[1]["Condition"]["ArnLike"]["kms:EncryptionContext:aws:logs:arn"],
        "arn:aws:logs:us-east-1:${data.aws_caller_identity.current.account_id}:log-group:*"
    );
    let archive_policy: Value =
        serde_json::from_str(resources["aws_kms_key"]["archive_key"]["policy"].as_str().unwrap()).unwrap();
    assert_eq!(archive_policy["Statement"].as_array().unwrap().len(), 1, "no log group uses the archive key");

    // Each resource: its own key, else the stack's.
    assert_eq!(resources["aws_cloudwatch_log_group"]["worker"]["kms_key_id"], app_key);
    assert_eq!(resources["aws_lambda_function"]["worker"]["kms_key_arn"], app_key);
    assert_eq!(
        resources["aws_lambda_function"]["auditor"]["kms_key_arn"],
        "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
    );
    let queue = &resources["aws_sqs_queue"]["jobs"];
    assert_eq!(queue["kms_master_key_id"], app_key);
    assert!(queue.get("sqs_managed_sse_enabled").is_none(), "the provider refuses both: {queue}");
    assert_eq!(resources["aws_sns_topic"]["alerts"]["kms_master_key_id"], app_key);
    assert_eq!(
        resources["aws_dynamodb_table"]["orders"]["server_side_encryption"],
        json!([{ "enabled": true, "kms_key_arn": app_key }])
    );
    assert_eq!(resources["aws_kinesis_stream"]["clicks"]["kms_key_id"], archive_key);
    assert_eq!(
        resources["aws_s3_bucket_server_side_encryption_configuration"]["archive"]["rule"],
        json!([{
            "apply_server_side_encryption_by_default": [{ "sse_algorithm": "aws:kms", "kms_master_key_id": archive_key }],
            "bucket_key_enabled": true,
        }])
    );

    // A secret (its value set outside Terraform) with the stack key, and a parameter.
    assert_eq!(
        resources["aws_secretsmanager_secret"]["db_password"],
        json!({ "//": resources["aws_secretsmanager_secret"]["db_password"]["//"], "name": "vault-db_password", "kms_key_id": app_key })
    );
    assert!(resources.get("aws_secretsmanager_secret_version").is_none(), "the value stays out of the state");
    let flags = &resources["aws_ssm_parameter"]["flags"];
    assert_eq!(
        (&flags["name"], &flags["type"], &flags["value"]),
        (&json!("/vault/flags"), &json!("String"), &json!("on"))
    );
    let env = &resources["aws_lambda_function"]["worker"]["environment"]["variables"];
    assert_eq!(env["DB_SECRET"], "${aws_secretsmanager_secret.db_password.arn}");
    assert_eq!(env["FLAGS"], "${aws_ssm_parameter.flags.name}");

    // The roles: reading the queue and the environment needs the stack key; writing objects the
    // archive key too.
    let worker: Value =
        serde_json::from_str(resources["aws_iam_role_policy"]["worker"]["policy"].as_str().unwrap()).unwrap();
    let worker = worker["Statement"].as_array().unwrap();
    assert!(
        worker.contains(&json!({
            "Action": "secretsmanager:GetSecretValue",
            "Effect": "Allow",
            "Resource": "${aws_secretsmanager_secret.db_password.arn}",
        })),
        "{worker:#?}"
    );
    assert!(
        worker.contains(&json!({
            "Action": ["kms:Decrypt", "kms:GenerateDataKey"],
            "Effect": "Allow",
            "Resource": app_key,
        })),
        "reading the queue and the secret needs the stack key: {worker:#?}"
    );
    assert!(
        worker.contains(&json!({
            "Action": ["kms:Decrypt", "kms:GenerateDataKey"],
            "Effect": "Allow",
            "Resource": archive_key,
        })),
        "{worker:#?}"
    );

    support::shared_tool("tf-validate", &dir);

    let what = "the KMS stack in the emulator";
    let Some(report) = support::emulator_driver(what, "apply_side_by_side.py", &[dir.as_os_str()]) else { return };
    let applied = &report["vault"];
    assert_eq!(applied["key_aliases"], json!(["alias/vault-app_key", "alias/vault-archive_key"]), "{report:#}");
    let worker_key = applied["functions"]["vault-worker"]["kms_key_arn"].as_str().unwrap_or_default();
    assert!(worker_key.starts_with("arn:aws:kms:us-east-1:"), "{report:#}");
    // No `plan_exit_code` check: the emulator does not keep a bucket notification's
    // `eventbridge`, so the plan after the apply always shows that one change (checked by hand:
    // it is the only one, and it comes with any owned bucket, encrypted or not).
}

#[test]
fn the_builders_reach_the_same_verdicts() {
    use lambda_stack::{KmsKey, Queue, Stack};
    let stack = Stack::new("vault")
        .region("us-east-1")
        .key(KmsKey::new("app_key").deletion_window(3))
        .bucket(lambda_stack::Bucket::new("archive"))
        .queue(Queue::new("jobs").kms("archive"))
        .parameter(lambda_stack::SsmParameter::new("flags"))
        .kms("app_kye");
    let messages: Vec<String> = stack.check().problems.into_iter().map(|p| p.message).collect();
    assert_eq!(
        messages,
        [
            "`deletion_window` must be between 7 and 30 days, found 3",
            "no declaration named `app_kye` in stack `vault`; did you mean `app_key`?",
            "`kms` takes a `key`, but `archive` is a bucket; declare one with `key archive_key { rotation: true }` and write `kms: archive_key`",
            "parameter `flags` has no `value`; write `parameter flags { value: \"..\" }`, or `existing: \"NAME\"` for one set outside the stack",
        ]
    );
}
