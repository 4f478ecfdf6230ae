//! Synthesis end to end: hello's Terraform JSON against its golden snapshot, determinism across
//! output folders and code locations, and atomic replacement of the output.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use lambda_stack::{App, Function, Stack, Trigger};

#[path = "../examples/hello/main.rs"]
#[allow(dead_code)]
mod hello_example;

#[path = "../examples/showcase/main.rs"]
#[allow(dead_code)]
mod showcase_example;

#[path = "../examples/pipeline/main.rs"]
#[allow(dead_code)]
mod pipeline_example;

/// Every file under `root`, by relative path, with its bytes.
fn tree(root: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        for entry in fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(root, &path, out);
            } else {
                let relative = path.strip_prefix(root).unwrap().to_string_lossy().replace('\\', "/");
                out.insert(relative, fs::read(&path).unwrap());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(root, root, &mut out);
    out
}

fn synth_hello(out: &Path) {
    App::new().stack(hello_example::hello()).synth(out).expect("hello synthesizes");
}

#[test]
fn hello_matches_its_golden_terraform() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("cdktf.out");
    synth_hello(&out);
    let json = fs::read_to_string(out.join("stacks/hello/cdk.tf.json")).unwrap();
    insta::assert_snapshot!("hello.cdk.tf.json", json);
}

/// The Terraform JSON of a stack, synthesized into a temporary folder.
fn synth_json(stack: Stack) -> String {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("cdktf.out");
    let name = stack.name().to_owned();
    App::new().stack(stack).synth(&out).expect("the example synthesizes");
    fs::read_to_string(out.join(format!("stacks/{name}/cdk.tf.json"))).unwrap()
}

#[test]
fn showcase_matches_its_golden_terraform() {
    insta::assert_snapshot!("showcase.cdk.tf.json", synth_json(showcase_example::showcase()));
}

#[test]
fn pipeline_matches_its_golden_terraform() {
    insta::assert_snapshot!("pipeline.cdk.tf.json", synth_json(pipeline_example::pipeline()));
}

#[test]
fn hello_layout_hash_and_manifest() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("cdktf.out");
    synth_hello(&out);
    let doc: serde_json::Value =
        serde_json::from_slice(&fs::read(out.join("stacks/hello/cdk.tf.json")).unwrap()).unwrap();
    let function = &doc["resource"]["aws_lambda_function"]["hello"];
    let filename = function["filename"].as_str().unwrap();
    assert!(filename.starts_with("assets/hello/") && filename.ends_with(".zip"), "{filename}");
    let zip = fs::read(out.join("stacks/hello").join(filename)).unwrap();
    // The hash is a literal: base64 of the SHA-256 of the bytes written (Terraform's filebase64sha256).
    let digest = sha256(&zip);
    assert_eq!(function["source_code_hash"].as_str().unwrap(), base64(&digest));
    assert!(filename.contains(&hex(&digest)));
    let manifest: serde_json::Value = serde_json::from_slice(&fs::read(out.join("manifest.json")).unwrap()).unwrap();
    assert_eq!(manifest["stacks"]["hello"]["synthesizedStackPath"], "stacks/hello/cdk.tf.json");
    assert!(manifest["version"].as_str().unwrap().starts_with("lambda-stack "));
    // Relocatable: no absolute path anywhere in the output.
    for (path, bytes) in tree(&out) {
        if path.ends_with(".json") {
            let text = String::from_utf8(bytes).unwrap();
            assert!(!text.contains(env!("CARGO_MANIFEST_DIR")), "{path} holds an absolute path");
            assert!(!text.contains(&*dir.path().to_string_lossy()), "{path} holds an absolute path");
        }
    }
}

#[test]
fn two_synths_into_two_folders_are_byte_identical() {
    let first = tempfile::tempdir().unwrap();
    let second = tempfile::tempdir().unwrap();
    synth_hello(&first.path().join("out"));
    synth_hello(&second.path().join("deeper/out"));
    assert_eq!(tree(&first.path().join("out")), tree(&second.path().join("deeper/out")));
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        let target = to.join(path.file_name().unwrap());
        if path.is_dir() {
            copy_dir(&path, &target);
        } else {
            fs::copy(&path, &target).unwrap();
        }
    }
}

fn stack_with_code(code: &Path) -> Stack {
    Stack::new("moved").region("eu-west-3").function(
        Function::new("hello")
            .runtime("python3.12")
            .handler("lambda_handler.handler")
            .code(code)
            .trigger(Trigger::http("GET", "/hello")),
    )
}

#[test]
fn the_same_code_in_two_places_gives_the_same_output() {
    let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/hello/functions/hello");
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let code_a = a.path().join("x/functions/hello");
    let code_b = b.path().join("somewhere/else/entirely/hello");
    copy_dir(&source, &code_a);
    copy_dir(&source, &code_b);
    // Different modification times must not matter either.
    std::thread::sleep(std::time::Duration::from_millis(20));
    fs::write(code_b.join("lambda_handler.py"), fs::read(source.join("lambda_handler.py")).unwrap()).unwrap();
    App::new().stack(stack_with_code(&code_a)).synth(&a.path().join("out")).unwrap();
    App::new().stack(stack_with_code(&code_b)).synth(&b.path().join("out")).unwrap();
    let (tree_a, tree_b) = (tree(&a.path().join("out")), tree(&b.path().join("out")));
    assert!(!tree_a.is_empty());
    assert_eq!(tree_a, tree_b);
}

#[test]
fn a_failed_synth_leaves_the_previous_output_intact() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("cdktf.out");
    synth_hello(&out);
    let before = tree(&out);

    // A code directory with a link out of it: packaging fails after the checks pass.
    let code = dir.path().join("code");
    copy_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/hello/functions/hello"), &code);
    fs::write(dir.path().join("secret.txt"), "do not ship").unwrap();
    std::os::unix::fs::symlink(dir.path().join("secret.txt"), code.join("leak.txt")).unwrap();
    let error = App::new().stack(stack_with_code(&code)).synth(&out).unwrap_err();
    assert!(error.to_string().contains("leak.txt"), "{error}");
    assert_eq!(tree(&out), before, "the failed synth changed the output");

    // An invalid stack fails before anything is written.
    let invalid = Stack::new("hello").region("eu-west-3").function(Function::new("f").memory(64));
    assert!(App::new().stack(invalid).synth(&out).is_err());
    assert_eq!(tree(&out), before);
    let leftovers: Vec<PathBuf> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.file_name().unwrap().to_string_lossy().starts_with('.'))
        .collect();
    assert!(leftovers.is_empty(), "staging folders left behind: {leftovers:?}");
}

#[test]
fn terraform_working_files_survive_a_new_synth() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("cdktf.out");
    synth_hello(&out);
    let stack = out.join("stacks/hello");
    fs::create_dir_all(stack.join(".terraform/providers")).unwrap();
    fs::write(stack.join(".terraform.lock.hcl"), "# lock").unwrap();
    synth_hello(&out);
    assert!(stack.join(".terraform/providers").is_dir());
    assert_eq!(fs::read_to_string(stack.join(".terraform.lock.hcl")).unwrap(), "# lock");
}

#[test]
fn a_folder_lambda_stack_did_not_write_is_never_replaced() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("precious.txt"), "mine").unwrap();
    let error = App::new().stack(hello_example::hello()).synth(dir.path()).unwrap_err();
    assert!(error.to_string().contains("refusing to replace"), "{error}");
    assert_eq!(fs::read_to_string(dir.path().join("precious.txt")).unwrap(), "mine");
}

#[test]
fn builders_recheck_the_rules_the_macro_checks() {
    let code = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/hello/functions/hello");
    let stack = Stack::new("hand").region("eu-west-9").function(
        Function::new("f")
            .runtime("python3.12")
            .handler("lambda_handler.handlr")
            .code(&code)
            .memory(64)
            .timeout(901)
            .env("AWS_REGION", "x")
            .trigger(Trigger::http("GTE", "/x")),
    );
    let problems: Vec<String> = stack.check().problems.iter().map(ToString::to_string).collect();
    let all = problems.join("\n");
    for expected in ["eu-west-9", "memory", "timeout", "AWS_REGION", "handlr", "GTE"] {
        assert!(all.contains(expected), "no problem mentions `{expected}`:\n{all}");
    }
}

fn sha256(bytes: &[u8]) -> Vec<u8> {
    use sha2::Digest;
    sha2::Sha256::digest(bytes).to_vec()
}

fn base64(bytes: &[u8]) -> String {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[test]
fn an_unchanged_zip_is_reused_not_rewritten() {
    use std::os::unix::fs::MetadataExt;
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("cdktf.out");
    synth_hello(&out);
    let zip = |out: &Path| {
        let assets = out.join("stacks/hello/assets/hello");
        fs::read_dir(assets).unwrap().next().unwrap().unwrap().path()
    };
    let first = fs::metadata(zip(&out)).unwrap().ino();
    synth_hello(&out);
    assert_eq!(fs::metadata(zip(&out)).unwrap().ino(), first, "the zip was written again");
}
