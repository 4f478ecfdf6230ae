//! Stages: one stack declared once, deployed per stage. The `stages` example synthesizes to one
//! folder per stage with the stage in its names, tag, state and tfvars; `--stage` writes one and
//! keeps the others; and both stages apply side by side into one account of the shared tools' AWS
//! emulator with the real Terraform CLI, without a clash.

use std::path::{Path, PathBuf};

use lambda_stack::{App, Backend, Function, Stack};
use serde_json::{json, Value};

mod support;

#[allow(dead_code)]
#[path = "../examples/stages/main.rs"]
mod example;

fn document(dir: &Path) -> Value {
    serde_json::from_slice(&std::fs::read(dir.join("cdk.tf.json")).unwrap()).unwrap()
}

fn read_json(path: &Path) -> Value {
    serde_json::from_slice(&std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))).unwrap()
}

#[test]
fn each_stage_has_its_folder_names_tag_values_and_state() {
    let out = tempfile::tempdir().unwrap();
    App::new().stack(example::shop()).synth(out.path()).unwrap();
    let manifest = read_json(&out.path().join("manifest.json"));
    let stacks: Vec<&String> = manifest["stacks"].as_object().unwrap().keys().collect();
    assert_eq!(stacks, ["shop-dev", "shop-prod"]);
    for (stage, memory, concurrency, schedule) in
        [("dev", 256, 2, "rate(1 hour)"), ("prod", 1024, 20, "cron(0 3 * * ? *)")]
    {
        let dir = out.path().join("stacks").join(format!("shop-{stage}"));
        let doc = document(&dir);
        assert_eq!(doc["provider"]["aws"][0]["default_tags"][0]["tags"], json!({ "project": "shop", "stage": stage }));
        assert_eq!(
            doc["terraform"]["backend"]["local"]["path"],
            format!("../../../terraform.shop-{stage}.tfstate"),
            "each stage keeps its own state"
        );
        let api = &doc["resource"]["aws_lambda_function"]["api"];
        assert_eq!(api["function_name"], format!("shop-api-{stage}"), "`{{stage}}` in an exact name");
        assert_eq!(api["memory_size"], memory);
        assert_eq!(api["reserved_concurrent_executions"], concurrency);
        assert_eq!(api["environment"]["variables"]["STAGE"], stage);
        let nightly = &doc["resource"]["aws_lambda_function"]["nightly"];
        assert_eq!(nightly["function_name"], format!("shop-{stage}-nightly"), "generated names carry the stage");
        assert_eq!(doc["resource"]["aws_dynamodb_table"]["orders"]["name"], format!("shop-{stage}-orders"));
        assert_eq!(doc["resource"]["aws_cloudwatch_event_rule"]["nightly-schedule"]["schedule_expression"], schedule);
        // A per-stage default is the stage's tfvars value, not the variable's default.
        assert_eq!(doc["variable"]["alert_email"].get("default"), None);
        let tfvars = read_json(&dir.join(format!("{stage}.auto.tfvars.json")));
        let email = if stage == "dev" { "shop-dev@example.com" } else { "ops@example.com" };
        assert_eq!(tfvars, json!({ "alert_email": email }));
        assert!(dir.join("alerts.tf").is_file(), "the include is copied into every stage");
        let included: Vec<&str> = manifest["stacks"][format!("shop-{stage}")]["included"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(Value::as_str)
            .collect();
        assert_eq!(included, ["alerts.tf", &format!("{stage}.auto.tfvars.json")]);
    }
}

#[test]
fn one_stage_is_written_and_the_others_are_kept() {
    let out = tempfile::tempdir().unwrap();
    let app = || App::new().stack(example::shop());
    app().synth(out.path()).unwrap();
    let dev = out.path().join("stacks/shop-dev");
    let before = std::fs::read(dev.join("cdk.tf.json")).unwrap();
    std::fs::write(dev.join("terraform.tfstate"), "{}").unwrap();

    app().run_with(["shop", "--out", out.path().to_str().unwrap(), "--stage", "prod"]).unwrap();
    assert_eq!(std::fs::read(dev.join("cdk.tf.json")).unwrap(), before, "dev is left as it was");
    assert!(dev.join("terraform.tfstate").is_file());
    assert!(dev.join("dev.auto.tfvars.json").is_file(), "dev's tfvars stay");
    let manifest = read_json(&out.path().join("manifest.json"));
    assert!(manifest["stacks"]["shop-dev"].is_object(), "the manifest keeps dev: {manifest:#}");
    assert!(manifest["stacks"]["shop-prod"].is_object());

    let error = app().run_with(["shop", "--out", out.path().to_str().unwrap(), "--stage", "qa"]).unwrap_err();
    assert_eq!(error.to_string(), "no stack has the stage `qa`; the stages are `dev`, `prod`");
}

/// The same stages written with the builders: the closure gets each stage's name.
fn by_hand() -> Stack {
    Stack::new("shop")
        .region("eu-west-3")
        .backend(Backend::S3 { bucket: "shop-state".into(), key: "shop.tfstate".into(), region: None, encrypt: true })
        .stages(["dev", "prod"], |stage, stack| {
            stack.function(
                Function::new("api")
                    .runtime("python3.12")
                    .handler("app.handler")
                    .code(Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/stages/functions/api"))
                    .env("STAGE", stage)
                    .env("ALERTS_TO", "ops@example.com")
                    .env("OWNER", "platform")
                    .env("ORDERS_TABLE", format!("shop-{stage}-orders"))
                    .memory(if stage == "prod" { 1024 } else { 256 })
                    .aws_name("legacy-api-{stage}"),
            )
        })
}

#[test]
fn builders_take_stages_and_check_each() {
    let out = tempfile::tempdir().unwrap();
    App::new().stack(by_hand()).synth(out.path()).unwrap();
    let prod = document(&out.path().join("stacks/shop-prod"));
    assert_eq!(prod["terraform"]["backend"]["s3"]["key"], "prod/shop.tfstate", "the state key carries the stage");
    assert_eq!(prod["resource"]["aws_lambda_function"]["api"]["function_name"], "legacy-api-prod");
    assert_eq!(prod["resource"]["aws_lambda_function"]["api"]["memory_size"], 1024);

    // The stack of all stages is not one to synthesize; a stage of it is.
    let error = lambda_stack::synth::synthesize(&by_hand()).unwrap_err().to_string();
    assert!(error.contains("stack `shop` has stages (dev, prod); synthesize one of them"), "{error}");
    let template = lambda_stack::testing::Template::synth(by_hand().stage("dev").unwrap()).unwrap();
    assert_eq!(template.resource("aws_lambda_function", "api").unwrap()["function_name"], "legacy-api-dev");

    // An exact name without `{stage}` would be one resource for both stages.
    let shared = Stack::new("shop").region("eu-west-3").stages(["dev", "prod"], |_, stack| {
        stack.function(
            Function::new("api")
                .runtime("python3.12")
                .handler("app.handler")
                .code("examples/stages/functions/api")
                .aws_name("api"),
        )
    });
    let error = App::new().stack(shared).synth(out.path()).unwrap_err().to_string();
    assert!(error.contains("with `stages`, an exact name must contain `{stage}`"), "{error}");
}

#[test]
fn validate_names_the_required_param_of_each_stage() {
    let stack = example::shop();
    for stage in ["dev", "prod"] {
        assert_eq!(stack.stage(stage).unwrap().required_params(), ["owner"], "alert_email has its tfvars value");
    }
}

#[test]
fn dev_and_prod_apply_side_by_side_into_one_account() {
    let out = tempfile::tempdir().unwrap();
    App::new().stack(example::shop()).synth(out.path()).unwrap();
    let dirs: Vec<PathBuf> = ["shop-dev", "shop-prod"].iter().map(|s| out.path().join("stacks").join(s)).collect();
    for dir in &dirs {
        // `owner` is required: given as an operator would.
        std::fs::write(dir.join("ops.auto.tfvars.json"), r#"{ "owner": "team-shop" }"#).unwrap();
    }
    let args: Vec<&std::ffi::OsStr> = dirs.iter().map(|d| d.as_os_str()).collect();
    let Some(report) = support::emulator_driver("the stages applied side by side", "apply_side_by_side.py", &args)
    else {
        return;
    };
    for stage in ["dev", "prod"] {
        let applied = &report[format!("shop-{stage}")];
        let functions = applied["functions"].as_object().unwrap();
        let names: Vec<&String> = functions.keys().collect();
        assert_eq!(names, [&format!("shop-api-{stage}"), &format!("shop-{stage}-nightly")], "{applied:#}");
        for function in functions.values() {
            assert_eq!(function["tags"]["stage"], stage, "{function:#}");
            assert_eq!(function["environment"]["STAGE"], stage);
        }
        assert_eq!(functions[&format!("shop-api-{stage}")]["environment"]["OWNER"], "team-shop");
        assert_eq!(applied["tables"], json!([format!("shop-{stage}-orders")]));
        assert_eq!(applied["plan_exit_code"], 0, "nothing left to change after the apply: {applied:#}");
    }
    let all = report["emulator"]["functions"].as_array().unwrap();
    assert_eq!(all.len(), 4, "both stages' functions coexist: {all:?}");
}
