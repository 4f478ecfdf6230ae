//! What the integration tests share.

#![allow(dead_code)]

use std::path::Path;

use lambda_stack::package::{BuildOptions, Cache, ProgressMode};

/// A cache kept across test runs under `target/`: dependencies and the runtime client are
/// downloaded once per checkout, not once per run.
pub fn cache() -> Cache {
    Cache::at(Path::new(env!("CARGO_TARGET_TMPDIR")).join("lambda-stack-cache"))
}

/// Build options with [`cache`], the environment's installers, and no progress output.
pub fn options() -> BuildOptions {
    BuildOptions { cache: cache(), progress: ProgressMode::Quiet, ..BuildOptions::from_env() }
}

/// A real oracle or tool could not run on this machine (no Terraform, no cross linker): a loud
/// line when run by hand, and a failure in CI (`CI` set), where the project's scripts install
/// everything and nothing may go unchecked.
pub fn nothing_checked(what: &str, why: &str) {
    if std::env::var_os("CI").is_some() {
        panic!("{what} could not run in CI: {why}");
    }
    // Written to the handle, not with `eprintln!`, which the test harness captures and hides.
    use std::io::Write as _;
    let _ = writeln!(std::io::stderr(), "\n*** SKIPPED: {what} did not run: {why} ***\n");
}

/// Holds the machine's one turn at Terraform until dropped: `terraform init` of two tests at
/// once races on the shared tools' plugin cache ("failed to create directory … file exists"),
/// whether the tests are threads of one binary or processes of a parallel runner.
pub fn terraform_turn() -> std::fs::File {
    let path = Path::new(env!("CARGO_TARGET_TMPDIR")).join("terraform-turn.lock");
    let file = std::fs::OpenOptions::new().create(true).truncate(false).write(true).open(&path).unwrap();
    file.lock().unwrap_or_else(|e| panic!("could not lock {}: {e}", path.display()));
    file
}

/// Runs `../shared/tools/NAME DIR` (`tf-validate`, `aws-sandbox`) in its turn at Terraform and
/// returns its report when it passed; `None`, loudly, when the tool or Terraform is missing here
/// ([`nothing_checked`], a failure in CI); panics with the report when the tool fails.
pub fn shared_tool(name: &str, dir: &Path) -> Option<String> {
    let tool = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/tools").join(name);
    if !tool.is_file() || std::process::Command::new("terraform").arg("version").output().is_err() {
        nothing_checked(name, "no `../shared/tools` or no `terraform` on PATH");
        return None;
    }
    let _turn = terraform_turn();
    let output = std::process::Command::new("bash").arg(&tool).arg(dir).output().expect("bash runs the shared tools");
    let text = format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
    match output.status.code() {
        Some(0) => Some(text),
        Some(3) => {
            nothing_checked(name, &text);
            None
        }
        _ => panic!("{name} fails on {}:\n{text}", dir.display()),
    }
}

/// Runs `script` (a Python driver under `tests/support/`) with `args` against the shared tools'
/// AWS emulator, through `emulator_python.sh`, and returns the JSON it prints; `None`, loudly, when
/// Terraform or the emulator cannot run here ([`nothing_checked`], a failure in CI).
pub fn emulator_driver(what: &str, script: &str, args: &[&std::ffi::OsStr]) -> Option<serde_json::Value> {
    if std::process::Command::new("terraform").arg("version").output().is_err() {
        nothing_checked(what, "no `terraform` on PATH");
        return None;
    }
    let wrapper = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/support/emulator_python.sh");
    let _turn = terraform_turn();
    let output = std::process::Command::new("bash")
        .arg(wrapper)
        .arg(script)
        .args(args)
        .output()
        .expect("bash runs the emulator driver");
    let stderr = String::from_utf8_lossy(&output.stderr);
    match output.status.code() {
        Some(0) => Some(serde_json::from_slice(&output.stdout).expect("the driver prints JSON")),
        Some(3) => {
            nothing_checked(what, &stderr);
            None
        }
        _ => panic!("{what}: the emulator driver failed:\n{}\n{stderr}", String::from_utf8_lossy(&output.stdout)),
    }
}
