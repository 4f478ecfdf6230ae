//! `build: go`: a Go module built by `go build` into the `bootstrap` of a `provided.al2023`
//! function, for each architecture; the same bytes on every synth; run by `invoke` as Lambda runs
//! it (the arm64 one under qemu when the machine has it); validated by the real Terraform CLI and
//! applied into the emulator, which checks the code hash.
//!
//! Needs Go (`apt-get install golang-go`, which `.ci/run` does through `scripts/install-go.sh`).

use std::fs;
use std::io::Read as _;
use std::path::{Path, PathBuf};

use lambda_stack::local::InvokeResult;
use lambda_stack::prelude::*;
use lambda_stack::{Arch, Build, Function, Stack};
use serde_json::Value;

mod support;

lambda_stack! {
    stack gopher {
        region: "us-east-1",

        /// A Go program speaking Lambda's runtime API.
        function api {
            runtime: provided.al2023,
            handler: "bootstrap",
            code: "go/functions/api",
            build: go,
            memory: 128,
        }
    }
}

fn here(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests").join(path)
}

/// Whether `go` runs; says loudly (and fails in CI) when it does not.
fn go_available() -> bool {
    let go = std::env::var_os("LAMBDA_STACK_GO").unwrap_or_else(|| "go".into());
    match std::process::Command::new(&go).arg("version").output() {
        Ok(output) if output.status.success() => true,
        _ => {
            support::nothing_checked("building Go functions", "no `go` on PATH (apt-get install golang-go)");
            false
        }
    }
}

/// The one entry of a function's zip: its name, Unix mode and bytes.
fn only_entry(zip: &[u8]) -> (String, u32, Vec<u8>) {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(zip)).unwrap();
    assert_eq!(archive.len(), 1, "a Go function's package is its bootstrap alone");
    let mut file = archive.by_index(0).unwrap();
    let mut bytes = Vec::new();
    file.read_to_end(&mut bytes).unwrap();
    (String::from_utf8_lossy(file.name_raw()).into_owned(), file.unix_mode().unwrap_or(0), bytes)
}

fn synth_zip(stack: Stack, out: &Path) -> (Value, Vec<u8>) {
    lambda_stack::App::new()
        .stack(stack)
        .build_options(support::options())
        .synth(out)
        .unwrap_or_else(|e| panic!("{e}"));
    let dir = out.join("stacks/gopher");
    let doc: Value = serde_json::from_slice(&fs::read(dir.join("cdk.tf.json")).unwrap()).unwrap();
    let filename = doc["resource"]["aws_lambda_function"]["api"]["filename"].as_str().unwrap().to_owned();
    (doc, fs::read(dir.join(filename)).unwrap())
}

#[test]
fn the_bootstrap_is_built_for_each_architecture_with_the_same_bytes_every_time() {
    if !go_available() {
        return;
    }
    for (arch, machine) in [(Arch::X86_64, 62u16), (Arch::Arm64, 183)] {
        let stack = || {
            Stack::new("gopher").region("us-east-1").function(
                Function::new("api")
                    .runtime("provided.al2023")
                    .handler("bootstrap")
                    .code(here("go/functions/api"))
                    .build(Build::Go)
                    .arch(arch),
            )
        };
        let (first, second) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
        let (doc, zip) = synth_zip(stack(), first.path());
        let (doc_again, zip_again) = synth_zip(stack(), second.path());
        assert_eq!(zip, zip_again, "two synths zip the same bytes ({arch:?})");
        assert_eq!(doc, doc_again);
        let (name, mode, bootstrap) = only_entry(&zip);
        assert_eq!((name.as_str(), mode & 0o777), ("bootstrap", 0o755));
        assert_eq!(&bootstrap[..4], b"\x7fELF");
        assert_eq!(u16::from_le_bytes([bootstrap[18], bootstrap[19]]), machine, "{arch:?}");
        let text = String::from_utf8_lossy(&bootstrap);
        assert!(!text.contains(env!("CARGO_MANIFEST_DIR")), "-trimpath keeps the build machine's paths out");
    }
}

#[test]
fn invoke_runs_the_go_bootstrap_against_the_runtime_api() {
    if !go_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let event = dir.path().join("event.json");
    fs::write(&event, r#"{"name": "gopher"}"#).unwrap();
    let app = lambda_stack::App::new().stack(gopher()).build_options(support::options());
    let invocation = app.invoke("api", None, Some(&event), &|_| {}).unwrap_or_else(|e| panic!("{e}"));
    let InvokeResult::Response(bytes) = &invocation.result else { panic!("{:?}", invocation.result) };
    let response: Value = serde_json::from_slice(bytes).unwrap();
    assert_eq!(response["statusCode"], 200);
    assert_eq!(response["body"], "hello from go, gopher");
}

#[test]
fn a_go_function_validates_and_applies_with_its_code_hash() {
    if !go_available() {
        return;
    }
    let out = tempfile::tempdir().unwrap();
    let (doc, _) = synth_zip(gopher(), out.path());
    assert_eq!(doc["resource"]["aws_lambda_function"]["api"]["runtime"], "provided.al2023");
    let dir = out.path().join("stacks/gopher");
    if support::shared_tool("tf-validate", &dir).is_none() {
        return;
    }
    let Some(report) = support::shared_tool("aws-sandbox", &dir) else { return };
    assert!(report.contains("aws-sandbox: ok"), "{report}");
}
