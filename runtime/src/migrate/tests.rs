//! Unit tests of the migration: reading CDKTF's JSON, translating, pairing, writing the source.

use super::cdktf::{leading_reference, literal, pieces, references_in, rewrite_text, Piece, Reference};
use crate::terraform::Address;

#[test]
fn references_are_found_in_templates_and_json_strings() {
    let policy = r#"{"Resource": ["${aws_s3_bucket.uploads.arn}/*", "${aws_sqs_queue.jobs-dlq.arn}"]}"#;
    assert_eq!(
        references_in(policy),
        vec![Reference::new("aws_s3_bucket", "uploads", "arn"), Reference::new("aws_sqs_queue", "jobs-dlq", "arn")]
    );
    assert_eq!(references_in("${var.stage}-${local.x}"), vec![]);
    assert_eq!(
        references_in("${data.aws_region.current.name}"),
        vec![Reference::new("data.aws_region", "current", "name")]
    );
    assert_eq!(literal("$${not} a reference"), Some("${not} a reference".into()));
    assert_eq!(literal("${aws_x.y.z}"), None);
    let (reference, rest) = leading_reference("${aws_apigatewayv2_api.http-api.execution_arn}/*/*").unwrap();
    assert_eq!((reference.address.to_string().as_str(), rest.as_str()), ("aws_apigatewayv2_api.http-api", "/*/*"));
    assert!(leading_reference("${element(aws_x.y.z, 0)}").is_none(), "a call is not one reference");
    assert!(matches!(pieces("%{if x}a%{endif}").as_slice(), [Piece::Expr { directive: true, .. }, ..]));
}

#[test]
fn rewriting_moves_addresses_and_leaves_text_alone() {
    let moves = std::collections::BTreeMap::from([
        (Address::new("aws_iam_role", "r_1"), Address::new("aws_iam_role", "hello_role")),
        (Address::new("aws_s3_bucket", "b"), Address::new("aws_s3_bucket", "uploads")),
    ]);
    assert_eq!(
        rewrite_text("aws_iam_role.r_1 ${aws_iam_role.r_1.arn}", &moves),
        "aws_iam_role.r_1 ${aws_iam_role.hello_role.arn}"
    );
    assert_eq!(
        rewrite_text("${format(\"%s/*\", aws_s3_bucket.b.arn)}:${aws_s3_bucket.bb.arn}", &moves),
        "${format(\"%s/*\", aws_s3_bucket.uploads.arn)}:${aws_s3_bucket.bb.arn}"
    );
}

use std::path::PathBuf;

use serde_json::{json, Value};

use super::translate::identifier;
use super::{migrate_cdktf, Options, Report};

#[test]
fn names_become_identifiers() {
    assert_eq!(identifier("event-pipeline"), "event_pipeline");
    assert_eq!(identifier("ingest/role"), "ingest_role");
    assert_eq!(identifier("Jobs--DLQ"), "jobs_dlq");
    assert_eq!(identifier("1st"), "n_1st");
    assert_eq!(identifier("type"), "type_");
    assert_eq!(identifier("//"), "resource");
}

const LAMBDA_TRUST: &str = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}]}"#;

/// A CDKTF stack folder holding `resources` (and one Python asset, `assets/hello`), like
/// `cdktf.out/stacks/demo/`.
fn cdktf_stack(resources: Value) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let stack = dir.path().join("cdktf.out/stacks/demo");
    std::fs::create_dir_all(stack.join("assets/hello")).unwrap();
    std::fs::write(stack.join("assets/hello/lambda_handler.py"), "def handler(event, context):\n    return {}\n")
        .unwrap();
    let document = json!({
        "//": { "metadata": { "stackName": "demo", "version": "0.21.0" } },
        "provider": { "aws": [{ "region": "eu-west-1" }] },
        "resource": resources,
        "terraform": { "required_providers": { "aws": { "source": "aws", "version": "6.25.0" } } },
    });
    let path = stack.join("cdk.tf.json");
    std::fs::write(&path, serde_json::to_string_pretty(&document).unwrap()).unwrap();
    (dir, path)
}

/// A function `hello` with its role and log group, CDKTF-style.
fn hello(handler: &str) -> Value {
    json!({
        "aws_iam_role": { "hello-role": { "name": "hello-lambda-role", "assume_role_policy": LAMBDA_TRUST } },
        "aws_cloudwatch_log_group": { "hello-logs": { "name": "/aws/lambda/hello", "retention_in_days": 14 } },
        "aws_lambda_function": { "hello-fn": {
            "function_name": "hello",
            "role": "${aws_iam_role.hello-role.arn}",
            "runtime": "python3.12",
            "handler": handler,
            "filename": "assets/hello",
            "source_code_hash": "ABC",
            "depends_on": ["aws_cloudwatch_log_group.hello-logs"],
        }},
    })
}

fn with(mut base: Value, more: Value) -> Value {
    for (kind, named) in more.as_object().unwrap() {
        let into = base.as_object_mut().unwrap().entry(kind.clone()).or_insert(json!({}));
        for (name, body) in named.as_object().unwrap() {
            into[name] = body.clone();
        }
    }
    base
}

fn run(resources: Value) -> (tempfile::TempDir, Report) {
    let (dir, path) = cdktf_stack(resources);
    let out = dir.path().join("out");
    let report = migrate_cdktf(&path, &Options { out, force: false }).unwrap_or_else(|e| panic!("{e}"));
    (dir, report)
}

fn read(dir: &tempfile::TempDir, file: &str) -> String {
    std::fs::read_to_string(dir.path().join("out").join(file)).unwrap_or_else(|e| panic!("{file}: {e}"))
}

fn json_file(dir: &tempfile::TempDir, file: &str) -> Value {
    serde_json::from_str(&read(dir, file)).unwrap()
}

#[test]
fn a_function_with_its_role_and_logs_is_taken_over_and_moved() {
    let (dir, report) = run(hello("lambda_handler.handler"));
    assert_eq!((report.cdktf_resources, report.taken_over), (3, 3), "{report}");
    let moved = json_file(&dir, "cdktf/moved.tf.json");
    assert!(moved["moved"].as_array().unwrap().contains(&json!({
        "from": "aws_lambda_function.hello-fn", "to": "aws_lambda_function.hello"
    })));
    let source = read(&dir, "main.rs");
    assert!(source.contains("role hello_role {\n            name: \"hello-lambda-role\",\n        }"), "{source}");
    assert!(source.contains("name: \"hello\",\n            runtime: python3.12,"), "{source}");
    assert!(source.contains("// CDKTF kept these logs 14 days"), "{source}");
    assert_eq!(read(&dir, "functions/hello/lambda_handler.py"), "def handler(event, context):\n    return {}\n");
    // A function keeps its AWS name; the log retention is raised, not kept.
    let function = &report.document["resource"]["aws_lambda_function"]["hello"];
    assert_eq!(function["function_name"], "hello");
    assert_eq!(report.document["resource"]["aws_cloudwatch_log_group"]["hello"]["retention_in_days"], 365);
    assert!(report.updates.values().flatten().any(|u| u.argument == "retention_in_days" && u.before == "14"));
}

#[test]
fn a_function_the_checker_refuses_is_kept_as_written_with_the_checkers_words() {
    let (dir, report) = run(hello("missing.handler"));
    let untranslated = json_file(&dir, "cdktf/untranslated.tf.json");
    let function = &untranslated["resource"]["aws_lambda_function"]["hello-fn"];
    let why = function["//"].as_str().unwrap();
    assert!(why.contains("lambda-stack refused what it became") && why.contains("missing.py"), "{why}");
    // Its role is still a declaration, and the kept function points at it.
    assert_eq!(function["role"], "${aws_iam_role.hello_role.arn}");
    assert!(untranslated["resource"]["aws_cloudwatch_log_group"].get("hello-logs").is_some(), "{untranslated:#}");
    assert_eq!(report.taken_over, 1, "{report}");
    assert!(!dir.path().join("out/functions/hello").exists(), "no code folder for a function kept as written");
}

#[test]
fn a_resource_lambda_stack_does_not_declare_is_kept_off_the_generated_names() {
    let alarm = json!({ "aws_cloudwatch_metric_alarm": { "hello-errors": {
        "alarm_name": "hello-errors",
        "dimensions": { "FunctionName": "${aws_lambda_function.hello-fn.function_name}" },
    }}});
    let (dir, report) = run(with(hello("lambda_handler.handler"), alarm));
    let untranslated = json_file(&dir, "cdktf/untranslated.tf.json");
    // `hello-errors` reads as a resource generated for function `hello`, which `include:` refuses.
    let kept = &untranslated["resource"]["aws_cloudwatch_metric_alarm"]["cdktf_hello-errors"];
    assert_eq!(kept["dimensions"]["FunctionName"], "${aws_lambda_function.hello.function_name}");
    assert!(kept["//"].as_str().unwrap().contains("no declaration for `aws_cloudwatch_metric_alarm`"));
    let moved = json_file(&dir, "cdktf/moved.tf.json");
    assert!(moved["moved"].as_array().unwrap().contains(&json!({
        "from": "aws_cloudwatch_metric_alarm.hello-errors", "to": "aws_cloudwatch_metric_alarm.cdktf_hello-errors"
    })));
    assert!(report
        .to_string()
        .contains("aws_cloudwatch_metric_alarm.cdktf_hello-errors (was aws_cloudwatch_metric_alarm.hello-errors)"));
}

#[test]
fn inline_bucket_settings_are_imported_into_the_resources_lambda_stack_writes() {
    let (dir, report) = run(json!({ "aws_s3_bucket": { "data": {
        "bucket": "demo-data",
        "versioning": { "enabled": true },
        "tags": { "team": "data" },
    }}}));
    let moved = json_file(&dir, "cdktf/moved.tf.json");
    assert_eq!(moved["import"], json!([{ "to": "aws_s3_bucket_versioning.data", "id": "demo-data" }]));
    assert_eq!(moved["terraform"]["required_version"], ">= 1.5.0");
    assert!(!report.created.iter().any(|a| a.kind == "aws_s3_bucket_versioning"), "imported, not created");
    // The inline block is not put back on the bucket; the tags no key declares are.
    let bucket = &report.document["resource"]["aws_s3_bucket"]["data"];
    assert!(bucket.get("versioning").is_none(), "{bucket}");
    assert_eq!(bucket["tags"], json!({ "team": "data" }));
    assert!(read(&dir, "main.rs")
        .contains(r#".override_resource("aws_s3_bucket", "data", json!({ "tags": { "team": "data" } }))"#));
}

#[test]
fn names_terraform_chose_are_left_unset_and_policies_keep_their_names() {
    let (dir, report) = run(with(
        hello("lambda_handler.handler"),
        json!({
            "aws_sqs_queue": { "work": { "visibility_timeout_seconds": 60 } },
            "aws_lambda_event_source_mapping": { "work-mapping": {
                "event_source_arn": "${aws_sqs_queue.work.arn}",
                "function_name": "${aws_lambda_function.hello-fn.function_name}",
                "maximum_retry_attempts": 2,
            }},
            "aws_iam_role_policy": { "hello-read": {
                "name": "hello-read",
                "role": "${aws_iam_role.hello-role.id}",
                "policy": "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Action\": [\"sqs:ReceiveMessage\", \"sqs:DeleteMessage\", \"sqs:GetQueueAttributes\", \"sqs:PurgeQueue\"], \"Resource\": \"${aws_sqs_queue.work.arn}\"}]}",
            }},
        }),
    ));
    let resources = &report.document["resource"];
    assert!(resources["aws_sqs_queue"]["work"].get("name").is_none(), "the name Terraform chose stays: {resources:#}");
    assert_eq!(resources["aws_iam_role_policy"]["hello_role"]["name"], "hello-read");
    // The poll actions come with the trigger; only what the function itself does stays in `allow`.
    // (Not `sqs:SendMessage`: sending to the queue it reads is a recursive loop, an error.)
    let source = read(&dir, "main.rs");
    assert!(source.contains("allow: [sqs:PurgeQueue on work],"), "{source}");
    assert!(source.contains("triggers: [sqs(work)],"), "{source}");
    assert_eq!(resources["aws_lambda_event_source_mapping"]["hello-sqs-work"]["maximum_retry_attempts"], 2);
    assert!(json_file(&dir, "cdktf/moved.tf.json")["moved"].as_array().unwrap().contains(&json!({
        "from": "aws_lambda_event_source_mapping.work-mapping", "to": "aws_lambda_event_source_mapping.hello-sqs-work"
    })));
}

#[test]
fn an_input_that_is_not_cdktf_json_is_an_error_at_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cdk.tf.json");
    std::fs::write(&path, "{\n  \"resource\": {}\n}\n").unwrap();
    let error = migrate_cdktf(&path, &Options { out: dir.path().join("out"), force: false }).unwrap_err();
    assert_eq!(
        error.to_string(),
        format!("error: the document declares no resource: nothing to migrate\n  --> {}", path.display())
    );
    std::fs::write(&path, "{\n  \"resource\": {\n    \"aws_sqs_queue\": [\n}").unwrap();
    let error = migrate_cdktf(&path, &Options { out: dir.path().join("out"), force: false }).unwrap_err();
    assert_eq!((error.line, error.message.contains("is not JSON")), (Some(4), true), "{error}");
}

#[test]
fn a_bucket_whose_notification_the_checker_refuses_stays_with_it() {
    // Two rules of one bucket overlap (the same prefix, no suffix): S3 refuses that, and so does the checker.
    let rule = |prefix: &str| json!({ "lambda_function_arn": "${aws_lambda_function.hello-fn.arn}", "events": ["s3:ObjectCreated:*"], "filter_prefix": prefix });
    let (dir, report) = run(with(
        hello("lambda_handler.handler"),
        json!({
            "aws_s3_bucket": { "uploads": { "bucket": "demo-uploads" } },
            "aws_s3_bucket_notification": { "uploads-notification": {
                "bucket": "${aws_s3_bucket.uploads.id}",
                "lambda_function": [rule("in/"), rule("in/")],
            }},
        }),
    ));
    let untranslated = json_file(&dir, "cdktf/untranslated.tf.json");
    assert!(untranslated["resource"]["aws_s3_bucket_notification"].get("uploads-notification").is_some());
    assert!(untranslated["resource"]["aws_s3_bucket"]["uploads"]["//"].as_str().unwrap().contains("notification"));
    assert!(
        report.document["resource"].get("aws_s3_bucket_notification").is_none(),
        "one notification per bucket: {report}"
    );
}
