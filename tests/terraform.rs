//! Every example's output through the real Terraform CLI and the real `hashicorp/aws` provider.
//!
//! Uses `../shared/tools/tf-validate` when the project sits beside `shared/` (it finds the
//! machine's offline provider mirror), else `terraform init -backend=false && terraform validate`
//! with the user's own Terraform configuration. When Terraform is missing the test says so loudly
//! and passes, except when `CI` is set: then it fails, because nothing was checked.

use std::path::{Path, PathBuf};
use std::process::Command;

use lambda_stack::{App, Stack};

mod support;

#[path = "../examples/hello/main.rs"]
#[allow(dead_code)]
mod hello;

#[path = "../examples/showcase/main.rs"]
#[allow(dead_code)]
mod showcase;

#[path = "../examples/pipeline/main.rs"]
#[allow(dead_code)]
mod pipeline;

#[path = "../examples/orders/main.rs"]
#[allow(dead_code)]
mod orders;

#[path = "../examples/dependencies/main.rs"]
#[allow(dead_code)]
mod dependencies;

/// Every example, by its folder name. A new example must be added here, which the test below
/// enforces.
fn examples() -> Vec<(&'static str, Vec<Stack>)> {
    vec![
        ("hello", vec![hello::hello()]),
        ("showcase", vec![showcase::showcase()]),
        ("pipeline", vec![pipeline::pipeline()]),
        ("orders", vec![orders::orders()]),
        ("dependencies", vec![dependencies::dependencies()]),
    ]
}

#[test]
fn every_example_is_validated() {
    let listed: Vec<&str> = examples().iter().map(|(name, _)| *name).collect();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    for entry in std::fs::read_dir(root).unwrap() {
        let entry = entry.unwrap();
        if entry.path().join("main.rs").is_file() {
            let name = entry.file_name().to_string_lossy().into_owned();
            assert!(listed.contains(&name.as_str()), "example `{name}` is missing from tests/terraform.rs");
        }
    }
}

fn nothing_checked(why: &str) {
    support::nothing_checked("terraform validate", why);
}

fn validate(stack_dir: &Path) -> Result<String, String> {
    let tool = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/tools/tf-validate");
    let output = if tool.is_file() {
        Command::new("bash").arg(&tool).arg(stack_dir).output()
    } else {
        let script = "terraform init -backend=false -input=false >/dev/null && terraform validate -no-color";
        Command::new("bash").arg("-c").arg(script).current_dir(stack_dir).output()
    }
    .map_err(|e| format!("could not run bash: {e}"))?;
    let text = format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
    match output.status.code() {
        Some(0) => Ok(text),
        Some(3) => Err(format!("SKIP {text}")),
        _ => Err(text),
    }
}

#[test]
fn terraform_validates_every_example() {
    if Command::new("terraform").arg("version").output().is_err() {
        return nothing_checked("no `terraform` on PATH");
    }
    for (name, stacks) in examples() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("cdktf.out");
        let mut app = App::new();
        let names: Vec<String> = stacks.iter().map(|s| s.name().to_owned()).collect();
        for stack in stacks {
            app = app.stack(stack);
        }
        match app.synth(&out) {
            Ok(_) => {}
            Err(lambda_stack::Error::Toolchain(why)) => {
                support::nothing_checked(&format!("terraform validate of example `{name}`"), &why);
                continue;
            }
            Err(e) => panic!("example `{name}` does not synthesize: {e}"),
        }
        for stack in names {
            let folder: PathBuf = out.join("stacks").join(&stack);
            match validate(&folder) {
                Ok(report) => assert!(report.contains("valid"), "{report}"),
                Err(report) if report.starts_with("SKIP") => return nothing_checked(&report),
                Err(report) => panic!("terraform rejects example `{name}`, stack `{stack}`:\n{report}"),
            }
        }
    }
}
