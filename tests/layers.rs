//! Layers: `layer NAME { code, runtimes, arch }` packaged under the folder its runtimes read in
//! `/opt` (with its dependencies, for each architecture), deterministic across syntheses; the 250
//! MB unzipped total of a function and its layers; `invoke` mounting the layers the way Lambda
//! does; and a stack with a layer validated by the real Terraform CLI and applied into the
//! emulator, whose Lambda reports the layer version ARN the function uses.
//!
//! The native-layer test installs msgpack's wheel from PyPI (cached under `target/`).

use std::fs;
use std::io::Read as _;
use std::path::{Path, PathBuf};

use lambda_stack::local::InvokeResult;
use lambda_stack::package::{BuildOptions, Cache, Installers, ProgressMode};
use lambda_stack::prelude::*;
use lambda_stack::synth::{synthesize_with, Synthesized};
use lambda_stack::{Arch, Function, Layer, Stack};
use serde_json::{json, Value};

mod support;

lambda_stack! {
    stack shelf {
        region: "us-east-1",

        layer common { code: "layers/common", runtimes: [python3.12, python3.13], arch: [x86_64, arm64], description: "shared helpers" }

        /// Greets with a module only its layer has.
        function greeter {
            runtime: python3.12,
            handler: "app.handler",
            code: "layers/app",
            layers: [common],
        }
    }
}

fn here(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests").join(path)
}

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

fn native_stack() -> Stack {
    Stack::new("native")
        .region("us-east-1")
        .layer(
            Layer::new("packing")
                .code(here("layers/native"))
                .runtimes(["python3.12"])
                .arch([Arch::X86_64, Arch::Arm64]),
        )
        .function(
            Function::new("api")
                .runtime("python3.12")
                .handler("app.handler")
                .code(here("layers/app"))
                .arch(Arch::Arm64)
                .layer("packing"),
        )
}

#[test]
fn a_layer_with_native_wheels_is_one_zip_per_architecture_under_python_and_deterministic() {
    let first = synth(&native_stack(), &options(support::cache()));
    let fresh = tempfile::tempdir().unwrap();
    let second = synth(&native_stack(), &options(Cache::at(fresh.path())));
    let versions: Vec<(&str, Vec<Arch>)> =
        first.layers.iter().map(|l| (l.resource.as_str(), l.architectures.clone())).collect();
    assert_eq!(versions, [("packing-x86_64", vec![Arch::X86_64]), ("packing-arm64", vec![Arch::Arm64])]);
    for (a, b) in first.layers.iter().zip(&second.layers) {
        assert!(a.asset.package.bytes == b.asset.package.bytes, "a fresh install gave different bytes");
    }
    let arm = &first.layers[1].asset.package.bytes;
    let files = entries(arm);
    let names: Vec<&str> = files.iter().map(|(name, _, _)| name.as_str()).collect();
    assert!(names.contains(&"python/packing.py") && names.contains(&"python/msgpack/__init__.py"), "{names:?}");
    assert!(names.iter().all(|n| n.starts_with("python/")), "{names:?}");
    let (name, _, elf) = files.iter().find(|(name, _, _)| name.ends_with(".so")).expect("msgpack's C extension");
    assert!(name.contains("aarch64"), "{name}");
    assert_eq!(u16::from_le_bytes([elf[18], elf[19]]), 183, "e_machine of `{name}` is AArch64");
    for (name, mode, _) in &files {
        assert!(mode & 0o777 == 0o644 || mode & 0o777 == 0o755, "{name}: {mode:o}");
    }

    let doc: Value = serde_json::from_str(&first.document.to_json()).unwrap();
    let versions = &doc["resource"]["aws_lambda_layer_version"];
    assert_eq!(versions["packing-arm64"]["compatible_architectures"], json!(["arm64"]));
    assert_eq!(versions["packing-x86_64"]["layer_name"], "native-packing");
    assert_eq!(
        doc["resource"]["aws_lambda_function"]["api"]["layers"],
        json!(["${aws_lambda_layer_version.packing-arm64.arn}"]),
        "the arm64 function takes the arm64 version"
    );
}

#[test]
fn a_layer_without_dependencies_is_one_version_for_every_architecture() {
    let synthesized = synth(&shelf(), &support::options());
    assert_eq!(synthesized.layers.len(), 1);
    let common = &synthesized.layers[0];
    assert_eq!((common.resource.as_str(), common.architectures.as_slice()), ("common", &Arch::ALL[..]));
    let names: Vec<String> = entries(&common.asset.package.bytes).into_iter().map(|(name, _, _)| name).collect();
    assert_eq!(names, ["python/shared_greeting.py"]);
    let doc: Value = serde_json::from_str(&synthesized.document.to_json()).unwrap();
    let version = &doc["resource"]["aws_lambda_layer_version"]["common"];
    assert_eq!(version["filename"], json!(common.asset.path));
    assert_eq!(version["source_code_hash"], json!(common.asset.package.sha256_base64));
    assert_eq!(version["compatible_runtimes"], json!(["python3.12", "python3.13"]));
    assert_eq!(version["description"], "shared helpers");
    assert!(synthesized.assets.iter().any(|a| a.path == common.asset.path), "the zip is written with the stack");
}

const HANDLER: &str = "def handler(event, context):\n    return 1\n";

#[test]
fn a_function_and_its_layers_over_250_mb_unzipped_fail_naming_each_size() {
    let dir = tempfile::tempdir().unwrap();
    let big = |name: &str, file: &str| {
        let code = dir.path().join(name);
        fs::create_dir_all(&code).unwrap();
        fs::write(code.join("app.py"), HANDLER).unwrap();
        // Sparse: 130 MB listed, nothing written.
        fs::File::create(code.join(file)).unwrap().set_len(130 * 1024 * 1024).unwrap();
        code
    };
    let stack = Stack::new("heavy")
        .region("us-east-1")
        .layer(Layer::new("weights").code(big("weights", "model.bin")).runtimes(["python3.12"]))
        .function(
            Function::new("infer")
                .runtime("python3.12")
                .handler("app.handler")
                .code(big("infer", "data.bin"))
                .layer("weights"),
        );
    let error = lambda_stack::testing::Template::synth(&stack).unwrap_err().to_string();
    let each = 130 * 1024 * 1024 + HANDLER.len() as u64;
    let total = 2 * each;
    assert!(
        error.contains(&format!(
            "function `infer` and its layers are {total} bytes unzipped, above Lambda's 262144000 bytes"
        )),
        "{error}"
    );
    assert!(error.contains(&format!("the function {each} bytes, layer `weights` {each} bytes")), "{error}");
}

#[test]
fn invoke_mounts_the_layers_at_opt_as_lambda_does() {
    let printed = std::sync::Mutex::new(Vec::new());
    let log = |line: &str| printed.lock().unwrap().push(line.to_owned());
    let dir = tempfile::tempdir().unwrap();
    let event = dir.path().join("event.json");
    fs::write(&event, r#"{"name": "layers"}"#).unwrap();
    let app = lambda_stack::App::new().stack(shelf()).build_options(support::options());
    let invocation = app.invoke("greeter", None, Some(&event), &log).unwrap_or_else(|e| panic!("{e}"));
    let InvokeResult::Response(body) = &invocation.result else {
        panic!("the function failed: {:?}\n{:#?}", invocation.result, printed.lock().unwrap());
    };
    let body: Value = serde_json::from_slice(body).unwrap();
    assert_eq!(body, json!({ "greeting": "bonjour layers" }));

    // Without the layer the module is not there: the layer is what provides it.
    let alone = Stack::new("alone")
        .region("us-east-1")
        .function(Function::new("greeter").runtime("python3.12").handler("app.handler").code(here("layers/app")));
    let app = lambda_stack::App::new().stack(alone).build_options(support::options());
    let invocation = app.invoke("greeter", None, Some(&event), &|_| {}).unwrap_or_else(|e| panic!("{e}"));
    let InvokeResult::FunctionError(error) = &invocation.result else { panic!("imported without its layer") };
    assert!(String::from_utf8_lossy(error).contains("shared_greeting"), "{}", String::from_utf8_lossy(error));
}

#[test]
fn a_stack_with_a_layer_validates_and_applies_with_the_layer_version_on_the_function() {
    let out = tempfile::tempdir().unwrap();
    lambda_stack::App::new().stack(shelf()).build_options(support::options()).synth(out.path()).unwrap();
    let dir = out.path().join("stacks/shelf");
    let doc: Value = serde_json::from_slice(&fs::read(dir.join("cdk.tf.json")).unwrap()).unwrap();
    let version = &doc["resource"]["aws_lambda_layer_version"]["common"];
    assert!(dir.join(version["filename"].as_str().unwrap()).is_file(), "the layer's zip is beside the JSON");
    assert_eq!(
        doc["resource"]["aws_lambda_function"]["greeter"]["layers"],
        json!(["${aws_lambda_layer_version.common.arn}"])
    );

    if support::shared_tool("tf-validate", &dir).is_none() {
        return;
    }
    let what = "a layer version in the emulator";
    let Some(report) = support::emulator_driver(what, "apply_side_by_side.py", &[dir.as_os_str()]) else { return };
    let applied = &report["shelf"];
    assert_eq!(applied["plan_exit_code"], 0, "{applied:#}");
    let versions = applied["layer_versions"].as_array().expect("the applied layer versions");
    assert_eq!(versions.len(), 1, "{applied:#}");
    let arn = versions[0].as_str().unwrap();
    assert!(arn.contains(":layer:shelf-common:"), "{arn}");
    assert_eq!(applied["functions"]["shelf-greeter"]["layers"], json!([arn]), "{applied:#}");
}

#[test]
fn a_node_layer_goes_under_nodejs_node_modules() {
    let dir = tempfile::tempdir().unwrap();
    let code = dir.path().join("strings");
    fs::create_dir_all(code.join("shout")).unwrap();
    fs::write(code.join("shout/index.js"), "exports.shout = (s) => s.toUpperCase();\n").unwrap();
    let function = dir.path().join("api");
    fs::create_dir_all(&function).unwrap();
    fs::write(function.join("index.mjs"), "export const handler = async () => 1;\n").unwrap();
    let stack = Stack::new("web")
        .region("us-east-1")
        .layer(Layer::new("strings").code(&code).runtimes(["nodejs22.x", "nodejs20.x"]))
        .function(Function::new("api").runtime("nodejs22.x").handler("index.handler").code(function).layer("strings"));
    let synthesized = synth(&stack, &support::options());
    let names: Vec<String> =
        entries(&synthesized.layers[0].asset.package.bytes).into_iter().map(|(name, _, _)| name).collect();
    assert_eq!(names, ["nodejs/node_modules/shout/index.js"]);
}
