//! Params: Terraform variables a stack's environment reads, through the real Terraform CLI.

use std::path::{Path, PathBuf};
use std::process::Command;

use lambda_stack::prelude::*;
use serde_json::{json, Value};

mod support;

lambda_stack! {
    stack alerts {
        region: "us-east-1",
        param alert_email { default: "ops@example.com", description: "who gets the alerts" }
        param retries { type: number, default: 3 }
        param private_subnets { type: list, description: "subnets the stack runs in" }
        param api_key { sensitive: true, default: "not-a-secret" }

        function notify {
            runtime: python3.12,
            handler: "lambda_handler.handler",
            code: "../examples/hello/functions/hello",
            env: { ALERTS_TO: alert_email, RETRIES: retries, KEY: api_key },
        }
    }
}

mod placeholders {
    use lambda_stack::prelude::*;

    lambda_stack! {
        stack arns {
            region: "eu-west-3",
            queue orders { existing: "arn:{partition}:sqs:{region}:{account}:orders" }
            role worker_role {
                managed: [AWSLambdaBasicExecutionRole, "arn:{partition}:iam::{account}:policy/team-boundary"],
                allow: [sqs:SendMessage on "arn:{partition}:sqs:{region}:{account}:legacy-*"],
            }
            function worker {
                runtime: python3.12,
                handler: "lambda_handler.handler",
                code: "../examples/hello/functions/hello",
                role: worker_role,
                env: { ORDERS: orders.url },
                triggers: [sqs(orders)],
            }
        }
    }
}

mod existing {
    use lambda_stack::prelude::*;

    lambda_stack! {
        stack legacy {
            region: "us-east-1",
            param deployer_arn { description: "the role the worker runs as" }
            param jobs_arn { description: "the queue the worker reads" }
            role deployer { existing: deployer_arn }
            queue jobs { existing: jobs_arn }

            function worker {
                runtime: python3.12,
                handler: "lambda_handler.handler",
                code: "../examples/hello/functions/hello",
                role: deployer,
                env: { JOBS_URL: jobs.url, JOBS_NAME: jobs.name },
                triggers: [sqs(jobs)],
            }
        }
    }
}

fn synth(out: &Path) -> PathBuf {
    lambda_stack::App::new().stack(alerts()).synth(out).unwrap_or_else(|e| panic!("{e}"));
    out.join("stacks/alerts")
}

#[test]
fn params_are_variables_the_environment_reads() {
    let out = tempfile::tempdir().unwrap();
    let doc: Value = serde_json::from_slice(&std::fs::read(synth(out.path()).join("cdk.tf.json")).unwrap()).unwrap();
    assert_eq!(
        doc["variable"],
        json!({
            "alert_email": { "type": "string", "default": "ops@example.com", "description": "who gets the alerts" },
            "retries": { "type": "number", "default": 3 },
            "private_subnets": { "type": "list(string)", "description": "subnets the stack runs in" },
            "api_key": { "type": "string", "default": "not-a-secret", "sensitive": true },
        })
    );
    let variables = &doc["resource"]["aws_lambda_function"]["notify"]["environment"]["variables"];
    assert_eq!(variables["ALERTS_TO"], "${var.alert_email}");
    assert_eq!(variables["RETRIES"], "${var.retries}");
    assert_eq!(alerts().required_params(), ["private_subnets"]);
}

#[test]
fn terraform_validates_and_names_a_required_param_it_lacks() {
    if Command::new("terraform").arg("version").output().is_err() {
        return support::nothing_checked("terraform with params", "no `terraform` on PATH");
    }
    let out = tempfile::tempdir().unwrap();
    let dir = synth(out.path());
    let Some(report) = support::shared_tool("tf-validate", &dir) else { return };
    assert!(report.contains("valid"), "{report}");
    // Terraform's own word on the required param: a plan without it fails naming it.
    let init = "terraform init -input=false >/dev/null && terraform plan -input=false -refresh=false -no-color";
    let env_script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/tools/lib/terraform-env.sh");
    let script = format!(". '{}' && tf_env_or_exit && {init}", env_script.display());
    let _turn = support::terraform_turn();
    let plan = Command::new("bash")
        .arg("-c")
        .arg(script)
        .current_dir(&dir)
        .env("AWS_ACCESS_KEY_ID", "test")
        .env("AWS_SECRET_ACCESS_KEY", "test")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&plan.stdout).into_owned() + &String::from_utf8_lossy(&plan.stderr);
    assert!(!plan.status.success(), "{text}");
    assert!(text.contains("No value for required variable") && text.contains("private_subnets"), "{text}");
}

#[test]
fn arn_placeholders_become_the_deploying_account_region_and_partition() {
    let out = tempfile::tempdir().unwrap();
    lambda_stack::App::new().stack(placeholders::arns()).synth(out.path()).unwrap();
    let dir = out.path().join("stacks/arns");
    let text = std::fs::read_to_string(dir.join("cdk.tf.json")).unwrap();
    let doc: Value = serde_json::from_str(&text).unwrap();
    assert!(doc["data"]["aws_caller_identity"].get("current").is_some());
    assert!(!text.contains("{account}") && !text.contains("{region}") && !text.contains("{partition}"));
    let account = "${data.aws_caller_identity.current.account_id}";
    let mapping =
        doc["resource"]["aws_lambda_event_source_mapping"].as_object().unwrap().values().next().unwrap().clone();
    assert_eq!(mapping["event_source_arn"], format!("arn:aws:sqs:eu-west-3:{account}:orders"));
    let policy = doc["resource"]["aws_iam_role_policy"]["worker_role"]["policy"].as_str().unwrap().to_owned();
    assert!(policy.contains(&format!("arn:aws:sqs:eu-west-3:{account}:legacy-*")), "{policy}");
    let attachments = doc["resource"]["aws_iam_role_policy_attachment"].to_string();
    assert!(attachments.contains(&format!("arn:aws:iam::{account}:policy/team-boundary")), "{attachments}");
    let url = &doc["resource"]["aws_lambda_function"]["worker"]["environment"]["variables"]["ORDERS"];
    assert_eq!(url, &json!(format!("https://sqs.eu-west-3.amazonaws.com/{account}/orders")));
    if let Some(report) = support::shared_tool("tf-validate", &dir) {
        assert!(report.contains("valid"), "{report}");
    }
}

#[test]
fn params_name_existing_resources_known_where_the_stack_deploys() {
    let out = tempfile::tempdir().unwrap();
    lambda_stack::App::new().stack(existing::legacy()).synth(out.path()).unwrap();
    let dir = out.path().join("stacks/legacy");
    let doc: Value = serde_json::from_slice(&std::fs::read(dir.join("cdk.tf.json")).unwrap()).unwrap();
    let worker = &doc["resource"]["aws_lambda_function"]["worker"];
    assert_eq!(worker["role"], "${var.deployer_arn}");
    assert_eq!(
        worker["environment"]["variables"]["JOBS_URL"],
        "https://sqs.${element(split(\":\", var.jobs_arn), 3)}.amazonaws.com/${element(split(\":\", var.jobs_arn), 4)}/${element(split(\":\", var.jobs_arn), 5)}"
    );
    assert_eq!(
        doc["resource"]["aws_lambda_event_source_mapping"]["worker-sqs-jobs"]["event_source_arn"],
        "${var.jobs_arn}"
    );
    assert!(doc["resource"].get("aws_iam_role").is_none(), "an existing role is not created");

    // Applied into the emulator, with the role and queue made by hand and their ARNs given.
    std::fs::write(
        dir.join("ops.auto.tfvars.json"),
        r#"{ "deployer_arn": "arn:aws:iam::123456789012:role/ci/deployer",
             "jobs_arn": "arn:aws:sqs:us-east-1:123456789012:legacy-jobs" }"#,
    )
    .unwrap();
    let args = ["--create-role", "ci/deployer", "--create-queue", "legacy-jobs"].map(std::ffi::OsStr::new);
    let args = [&args[..], &[dir.as_os_str()]].concat();
    let what = "existing resources by param in the emulator";
    let Some(report) = support::emulator_driver(what, "apply_side_by_side.py", &args) else { return };
    let applied = &report["legacy"];
    let worker = &applied["functions"]["legacy-worker"];
    assert_eq!(worker["role"], "arn:aws:iam::123456789012:role/ci/deployer", "{applied:#}");
    assert_eq!(worker["environment"]["JOBS_URL"], "https://sqs.us-east-1.amazonaws.com/123456789012/legacy-jobs");
    assert_eq!(worker["environment"]["JOBS_NAME"], "legacy-jobs");
    assert_eq!(applied["event_sources"], json!(["arn:aws:sqs:us-east-1:123456789012:legacy-jobs"]));
    let policies = applied["role_policies"].as_array().unwrap();
    assert!(
        !policies.is_empty() && policies.iter().all(|p| p.as_str().unwrap().starts_with("deployer/")),
        "{applied:#}"
    );
    assert_eq!(applied["plan_exit_code"], 0, "{applied:#}");
}
