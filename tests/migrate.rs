//! `lambda-stack migrate-cdktf` on the CDKTF fixtures (`../shared/fixtures/cdktf/`): the course
//! stack and the event pipeline. The command's output is the committed one (`examples/migrated`
//! for the pipeline, `tests/migrated/course` for the course stack); that source compiles to the
//! very stack the migration checked; and once the CDKTF stack is applied into the emulator with
//! real Terraform, the migrated stack's `terraform plan` against that state destroys and replaces
//! nothing, creates only what the report says it creates, and updates in place only what the
//! report says lambda-stack writes differently.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

use lambda_stack::migrate::{migrate_cdktf, Options, Report};
use lambda_stack::testing::Template;
use lambda_stack::Stack;
use serde_json::Value;

mod support;

// The examples' `main` functions are dead code here: only their stacks are used.
#[allow(dead_code)]
#[path = "../examples/migrated/main.rs"]
mod pipeline;

#[allow(dead_code)]
#[path = "migrated/course/main.rs"]
mod course;

/// A CDKTF fixture, the committed migration of it, and the migrated stack that source declares.
struct Fixture {
    name: &'static str,
    cdk_tf_json: PathBuf,
    committed: PathBuf,
    migrated: fn() -> Stack,
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn fixtures() -> Vec<Fixture> {
    let cdktf = root().join("../shared/fixtures/cdktf");
    vec![
        Fixture {
            name: "course",
            cdk_tf_json: cdktf.join("course/cdktf.out/stacks/hello-lambda/cdk.tf.json"),
            committed: root().join("tests/migrated/course"),
            migrated: course::hello_lambda_as_deployed,
        },
        Fixture {
            name: "pipeline",
            cdk_tf_json: cdktf.join("pipeline/cdktf.out/stacks/event-pipeline/cdk.tf.json"),
            committed: root().join("examples/migrated"),
            migrated: pipeline::event_pipeline_as_deployed,
        },
    ]
}

fn migrate(fixture: &Fixture, out: &Path) -> Report {
    assert!(fixture.cdk_tf_json.is_file(), "the CDKTF fixture `{}` is missing", fixture.cdk_tf_json.display());
    migrate_cdktf(&fixture.cdk_tf_json, &Options { out: out.to_path_buf(), force: false })
        .unwrap_or_else(|e| panic!("{}: {e}", fixture.name))
}

/// Every file under `dir`, by its path relative to `dir`.
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut found = BTreeMap::new();
    let mut folders = vec![dir.to_path_buf()];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                folders.push(path);
            } else {
                let relative = path.strip_prefix(dir).unwrap().to_string_lossy().replace('\\', "/");
                found.insert(relative, std::fs::read(&path).unwrap());
            }
        }
    }
    found
}

#[test]
fn the_committed_migrations_are_what_the_command_writes() {
    for fixture in fixtures() {
        let out = tempfile::tempdir().unwrap();
        let dir = out.path().join("migrated");
        let report = migrate(&fixture, &dir);
        let written = files(&dir);
        let committed = files(&fixture.committed);
        let regenerate = format!(
            "regenerate it: cargo run --bin lambda-stack -- migrate-cdktf {} --out {} --force",
            fixture.cdk_tf_json.strip_prefix(root()).unwrap_or(&fixture.cdk_tf_json).display(),
            fixture.committed.strip_prefix(root()).unwrap().display()
        );
        assert_eq!(written.keys().collect::<Vec<_>>(), committed.keys().collect::<Vec<_>>(), "{regenerate}");
        for (file, bytes) in &written {
            assert!(
                committed[file] == *bytes,
                "`{file}` of {} differs from the command's output; {regenerate}",
                fixture.name
            );
        }
        // Every CDKTF resource is taken over or kept as written: none is left out.
        let kept = std::fs::read(dir.join("cdktf/untranslated.tf.json"))
            .ok()
            .and_then(|bytes| serde_json::from_slice::<Value>(&bytes).ok())
            .and_then(|doc| {
                doc["resource"]
                    .as_object()
                    .map(|kinds| kinds.values().filter_map(Value::as_object).map(|r| r.len()).sum())
            })
            .unwrap_or(0);
        assert_eq!(report.taken_over + kept, report.cdktf_resources, "{report}");
    }
}

/// A document without `"//"` notes, which name the lines the declarations came from.
fn without_notes(value: &Value) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.iter().filter(|(key, _)| key.as_str() != "//").map(|(k, v)| (k.clone(), without_notes(v))).collect(),
        ),
        Value::Array(items) => Value::Array(items.iter().map(without_notes).collect()),
        other => other.clone(),
    }
}

#[test]
fn the_committed_source_compiles_to_the_stack_the_migration_checked() {
    for fixture in fixtures() {
        let out = tempfile::tempdir().unwrap();
        let report = migrate(&fixture, &out.path().join("migrated"));
        let compiled = Template::synth(&(fixture.migrated)()).unwrap_or_else(|e| panic!("{}: {e}", fixture.name));
        assert_eq!(
            without_notes(compiled.json()),
            without_notes(&report.document),
            "{}: the committed main.rs does not declare the stack the migration checked",
            fixture.name
        );
    }
}

#[test]
fn the_pipeline_translates_into_declarations_with_its_aws_names() {
    let fixture = fixtures().remove(1);
    let out = tempfile::tempdir().unwrap();
    let report = migrate(&fixture, &out.path().join("migrated"));
    assert_eq!(report.cdktf_resources, 31);
    assert_eq!(report.taken_over, 31, "{report}");
    assert_eq!(report.moved.len(), 27, "{report}");
    assert!(report.imports.is_empty());
    let template = Template::synth(&pipeline::event_pipeline_as_deployed()).unwrap();
    for (kind, name) in [
        ("aws_lambda_function", "ingest"),
        ("aws_iam_role", "ingest-lambda-role"),
        ("aws_iam_role_policy", "ingest-inline"),
        ("aws_sqs_queue", "jobs-dlq"),
        ("aws_dynamodb_table", "orders"),
        ("aws_cloudwatch_event_rule", "nightly"),
    ] {
        let key = if kind == "aws_lambda_function" { "function_name" } else { "name" };
        assert!(template.has_resource(kind, serde_json::json!({ key: name })), "no {kind} named {name}");
    }
    assert!(template.has_resource("aws_s3_bucket", serde_json::json!({ "bucket": "event-pipeline-uploads" })));
    assert!(template
        .has_resource("aws_sqs_queue", serde_json::json!({ "name": "jobs", "visibility_timeout_seconds": 180 })));
    // The statements the triggers grant are not written twice: auditor's role holds none.
    let source = std::fs::read_to_string(root().join("examples/migrated/main.rs")).unwrap();
    assert!(source.contains("allow: [dynamodb:PutItem on orders],"), "{source}");
    assert!(!source.contains("sqs:ReceiveMessage"), "{source}");
    assert!(source.contains("triggers: [sqs(jobs, batch_size: 10, window: 5, report_failures: true)]"), "{source}");
}

#[test]
fn the_command_line_refuses_to_overwrite_without_force_and_says_where_input_is_wrong() {
    let command = env!("CARGO_BIN_EXE_lambda-stack");
    let fixture = fixtures().remove(0);
    let out = tempfile::tempdir().unwrap();
    let dir = out.path().join("migrated");
    let run = |extra: &[&str]| {
        let mut args = vec!["migrate-cdktf".to_owned(), fixture.cdk_tf_json.display().to_string()];
        args.extend(["--out".to_owned(), dir.display().to_string()]);
        args.extend(extra.iter().map(|a| a.to_string()));
        Command::new(command).args(&args).output().unwrap()
    };
    let first = run(&[]);
    assert!(first.status.success(), "{}", String::from_utf8_lossy(&first.stderr));
    let report = String::from_utf8_lossy(&first.stdout);
    assert!(report.contains("migrated CDKTF stack `hello-lambda`"), "{report}");
    assert!(report.contains("output.api_endpoint"), "the untranslated output is reported: {report}");

    std::fs::write(dir.join("Cargo.toml"), "# mine\n").unwrap();
    let again = run(&[]);
    assert_eq!(again.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&again.stderr);
    assert!(stderr.starts_with("error: ") && stderr.contains("holds an earlier migration"), "{stderr}");
    assert!(stderr.contains("= note: pass `--force`"), "{stderr}");
    let forced = run(&["--force"]);
    assert!(forced.status.success(), "{}", String::from_utf8_lossy(&forced.stderr));
    assert_eq!(std::fs::read_to_string(dir.join("Cargo.toml")).unwrap(), "# mine\n", "other files are kept");

    let broken = out.path().join("cdk.tf.json");
    std::fs::write(&broken, "{\n  \"resource\": {\n    \"aws_sqs_queue\": [\n}").unwrap();
    let output = Command::new(command)
        .args(["migrate-cdktf", &broken.display().to_string(), "--out", &out.path().join("x").display().to_string()])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr.contains("is not JSON") && stderr.contains(&format!("--> {}:4", broken.display())), "{stderr}");
}

/// Copies a folder, every file writable (the fixtures are read-only, and Terraform's working
/// copy of them is cleaned up afterwards).
fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap().flatten() {
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::write(&target, std::fs::read(entry.path()).unwrap()).unwrap();
        }
    }
}

/// The emulator's plan of the migrated stack against the applied CDKTF stack; `None` when
/// Terraform or the tools are missing (a failure in CI).
fn plan_against_cdktf_state(fixture: &Fixture) -> Option<(Report, Value)> {
    let what = format!("the migrated {} stack's plan against the CDKTF state", fixture.name);
    if Command::new("terraform").arg("version").output().is_err() {
        support::nothing_checked(&what, "no `terraform` on PATH");
        return None;
    }
    let out = tempfile::tempdir().unwrap();
    let report = migrate(fixture, &out.path().join("migrated"));
    let stack = (fixture.migrated)();
    let name = stack.name().to_owned();
    lambda_stack::App::new().stack(stack).synth(&out.path().join("cdktf.out")).unwrap_or_else(|e| panic!("{e}"));
    let migrated = out.path().join("cdktf.out/stacks").join(name);
    let first = out.path().join("cdktf");
    copy_tree(fixture.cdk_tf_json.parent().unwrap(), &first);
    let offline = root().join("../shared/fixtures/cdktf/offline_override.tf.json");
    let _turn = support::terraform_turn();
    let output = Command::new("bash")
        .arg(root().join("tests/support/plan_against_emulator.sh"))
        .arg(&first)
        .arg("--first-extra")
        .arg(&offline)
        .arg("--then")
        .arg(format!("migrated={}", migrated.display()))
        .output()
        .expect("bash runs the emulator driver");
    let stderr = String::from_utf8_lossy(&output.stderr);
    match output.status.code() {
        Some(0) => {
            let plans: Value = serde_json::from_slice(&output.stdout).expect("the driver prints JSON");
            Some((report, plans["migrated"].clone()))
        }
        Some(3) => {
            support::nothing_checked(&what, &stderr);
            None
        }
        _ => panic!("the emulator driver failed:\n{}\n{stderr}", String::from_utf8_lossy(&output.stdout)),
    }
}

/// The plan destroys and replaces nothing; every moved block is a move in the plan; it creates
/// exactly what the report lists; its in-place updates change only arguments the report says
/// lambda-stack writes differently (or values AWS computes at apply). Prints the updates.
fn check_plan(fixture: &Fixture) {
    let Some((report, plan)) = plan_against_cdktf_state(fixture) else { return };
    let plan = plan.as_object().unwrap();
    let actions = |address: &str| -> Vec<String> {
        plan[address]["actions"].as_array().unwrap().iter().map(|a| a.as_str().unwrap().to_owned()).collect()
    };
    let destroyed: Vec<String> = plan
        .keys()
        .filter(|a| actions(a).contains(&"delete".to_owned()))
        .map(|a| format!("{a}: {:?}", actions(a)))
        .collect();
    assert_eq!(destroyed, Vec::<String>::new(), "{}: the plan destroys or replaces: {plan:#?}", fixture.name);
    for (from, to) in &report.moved {
        assert_eq!(plan[&to.to_string()]["previous"], from.to_string(), "{}: no move of {from}", fixture.name);
    }
    let created: BTreeSet<String> = plan.keys().filter(|a| actions(a) == ["create"]).cloned().collect();
    let reported: BTreeSet<String> = report.created.iter().map(|a| a.to_string()).collect();
    assert_eq!(created, reported, "{}: the plan creates what the report does not say", fixture.name);

    let mut listed = Vec::new();
    for (address, change) in plan.iter().filter(|(a, _)| actions(a) == ["update"]) {
        let predicted: BTreeSet<String> = report
            .updates
            .iter()
            .filter(|(a, _)| a.to_string() == *address)
            .flat_map(|(_, updates)| updates.iter().map(|u| u.argument.clone()))
            .collect();
        for (argument, values) in change["arguments"].as_object().unwrap() {
            let top = argument.split('.').next().unwrap();
            let computed = values[1] == "\"(known after apply)\"";
            assert!(
                predicted.contains(top) || computed,
                "{}: the plan updates `{address}`.`{argument}` ({values}), which the report does not list",
                fixture.name
            );
            let value = |i: usize| values[i].as_str().unwrap_or_default().to_owned();
            listed.push(format!("  ~ {address}: {argument}: {} -> {}", value(0), value(1)));
        }
    }
    let summary = format!(
        "{}: {} moved, {} created, {} updated in place, 0 destroyed:\n{}",
        fixture.name,
        report.moved.len(),
        created.len(),
        plan.keys().filter(|a| actions(a) == ["update"]).count(),
        listed.join("\n")
    );
    // Written to the handle, not with `eprintln!`, which the test harness captures.
    use std::io::Write as _;
    let _ = writeln!(std::io::stderr(), "{summary}");
}

#[test]
fn against_the_emulator_the_migrated_course_stack_replaces_nothing() {
    check_plan(&fixtures().remove(0));
}

#[test]
fn against_the_emulator_the_migrated_pipeline_replaces_nothing() {
    check_plan(&fixtures().remove(1));
}
