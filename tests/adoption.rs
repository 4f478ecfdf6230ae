//! Adopting what AWS already runs: `name:`, `import:`, `renamed_from:`, and hand-written
//! Terraform (`Stack::terraform`, `Stack::override_resource`), through the real Terraform CLI and
//! the shared tools' AWS emulator: after a rename `terraform plan` destroys and replaces nothing,
//! and a queue created by hand is imported, not created.

use std::path::{Path, PathBuf};
use std::process::Command;

use lambda_stack::prelude::*;
use lambda_stack::Stack;
use serde_json::{json, Value};

mod support;

lambda_stack! {
    stack adopt {
        region: "us-east-1",
        queue jobs {}
        function api {
            runtime: python3.12,
            handler: "lambda_handler.handler",
            code: "../examples/hello/functions/hello",
            env: { JOBS: jobs.url },
            triggers: [http(GET "/items"), sqs(jobs)],
        }
    }
}

mod renamed {
    use lambda_stack::prelude::*;

    lambda_stack! {
        stack adopt {
            region: "us-east-1",
            queue work { renamed_from: jobs }
            function orders_api {
                runtime: python3.12,
                handler: "lambda_handler.handler",
                code: "../examples/hello/functions/hello",
                env: { JOBS: work.url },
                renamed_from: api,
                triggers: [http(GET "/items"), sqs(work)],
            }
        }
    }
}

mod imported {
    use lambda_stack::prelude::*;

    lambda_stack! {
        stack adopt {
            region: "us-east-1",
            queue work { renamed_from: jobs }
            queue legacy {
                name: "legacy-jobs",
                import: "https://sqs.us-east-1.amazonaws.com/123456789012/legacy-jobs",
            }
            function orders_api {
                runtime: python3.12,
                handler: "lambda_handler.handler",
                code: "../examples/hello/functions/hello",
                env: { JOBS: work.url, LEGACY: legacy.url },
                renamed_from: api,
                triggers: [http(GET "/items"), sqs(work)],
            }
        }
    }
}

mod included {
    use lambda_stack::prelude::*;

    lambda_stack! {
        stack alerting {
            region: "us-east-1",
            include: ["infra/*.tf"],
            topic alerts {}
        }
    }
}

mod existing_role {
    use lambda_stack::prelude::*;

    lambda_stack! {
        stack adopt {
            region: "us-east-1",
            queue jobs {}
            role deployer { existing: "arn:aws:iam::123456789012:role/ci/deployer" }
            function worker {
                runtime: python3.12,
                handler: "lambda_handler.handler",
                code: "../examples/hello/functions/hello",
                role: deployer,
                tracing: active,
                triggers: [sqs(jobs)],
            }
        }
    }
}

fn synth(stack: Stack, out: &Path) -> PathBuf {
    let name = stack.name().to_owned();
    lambda_stack::App::new().stack(stack).synth(out).unwrap_or_else(|e| panic!("{e}"));
    out.join("stacks").join(name)
}

fn document(dir: &Path) -> Value {
    serde_json::from_slice(&std::fs::read(dir.join("cdk.tf.json")).unwrap()).unwrap()
}

#[test]
fn renamed_declarations_move_every_address_and_keep_their_aws_names() {
    let out = tempfile::tempdir().unwrap();
    let doc = document(&synth(renamed::adopt(), out.path()));
    let moved = doc["moved"].as_array().unwrap();
    let pair = |from: &str, to: &str| json!({ "from": from, "to": to });
    for (from, to) in [
        ("aws_lambda_function.api", "aws_lambda_function.orders_api"),
        ("aws_iam_role.api", "aws_iam_role.orders_api"),
        ("aws_cloudwatch_log_group.api", "aws_cloudwatch_log_group.orders_api"),
        ("aws_sqs_queue.jobs", "aws_sqs_queue.work"),
    ] {
        assert!(moved.contains(&pair(from, to)), "no move {from} -> {to} in {moved:#?}");
    }
    // Every resource named after a renamed declaration moves, and nothing else does.
    for block in moved {
        let to = block["to"].as_str().unwrap();
        let name = to.split_once('.').unwrap().1;
        assert!(name == "orders_api" || name.starts_with("orders_api-") || name == "work", "{to}");
    }
    let function = &doc["resource"]["aws_lambda_function"]["orders_api"];
    assert_eq!(function["function_name"], "adopt-api", "a rename keeps the AWS name");
    assert_eq!(doc["resource"]["aws_sqs_queue"]["work"]["name"], "adopt-jobs");
    assert!(doc["terraform"].get("required_version").is_none(), "moved blocks need no 1.5");
}

#[test]
fn imports_are_written_for_the_main_resource_with_the_exact_name() {
    let out = tempfile::tempdir().unwrap();
    let doc = document(&synth(imported::adopt(), out.path()));
    assert_eq!(
        doc["import"],
        json!([{ "to": "aws_sqs_queue.legacy", "id": "https://sqs.us-east-1.amazonaws.com/123456789012/legacy-jobs" }])
    );
    assert_eq!(doc["resource"]["aws_sqs_queue"]["legacy"]["name"], "legacy-jobs");
    assert_eq!(doc["terraform"]["required_version"], ">= 1.5.0");
}

#[test]
fn hand_written_terraform_is_merged_and_clashes_are_errors() {
    let out = tempfile::tempdir().unwrap();
    let stack = adopt()
        .terraform(json!({
            "variable": { "alert_email": { "type": "string", "default": "ops@example.com" } },
            "resource": { "aws_sns_topic": { "alerts": { "name": "adopt-alerts" } } },
        }))
        .override_resource("aws_sqs_queue", "jobs", json!({ "delay_seconds": 5, "sqs_managed_sse_enabled": null }));
    let doc = document(&synth(stack, out.path()));
    assert_eq!(doc["variable"]["alert_email"]["default"], "ops@example.com");
    assert_eq!(doc["resource"]["aws_sns_topic"]["alerts"]["name"], "adopt-alerts");
    let queue = &doc["resource"]["aws_sqs_queue"]["jobs"];
    assert_eq!(queue["delay_seconds"], 5);
    assert!(queue.get("sqs_managed_sse_enabled").is_none(), "null removes an argument: {queue}");
    assert_eq!(queue["name"], "adopt-jobs", "the rest of the generated resource stays");

    let clash = adopt().terraform(json!({ "resource": { "aws_sqs_queue": { "jobs": {} } } }));
    let error = lambda_stack::App::new().stack(clash).synth(out.path()).unwrap_err().to_string();
    assert!(
        error.contains("`aws_sqs_queue.jobs` is generated by the stack; change it with `override_resource`"),
        "{error}"
    );
    assert!(error.contains("tests/adoption.rs"), "the error names the line that wrote it: {error}");

    let missing = adopt().override_resource("aws_sqs_queue", "job", json!({}));
    let error = lambda_stack::App::new().stack(missing).synth(out.path()).unwrap_err().to_string();
    assert!(error.contains("generates no resource `aws_sqs_queue.job`; did you mean `aws_sqs_queue.jobs`?"), "{error}");
}

/// The emulator's verdict on the three stacks applied and planned one after another.
fn plans(first: &Path, renamed: &Path, imported: &Path) -> Option<Value> {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/support/plan_against_emulator.sh");
    if Command::new("terraform").arg("version").output().is_err() {
        support::nothing_checked("the adoption plans against the emulator", "no `terraform` on PATH");
        return None;
    }
    let output = Command::new("bash")
        .arg(script)
        .arg(first)
        .arg("--create-queue")
        .arg("legacy-jobs")
        .arg("--then")
        .arg(format!("renamed={}", renamed.display()))
        .arg("--then")
        .arg(format!("imported={}", imported.display()))
        .output()
        .expect("bash runs the emulator driver");
    let stderr = String::from_utf8_lossy(&output.stderr);
    match output.status.code() {
        Some(0) => Some(serde_json::from_slice(&output.stdout).expect("the driver prints JSON")),
        Some(3) => {
            support::nothing_checked("the adoption plans against the emulator", &stderr);
            None
        }
        _ => panic!("the emulator driver failed:\n{}\n{stderr}", String::from_utf8_lossy(&output.stdout)),
    }
}

#[test]
fn against_the_emulator_a_rename_replaces_nothing_and_an_import_creates_nothing() {
    let out = tempfile::tempdir().unwrap();
    let first = synth(adopt(), &out.path().join("first"));
    let renamed = synth(renamed::adopt(), &out.path().join("renamed"));
    let imported = synth(imported::adopt(), &out.path().join("imported"));
    let Some(report) = plans(&first, &renamed, &imported) else { return };

    let destructive = |plan: &Value| -> Vec<String> {
        plan.as_object()
            .unwrap()
            .iter()
            .filter(|(_, change)| change["actions"].as_array().unwrap().iter().any(|a| a == "delete"))
            .map(|(address, change)| format!("{address}: {}", change["actions"]))
            .collect()
    };
    let renamed_plan = &report["renamed"];
    assert_eq!(destructive(renamed_plan), Vec::<String>::new(), "the rename destroys or replaces: {renamed_plan:#}");
    // The moves are in the plan, as moves.
    assert_eq!(
        renamed_plan["aws_lambda_function.orders_api"]["previous"], "aws_lambda_function.api",
        "{renamed_plan:#}"
    );

    let imported_plan = &report["imported"];
    assert_eq!(destructive(imported_plan), Vec::<String>::new(), "{imported_plan:#}");
    let legacy = &imported_plan["aws_sqs_queue.legacy"]["actions"];
    assert!(legacy.as_array().unwrap().contains(&json!("import")), "the queue is imported: {imported_plan:#}");
    assert!(!legacy.as_array().unwrap().contains(&json!("create")), "the queue is not created: {imported_plan:#}");
}

#[test]
fn included_terraform_is_copied_validates_and_applies() {
    let out = tempfile::tempdir().unwrap();
    let dir = synth(included::alerting(), out.path());
    let copied = std::fs::read_to_string(dir.join("alerts.tf")).unwrap();
    assert!(copied.contains("aws_sns_topic.alerts.arn"), "{copied}");
    let manifest: Value = serde_json::from_slice(&std::fs::read(out.path().join("manifest.json")).unwrap()).unwrap();
    assert_eq!(manifest["stacks"]["alerting"]["included"], json!(["alerts.tf"]));

    if let Some(report) = support::shared_tool("tf-validate", &dir) {
        assert!(report.contains("valid"), "{report}");
    }
    if let Some(report) = support::shared_tool("aws-sandbox", &dir) {
        assert!(report.contains("aws-sandbox: ok"), "{report}");
    }

    // A file put in the stack folder by hand stays; a file no longer included goes.
    std::fs::write(dir.join("mine.tf"), "# by hand\n").unwrap();
    let without = lambda_stack::Stack::new("alerting").region("us-east-1").topic(lambda_stack::Topic::new("alerts"));
    lambda_stack::App::new().stack(without).synth(out.path()).unwrap();
    assert!(!dir.join("alerts.tf").exists(), "a file no longer included is removed");
    assert_eq!(std::fs::read_to_string(dir.join("mine.tf")).unwrap(), "# by hand\n");
}

#[test]
fn an_existing_role_is_used_by_arn_and_gets_what_its_functions_need() {
    let out = tempfile::tempdir().unwrap();
    let dir = synth(existing_role::adopt(), out.path());
    let doc = document(&dir);
    assert!(doc["resource"]["aws_iam_role"].get("deployer").is_none(), "an existing role is not created");
    let function = &doc["resource"]["aws_lambda_function"]["worker"];
    assert_eq!(function["role"], "arn:aws:iam::123456789012:role/ci/deployer");
    // The SQS poll statements go on the existing role, addressed by its name.
    let policy = &doc["resource"]["aws_iam_role_policy"]["worker"];
    assert_eq!(policy["role"], "deployer");
    assert!(policy["policy"].as_str().unwrap().contains("sqs:ReceiveMessage"), "{policy}");
    assert_eq!(
        doc["resource"]["aws_iam_role_policy_attachment"]["deployer-AWSXRayDaemonWriteAccess"]["role"],
        "deployer"
    );
    if let Some(report) = support::shared_tool("tf-validate", &dir) {
        assert!(report.contains("valid"), "{report}");
    }
}
