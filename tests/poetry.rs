//! Python dependencies locked by Poetry: `poetry.lock` exported by `poetry export --only main`
//! (Poetry and its export plugin installed from PyPI into the cache), then installed by pip for
//! the function's architecture, wheels checked against the lock's hashes; the same zip from a fresh
//! cache; `invoke` imports them; a lock older than its `pyproject.toml` is refused, as `poetry
//! install` refuses it.
//!
//! Downloads Poetry and msgpack's wheels from PyPI (cached under `target/`). The fixture's
//! `poetry.lock` was written by `poetry lock` (Poetry 2.5.1).

use std::fs;
use std::io::Read as _;
use std::path::{Path, PathBuf};

use lambda_stack::local::InvokeResult;
use lambda_stack::package::{BuildOptions, Cache, Installers, ProgressMode};
use lambda_stack::synth::synthesize_with;
use lambda_stack::{App, Arch, Function, Stack};
use serde_json::Value;

mod support;

fn code() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/poetry/functions/orders")
}

fn stack(code: &Path, arch: Arch) -> Stack {
    Stack::new("locked")
        .region("us-east-1")
        .function(Function::new("orders").runtime("python3.12").handler("app.handler").code(code).arch(arch))
}

fn options(cache: Cache) -> BuildOptions {
    BuildOptions { cache, progress: ProgressMode::Quiet, installers: Installers::default() }
}

fn names(zip: &[u8]) -> Vec<String> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(zip)).unwrap();
    (0..archive.len()).map(|i| archive.by_index(i).unwrap().name().unwrap().to_string()).collect()
}

fn entry(zip: &[u8], name: &str) -> Vec<u8> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(zip)).unwrap();
    let mut bytes = Vec::new();
    archive.by_name(name).unwrap().read_to_end(&mut bytes).unwrap();
    bytes
}

#[test]
fn a_poetry_lock_installs_its_wheels_for_each_architecture_the_same_every_time() {
    for (arch, wheel_tag) in [(Arch::X86_64, "x86_64"), (Arch::Arm64, "aarch64")] {
        let first =
            synthesize_with(&stack(&code(), arch), &options(support::cache())).unwrap_or_else(|e| panic!("{e}"));
        let fresh = tempfile::tempdir().unwrap();
        let second =
            synthesize_with(&stack(&code(), arch), &options(Cache::at(fresh.path()))).unwrap_or_else(|e| panic!("{e}"));
        let (zip, again) = (&first.assets[0].package.bytes, &second.assets[0].package.bytes);
        assert!(zip == again, "a fresh cache gave different bytes ({arch:?})");
        let names = names(zip);
        assert!(names.iter().any(|n| n.starts_with("msgpack/")), "{names:?}");
        assert!(names.contains(&"app.py".to_string()));
        let wheel = names.iter().find(|n| n.ends_with(".dist-info/WHEEL")).expect("msgpack's WHEEL");
        let tags = String::from_utf8(entry(zip, wheel)).unwrap();
        assert!(tags.contains(wheel_tag), "{arch:?}: {tags}");
    }
}

#[test]
fn invoke_imports_what_the_poetry_lock_installed() {
    let dir = tempfile::tempdir().unwrap();
    let event = dir.path().join("event.json");
    fs::write(&event, r#"{"id": 9}"#).unwrap();
    let app = App::new().stack(stack(&code(), Arch::X86_64)).build_options(support::options());
    let invocation = app.invoke("orders", None, Some(&event), &|_| {}).unwrap_or_else(|e| panic!("{e}"));
    let InvokeResult::Response(bytes) = &invocation.result else { panic!("{:?}", invocation.result) };
    let response: Value = serde_json::from_slice(bytes).unwrap();
    assert_eq!(response["body"]["unpacked"]["id"], 9, "{response}");
}

#[test]
fn a_lock_older_than_its_pyproject_is_refused_and_two_manifests_are_one_too_many() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["app.py", "pyproject.toml", "poetry.lock"] {
        fs::copy(code().join(name), dir.path().join(name)).unwrap();
    }
    let pyproject = fs::read_to_string(dir.path().join("pyproject.toml")).unwrap();
    fs::write(dir.path().join("pyproject.toml"), pyproject.replace("msgpack==1.1.0", "msgpack==1.0.8")).unwrap();
    let error = synthesize_with(&stack(dir.path(), Arch::X86_64), &options(support::cache())).unwrap_err().to_string();
    assert!(error.contains("poetry export of `poetry.lock` failed") && error.contains("poetry lock"), "{error}");

    fs::write(dir.path().join("pyproject.toml"), pyproject).unwrap();
    fs::write(dir.path().join("requirements.txt"), "msgpack==1.1.0\n").unwrap();
    let error = synthesize_with(&stack(dir.path(), Arch::X86_64), &options(support::cache())).unwrap_err().to_string();
    assert!(error.contains("both `requirements.txt` and `poetry.lock`"), "{error}");
}
