//! Dependencies and big packages against the real installers and the real Terraform:
//! `requirements.txt` through pip for another architecture, `package.json` through `npm ci`, the
//! caches (no installer runs on a hit), and packages over 50 MB through an S3 asset, put through
//! `tf-validate` and `aws-sandbox`.
//!
//! The pip and npm tests download small packages (msgpack's wheel, `ms`) from PyPI and npm; a
//! cache under `target/` keeps reruns fast. Terraform-based checks say loudly when Terraform is
//! missing, and fail when `CI` is set.

use std::fs;
use std::io::Read as _;
use std::path::{Path, PathBuf};

use lambda_stack::package::{BuildOptions, Cache, Installers, PackageError, ProgressMode};
use lambda_stack::synth::{synthesize_with, Synthesized};
use lambda_stack::{App, Arch, Bucket, Error, Function, Stack};

mod support;

#[path = "../examples/dependencies/main.rs"]
#[allow(dead_code)]
mod example;

use support::cache as shared_cache;

fn options(cache: Cache) -> BuildOptions {
    BuildOptions { cache, progress: ProgressMode::Quiet, installers: Installers::default() }
}

fn synth(stack: &Stack, options: &BuildOptions) -> Synthesized {
    synthesize_with(stack, options).unwrap_or_else(|e| panic!("{e}"))
}

/// Every entry of a zip: name, Unix mode and contents.
fn entries(zip: &[u8]) -> Vec<(String, u32, Vec<u8>)> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(zip)).unwrap();
    (0..archive.len())
        .map(|i| {
            let mut file = archive.by_index(i).unwrap();
            let mut bytes = Vec::new();
            file.read_to_end(&mut bytes).unwrap();
            (String::from_utf8_lossy(file.name_raw()).into_owned(), file.unix_mode().unwrap_or(0), bytes)
        })
        .collect()
}

fn package_of<'a>(synthesized: &'a Synthesized, function: &str) -> &'a [u8] {
    &synthesized.assets.iter().find(|a| a.function == function).unwrap().package.bytes
}

#[test]
fn an_arm64_function_gets_aarch64_wheels_and_identical_zips() {
    let stack = example::dependencies();
    let first = synth(&stack, &options(shared_cache()));
    // A fresh cache: pip installs again from scratch, and the zip must not change by one byte.
    let fresh = tempfile::tempdir().unwrap();
    let second = synth(&stack, &options(Cache::at(fresh.path())));
    assert!(package_of(&first, "pack") == package_of(&second, "pack"), "a fresh install gave different bytes");
    assert!(package_of(&first, "format") == package_of(&second, "format"));

    let files = entries(package_of(&first, "pack"));
    let names: Vec<&str> = files.iter().map(|(name, _, _)| name.as_str()).collect();
    assert!(names.contains(&"app.py") && names.contains(&"msgpack/__init__.py"), "{names:?}");
    assert!(!names.iter().any(|n| n.starts_with("bin/") || n.contains("__pycache__")), "{names:?}");
    let (name, mode, elf) = files.iter().find(|(name, _, _)| name.ends_with(".so")).expect("msgpack's C extension");
    assert!(name.contains("cpython-312-aarch64-linux-gnu"), "{name}");
    assert_eq!(&elf[..4], b"\x7fELF");
    assert_eq!(u16::from_le_bytes([elf[18], elf[19]]), 183, "e_machine of `{name}` is AArch64");
    assert_eq!(mode & 0o777, 0o755);
    let record = files.iter().find(|(name, _, _)| name.ends_with("dist-info/RECORD")).unwrap();
    assert!(!String::from_utf8_lossy(&record.2).contains("../"), "RECORD names no file outside the package");

    let node = entries(package_of(&first, "format"));
    let names: Vec<&str> = node.iter().map(|(name, _, _)| name.as_str()).collect();
    assert!(names.contains(&"node_modules/ms/index.js"), "{names:?}");
    assert!(!names.iter().any(|n| n.contains("is-number")), "dev dependencies are omitted: {names:?}");
}

#[test]
fn a_cache_hit_runs_no_installer() {
    let stack = example::dependencies();
    let warm = synth(&stack, &options(shared_cache()));
    // Installers that cannot run, and pip and npm pointed at nothing: a hit must not need them.
    let unreachable = BuildOptions {
        installers: Installers { python: Some("/nonexistent/python3".into()), npm: Some("/nonexistent/npm".into()) },
        ..options(shared_cache())
    };
    let cached = synth(&stack, &unreachable);
    assert!(package_of(&warm, "pack") == package_of(&cached, "pack"));
    assert!(package_of(&warm, "format") == package_of(&cached, "format"));

    // The same installers on an empty cache do fail, so the hit above is what saved them.
    let empty = tempfile::tempdir().unwrap();
    let error = synthesize_with(&stack, &BuildOptions { cache: Cache::at(empty.path()), ..unreachable }).unwrap_err();
    let message = error.to_string();
    assert!(message.contains("cannot run `/nonexistent/"), "{message}");
}

fn python_function(dir: &Path, requirements: &str, arch: Arch) -> Stack {
    let code = dir.join("code");
    fs::create_dir_all(&code).unwrap();
    fs::write(code.join("app.py"), "def handler(event, context):\n    return 1\n").unwrap();
    fs::write(code.join("requirements.txt"), requirements).unwrap();
    Stack::new("deps")
        .region("eu-west-3")
        .function(Function::new("f").runtime("python3.12").handler("app.handler").code(code).arch(arch))
}

#[test]
fn a_requirement_without_a_wheel_is_named() {
    let dir = tempfile::tempdir().unwrap();
    // pycrypto only ever published a source distribution.
    let stack = python_function(dir.path(), "pycrypto==2.6.1\n", Arch::Arm64);
    let error = synthesize_with(&stack, &options(shared_cache())).unwrap_err();
    let Error::Package { source, .. } = &error else { panic!("{error}") };
    assert!(matches!(**source, PackageError::NoWheel { .. }), "{error}");
    let message = error.to_string();
    assert!(
        message.starts_with("stack `deps`: function `f`: no wheel of `pycrypto==2.6.1` for python3.12 on arm64 (manylinux2014_aarch64, manylinux_2_34_aarch64)"),
        "{message}"
    );
}

#[test]
fn vendored_files_that_clash_with_installed_ones_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let stack = python_function(dir.path(), "msgpack==1.1.0\n", Arch::Arm64);
    fs::create_dir_all(dir.path().join("code/msgpack")).unwrap();
    fs::write(dir.path().join("code/msgpack/__init__.py"), "").unwrap();
    let message = synthesize_with(&stack, &options(shared_cache())).unwrap_err().to_string();
    assert!(message.ends_with("`msgpack/__init__.py` is both a file of the code folder and one that pip installs from `requirements.txt`; remove one of them"), "{message}");
}

#[test]
fn a_package_json_with_dependencies_needs_a_lockfile() {
    let dir = tempfile::tempdir().unwrap();
    let code = dir.path().join("code");
    fs::create_dir_all(&code).unwrap();
    fs::write(code.join("index.mjs"), "export const handler = async () => 1;\n").unwrap();
    fs::write(code.join("package.json"), r#"{"dependencies": {"ms": "2.1.3"}}"#).unwrap();
    let stack = Stack::new("deps")
        .region("eu-west-3")
        .function(Function::new("f").runtime("nodejs22.x").handler("index.handler").code(&code));
    let message = synthesize_with(&stack, &options(shared_cache())).unwrap_err().to_string();
    assert!(message.contains("`package.json` has dependencies but there is no `package-lock.json`"), "{message}");
    // Without dependencies there is nothing to install: `"type": "module"` alone is fine.
    fs::write(code.join("package.json"), r#"{"type": "module"}"#).unwrap();
    synth(&stack, &options(shared_cache()));
}

// ---------------------------------------------------------------------------------------------
// Packages over 50 MB: through the stack's `assets` bucket.

/// A stack whose one function carries `megabytes` of incompressible data.
fn big_stack(dir: &Path, megabytes: usize, assets: bool) -> Stack {
    let code = dir.join("big");
    fs::create_dir_all(&code).unwrap();
    fs::write(code.join("app.py"), "def handler(event, context):\n    return 1\n").unwrap();
    let mut state = 0x9e37_79b9_7f4a_7c15u64;
    let noise: Vec<u8> = (0..megabytes * 1024 * 128)
        .flat_map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state.to_le_bytes()
        })
        .collect();
    fs::write(code.join("model.bin"), noise).unwrap();
    let stack = Stack::new("big")
        .region("us-east-1")
        .bucket(Bucket::new("artifacts"))
        .function(Function::new("model").runtime("python3.12").handler("app.handler").code(code).memory(512));
    if assets {
        stack.assets("artifacts")
    } else {
        stack
    }
}

#[test]
fn a_package_over_50_mb_needs_an_assets_bucket() {
    let dir = tempfile::tempdir().unwrap();
    let error = synthesize_with(&big_stack(dir.path(), 51, false), &options(shared_cache())).unwrap_err().to_string();
    assert!(error.starts_with("stack `big`: function `model`: the package is 51.0 MB zipped ("), "{error}");
    assert!(
        error.ends_with("declare `assets: BUCKET` on the stack, naming one of its buckets, to upload it through S3"),
        "{error}"
    );

    let stack = Stack::new("big").region("us-east-1").queue(lambda_stack::Queue::new("jobs")).assets("jobs");
    let problems = stack.check().problems;
    assert_eq!(
        problems[0].message,
        "`assets` names the bucket that packages over 50 MB are uploaded to, but `jobs` is a queue; declare a `bucket` and name it here"
    );
}

/// `../shared/tools/NAME DIR`, or why it could not run.
#[test]
fn a_package_over_50_mb_goes_through_s3_and_deploys() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("cdktf.out");
    let stack = big_stack(dir.path(), 51, true);
    let synthesized = App::new().stack(stack).build_options(options(shared_cache())).synth(&out).unwrap();
    let asset = &synthesized[0].assets[0];
    assert!(asset.package.bytes.len() as u64 > 50 * 1024 * 1024);
    assert_eq!(asset.s3_bucket.as_deref(), Some("artifacts"));

    let folder: PathBuf = out.join("stacks/big");
    let doc: serde_json::Value = serde_json::from_slice(&fs::read(folder.join("cdk.tf.json")).unwrap()).unwrap();
    let function = &doc["resource"]["aws_lambda_function"]["model"];
    assert!(function.get("filename").is_none(), "{function}");
    assert_eq!(function["s3_bucket"], "${aws_s3_object.model.bucket}");
    assert_eq!(function["s3_key"], "${aws_s3_object.model.key}");
    assert_eq!(function["source_code_hash"], asset.package.sha256_base64.as_str());
    let object = &doc["resource"]["aws_s3_object"]["model"];
    assert_eq!(object["bucket"], "${aws_s3_bucket.artifacts.bucket}");
    assert_eq!(object["key"], format!("lambda-stack/big/model/{}.zip", asset.package.sha256_hex).as_str());
    assert_eq!(object["source"], asset.path.as_str());
    assert_eq!(object["source_hash"], asset.package.sha256_base64.as_str());
    assert_eq!(fs::read(folder.join(&asset.path)).unwrap().len(), asset.package.bytes.len());

    let Some(report) = support::shared_tool("tf-validate", &folder) else { return };
    assert!(report.contains("tf-validate: ok"), "{report}");
    let Some(report) = support::shared_tool("aws-sandbox", &folder) else { return };
    assert!(report.contains("aws-sandbox: ok"), "{report}");
}
