//! `validate` on the hello example: a synth, then the real `terraform init -backend=false` and
//! `terraform validate` in the stack folder, with the machine's provider mirror (`TF_MIRROR`, found
//! the way `../shared/tools` find it). Loud when Terraform is missing; a failure in CI.

use std::path::Path;
use std::process::Command;

use lambda_stack::App;

mod support;

#[path = "../examples/hello/main.rs"]
#[allow(dead_code)]
mod hello;

fn nothing_checked(why: &str) {
    support::nothing_checked("`validate` (terraform)", why);
}

#[test]
fn validate_passes_on_hello() {
    if Command::new("terraform").arg("version").output().is_err() {
        return nothing_checked("no `terraform` on PATH");
    }
    // This machine's providers come from an offline mirror no Terraform configuration names; the
    // shared tools' helper finds it, and `validate` is told through TF_MIRROR, as a user would.
    let helper = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/tools/lib/terraform-env.sh");
    if std::env::var_os("TF_MIRROR").is_none() && helper.is_file() {
        let script = format!(". {} && tf_find_mirror", helper.display());
        let found = Command::new("bash").args(["-c", &script]).output().unwrap();
        let mirror = String::from_utf8_lossy(&found.stdout).trim().to_owned();
        if !mirror.is_empty() {
            // The only test of this binary: no other thread reads the environment.
            std::env::set_var("TF_MIRROR", mirror);
        }
    }
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("cdktf.out");
    let app = App::new().stack(hello::hello()).build_options(support::options());
    let _turn = support::terraform_turn();
    let validations = app.validate(&out).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(validations.len(), 1);
    let report = &validations[0].report;
    if report.contains("Failed to query available provider packages") || report.contains("could not connect") {
        return nothing_checked(&format!("terraform found no provider (set TF_MIRROR or a CLI config):\n{report}"));
    }
    assert!(validations[0].valid, "{report}");
    assert!(report.contains("The configuration is valid."), "{report}");
    assert!(out.join("stacks/hello/.terraform.lock.hcl").is_file(), "init ran in the stack folder");
}
